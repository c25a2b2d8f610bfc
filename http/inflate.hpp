// Undoing Content-Encoding: gzip with a cap on the output: inflating stops as soon as the cap is passed, so a small
// body that would inflate to gigabytes costs at most the cap.
#pragma once
#include <string>
#include <string_view>

namespace shubbak::http {

enum class Inflated { Ok, TooLarge, Damaged };

// Every member of a multi-member gzip stream is inflated (RFC 1952). `out` holds at most max_bytes (+ one step)
// when TooLarge is returned.
Inflated inflate_gzip(std::string_view in, size_t max_bytes, std::string& out);

}  // namespace shubbak::http
