#include "upstream/intake/bounded_json.hpp"

#include <sodium.h>

#include <string>
#include <vector>

namespace shubbak::upstream::intake {

using nlohmann::json;

namespace {

// Builds the document from SAX events, counting as it goes. (nlohmann's parser callback would do the counting,
// but its DOM builder then scans the parent array at every object's end: quadratic in the objects of one array,
// 70 ms of CPU for 8,000 empty objects. This one is linear.)
class BoundedBuilder : public json::json_sax_t {
 public:
  explicit BoundedBuilder(const JsonBounds& b) : bounds_(b) {}
  json root;

  bool null() override { return add(nullptr); }
  bool boolean(bool v) override { return add(v); }
  bool number_integer(json::number_integer_t v) override { return add(v); }
  bool number_unsigned(json::number_unsigned_t v) override { return add(v); }
  bool number_float(json::number_float_t v, const std::string&) override { return add(v); }
  bool string(std::string& v) override { return add(std::move(v)); }
  bool binary(json::binary_t&) override { return false; }  // not in JSON text
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(std::string& k) override {
    key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const json::exception&) override { return false; }

 private:
  json* add(json v) {
    if (++values_ > bounds_.max_values)
      throw JsonBoundPassed(JsonBoundPassed::Which::Values,
                            "more than " + std::to_string(bounds_.max_values) + " JSON values");
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    json& slot = top[key_];  // a repeated key: the last one wins, as nlohmann's own parser does
    slot = std::move(v);
    return &slot;
  }
  bool open(json container) {
    // Pointers on the stack stay valid: a container only grows while it is the innermost one.
    if (static_cast<int>(stack_.size()) + 1 > bounds_.max_depth)
      throw JsonBoundPassed(JsonBoundPassed::Which::Depth,
                            "JSON nested deeper than " + std::to_string(bounds_.max_depth) + " levels");
    stack_.push_back(add(std::move(container)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  const JsonBounds& bounds_;
  std::vector<json*> stack_;
  std::string key_;
  size_t values_ = 0;
};

}  // namespace

json parse_bounded(std::string_view text, const JsonBounds& bounds) {
  BoundedBuilder b(bounds);
  if (!json::sax_parse(text.begin(), text.end(), &b))
    throw json::parse_error::create(101, 0, "not JSON", nullptr);
  return std::move(b.root);
}

void wipe_strings(json& j) {
  if (j.is_string()) {
    auto& s = j.get_ref<std::string&>();
    sodium_memzero(s.data(), s.size());
  } else if (j.is_structured()) {
    for (auto& v : j) wipe_strings(v);
  }
}

}  // namespace shubbak::upstream::intake
