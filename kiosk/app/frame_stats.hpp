// --frame-stats (benchmark only): every frame's time and every tap's latency, written as one JSON object at exit.
#pragma once
#include <string>
#include <vector>

namespace shubbak::app {

class FrameStats {
 public:
  explicit FrameStats(std::string path) : path_(std::move(path)) {}
  bool on() const { return !path_.empty(); }
  void first_frame(double ms) { first_frame_ms_ = ms; }
  double first_frame_ms() const { return first_frame_ms_; }  // 0 until the first frame is drawn
  void frame(double ms) { if (on()) frame_ms_.push_back(ms); }
  void tap(double ms) { if (on()) tap_ms_.push_back(ms); }
  // Percentiles (p50, p95, max) of both; nothing when off.
  void write(const std::string& renderer) const;

 private:
  std::string path_;
  double first_frame_ms_ = 0;
  std::vector<double> frame_ms_, tap_ms_;
};

}  // namespace shubbak::app
