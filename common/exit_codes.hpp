// What every Shubbak program's exit status means (docs/exit-codes.md). One list: scripts, systemd and operators
// read the same numbers from the kiosk, the sync daemon, the admin tool and the national side.
#pragma once

namespace shubbak::exit_code {

constexpr int kOk = 0;
constexpr int kNotDone = 1;       // ran, but the job is not done: a check found problems, --once gave up, stopped
constexpr int kUsage = 2;         // a flag or argument is wrong (the usage is printed)
constexpr int kConfig = 3;        // a configuration file is missing or wrong (file:line: key says where)
constexpr int kStore = 4;         // the data store cannot be used (disk full, read-only, damaged, newer schema)
constexpr int kUnexpected = 5;    // anything else: a bug or a system failure, logged

}  // namespace shubbak::exit_code
