#include "sync/app/signals.hpp"

#include <pthread.h>
#include <signal.h>

#include <ctime>

namespace shubbak::sync_app {

namespace {

sigset_t quit_signals() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGINT);
  return s;
}

}  // namespace

void block_quit_signals() {
  sigset_t s = quit_signals();
  pthread_sigmask(SIG_BLOCK, &s, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a peer that hangs up must not kill the process
}

bool sleep_or_quit(long ms) {
  if (ms <= 0) return false;
  sigset_t s = quit_signals();
  timespec ts{ms / 1000, (ms % 1000) * 1000000L};
  int sig = sigtimedwait(&s, nullptr, &ts);
  return sig == SIGTERM || sig == SIGINT;
}

}  // namespace shubbak::sync_app
