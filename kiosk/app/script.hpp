// The automation script: one command a line, the same input a finger would give.
//   tap ID | type TEXT | wait MS | clock +SECONDS | shot NAME | expect screen NAME | expect text ID TEXT
//   until ID TEXT   (lets real time pass until widget ID reads TEXT — another process's write — or fails after 15 s)
//   await-file PATH (lets real time pass until PATH exists — a test harness's signal — or fails after 30 s)
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace shubbak::app {

struct Command {
  enum Kind { Tap, Type, Wait, Clock, Shot, ExpectScreen, ExpectText, Until, AwaitFile } kind;
  std::string arg;   // id, text, name
  std::string text;  // expect text: the expected label
  long number = 0;   // wait ms, clock seconds
  int line = 0;
};

class ScriptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws ScriptError naming the file and line of the first bad command.
std::vector<Command> parse_script(const std::string& text, const std::string& file);
std::vector<Command> load_script(const std::string& path);

}  // namespace shubbak::app
