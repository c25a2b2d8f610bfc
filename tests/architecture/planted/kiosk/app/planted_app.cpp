// Planted violation (tests/architecture): the kiosk, which has no network, including curl.
#include <curl/curl.h>
