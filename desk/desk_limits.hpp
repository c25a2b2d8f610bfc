// Every bound and tuning constant of shubbak-desk, in one place.
#pragma once
#include <cstddef>

namespace shubbak::desk::limits {

inline constexpr size_t kMaxFormBytes = 16u << 10;   // a form body (the note is the largest field)
inline constexpr int kMaxFormFields = 16;            // fields in one form
inline constexpr size_t kMaxFieldNameBytes = 32;
inline constexpr size_t kMaxFieldValueBytes = 4u << 10;
inline constexpr int kMaxPinDigits = 8;
inline constexpr int kMaxSessions = 64;              // signed-in browsers at once (a centre has a handful of desks)
inline constexpr int kSignInAttemptsPerMinute = 10;  // per peer address; beyond: 429
inline constexpr size_t kMaxPeersTracked = 1024;     // rate-limit memory
inline constexpr int kMaxConcurrentSignIns = 2;      // argon2id takes 64 MiB and ~0.3 s each
inline constexpr int kWorkers = 8;
inline constexpr int kMaxConnections = 256;
inline constexpr int kIdleTimeoutSeconds = 10;       // headers must be whole within this (slow clients closed)
inline constexpr int kBodyDeadlineSeconds = 10;
inline constexpr int kMaxQueued = 32;
inline constexpr int kParkSeconds = 25;              // a live request is answered (unchanged) after this long
inline constexpr int kMaxParked = 128;
inline constexpr int kIdleTickSeconds = 5;           // how often the watcher runs every session's idle rule
inline constexpr int kRetryAfterSeconds = 60;        // told to a peer over the sign-in rate
inline constexpr int kStoreRetrySeconds = 5;         // a store that could not be opened at start is tried again
inline constexpr int kOutagePageRefreshSeconds = 10;  // the "records cannot be opened" page reloads itself
inline constexpr int kHousekeepingSeconds = 300;     // past days' booked appointments marked missed this often
inline constexpr size_t kMaxIdleEndsRemembered = 256;  // sessions the idle rule ended, remembered to say so once

}  // namespace shubbak::desk::limits
