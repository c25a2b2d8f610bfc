// Planted violations (tests/architecture): the domain core reaching for a screen, SQL, crypto and the network.
#include "kiosk/core/flow.hpp"
#include <SDL.h>
#include <imgui.h>
#include <sqlite3.h>
#include <sodium.h>
#include <curl/curl.h>
