# http tests (issue 14): the receiver's HTTP layer against a real server process on loopback, with a plug-in handler
# (no database): limits, attacks, slow clients, parallelism, metrics; and the desk's needs (issue 15): HTTPS, the
# allow-list, parked requests, the networks' parsing.
add_executable(http-plugin-server ${CMAKE_CURRENT_LIST_DIR}/http_plugin_server.cpp)
target_link_libraries(http-plugin-server PRIVATE shubbak_http)

add_executable(shubbak_http_tests ${CMAKE_CURRENT_LIST_DIR}/http_client.cpp
               ${CMAKE_CURRENT_LIST_DIR}/http_limits_test.cpp
               ${CMAKE_CURRENT_LIST_DIR}/http_concurrency_test.cpp ${CMAKE_CURRENT_LIST_DIR}/http_metrics_test.cpp
               ${CMAKE_CURRENT_LIST_DIR}/http_tls_test.cpp ${CMAKE_CURRENT_LIST_DIR}/http_allow_test.cpp
               ${CMAKE_CURRENT_LIST_DIR}/http_park_test.cpp ${CMAKE_CURRENT_LIST_DIR}/http_subnet_test.cpp
               ${PROJECT_SOURCE_DIR}/tests/integration/helpers.cpp)
target_include_directories(shubbak_http_tests PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(shubbak_http_tests PRIVATE shubbak_http shubbak_store shubbak_common GTest::gtest_main ZLIB::ZLIB
                      nlohmann_json::nlohmann_json PkgConfig::IMGUI Threads::Threads)
target_compile_definitions(shubbak_http_tests PRIVATE SHUBBAK_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                           SHUBBAK_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
add_dependencies(shubbak_http_tests http-plugin-server)
gtest_discover_tests(shubbak_http_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)

# serve itself (routes, tokens, 401/403/404/405/413/503) on a hub's receiver: a real PostgreSQL (scripts/hub).
add_executable(shubbak_http_serve_tests ${CMAKE_CURRENT_LIST_DIR}/http_client.cpp
               ${CMAKE_CURRENT_LIST_DIR}/http_serve_test.cpp)
target_link_libraries(shubbak_http_serve_tests PRIVATE shubbak_hub_fixture GTest::gtest_main
                      nlohmann_json::nlohmann_json Threads::Threads)
add_dependencies(shubbak_http_serve_tests shubbak-upstream)
gtest_discover_tests(shubbak_http_serve_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
