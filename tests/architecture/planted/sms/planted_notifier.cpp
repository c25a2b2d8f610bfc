// Planted violation (tests/architecture): the SMS notifier opening a socket and knowing the desk.
#include "store/database.hpp"
#include <sys/socket.h>
#include "desk/pages.hpp"
