# intake tests (issue 14): parsing batches and heartbeats, opening records (pure: no database, no network).
add_executable(shubbak_intake_tests ${CMAKE_CURRENT_SOURCE_DIR}/intake_batch_test.cpp
               ${CMAKE_CURRENT_SOURCE_DIR}/intake_record_test.cpp
               ${CMAKE_CURRENT_SOURCE_DIR}/intake_accompaniment_test.cpp)
target_link_libraries(shubbak_intake_tests PRIVATE shubbak_upstream_intake GTest::gtest_main ZLIB::ZLIB)
target_include_directories(shubbak_intake_tests PRIVATE ${CMAKE_SOURCE_DIR})
gtest_discover_tests(shubbak_intake_tests DISCOVERY_TIMEOUT 60)

# RecordOpener::open per record (scripts/bench; not run by CTest).
if(benchmark_FOUND)
  add_executable(bench_intake ${CMAKE_SOURCE_DIR}/tests/bench/bench_intake.cpp)
  target_link_libraries(bench_intake PRIVATE shubbak_upstream_intake benchmark::benchmark)
  target_include_directories(bench_intake PRIVATE ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
endif()
