// Planted violation (tests/architecture): the sync engine knowing a screen of the kiosk.
#include "store/outbox.hpp"
#include "kiosk/ui/kit.hpp"
