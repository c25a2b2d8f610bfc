// Helpers for tests that run the real executables.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace shubbak::testing {

namespace fs = std::filesystem;

struct Result {
  int exit_code = -1;
  std::string out, err;
};

std::string bin(const std::string& name);  // build/bin/NAME
// Runs a program to completion, capturing stdout and stderr.
Result run(const std::vector<std::string>& argv, const std::string& stdin_text = "");

// A fresh temporary folder, removed at destruction.
struct TempDir {
  TempDir();
  ~TempDir();
  fs::path path;
};

// A config dir: a copy of config/demo with a fresh upstream sealing key; returns its secret key (base64).
std::string make_config(const fs::path& dir);

std::string read_file(const fs::path& p);
void write_file(const fs::path& p, const std::string& text);

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgba;
  size_t distinct_colours() const;
};
Image load_png(const fs::path& p);

}  // namespace shubbak::testing
