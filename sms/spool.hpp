// gammu-smsd's files spool (its `service = files` backend, docs/sms.md): outbox/, sent/ and error/ under one folder.
// A message is one file named OUT<priority><date>_<time>_<serial>_<number>_<note>.txt whose content is the text in
// UTF-16 (big-endian, with its byte-order mark); gammu-smsd sends it and renames it into sent/ or error/. Our note
// is "shubbak-<row id>-<attempt>": it ties a file to its sms_queue row. Files are written under a name gammu does
// not scan (hidden, in outbox/ so that the rename is atomic), flushed to disk, then renamed: gammu never reads half
// a message.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"

namespace shubbak::sms {

enum class Where { Nowhere, Outbox, Sent, Error };

struct SpoolFile {
  std::string name;
  int64_t row = 0;
  int attempt = 0;
};

class Spool {
 public:
  explicit Spool(std::string root);  // the folder holding outbox/, sent/, error/
  const std::string& root() const { return root_; }
  // Creates the three folders if missing (0700: they hold numbers). Throws std::runtime_error with words.
  void prepare() const;

  // The file name for a row's attempt; `urgent` (turn near) sorts first in gammu's queue.
  static std::string file_name(int64_t row, int attempt, const std::string& phone, bool urgent, TimePoint at);
  // Our note in a name, if it is one of ours.
  static std::optional<SpoolFile> parse_name(const std::string& name);

  // Writes the text under a hidden name, fsyncs it, renames it into outbox/ and fsyncs the folder. Throws
  // std::runtime_error (disk full, folder missing) with nothing of the message in the words.
  void write(const std::string& name, const std::string& utf8_text) const;
  Where find(const std::string& name) const;
  void remove(Where where, const std::string& name) const;
  // Our files in one folder.
  std::vector<SpoolFile> ours(Where where) const;
  // How long the oldest of our files has waited in outbox/ (by its modification time), if any is there.
  std::optional<std::chrono::seconds> oldest_in_outbox(TimePoint now) const;
  // Hidden half-written files left by a crash.
  void remove_temporaries() const;

 private:
  std::string dir(Where w) const;
  std::string root_;
};

// UTF-8 -> what gammu reads as Unicode: FE FF, then UTF-16BE.
std::string utf16be_with_bom(const std::string& utf8);
// ... and back (tests, scripts/demo).
std::string utf8_from_utf16_file(const std::string& bytes);

}  // namespace shubbak::sms
