// What an upstream (or a captive portal, or an attacker on the path) answers to a batch. The first byte picks
// the content type. An acknowledgement is only ever read from a JSON object with a results array.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sync/engine/answers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kTypes[] = {"application/json", "application/json; charset=utf-8", "text/html", ""};
  std::string type = kTypes[data[0] % 4];
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  auto acks = shubbak::sync::parse_records_answer(type, body);
  if (acks && type.rfind("application/json", 0) != 0) std::abort();  // a web page never acknowledges anything
  if (acks)
    for (const auto& a : *acks)
      if (a.reason.size() > 200) std::abort();
  if (shubbak::sync::refusal_reason(body).size() > 200) std::abort();
  return 0;
}
