# Runs one C test for CTest: cmake -DPROGRAM=<exe> [-DVALGRIND=<valgrind>] -P ws2mpRunCTest.cmake
# Fails on a non-zero exit, on any line starting "not ok ", or when no line starts "ok "
# (the same rule as tests/c_tests.rs).
if(VALGRIND)
  set(_command "${VALGRIND}" --quiet --error-exitcode=99 --leak-check=full
      --errors-for-leak-kinds=definite --track-fds=no "${PROGRAM}")
else()
  set(_command "${PROGRAM}")
endif()
execute_process(COMMAND ${_command} INPUT_FILE /dev/null
                RESULT_VARIABLE _status OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
message("${_out}${_err}")
string(REGEX MATCHALL "(^|\n)ok " _passed "${_out}")
string(REGEX MATCHALL "(^|\n)not ok " _failed "${_out}")
list(LENGTH _passed _passed)
list(LENGTH _failed _failed)
if(NOT _status STREQUAL "0")
  message(FATAL_ERROR "${PROGRAM}: exit status ${_status} (${_failed} assertions failed)")
elseif(_failed GREATER 0)
  message(FATAL_ERROR "${PROGRAM}: ${_failed} assertions failed")
elseif(_passed EQUAL 0)
  message(FATAL_ERROR "${PROGRAM}: no assertions were reported")
endif()
message(STATUS "${PROGRAM}: ${_passed} assertions passed")
