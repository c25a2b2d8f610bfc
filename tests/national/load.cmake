# shubbak-loadgen against the hub (issue 14, section 7): the load generator's own smoke tests.
add_executable(shubbak_load_tests load_test.cpp)
target_link_libraries(shubbak_load_tests PRIVATE shubbak_hub_fixture GTest::gtest_main)
add_dependencies(shubbak_load_tests shubbak-upstream shubbak-loadgen)
gtest_discover_tests(shubbak_load_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
