// Planted violation (tests/architecture): the kiosk, which has no network, including curl.
#include <curl/curl.h>
// Planted violation: SDL outside kiosk/platform.
#include <SDL.h>
