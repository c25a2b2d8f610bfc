# scripts/hub and the national side as a whole: exactly once, failover, identities (the lead's).
add_library(shubbak_hub_fixture STATIC hub_fixture.cpp ${PROJECT_SOURCE_DIR}/tests/integration/helpers.cpp)
target_include_directories(shubbak_hub_fixture PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(shubbak_hub_fixture PUBLIC shubbak_store shubbak_common GTest::gtest)
target_compile_definitions(shubbak_hub_fixture PUBLIC SHUBBAK_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                           SHUBBAK_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")

add_executable(shubbak_national_tests hub_test.cpp)
target_link_libraries(shubbak_national_tests PRIVATE shubbak_hub_fixture GTest::gtest_main nlohmann_json::nlohmann_json)
add_dependencies(shubbak_national_tests shubbak-upstream shubbak-sync shubbak-kiosk shubbak-admin)
gtest_discover_tests(shubbak_national_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 600)
