#include "common/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace shubbak::log {

static std::string g_program = "shubbak";
static Level g_level = [] {
  Level l = Level::Info;
  if (const char* env = std::getenv("SHUBBAK_LOG_LEVEL")) parse_level(env, l);
  return l;
}();
static std::mutex g_mutex;

void set_program(const std::string& name) { g_program = name; }
void set_level(Level l) { g_level = l; }

bool parse_level(const std::string& s, Level& out) {
  if (s == "error") out = Level::Error;
  else if (s == "warn") out = Level::Warn;
  else if (s == "info") out = Level::Info;
  else if (s == "debug") out = Level::Debug;
  else return false;
  return true;
}

void write(Level l, const std::string& message) {
  if (static_cast<int>(l) > static_cast<int>(g_level)) return;
  static const char* names[] = {"error", "warning", "info", "debug"};
  std::lock_guard<std::mutex> lock(g_mutex);
  std::fprintf(stderr, "%s: %s: %s\n", g_program.c_str(), names[static_cast<int>(l)], message.c_str());
}

}  // namespace shubbak::log
