// Planted violation (tests/architecture): the national side reaching into the kiosk's domain.
#include "common/log.hpp"
#include "kiosk/core/flow.hpp"
