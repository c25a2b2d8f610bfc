// The sync's retry policy: the ceiling of its full-jitter backoff doubles with each failure in a row, up to the cap.
#include <gtest/gtest.h>

#include "sync/engine/engine.hpp"

using shubbak::sync::backoff_ceiling_seconds;

TEST(SyncBackoff, TheCeilingDoublesWithEachFailureInARowUpToTheCap) {
  EXPECT_EQ(backoff_ceiling_seconds(0, 2, 300), 2);
  EXPECT_EQ(backoff_ceiling_seconds(1, 2, 300), 4);
  EXPECT_EQ(backoff_ceiling_seconds(2, 2, 300), 8);
  EXPECT_EQ(backoff_ceiling_seconds(7, 2, 300), 256);
  EXPECT_EQ(backoff_ceiling_seconds(8, 2, 300), 300);
  EXPECT_EQ(backoff_ceiling_seconds(1000, 2, 300), 300) << "no overflow after days of failures";
  EXPECT_EQ(backoff_ceiling_seconds(-1, 2, 300), 2);
}
