#include "tests/desk/desk_fixture.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <regex>
#include <stdexcept>

#include "common/centre_settings.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "store/data_dir.hpp"

namespace shubbak::testing {

std::string HttpAnswer::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

static size_t on_body(char* p, size_t s, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, s * n);
  return s * n;
}

static size_t on_header(char* p, size_t s, size_t n, void* out) {
  std::string line(p, s * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon), value = line.substr(colon + 1);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    static_cast<std::multimap<std::string, std::string>*>(out)->emplace(name, value);
  }
  return s * n;
}

HttpAnswer Browser::send(const std::string& path, const std::string* body, long timeout_ms) {
  HttpAnswer a;
  CURL* c = curl_easy_init();
  std::string cookie;
  for (const auto& [k, v] : cookies) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  curl_easy_setopt(c, CURLOPT_URL, (base + path).c_str());
  curl_easy_setopt(c, CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &a.headers);
  if (!cookie.empty()) curl_easy_setopt(c, CURLOPT_COOKIE, cookie.c_str());
  if (body) curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->c_str());
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  curl_easy_cleanup(c);
  for (auto [it, end] = a.headers.equal_range("set-cookie"); it != end; ++it) {
    std::string v = it->second.substr(0, it->second.find(';'));
    auto eq = v.find('=');
    if (eq == std::string::npos) continue;
    if (it->second.find("Max-Age=0") != std::string::npos) cookies.erase(v.substr(0, eq));
    else cookies[v.substr(0, eq)] = v.substr(eq + 1);
  }
  return a;
}

HttpAnswer Browser::get(const std::string& path, long timeout_ms) {
  HttpAnswer a = send(path, nullptr, timeout_ms);
  last_page = a.body;
  return a;
}

HttpAnswer Browser::post(const std::string& path, const std::string& body) { return send(path, &body, 10000); }

std::string Browser::csrf() { return input_value(last_page, "csrf"); }

bool Browser::sign_in(const std::string& login, const std::string& pin, int counter, const std::string& lang) {
  get("/signin");
  HttpAnswer a = post("/signin", "csrf=" + csrf() + "&login=" + login + "&pin=" + pin + "&counter=" +
                                     std::to_string(counter) + "&lang=" + lang);
  last_page = a.body;
  if (a.status != 303 || a.header("location") != "/console") return false;
  get("/console");
  return true;
}

DeskProcess::DeskProcess(const std::string& desk_extra, const std::string& kiosk_extra,
                         const std::vector<std::string>& args, const std::function<void(DeskProcess&)>& before_start) {
  make_config(dir.path / "cfg");
  Certs certs = make_certs(dir.path / "certs");
  std::string conf = std::regex_replace(read_file(dir.path / "cfg" / "centre.conf"), std::regex("\\[kiosk\\]\n"),
                                       "[kiosk]\n" + kiosk_extra);
  write_file(dir.path / "cfg" / "centre.conf", conf + "\n[desk]\ncert_file = " + certs.server_cert.string() +
                                                   "\nkey_file = " + certs.server_key.string() + "\n" + desk_extra);
  if (admin({"init"}).exit_code != 0) throw std::runtime_error("shubbak-admin init failed");
  if (admin({"staff", "add", "salma", "Salma B."}, "4821\n").exit_code != 0 ||
      admin({"staff", "add", "amina", "Amina K."}, "1357\n").exit_code != 0)
    throw std::runtime_error("shubbak-admin staff add failed");
  if (before_start) before_start(*this);
  args_ = args;
  start();
}

void DeskProcess::restart() {
  stop();
  start();
}

void DeskProcess::start() {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    FILE* err = std::fopen((dir.path / "desk.err").c_str(), "a");
    if (err) dup2(fileno(err), 2);
    close(out[0]);
    std::vector<std::string> argv = {bin("shubbak-desk"), "--data", data(), "--config", cfg(), "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), args_.begin(), args_.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[256] = {0};
  bool ok = fgets(line, sizeof line, f) != nullptr;
  fclose(f);
  std::string l = line;
  if (!ok || l.rfind("listening on ", 0) != 0) throw std::runtime_error("shubbak-desk did not start: " + log());
  url = l.substr(13, l.find_last_not_of("\r\n") - 12);
}

DeskProcess::~DeskProcess() { stop(); }

int DeskProcess::stop() {
  if (pid <= 0) return -1;
  kill(pid, SIGTERM);
  int st = 0;
  waitpid(pid, &st, 0);
  pid = -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

bool DeskProcess::alive() {
  int st = 0;
  if (pid <= 0) return false;
  if (waitpid(pid, &st, WNOHANG) == 0) return true;
  pid = -1;  // reaped: it ended
  return false;
}

Result DeskProcess::admin(const std::vector<std::string>& args, const std::string& in) {
  std::vector<std::string> argv = {bin("shubbak-admin"), "--data", data(), "--config", cfg()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, in);
}

std::string DeskProcess::issue(const std::string& service, bool priority) {
  CentreConfig config = CentreConfig::load(cfg());
  store::Database db = store::open_store(data());
  KioskStore kiosk(db, config.catalogue, config.settings);
  return kiosk.issue(IssueRequest{service, std::nullopt, "", priority}, std::chrono::system_clock::now()).number;
}

std::string DeskProcess::issue_registered(const std::string& service, const VisitorDetails& her) {
  CentreConfig config = CentreConfig::load(cfg());
  store::Database db = store::open_store(data());
  KioskStore kiosk(db, config.catalogue, config.settings);
  return kiosk.issue(IssueRequest{service, her, "", false}, std::chrono::system_clock::now()).number;
}

std::string DeskProcess::issue_request(const IssueRequest& req) {
  CentreConfig config = CentreConfig::load(cfg());
  store::Database db = store::open_store(data());
  KioskStore kiosk(db, config.catalogue, config.settings);
  return kiosk.issue(req, std::chrono::system_clock::now()).number;
}

void DeskProcess::raise_alert(const std::string& kind) {
  CentreConfig config = CentreConfig::load(cfg());
  store::Database db = store::open_store(data());
  KioskStore(db, config.catalogue, config.settings).raise_alert(kind, config.settings.kiosk_id,
                                                                std::chrono::system_clock::now());
}

void DeskProcess::raise_alert_once(const std::string& kind) {
  CentreConfig config = CentreConfig::load(cfg());
  store::Database db = store::open_store(data());
  KioskStore(db, config.catalogue, config.settings).raise_alert_once(kind, config.settings.kiosk_id,
                                                                     std::chrono::system_clock::now());
}

void DeskProcess::resolve_alerts(const std::string& kind) {
  CentreConfig config = CentreConfig::load(cfg());
  store::Database db = store::open_store(data());
  KioskStore(db, config.catalogue, config.settings).resolve_alerts(kind, std::chrono::system_clock::now());
}

std::string DeskProcess::q(const std::string& sql) {
  store::Database db = store::open_store(data());
  return db.scalar_text(sql);
}

Translations translations() { return Translations::load(SHUBBAK_SOURCE_DIR "/assets/i18n"); }

std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string input_value(const std::string& html, const std::string& name) {
  std::smatch m;
  if (std::regex_search(html, m, std::regex("name=\"" + name + "\" value=\"([^\"]*)\""))) return m[1];
  return "";
}

std::string text_of(const std::string& html, const std::string& id) {
  std::smatch m;
  if (std::regex_search(html, m, std::regex("id=\"" + id + "\"[^>]*>([^<]*)<"))) return m[1];
  return "";
}

}  // namespace shubbak::testing
