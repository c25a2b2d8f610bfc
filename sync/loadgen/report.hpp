// The load generator's one result line, and the words when not every record was confirmed.
#pragma once
#include <memory>
#include <vector>

#include "sync/loadgen/kiosk_player.hpp"
#include "sync/loadgen/totals.hpp"

namespace shubbak::loadgen {

// Prints `records_per_s=… p50_ms=… p99_ms=… batches=… retries=… answers_503=… elapsed_s=…` (and the other
// counters) on stdout; returns exit 0 if every record of every kiosk was confirmed, 1 otherwise (with words on
// stderr saying how many, which kiosks stopped and the last failure).
int report(const std::vector<std::unique_ptr<KioskPlayer>>& players, const Totals& totals, Steady::duration wall,
           int deadline_seconds);

}  // namespace shubbak::loadgen
