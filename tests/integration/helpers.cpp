#include "tests/integration/helpers.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "store/seal.hpp"
#include "store/uuid.hpp"

namespace shubbak::testing {

std::string bin(const std::string& name) { return std::string(SHUBBAK_BIN_DIR) + "/" + name; }

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

Result run(const std::vector<std::string>& argv, const std::string& stdin_text) {
  TempDir io;
  fs::path in = io.path / "in", out = io.path / "out", err = io.path / "err";
  write_file(in, stdin_text);
  pid_t pid = fork();
  if (pid == 0) {
    int fi = open(in.c_str(), O_RDONLY), fo = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600),
        fe = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fi, 0), dup2(fo, 1), dup2(fe, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

TempDir::TempDir() : path(fs::temp_directory_path() / ("shubbak-test-" + store::new_uuid_v4())) {
  fs::create_directories(path);
}
TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

std::string make_config(const fs::path& dir) {
  fs::create_directories(dir);
  fs::path src = fs::path(SHUBBAK_SOURCE_DIR) / "config/demo";
  fs::copy_file(src / "catalog.conf", dir / "catalog.conf", fs::copy_options::overwrite_existing);
  store::KeyPair k = store::make_seal_keypair();
  std::string centre = read_file(src / "centre.conf");
  centre = std::regex_replace(centre, std::regex("seal_public_key = .*"),
                              "seal_public_key = " + store::to_base64(k.public_key));
  write_file(dir / "centre.conf", centre);
  return store::to_base64(k.secret_key);
}

void make_sync_config(const fs::path& dir, const std::string& seal_pub, const std::string& upstream,
                      const fs::path& ca_file, const std::string& token, const std::string& extra) {
  make_config(dir);
  write_file(dir / "token", token + "\n");
  std::string centre = read_file(dir / "centre.conf");
  centre = std::regex_replace(centre, std::regex("seal_public_key = .*"),
                              "seal_public_key = " + seal_pub + "\nupstream = " + upstream + "\nca_file = " +
                                  ca_file.string() + "\ntoken_file = token\nconnect_timeout_seconds = 2\n"
                                  "low_speed_seconds = 2\n" + extra);
  write_file(dir / "centre.conf", centre);
}

Server::~Server() {
  if (pid > 0) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
}

// Forks and runs argv with stdout and stderr on the given descriptors (-1: unchanged); `close_fd` is the parent's
// end of a pipe, closed in the child.
static pid_t fork_exec(const std::vector<std::string>& argv, int out_fd, int err_fd, int close_fd) {
  pid_t pid = fork();
  if (pid == 0) {
    if (out_fd >= 0) dup2(out_fd, 1);
    if (err_fd >= 0) dup2(err_fd, 2);
    if (close_fd >= 0) close(close_fd);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

Server start_server(const std::vector<std::string>& argv, const fs::path& err_file) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  Server s;
  int err = err_file.empty() ? -1 : open(err_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  s.pid = fork_exec(argv, out[1], err, out[0]);
  if (err >= 0) close(err);
  close(out[1]);
  // Block until the server says where it listens (or dies).
  FILE* f = fdopen(out[0], "r");
  char line[256] = {0};
  if (!fgets(line, sizeof line, f)) {
    fclose(f);
    throw std::runtime_error("server did not start: " + argv[0]);
  }
  fclose(f);
  std::string l = line;
  s.port = std::stoi(l.substr(l.rfind(':') + 1));
  return s;
}

static void sh(const std::string& cmd) {
  if (std::system(("(" + cmd + ") 2>/dev/null").c_str()) != 0) throw std::runtime_error("failed: " + cmd);
}

Certs make_certs(const fs::path& dir) {
  Certs c;
  c.dir = dir;
  fs::create_directories(dir);
  const std::string d = dir.string();
  auto key = [&](const std::string& name) { sh("openssl ecparam -name prime256v1 -genkey -noout -out " + d + "/" + name); };
  key("ca.key");
  sh("openssl req -x509 -new -key " + d + "/ca.key -out " + d + "/ca.pem -days 30 -subj '/CN=Shubbak test CA'");
  auto leaf = [&](const std::string& name, const std::string& san, const std::string& prefix) {
    key(name + ".key");
    sh("openssl req -new -key " + d + "/" + name + ".key -out " + d + "/" + name + ".csr -subj '/CN=" + name + "'");
    write_file(dir / (name + ".ext"), san.empty() ? "" : "subjectAltName=" + san + "\n");
    sh(prefix + "openssl x509 -req -in " + d + "/" + name + ".csr -CA " + d + "/ca.pem -CAkey " + d +
       "/ca.key -CAcreateserial -out " + d + "/" + name + ".pem -days 1 -extfile " + d + "/" + name + ".ext");
  };
  leaf("server", "DNS:localhost,IP:127.0.0.1", "");
  leaf("wrong-host", "DNS:other.example.org", "");
  leaf("expired", "DNS:localhost,IP:127.0.0.1", "faketime '2020-01-01 00:00:00' ");
  leaf("client", "", "");
  key("self.key");
  sh("openssl req -x509 -new -key " + d + "/self.key -out " + d + "/self.pem -days 30 -subj '/CN=localhost' "
     "-addext 'subjectAltName=DNS:localhost,IP:127.0.0.1'");
  c.ca = dir / "ca.pem";
  c.server_cert = dir / "server.pem", c.server_key = dir / "server.key";
  c.wrong_host_cert = dir / "wrong-host.pem", c.wrong_host_key = dir / "wrong-host.key";
  c.expired_cert = dir / "expired.pem", c.expired_key = dir / "expired.key";
  c.self_signed_cert = dir / "self.pem", c.self_signed_key = dir / "self.key";
  c.client_cert = dir / "client.pem", c.client_key = dir / "client.key";
  sh("openssl pkey -in " + d + "/server.key -pubout -outform DER | openssl dgst -sha256 -binary | base64 > " + d +
     "/server.pin");
  std::string pin = read_file(dir / "server.pin");
  while (!pin.empty() && (pin.back() == '\n' || pin.back() == '\r')) pin.pop_back();
  c.server_pin = "sha256//" + pin;
  return c;
}

Image load_png(const fs::path& p) {
  Image img;
  int n = 0;
  unsigned char* data = stbi_load(p.c_str(), &img.w, &img.h, &n, 4);
  if (!data) throw std::runtime_error("cannot read " + p.string());
  img.rgba.assign(data, data + static_cast<size_t>(img.w) * img.h * 4);
  stbi_image_free(data);
  return img;
}

size_t Image::distinct_colours() const {
  std::set<uint32_t> c;
  for (size_t i = 0; i + 3 < rgba.size(); i += 4) c.insert(rgba[i] << 16 | rgba[i + 1] << 8 | rgba[i + 2]);
  return c.size();
}

bool Process::line(std::string& out, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (true) {
    if (size_t nl = pending.find('\n'); nl != std::string::npos) {
      out = pending.substr(0, nl + 1);
      pending.erase(0, nl + 1);
      return true;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (err < 0 || left.count() <= 0) return false;
    pollfd p{err, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;  // deadline checked above
    char buf[4096];
    ssize_t n = read(err, buf, sizeof buf);
    if (n <= 0) {  // its end: a last line without a newline still counts
      at_end = true;
      if (pending.empty()) return false;
      out = std::move(pending);
      pending.clear();
      return true;
    }
    pending.append(buf, static_cast<size_t>(n));
  }
}

bool Process::wait_for(const std::string& text, std::string* seen, int seconds) {
  const auto start = std::chrono::steady_clock::now();
  std::string l, all;
  while (true) {
    auto left = seconds - std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start)
                              .count();
    if (left <= 0 || !line(l, static_cast<int>(left))) break;
    all += l;
    if (seen) *seen += l;
    if (l.find(text) != std::string::npos) return true;
  }
  bool ended = err < 0 || at_end;
  std::fprintf(stderr, "wait_for: gave up waiting for \"%s\" (%s); the process printed:\n%s--\n", text.c_str(),
               ended ? "the process ended first" : ("no such line within " + std::to_string(seconds) + " s").c_str(),
               all.c_str());
  return false;
}

int Process::stop(int sig) {
  int status = 0;
  if (pid > 0) {
    if (sig) kill(pid, sig);
    waitpid(pid, &status, 0);
    pid = -1;
  }
  if (err >= 0) close(err), err = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Process spawn(const std::vector<std::string>& argv) {
  int p[2];
  if (pipe(p) != 0) throw std::runtime_error("pipe");
  Process c;
  int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  c.pid = fork_exec(argv, null, p[1], p[0]);
  close(null);
  close(p[1]);
  c.err = p[0];
  return c;
}

}  // namespace shubbak::testing
