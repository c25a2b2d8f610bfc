// A test-only SQLite VFS ("shubbak-fault") over the default unix VFS that can
//  - simulate a power cut at the N-th sync: from then on every operation fails, and restore_after_power_cut()
//    puts every file back as it was at its last successful sync (every unsynced write is lost, as on a real
//    disk whose cache dies with the power); the -shm file, which is memory, is removed;
//  - fail the N-th write or the N-th sync once with an I/O error, the process going on afterwards.
// Counts are global over all files opened through the VFS; arm() restarts them.
#pragma once
#include <map>
#include <string>

namespace shubbak::testing {

class FaultVfs {
 public:
  enum class Mode { None, PowerCut, FailWrite, FailSync };
  static constexpr const char* kName = "shubbak-fault";

  // Registers the VFS once (not as the default) and returns it.
  static FaultVfs& instance();

  void arm(Mode mode, int at);
  void disarm() { arm(Mode::None, 0); }
  int writes() const { return writes_; }
  int syncs() const { return syncs_; }
  bool triggered() const { return triggered_; }
  bool power_is_off() const { return power_off_; }
  // After a power cut, with every connection closed: each file as of its last sync. Forgets all files.
  void restore_after_power_cut();
  // Forgets the durable images (a new database in a new folder).
  void forget() { files_.clear(); }

  // Called by the VFS methods.
  void opened(const std::string& path);
  int before_write();
  int before_sync();
  void synced(const std::string& path);
  void deleted(const std::string& path);

 private:
  struct Image {
    bool exists = false;
    std::string bytes;
  };
  std::map<std::string, Image> files_;
  Mode mode_ = Mode::None;
  int at_ = 0, writes_ = 0, syncs_ = 0;
  bool triggered_ = false, power_off_ = false;
};

}  // namespace shubbak::testing
