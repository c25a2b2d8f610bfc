#include "kiosk/app/script.hpp"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace shubbak::app {

static std::string strip(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<Command> parse_script(const std::string& text, const std::string& file) {
  std::vector<Command> out;
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  auto fail = [&](const std::string& msg) -> void {
    throw ScriptError(file + ":" + std::to_string(line) + ": " + msg);
  };
  auto word = [](std::string& rest) {
    size_t sp = rest.find_first_of(" \t");
    std::string w = rest.substr(0, sp);
    rest = sp == std::string::npos ? "" : strip(rest.substr(sp));
    return w;
  };
  auto number = [&](const std::string& s, long min, long max) {
    errno = 0;
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != 0 || errno != 0 || v < min || v > max)
      fail("'" + s + "' is not a number from " + std::to_string(min) + " to " + std::to_string(max));
    return v;
  };
  while (std::getline(in, raw)) {
    ++line;
    std::string rest = strip(raw);
    if (rest.empty() || rest[0] == '#') continue;
    Command c{};
    c.line = line;
    std::string verb = word(rest);
    if (verb == "tap") {
      c.kind = Command::Tap;
      c.arg = word(rest);
      if (c.arg.empty() || !rest.empty()) fail("usage: tap WIDGET-ID");
    } else if (verb == "type") {
      c.kind = Command::Type;
      c.arg = rest;
      if (c.arg.empty()) fail("usage: type TEXT");
    } else if (verb == "wait") {
      c.kind = Command::Wait;
      c.number = number(rest, 0, 600000);
    } else if (verb == "clock") {
      c.kind = Command::Clock;
      if (rest.empty() || rest[0] != '+') fail("usage: clock +SECONDS");
      c.number = number(rest.substr(1), 0, 86400 * 400);
    } else if (verb == "shot") {
      c.kind = Command::Shot;
      c.arg = word(rest);
      if (c.arg.empty() || !rest.empty() || c.arg.find('/') != std::string::npos)
        fail("usage: shot NAME (a file name without '/')");
    } else if (verb == "until") {
      c.kind = Command::Until;
      c.arg = word(rest);
      c.text = rest;
      if (c.arg.empty()) fail("usage: until WIDGET-ID TEXT");
    } else if (verb == "await-file") {
      c.kind = Command::AwaitFile;
      c.arg = rest;
      if (c.arg.empty()) fail("usage: await-file PATH");
    } else if (verb == "expect") {
      std::string what = word(rest);
      if (what == "screen") {
        c.kind = Command::ExpectScreen;
        c.arg = word(rest);
        if (c.arg.empty() || !rest.empty()) fail("usage: expect screen NAME");
      } else if (what == "text") {
        c.kind = Command::ExpectText;
        c.arg = word(rest);
        c.text = rest;
        if (c.arg.empty()) fail("usage: expect text WIDGET-ID TEXT");
      } else {
        fail("usage: expect screen NAME | expect text WIDGET-ID TEXT");
      }
    } else {
      fail("unknown command '" + verb + "' (tap, type, wait, clock, shot, expect, until, await-file)");
    }
    out.push_back(c);
  }
  return out;
}

std::vector<Command> load_script(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ScriptError(path + ": cannot open the script");
  std::stringstream ss;
  ss << f.rdbuf();
  return parse_script(ss.str(), path);
}

}  // namespace shubbak::app
