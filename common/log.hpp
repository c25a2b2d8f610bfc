// One line per event an operator can act on, to stderr (the journal under systemd).
// Never pass personal data (names, phone numbers, CIN, notes) to these functions.
#pragma once
#include <string>

namespace shubbak::log {

enum class Level { Error = 0, Warn = 1, Info = 2, Debug = 3 };

void set_program(const std::string& name);
void set_level(Level l);
bool parse_level(const std::string& s, Level& out);  // "error", "warn", "info", "debug"
void write(Level l, const std::string& message);
inline void error(const std::string& m) { write(Level::Error, m); }
inline void warn(const std::string& m) { write(Level::Warn, m); }
inline void info(const std::string& m) { write(Level::Info, m); }
inline void debug(const std::string& m) { write(Level::Debug, m); }

}  // namespace shubbak::log
