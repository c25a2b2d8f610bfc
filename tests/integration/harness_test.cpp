// The test harness itself: a wait on a process has a deadline, and when it gives up it says what it saw.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/integration/helpers.hpp"

using namespace shubbak::testing;

TEST(Harness, WaitForGivesUpAtItsDeadlineAndPrintsWhatItSaw) {
  // A process that says one thing, then nothing for longer than the wait.
  Process p = spawn({"/bin/sh", "-c", "echo first line >&2; exec sleep 60"});
  std::string seen;
  ::testing::internal::CaptureStderr();
  auto start = std::chrono::steady_clock::now();
  bool found = p.wait_for("a line that never comes", &seen, 2);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string said = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(found);
  EXPECT_GE(took, 1.9);
  EXPECT_LT(took, 30) << "the deadline was not kept";
  EXPECT_EQ(seen, "first line\n");
  EXPECT_NE(said.find("gave up waiting for \"a line that never comes\""), std::string::npos) << said;
  EXPECT_NE(said.find("no such line within 2 s"), std::string::npos) << said;
  EXPECT_NE(said.find("first line"), std::string::npos) << said;
}

TEST(Harness, WaitForSaysWhenTheProcessEndedFirst) {
  Process p = spawn({"/bin/sh", "-c", "echo only line >&2"});
  ::testing::internal::CaptureStderr();
  bool found = p.wait_for("missing");
  std::string said = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(found);
  EXPECT_NE(said.find("the process ended first"), std::string::npos) << said;
  EXPECT_NE(said.find("only line"), std::string::npos) << said;
  EXPECT_EQ(p.stop(0), 0);
}
