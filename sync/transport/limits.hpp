// The bounds of the sync protocol's answers, in one place. The protocol's answers are small: the answer to a batch
// of 500 records is about 40 KiB, the signed demo catalogue 15 KiB (a large centre's perhaps ten times that). An
// answer beyond these bounds is not our protocol (a gzip bomb, an endless body, a proxy's download): it is cut off
// at once, so the daemon's memory stays small whatever the other end sends.
#pragma once
#include <cstddef>

namespace shubbak::transport {

constexpr size_t kMaxAnswerBodyBytes = 4u << 20;     // decoded body: 25x a catalogue ten times the demo's
constexpr size_t kMaxAnswerHeaderBytes = 64u << 10;  // all header lines of one answer together
// A whole request, however steadily the bytes trickle. A full batch (512 KiB) takes ~66 s up a 64 kbit/s link, more
// with loss: a deadline shorter than the slowest legal batch would resend it forever.
constexpr long kRequestDeadlineSeconds = 300;

}  // namespace shubbak::transport
