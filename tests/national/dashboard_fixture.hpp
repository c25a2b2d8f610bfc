// A migrated PostgreSQL cluster of its own for each dashboard test, with a receiver's store to seed it.
#pragma once
#include <gtest/gtest.h>
#include <sodium.h>

#include <memory>

#include "tests/national/dashboard_seed.hpp"
#include "tests/national/pg_cluster.hpp"
#include "upstream/pg/aggregate.hpp"
#include "upstream/pg/connection.hpp"
#include "upstream/pg/migrations.hpp"
#include "upstream/pg/receiver_store.hpp"

namespace shubbak::testing {

class DashboardDb : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    conn = std::make_unique<upstream::pg::Connection>(pg.conninfo());
    ASSERT_EQ(upstream::pg::migrate(*conn), upstream::pg::latest_schema_version());
    store = std::make_unique<upstream::pg::ReceiverStore>(pg.conninfo());
  }
  // What the receivers' aggregator does every second: counts every record stored so far (and moves the centres'
  // window to `window`, if set).
  void count_queued() { upstream::pg::aggregate_everything(*conn, window); }
  // Rows of a query (psql -At), sorted, for comparing an aggregate with the truth from the fact tables.
  std::string rows(const std::string& sql) { return pg.psql("SELECT string_agg(x::text, ';' ORDER BY x::text) FROM (" + sql + ") x"); }

  PgCluster pg;
  std::unique_ptr<upstream::pg::Connection> conn;
  std::unique_ptr<upstream::pg::ReceiverStore> store;
  std::optional<upstream::pg::CentreWindow> window;  // the aggregator's, as a receiver with a catalogue has one
};

}  // namespace shubbak::testing
