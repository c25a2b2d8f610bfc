// What the PostgreSQL side throws. DatabaseUnavailable: the server cannot be reached or went away (the receiver
// answers 503 with Retry-After; a command exits kStore). DatabaseError: the server answered with an error (a bug, a
// constraint, a schema too old): its SQLSTATE and primary message only, never the DETAIL line, which can echo
// values.
#pragma once
#include <stdexcept>
#include <string>

namespace shubbak::upstream::pg {

struct DatabaseUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct DatabaseError : std::runtime_error {
  DatabaseError(std::string state, const std::string& message)
      : std::runtime_error(message + " (SQLSTATE " + state + ")"), sqlstate(std::move(state)) {}
  std::string sqlstate;
  // A deadlock or serialization failure: the transaction may simply be run again.
  bool retryable() const { return sqlstate == "40P01" || sqlstate == "40001"; }
};

}  // namespace shubbak::upstream::pg
