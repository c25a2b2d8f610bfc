#include "kiosk/admin/desk_cert.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/atomic_file.hpp"
#include "common/centre_settings.hpp"
#include "common/exit_codes.hpp"
#include "kiosk/admin/certificate_authority.hpp"

namespace shubbak::admin {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: shubbak-admin --config DIR desk-cert [--host NAME] [--ip ADDR]... [--renew]\n";
constexpr const char* kServiceUser = "shubbak";  // shubbak-desk.service's User=: it must read server.key

struct Request {
  std::string host;
  std::vector<IpAddress> ips;
  bool renew = false;
};

struct Paths {
  std::string dir, ca_key, ca_pem, server_key, server_pem;
  explicit Paths(const std::string& config_dir)
      : dir(config_dir + "/desk"), ca_key(dir + "/ca.key"), ca_pem(dir + "/ca.pem"), server_key(dir + "/server.key"),
        server_pem(dir + "/server.pem") {}
};

int refuse(int code, const std::string& words) {
  std::fprintf(stderr, "shubbak-admin desk-cert: %s\n", words.c_str());
  return code;
}

// "" when the arguments read; otherwise what is wrong with them.
std::string parse_args(const std::vector<std::string>& args, Request& r) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--renew") {
      r.renew = true;
    } else if ((a == "--host" || a == "--ip") && i + 1 >= args.size()) {
      return a + " needs a value";
    } else if (a == "--host") {
      r.host = args[++i];
      if (!valid_host_name(r.host))
        return "--host " + r.host + " is not a host name (letters, digits, hyphens and dots, like accueil-pc)";
    } else if (a == "--ip") {
      IpAddress ip = IpAddress::parse(args[++i]);
      if (ip.text.empty())
        return "--ip " + args[i] + " is not an IP address (write it like 192.168.1.20; one address per --ip)";
      r.ips.push_back(ip);
    } else {
      return "unknown argument '" + a + "'";
    }
  }
  return "";
}

// This machine's IPv4 addresses on the network (up, not loopback).
std::vector<IpAddress> local_ipv4() {
  std::vector<IpAddress> out;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return out;
  for (ifaddrs* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP))
      continue;
    char text[INET_ADDRSTRLEN] = "";
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(i->ifa_addr)->sin_addr, text, sizeof text);
    out.push_back(IpAddress::parse(text));
  }
  freeifaddrs(list);
  return out;
}

// The names the server certificate carries: the host and addresses asked for (default: this machine's), and
// localhost with 127.0.0.1 for the kiosk PC's own counter screen (shubbak-counter-screen.service).
std::string server_names(const Request& r, ServerNames& n) {
  std::string host = r.host;
  if (host.empty()) {
    char buf[256] = "";
    if (gethostname(buf, sizeof buf - 1) == 0) host = buf;
    if (!valid_host_name(host))
      return "this PC's host name '" + host + "' cannot go in a certificate: give one with --host NAME";
  }
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  n.dns = {host};
  if (host != "localhost") n.dns.push_back("localhost");
  n.ips = r.ips.empty() ? local_ipv4() : r.ips;
  n.ips.push_back(IpAddress::parse("127.0.0.1"));
  std::vector<IpAddress> unique;
  for (const auto& ip : n.ips)
    if (std::none_of(unique.begin(), unique.end(), [&](const IpAddress& u) { return u.text == ip.text; }))
      unique.push_back(ip);
  n.ips = unique;
  return "";
}

std::string names_text(const ServerNames& n) {
  std::string s;
  for (const auto& d : n.dns) s += (s.empty() ? "" : ", ") + d;
  for (const auto& ip : n.ips) s += ", " + ip.text;
  return s;
}

// The desk/ folder, made if missing (0750; as root, given the config folder's group so that the service can reach
// server.key). "" when it can be written; otherwise why not, in words.
std::string prepare_dir(const std::string& config_dir, const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(config_dir, ec)) return config_dir + " is not a folder";
  if (!fs::is_directory(dir, ec)) {
    if (fs::exists(dir, ec)) return dir + " exists and is not a folder";
    if (::mkdir(dir.c_str(), 0750) != 0) return "cannot make " + dir + ": " + std::strerror(errno);
    struct stat parent {};
    if (::geteuid() == 0 && ::stat(config_dir.c_str(), &parent) == 0 && ::chown(dir.c_str(), 0, parent.st_gid) != 0)
      return "cannot give " + dir + " to the configuration folder's group: " + std::strerror(errno);
  }
  if (::access(dir.c_str(), W_OK) != 0) return "cannot write in " + dir + ": " + std::strerror(errno);
  return "";
}

struct Authority {
  Key key;
  Cert cert;
  bool made = false;
};

// The CA kept in desk/, or a new one if there is none. "" when done; otherwise why not.
std::string load_or_make_ca(const Paths& p, const std::string& centre, const ServerNames& names, Authority& ca) {
  const bool has_key = fs::exists(p.ca_key), has_pem = fs::exists(p.ca_pem);
  if (has_key != has_pem)
    return (has_key ? p.ca_pem : p.ca_key) + " is missing but " + (has_key ? p.ca_key : p.ca_pem) +
           " is there: put the missing file back (from a backup), or move both away to make a new CA (then install "
           "the new ca.pem on every staff PC)";
  if (has_key) {
    ca.key = read_key(p.ca_key);
    ca.cert = read_cert(p.ca_pem);
    if (!ca.key || !ca.cert) return p.ca_key + " or " + p.ca_pem + " cannot be read as PEM";
    if (std::string why = check_key_matches(ca.cert, ca.key); !why.empty()) return p.ca_key + ": " + why;
    return "";
  }
  ca.key = make_key();
  ca.cert = make_ca(ca.key, centre, names);
  ca.made = true;
  if (std::string why = replace_file(p.ca_key, to_pem(ca.key), 0600); !why.empty()) return why;
  return replace_file(p.ca_pem, to_pem(ca.cert), 0644);
}

// As root, server.key and server.pem go to the service's user (the key stays 0600); ca.key stays root's.
std::string give_to_service(const Paths& p) {
  if (::geteuid() != 0) return "";
  const passwd* u = ::getpwnam(kServiceUser);
  if (!u) return "";
  for (const std::string& f : {p.server_key, p.server_pem})
    if (::chown(f.c_str(), u->pw_uid, u->pw_gid) != 0) return "cannot give " + f + " to " + kServiceUser;
  return std::string(" (owned by ") + kServiceUser + ", who runs shubbak-desk)";
}

void print_ca(const Paths& p, const Authority& ca) {
  std::printf("The centre's CA:   %s (%s, valid until %s)\n", p.ca_pem.c_str(),
              ca.made ? "new: install it on every staff PC"
                      : "kept: the staff PCs that trust it keep trusting",
              not_after(ca.cert).c_str());
  std::printf("  its key:         %s (mode 600; it never leaves this PC)\n", p.ca_key.c_str());
}

void print_fingerprints(const Authority& ca) {
  std::printf("CA fingerprint (SHA-256): %s\n", fingerprint_sha256(ca.cert).c_str());
  std::printf("CA fingerprint (SHA-1, Windows shows it as \"Thumbprint\"): %s\n", fingerprint_sha1(ca.cert).c_str());
}

std::string centre_label(const Settings& s) {
  if (auto fr = s.centre_name.find("fr"); fr != s.centre_name.end() && !fr->second.empty()) return fr->second;
  if (!s.centre_name.empty()) return s.centre_name.begin()->second;
  return s.centre_id;
}

// Issues, checks and writes the server certificate.
int issue_server(const Paths& p, const Authority& ca, const ServerNames& names) {
  Key key = make_key();
  Cert cert = make_server_cert(key, ca.cert, ca.key, names);
  if (std::string why = verify_server_cert(cert, ca.cert); !why.empty())
    return refuse(exit_code::kNotDone,
                  "the centre's CA (" + p.ca_pem + ") cannot vouch for " + names_text(names) + ": " + why +
                      ". Nothing changed. Give a --host and --ip it covers (its own name and the private addresses), "
                      "or move ca.key and ca.pem away to make a new CA (then install the new ca.pem on every staff PC)");
  if (std::string why = replace_file(p.server_key, to_pem(key), 0600); !why.empty())
    return refuse(exit_code::kConfig, why);
  if (std::string why = replace_file(p.server_pem, to_pem(cert) + to_pem(ca.cert), 0644); !why.empty())
    return refuse(exit_code::kConfig, why);
  const std::string owner = give_to_service(p);
  print_ca(p, ca);
  std::printf("Server certificate: %s (valid until %s, followed by the CA)%s\n", p.server_pem.c_str(),
              not_after(cert).c_str(), owner.c_str());
  std::printf("  for:             %s\n", names_text(names).c_str());
  std::printf("  its key:         %s (mode 600)\n", p.server_key.c_str());
  print_fingerprints(ca);
  std::printf("Next: %s, then restart shubbak-desk (docs/desk.md).\n",
              ca.made ? "install ca.pem once on every staff PC and check the SHA-256 fingerprint there"
                      : "nothing to do on the staff PCs");
  return exit_code::kOk;
}

}  // namespace

int desk_cert(const std::string& config_dir, const std::vector<std::string>& args) {
  Request req;
  if (std::string why = parse_args(args, req); !why.empty()) return refuse(exit_code::kUsage, why + "\n" + kUsage);
  ServerNames names;
  if (std::string why = server_names(req, names); !why.empty()) return refuse(exit_code::kUsage, why);
  const Settings settings = Settings::load(config_dir + "/centre.conf");  // ConfigError: exit 3, with file:line
  const Paths p(config_dir);
  if (std::string why = prepare_dir(config_dir, p.dir); !why.empty())
    return refuse(exit_code::kConfig, why + ". Nothing written. Run it as the owner of " + config_dir +
                                          " (sudo shubbak-admin --config " + config_dir + " desk-cert)");
  if (fs::exists(p.server_pem) && !req.renew) {
    Cert old = read_cert(p.server_pem);
    std::string what = old ? " (for " + subject_cn(old) + ", valid until " + not_after(old) + ")" : "";
    Authority kept{read_key(p.ca_key), read_cert(p.ca_pem)};
    if (kept.cert) print_fingerprints(kept);
    return refuse(exit_code::kNotDone, p.server_pem + " already exists" + what +
                                           ": nothing changed. To replace it with a new one from the same CA "
                                           "(staff PCs keep trusting it): shubbak-admin --config " + config_dir +
                                           " desk-cert --renew");
  }
  Authority ca;
  if (std::string why = load_or_make_ca(p, centre_label(settings), names, ca); !why.empty())
    return refuse(exit_code::kConfig, why);
  return issue_server(p, ca, names);
}

}  // namespace shubbak::admin
