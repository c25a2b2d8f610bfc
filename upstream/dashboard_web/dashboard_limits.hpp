// Every bound and tuning constant of the ministry's dashboard server (shubbak-upstream dashboard), in one place.
#pragma once
#include <cstddef>

namespace shubbak::upstream::dashboard_web::limits {

// Sessions: in memory, like the desk's. A session ends after this long without a request, and in any case this long
// after sign-in (a shared ministry PC left signed in is signed out by lunch).
inline constexpr int kIdleMinutes = 15;
inline constexpr int kAbsoluteHours = 8;
inline constexpr int kMaxSessions = 256;              // signed-in browsers at once (ministry and regional staff)
// Sign-in: per peer address (nginx gives X-Forwarded-For only from loopback, see peer_of), and per account.
inline constexpr int kSignInAttemptsPerMinute = 10;
inline constexpr size_t kMaxPeersTracked = 4096;
inline constexpr int kMaxWrongPasswords = 5;          // then locked: 1 minute, doubling with each failure, at most 24 h
inline constexpr int kMaxConcurrentSignIns = 2;       // argon2id takes 64 MiB and ~0.3 s each
inline constexpr int kRetryAfterSeconds = 60;         // told to a peer over the sign-in rate
// Accounts.
inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordBytes = 256;
inline constexpr size_t kMaxUserNameBytes = 64;
// The server: bodies are sign-in and sign-out forms only.
inline constexpr size_t kMaxFormBytes = 4u << 10;
inline constexpr int kMaxFormFields = 8;
inline constexpr size_t kMaxFieldNameBytes = 32;
inline constexpr size_t kMaxFieldValueBytes = 512;
inline constexpr size_t kMaxHeaderBytes = 16u << 10;
inline constexpr int kMaxHeaderCount = 64;
inline constexpr int kWorkers = 4;                    // also the number of read-only database connections
inline constexpr int kMaxQueued = 32;
inline constexpr int kMaxConnections = 256;
// From one address at once (nginx on this machine comes by the unix socket, never bounded; nginx on another machine
// needs at most its keepalive plus the requests it has in flight, far fewer): one peer holding idle connections
// leaves the others room.
inline constexpr int kMaxConnectionsPerPeer = 32;
inline constexpr int kIdleTimeoutSeconds = 10;        // headers must be whole within this (slow clients closed)
inline constexpr int kBodyDeadlineSeconds = 10;
// A page's queries: cancelled by PostgreSQL beyond this (the page then says the figures could not be read).
inline constexpr int kStatementTimeoutSeconds = 10;
// Parallel workers per statement: none. A page is many small statements over aggregates; starting workers for each
// made them a third slower on the 2-core machine (docs/performance.md, "The dashboard").
inline constexpr int kParallelWorkersPerGather = 0;
// Memory for each sort of a page's statements: the centres page's waits per centre (130,000 rows at 10 M records)
// spilled to disk with PostgreSQL's 4 MB (docs/performance.md, "The ministry's dashboard at 10 M records").
inline constexpr int kWorkMemMegabytes = 32;
// Audit detail (what was asked: a path and query, never a person's data) is cut to this many bytes.
inline constexpr size_t kMaxAuditDetailBytes = 300;

}  // namespace shubbak::upstream::dashboard_web::limits
