// Planted violation (tests/architecture): a screen opening the store.
#include "kiosk/ui/kit.hpp"
#include "store/database.hpp"
