# Dashboard figures (issue 17): suppression (pure), and the aggregates and scoped queries against a real PostgreSQL
# (each test process starts its own cluster, tests/national/pg_cluster.hpp).
add_executable(shubbak_dashboard_suppress_tests dashboard_suppress_test.cpp dashboard_chart_test.cpp
               dashboard_csv_test.cpp)
target_link_libraries(shubbak_dashboard_suppress_tests PRIVATE shubbak_dashboard GTest::gtest_main)
gtest_discover_tests(shubbak_dashboard_suppress_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS national)

add_executable(shubbak_dashboard_pg_tests pg_cluster.cpp dashboard_seed.cpp dashboard_pg_test.cpp
               dashboard_scope_test.cpp dashboard_bench_test.cpp)
target_link_libraries(shubbak_dashboard_pg_tests PRIVATE shubbak_dashboard GTest::gtest_main PkgConfig::SODIUM
                      Threads::Threads)
target_compile_definitions(shubbak_dashboard_pg_tests PRIVATE SHUBBAK_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}"
                           SHUBBAK_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_dependencies(shubbak_dashboard_pg_tests shubbak-upstream)
gtest_discover_tests(shubbak_dashboard_pg_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 600 LABELS national)

# The dashboard's web side (issue 17): accounts, lockout, roles, refusals with their audit rows, and the attacks on its
# own port (dashboard_attack_test.cpp: the real HTTP server, raw bytes).
add_executable(shubbak_dashboard_web_tests pg_cluster.cpp dashboard_seed.cpp dashboard_web_test.cpp
               dashboard_attack_test.cpp http_client.cpp)
target_link_libraries(shubbak_dashboard_web_tests PRIVATE shubbak_dashboard_web GTest::gtest_main PkgConfig::SODIUM
                      Threads::Threads)
target_compile_definitions(shubbak_dashboard_web_tests PRIVATE SHUBBAK_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}"
                           SHUBBAK_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_dependencies(shubbak_dashboard_web_tests shubbak-upstream)
gtest_discover_tests(shubbak_dashboard_web_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300 LABELS national)

# The browser tests' seed (tests/browser/test_dashboard.py): records through the receivers' insert path.
add_executable(shubbak-dashboard-seed dashboard_seed_tool.cpp dashboard_seed.cpp)
target_link_libraries(shubbak-dashboard-seed PRIVATE shubbak_upstream_pg PkgConfig::SODIUM)
