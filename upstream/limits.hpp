// Every bound the national receiver applies by itself, whatever nginx in front of it does (one place; the
// documentation of each is in docs/national.md, "Limits"). A request over a limit is refused with words, never read
// to its end: bodies are counted as they arrive (any framing: Content-Length, chunked, none), inflated with a cap,
// parsed with a count and depth cap.
#pragma once
#include <cstddef>

namespace shubbak::upstream::limits {

// A batch body as it arrives (gzip or not). The kiosk's batches are at most batch_max_kib (512 KiB) of sealed
// payloads, about 0.9 MiB of JSON with base64 and ids.
inline constexpr size_t kMaxBodyBytes = 2u << 20;
// The same body after Content-Encoding: gzip is undone (the inflater stops at this size: 413).
inline constexpr size_t kMaxDecodedBodyBytes = 2u << 20;
// Records in one batch (the kiosk's batch_max_records default; over it: 413, the kiosk halves its batch).
inline constexpr int kBatchMaxRecords = 500;
// One sealed record (base64 as sent) and its JSON once opened (zlib inside the seal is inflated with this cap).
inline constexpr size_t kMaxSealedRecordBytes = 64u << 10;
inline constexpr size_t kMaxOpenedRecordBytes = 64u << 10;
// JSON nesting in a batch or a record (a batch is 3 deep, a record 3).
inline constexpr int kMaxJsonDepth = 8;
// A heartbeat body (documented shape: six fields, about 200 bytes).
inline constexpr size_t kMaxHeartbeatBytes = 4u << 10;
// Request line plus every header line together, and how many header lines.
inline constexpr size_t kMaxHeaderBytes = 16u << 10;
inline constexpr int kMaxHeaderCount = 64;
// A connection that sends nothing for this long is closed (slow clients cost a socket, never a worker).
inline constexpr int kIdleTimeoutSeconds = 10;
// Open connections per receiver (nginx keeps a few alive; direct clients are refused beyond this).
inline constexpr int kMaxConnections = 1024;
// Threads serving requests; each holds its own PostgreSQL connection. Most of a batch's time is spent waiting for
// PostgreSQL (its commit is flushed to disk), so a few more threads than cores keep both cores busy (4 workers:
// 6,500 records/s). More than that only lengthens each batch: at 300 kiosks on 2 cores, 8 workers and a queue of 2
// gave 10,300-11,500 records/s at p99 1.25 s, 16 and 4 gave 11,150 at p99 2.2 s (docs/performance.md).
inline constexpr int kDefaultWorkers = 8;
// Requests waiting for a worker, beyond those being answered: over it, 503 with Retry-After at once (the kiosk
// waits and sends the same batch), rather than every kiosk waiting behind all the others. A place in a long queue
// only adds waiting: at 300 kiosks a queue of 4 halved the median batch time against 32, and 2 (with 8 workers)
// halved it again (0.68 s) for the same records/s (docs/performance.md, "National ingest").
inline constexpr int kMaxQueuedRequests = 2;
// Bodies being received at once, all connections together: over it new bodies get 503 with Retry-After, so that
// memory stays bounded however many clients send at once.
inline constexpr size_t kMaxBufferedBodyBytes = 64u << 20;
// Seconds a kiosk is asked to wait (Retry-After) when the receiver or its database is busy or away.
inline constexpr int kRetryAfterSeconds = 2;
// A token found in PostgreSQL is trusted this long by a receiver before it is looked up again (revocation delay).
inline constexpr int kTokenCacheSeconds = 60;

// Idempotency answers are kept this long, and looked for to delete this often (upstream/app/answer_purge.hpp): a
// kiosk repeats a key within hours; one repeated later is answered again, its records `duplicate` (confirmed).
inline constexpr int kAnswerRetentionDays = 7;
inline constexpr int kAnswerPurgeSeconds = 3600;

// The dashboard's aggregates are counted this often from what the receivers queued (upstream/app/aggregate_loop.hpp):
// a record is on the dashboard within a few seconds (the issue asks for a minute).
inline constexpr int kAggregateSeconds = 1;

}  // namespace shubbak::upstream::limits
