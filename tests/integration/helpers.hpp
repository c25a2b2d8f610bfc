// Helpers for tests that run the real executables.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace shubbak::testing {

namespace fs = std::filesystem;

struct Result {
  int exit_code = -1;
  std::string out, err;
};

std::string bin(const std::string& name);  // build/bin/NAME
// Runs a program to completion, capturing stdout and stderr.
Result run(const std::vector<std::string>& argv, const std::string& stdin_text = "");

// A fresh temporary folder, removed at destruction.
struct TempDir {
  TempDir();
  ~TempDir();
  fs::path path;
};

// A config dir: a copy of config/demo with a fresh upstream sealing key; returns its secret key (base64).
std::string make_config(const fs::path& dir);
// A config dir whose [sync] points at an upstream (seal_pub: the upstream's public sealing key, base64).
void make_sync_config(const fs::path& dir, const std::string& seal_pub, const std::string& upstream,
                      const fs::path& ca_file, const std::string& token, const std::string& extra = "");

// A server process started for a test, killed when this goes out of scope. Its first stdout line says
// "listening on https://HOST:PORT".
struct Server {
  pid_t pid = -1;
  int port = 0;
  Server() = default;
  Server(const Server&) = delete;
  Server(Server&& o) noexcept : pid(o.pid), port(o.port) { o.pid = -1; }
  ~Server();
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port); }
};
// `err_file`: where its stderr goes (default: the test's stderr).
Server start_server(const std::vector<std::string>& argv, const fs::path& err_file = {});

// A process whose stderr the test reads line by line while it runs (stdout goes to /dev/null). Killed with
// SIGKILL at destruction if still running.
struct Process {
  static constexpr int kDeadlineSeconds = 120;  // no wait on a process lasts longer than this
  pid_t pid = -1;
  int err = -1;          // read end of its stderr
  std::string pending;   // read but not yet returned as a line
  bool at_end = false;   // its stderr was closed (it ended)
  Process() = default;
  Process(const Process&) = delete;
  Process(Process&& o) noexcept : pid(o.pid), err(o.err), pending(std::move(o.pending)), at_end(o.at_end) {
    o.pid = -1, o.err = -1;
  }
  ~Process() { stop(9); }
  // The next line of its stderr; false at its end or when `seconds` pass without a whole line.
  bool line(std::string& out, int seconds = kDeadlineSeconds);
  // Reads stderr until a line contains `text`; every line read is added to `seen`. False if the process ended or
  // the deadline passed first — then it prints what it waited for, why it gave up and every line it saw.
  bool wait_for(const std::string& text, std::string* seen = nullptr, int seconds = kDeadlineSeconds);
  // Sends `sig` (0: none) and reaps it; returns the exit code, or 128 + signal.
  int stop(int sig);
};
Process spawn(const std::vector<std::string>& argv);

// Test certificates, made with openssl at test time (EC keys: fast).
struct Certs {
  fs::path dir;
  fs::path ca, server_cert, server_key;  // server cert for 127.0.0.1 and localhost, signed by ca
  fs::path wrong_host_cert, wrong_host_key, self_signed_cert, self_signed_key, expired_cert, expired_key;
  fs::path client_cert, client_key;  // signed by ca, for mutual TLS
  std::string server_pin;           // sha256//BASE64 of the server's public key
};
Certs make_certs(const fs::path& dir);


std::string read_file(const fs::path& p);
void write_file(const fs::path& p, const std::string& text);

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgba;
  size_t distinct_colours() const;
};
Image load_png(const fs::path& p);

}  // namespace shubbak::testing
