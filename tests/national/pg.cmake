# pg tests (issue 14): PostgreSQL storage, tokens, export with identities, keygen. Each test process starts its own
# PostgreSQL cluster (tests/national/pg_cluster.hpp), as the user pgtest when run as root.
add_executable(shubbak_pg_tests pg_cluster.cpp pg_records.cpp pg_store_test.cpp pg_export_test.cpp
               pg_accompaniment_test.cpp pg_keygen_test.cpp pg_bench_test.cpp)
target_link_libraries(shubbak_pg_tests PRIVATE shubbak_upstream_pg GTest::gtest_main nlohmann_json::nlohmann_json
                      PkgConfig::SODIUM Threads::Threads)
target_compile_definitions(shubbak_pg_tests PRIVATE SHUBBAK_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
add_dependencies(shubbak_pg_tests shubbak-upstream)
gtest_discover_tests(shubbak_pg_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300 LABELS national)
