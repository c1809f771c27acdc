# The C tests in c-tests/, built and registered with CTest (included by CMakeLists.txt when
# WS2MP_BUILD_TESTS is ON). The files are found when CMake configures (CONFIGURE_DEPENDS: a
# new c-tests/*.c or *.cpp is picked up by the next build), and built the way
# tests/c_tests.rs builds them: against ws2mp::compat with c-tests/ on the include path,
# -Wall -Wextra -Werror, gnu11 / gnu++17, AddressSanitizer and UBSan unless the source asks
# for valgrind. Directives in a source's first lines, after `ws2mp-test:` up to the comment's
# `*/`: `needs-root` (disabled without root), `timeout=SECONDS` (default 60), `valgrind`;
# `posix` and `no-mingw` only matter to tests/c_tests_mingw.rs.
# Each test runs through cmake/ws2mpRunCTest.cmake, which fails it on a non-zero exit, on a
# line starting "not ok ", or when no line starts "ok ".
enable_language(CXX)
find_package(Threads REQUIRED)
find_program(WS2MP_VALGRIND valgrind DOC "valgrind, for the C tests that ask for it")
execute_process(COMMAND id -u OUTPUT_VARIABLE _ws2mp_uid OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)

file(GLOB _ws2mp_c_tests CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/c-tests/*.c" "${PROJECT_SOURCE_DIR}/c-tests/*.cpp")
list(SORT _ws2mp_c_tests)
foreach(_source IN LISTS _ws2mp_c_tests)
  get_filename_component(_name "${_source}" NAME_WE)
  file(STRINGS "${_source}" _directives REGEX "ws2mp-test:" LIMIT_INPUT 4096)
  string(REGEX REPLACE ".*ws2mp-test:" "" _directives "${_directives}")
  string(REGEX REPLACE "\\*/[^;]*" "" _directives "${_directives}")
  separate_arguments(_directives UNIX_COMMAND "${_directives}")
  set(_needs_root OFF)
  set(_valgrind OFF)
  set(_timeout 60)
  foreach(_word IN LISTS _directives)
    if(_word STREQUAL "needs-root")
      set(_needs_root ON)
    elseif(_word STREQUAL "valgrind")
      set(_valgrind ON)
    elseif(_word MATCHES "^timeout=([0-9]+)$")
      set(_timeout ${CMAKE_MATCH_1})
    elseif(NOT _word MATCHES "^(c\\+\\+|posix|no-mingw|no-tsan)$")
      message(FATAL_ERROR "${_source}: unknown ws2mp-test directive ${_word}")
    endif()
  endforeach()

  set(_target ws2mp_ctest_${_name})
  add_executable(${_target} "${_source}")
  set_target_properties(${_target} PROPERTIES
    OUTPUT_NAME "${_name}"
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/c-tests"
    C_STANDARD 11 C_EXTENSIONS ON CXX_STANDARD 17 CXX_EXTENSIONS ON)
  target_include_directories(${_target} PRIVATE "${PROJECT_SOURCE_DIR}/c-tests")
  target_link_libraries(${_target} PRIVATE ws2mp::compat Threads::Threads)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${_target} PRIVATE -Wall -Wextra -Werror -fno-omit-frame-pointer)
    if(NOT _valgrind)
      target_compile_options(${_target} PRIVATE -fsanitize=address,undefined)
      target_link_options(${_target} PRIVATE -fsanitize=address,undefined)
    endif()
  endif()

  set(_runner "${CMAKE_COMMAND}" "-DPROGRAM=$<TARGET_FILE:${_target}>")
  if(_valgrind)
    list(APPEND _runner "-DVALGRIND=${WS2MP_VALGRIND}")
  endif()
  add_test(NAME ${_name}
           COMMAND ${_runner} -P "${PROJECT_SOURCE_DIR}/cmake/ws2mpRunCTest.cmake")
  set_tests_properties(${_name} PROPERTIES
    TIMEOUT ${_timeout}
    LABELS ws2mp
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1;UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")
  if(_needs_root AND NOT _ws2mp_uid STREQUAL "0")
    # Network namespaces: ctest lists it as "Not Run (Disabled)".
    set_tests_properties(${_name} PROPERTIES DISABLED TRUE)
  endif()
endforeach()
