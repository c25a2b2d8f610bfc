// SIGTERM and SIGINT, received synchronously: the daemon sleeps in sigtimedwait and ends between rounds.
#pragma once

namespace shubbak::sync_app {

// Blocks SIGTERM/SIGINT (call first, before any thread) and ignores SIGPIPE.
void block_quit_signals();
// Sleeps up to ms; true if SIGTERM/SIGINT arrived.
bool sleep_or_quit(long ms);

}  // namespace shubbak::sync_app
