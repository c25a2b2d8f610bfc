#include "tests/national/hub_fixture.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <regex>
#include <sstream>
#include <stdexcept>

#include "tests/integration/helpers.hpp"

namespace shubbak::testing {

namespace {

std::vector<std::string> hub_argv(const std::string& cmd, const fs::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/env", std::string("SHUBBAK_BIN=") + SHUBBAK_BIN_DIR,
                                   std::string(SHUBBAK_SOURCE_DIR) + "/scripts/hub", cmd, dir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

void assign(Hub& h, const std::string& key, const std::string& value) {
  if (key == "url") h.url = value;
  else if (key == "ca_file") h.ca_file = value;
  else if (key == "seal_public_key") h.seal_public_key = value;
  else if (key == "registry_public_key") h.registry_public_key = value;
  else if (key == "signing_public_key") h.signing_public_key = value;
  else if (key == "national_key_file") h.national_key_file = value;
  else if (key == "keys") h.keys = value;
  else if (key == "registry_key_file") h.registry_key_file = value;
  else if (key == "db") h.db = value;
  else if (key == "standby_db") h.standby_db = value;
  else if (key.rfind("receiver.", 0) == 0) h.receivers.push_back(value);
}

}  // namespace

Hub Hub::up(const fs::path& dir, int receivers, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"--receivers", std::to_string(receivers)};
  args.insert(args.end(), extra.begin(), extra.end());
  Result r = run(hub_argv("up", dir, args));
  Hub h;
  h.dir = dir;
  if (r.exit_code != 0) {
    run(hub_argv("down", dir, {}));
    throw std::runtime_error("scripts/hub up failed (" + std::to_string(r.exit_code) + "): " + r.err);
  }
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (size_t eq = line.find('='); eq != std::string::npos) assign(h, line.substr(0, eq), line.substr(eq + 1));
  return h;
}

Hub::Hub(Hub&& o) noexcept
    : dir(o.dir), url(o.url), ca_file(o.ca_file), seal_public_key(o.seal_public_key),
      registry_public_key(o.registry_public_key), signing_public_key(o.signing_public_key),
      national_key_file(o.national_key_file), keys(o.keys), registry_key_file(o.registry_key_file), db(o.db),
      standby_db(o.standby_db), receivers(o.receivers) {
  o.owner_ = false;
}

Hub::~Hub() {
  if (owner_) run(hub_argv("down", dir, {}));
}

int Hub::hub(const std::vector<std::string>& args) const {
  std::vector<std::string> rest(args.begin() + 1, args.end());
  Result r = run(hub_argv(args.at(0), dir, rest));
  if (r.exit_code != 0) std::fprintf(stderr, "scripts/hub %s: %s", args[0].c_str(), r.err.c_str());
  return r.exit_code;
}

std::string Hub::token(const std::string& kiosk, const std::string& centre) const {
  Result r = run(hub_argv("token", dir, {kiosk, centre}));
  if (r.exit_code != 0) throw std::runtime_error("scripts/hub token failed: " + r.err);
  return r.out.substr(0, r.out.find('\n'));
}

std::string Hub::psql(const std::string& sql, const std::string& conninfo) const {
  Result r = run({"/usr/lib/postgresql/15/bin/psql", "-X", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql,
                  conninfo.empty() ? db : conninfo});
  if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.err);
  return r.out;
}

long long Hub::count(const std::string& sql) const { return std::stoll(psql(sql)); }

pid_t Hub::receiver_pid(int i) const {
  return static_cast<pid_t>(std::stol(read_file(dir / ("receiver." + std::to_string(i) + ".pid"))));
}

void Hub::restart_receiver(int i) const {
  if (hub({"receiver", std::to_string(i)}) != 0) throw std::runtime_error("scripts/hub receiver failed");
}

void make_hub_sync_config(const fs::path& cfg, const Hub& hub, const std::string& kiosk, bool format3,
                          const std::string& extra) {
  std::string more = extra;
  if (format3)
    more += "registry_public_key = " + hub.registry_public_key + "\nnational_key_file = " + hub.national_key_file +
            "\n";
  make_sync_config(cfg, hub.seal_public_key, hub.url, hub.ca_file, hub.token(kiosk), more);
  if (kiosk != "kiosk-01") {
    std::string centre = read_file(cfg / "centre.conf");
    write_file(cfg / "centre.conf", std::regex_replace(centre, std::regex("kiosk_id = kiosk-01"), "kiosk_id = " + kiosk));
  }
}

RawAnswer post_unix(const std::string& socket_spec, const std::string& path,
                    const std::vector<std::string>& headers, const std::string& body) {
  std::string file = socket_spec.rfind("unix:", 0) == 0 ? socket_spec.substr(5) : socket_spec;
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  file.copy(addr.sun_path, sizeof addr.sun_path - 1);
  if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (fd >= 0) close(fd);
    return {};
  }
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string req = "POST " + path + " HTTP/1.1\r\nHost: receiver\r\nConnection: close\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n";
  for (const auto& h : headers) req += h + "\r\n";
  req += "\r\n" + body;
  for (size_t off = 0; off < req.size();) {
    ssize_t n = write(fd, req.data() + off, req.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  std::string answer;
  char buf[8192];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) answer.append(buf, static_cast<size_t>(n));
  close(fd);
  RawAnswer a;
  if (answer.rfind("HTTP/1.", 0) == 0 && answer.size() > 12) a.status = std::atoi(answer.c_str() + 9);
  if (size_t split = answer.find("\r\n\r\n"); split != std::string::npos) a.body = answer.substr(split + 4);
  return a;
}

}  // namespace shubbak::testing
