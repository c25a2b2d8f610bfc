#include "tests/support/fault_vfs.hpp"

#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace shubbak::testing {

namespace {

namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct File {
  sqlite3_file base;
  sqlite3_file* real;  // the unix VFS's file, allocated right after this struct
  std::string* path;   // nullptr for files without a name (temp files)
};

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }
FaultVfs& fv() { return FaultVfs::instance(); }

int x_close(sqlite3_file* f) {
  File* p = reinterpret_cast<File*>(f);
  int rc = p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
  delete p->path;
  p->path = nullptr;
  return rc;
}
int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  if (fv().power_is_off()) return SQLITE_IOERR_READ;
  return real(f)->pMethods->xRead(real(f), buf, n, off);
}
int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  if (int rc = fv().before_write()) return rc;
  return real(f)->pMethods->xWrite(real(f), buf, n, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (fv().power_is_off()) return SQLITE_IOERR_TRUNCATE;
  return real(f)->pMethods->xTruncate(real(f), size);
}
int x_sync(sqlite3_file* f, int flags) {
  if (int rc = fv().before_sync()) return rc;
  int rc = real(f)->pMethods->xSync(real(f), flags);
  File* p = reinterpret_cast<File*>(f);
  if (rc == SQLITE_OK && p->path) fv().synced(*p->path);
  return rc;
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); }
int x_unlock(sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
int x_check_reserved(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int pg, int sz, int extend, void volatile** pp) {
  return real(f)->pMethods->xShmMap(real(f), pg, sz, extend, pp);
}
int x_shm_lock(sqlite3_file* f, int off, int n, int flags) { return real(f)->pMethods->xShmLock(real(f), off, n, flags); }
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** pp) {
  // No memory-mapped reads or writes: every byte goes through x_read/x_write.
  (void)f, (void)off, (void)n;
  *pp = nullptr;
  return SQLITE_OK;
}
int x_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  File* p = reinterpret_cast<File*>(f);
  p->real = reinterpret_cast<sqlite3_file*>(p + 1);
  p->path = nullptr;
  p->base.pMethods = nullptr;
  if (fv().power_is_off()) return SQLITE_CANTOPEN;
  if (name) {
    p->path = new std::string(name);
    fv().opened(*p->path);
  }
  int rc = g_real->xOpen(g_real, name, p->real, flags, out_flags);
  if (p->real->pMethods) p->base.pMethods = &g_methods;
  else {
    delete p->path;
    p->path = nullptr;
  }
  return rc;
}
int x_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  if (fv().power_is_off()) return SQLITE_IOERR_DELETE;
  int rc = g_real->xDelete(g_real, name, sync_dir);
  if (rc == SQLITE_OK) fv().deleted(name);
  return rc;
}
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) { return g_real->xAccess(g_real, name, flags, out); }
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_real->xFullPathname(g_real, name, n, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); }
void x_dl_error(sqlite3_vfs*, int n, char* msg) { g_real->xDlError(g_real, n, msg); }
void (*x_dl_sym(sqlite3_vfs*, void* h, const char* sym))(void) { return g_real->xDlSym(g_real, h, sym); }
void x_dl_close(sqlite3_vfs*, void* h) { g_real->xDlClose(g_real, h); }
int x_randomness(sqlite3_vfs*, int n, char* out) { return g_real->xRandomness(g_real, n, out); }
int x_sleep(sqlite3_vfs*, int us) { return g_real->xSleep(g_real, us); }
int x_current_time(sqlite3_vfs*, double* t) { return g_real->xCurrentTime(g_real, t); }
int x_last_error(sqlite3_vfs*, int n, char* out) { return g_real->xGetLastError(g_real, n, out); }
int x_current_time64(sqlite3_vfs*, sqlite3_int64* t) { return g_real->xCurrentTimeInt64(g_real, t); }

}  // namespace

FaultVfs& FaultVfs::instance() {
  static FaultVfs* self = [] {
    auto* s = new FaultVfs();
    g_real = sqlite3_vfs_find(nullptr);
    g_methods = {3,           x_close,     x_read,         x_write,       x_truncate,       x_sync,
                 x_file_size, x_lock,      x_unlock,       x_check_reserved, x_file_control, x_sector_size,
                 x_device,    x_shm_map,   x_shm_lock,     x_shm_barrier, x_shm_unmap,      x_fetch,
                 x_unfetch};
    std::memset(&g_vfs, 0, sizeof g_vfs);
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(File)) + g_real->szOsFile;
    g_vfs.mxPathname = g_real->mxPathname;
    g_vfs.zName = kName;
    g_vfs.xOpen = x_open;
    g_vfs.xDelete = x_delete;
    g_vfs.xAccess = x_access;
    g_vfs.xFullPathname = x_full_pathname;
    g_vfs.xDlOpen = x_dl_open;
    g_vfs.xDlError = x_dl_error;
    g_vfs.xDlSym = x_dl_sym;
    g_vfs.xDlClose = x_dl_close;
    g_vfs.xRandomness = x_randomness;
    g_vfs.xSleep = x_sleep;
    g_vfs.xCurrentTime = x_current_time;
    g_vfs.xGetLastError = x_last_error;
    g_vfs.xCurrentTimeInt64 = x_current_time64;
    sqlite3_vfs_register(&g_vfs, 0);
    return s;
  }();
  return *self;
}

void FaultVfs::arm(Mode mode, int at) {
  mode_ = mode;
  at_ = at;
  writes_ = syncs_ = 0;
  triggered_ = power_off_ = false;
}

void FaultVfs::opened(const std::string& path) {
  if (files_.count(path)) return;
  // What is on disk before this run is durable.
  Image img;
  img.exists = fs::exists(path);
  if (img.exists) img.bytes = slurp(path);
  files_[path] = std::move(img);
}

int FaultVfs::before_write() {
  if (power_off_) return SQLITE_IOERR_WRITE;
  ++writes_;
  if (mode_ == Mode::FailWrite && writes_ == at_) {
    triggered_ = true;
    return SQLITE_IOERR_WRITE;
  }
  return SQLITE_OK;
}

int FaultVfs::before_sync() {
  if (power_off_) return SQLITE_IOERR_FSYNC;
  ++syncs_;
  if (syncs_ == at_ && (mode_ == Mode::PowerCut || mode_ == Mode::FailSync)) {
    triggered_ = true;
    if (mode_ == Mode::PowerCut) power_off_ = true;  // nothing written since the last sync reaches the platter
    return SQLITE_IOERR_FSYNC;
  }
  return SQLITE_OK;
}

void FaultVfs::synced(const std::string& path) {
  Image& img = files_[path];
  img.exists = true;
  img.bytes = slurp(path);
}

void FaultVfs::deleted(const std::string& path) { files_[path] = Image{}; }

void FaultVfs::restore_after_power_cut() {
  for (const auto& [path, img] : files_) {
    if (img.exists) {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(img.bytes.data(), static_cast<std::streamsize>(img.bytes.size()));
    } else {
      fs::remove(path);
    }
    fs::remove(path + "-shm");  // shared memory does not survive a power cut
  }
  files_.clear();
  power_off_ = false;
}

}  // namespace shubbak::testing
