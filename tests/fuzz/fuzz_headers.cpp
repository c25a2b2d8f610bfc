// Response header lines as a server sends them, one per line.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "sync/transport/https_client.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> headers;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
    shubbak::transport::parse_header_line(line, headers);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return 0;
}
