# Defines ws2mp's IMPORTED targets. Used by the source tree's CMakeLists.txt (pointing at
# cargo's output and the source headers) and by the installed ws2mpConfig.cmake (pointing
# at the installed files), so both routes give the same targets:
#
#   ws2mp::static   libws2mp.a, with the native libraries Rust's standard library needs
#   ws2mp::shared   the shared library (libws2mp.so.<version>, SONAME libws2mp.so.<major>;
#                   libws2mp.<version>.dylib on macOS)
#   ws2mp::ws2mp    one of the two (DEFAULT STATIC or SHARED)
#   ws2mp::compat   ws2mp::ws2mp plus the compat include directory (<winsock2.h>, ...)
#   ws2_32, mswsock, iphlpapi, wsock32, winmm, kernel32, advapi32, ... (and their usual
#                   spellings: Ws2_32, WS2_32, ws2_32.lib, ...): the Windows import libraries a
#                   Windows project's target_link_libraries names, each standing for
#                   ws2mp::compat, so those lines need no edit. A name the project already
#                   defines is left alone; WS2MP_NO_WINDOWS_LIBRARIES (set before
#                   find_package / add_subdirectory) leaves them all out.
#
# STATIC_LIBRARY / SHARED_LIBRARY are the files for any configuration (IMPORTED_LOCATION).
# PER_CONFIG <CONFIG> <static> <shared> ... adds IMPORTED_LOCATION_<CONFIG> (the source tree
# gives DEBUG: cargo's dev profile, and RELEASE: its release profile); RelWithDebInfo and
# MinSizeRel map to RELEASE.
include_guard(GLOBAL)

function(ws2mp_define_targets)
  cmake_parse_arguments(
    PARSE_ARGV 0 ARG "GLOBAL"
    "DEFAULT;STATIC_LIBRARY;SHARED_LIBRARY;SONAME;INCLUDE_DIR;COMPAT_INCLUDE_DIR"
    "NATIVE_STATIC_LIBS;DEPENDS;PER_CONFIG")
  if(TARGET ws2mp::ws2mp)
    return()
  endif()
  set(_global "")
  if(ARG_GLOBAL)
    set(_global GLOBAL)
  endif()

  # cargo's list, written for a linker command line: pthread is Threads::Threads in CMake,
  # libc is always linked.
  set(_native "")
  foreach(_lib IN LISTS ARG_NATIVE_STATIC_LIBS)
    if(_lib STREQUAL "pthread")
      if(NOT TARGET Threads::Threads)
        set(THREADS_PREFER_PTHREAD_FLAG ON)
        find_package(Threads REQUIRED)
      endif()
      list(APPEND _native Threads::Threads)
    elseif(NOT _lib STREQUAL "c")
      list(APPEND _native "${_lib}")
    endif()
  endforeach()

  add_library(ws2mp::static STATIC IMPORTED ${_global})
  set_target_properties(ws2mp::static PROPERTIES
    IMPORTED_LOCATION "${ARG_STATIC_LIBRARY}"
    IMPORTED_LINK_INTERFACE_LANGUAGES C
    INTERFACE_INCLUDE_DIRECTORIES "${ARG_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${_native}")

  add_library(ws2mp::shared SHARED IMPORTED ${_global})
  set_target_properties(ws2mp::shared PROPERTIES
    IMPORTED_LOCATION "${ARG_SHARED_LIBRARY}"
    IMPORTED_SONAME "${ARG_SONAME}"
    INTERFACE_INCLUDE_DIRECTORIES "${ARG_INCLUDE_DIR}")

  add_library(ws2mp::ws2mp INTERFACE IMPORTED ${_global})
  if(ARG_DEFAULT STREQUAL "SHARED")
    set_target_properties(ws2mp::ws2mp PROPERTIES INTERFACE_LINK_LIBRARIES ws2mp::shared)
  else()
    set_target_properties(ws2mp::ws2mp PROPERTIES INTERFACE_LINK_LIBRARIES ws2mp::static)
  endif()

  add_library(ws2mp::compat INTERFACE IMPORTED ${_global})
  set_target_properties(ws2mp::compat PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${ARG_COMPAT_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES ws2mp::ws2mp)

  if(NOT WS2MP_NO_WINDOWS_LIBRARIES)
    foreach(_name IN ITEMS
        ws2_32 Ws2_32 WS2_32 wsock32 WSock32 Wsock32 WSOCK32 mswsock MSWSock Mswsock MSWSOCK
        iphlpapi Iphlpapi IPHLPAPI IPHlpApi winmm Winmm WINMM kernel32 Kernel32 KERNEL32
        user32 User32 USER32 advapi32 Advapi32 ADVAPI32 shell32 Shell32 shlwapi Shlwapi
        ole32 Ole32 rpcrt4 Rpcrt4 RpcRT4 bcrypt Bcrypt BCrypt dbghelp Dbghelp DbgHelp psapi
        Psapi gdi32 Gdi32 ntdll Ntdll icmp Icmp wininet Wininet WinInet urlmon Urlmon UrlMon)
      foreach(_spelling "${_name}" "${_name}.lib")
        if(NOT TARGET "${_spelling}")
          add_library("${_spelling}" INTERFACE IMPORTED ${_global})
          set_target_properties("${_spelling}" PROPERTIES INTERFACE_LINK_LIBRARIES ws2mp::compat)
        endif()
      endforeach()
    endforeach()
  endif()

  set(_configs "")
  set(_rest ${ARG_PER_CONFIG})
  while(_rest)
    list(GET _rest 0 _config)
    list(GET _rest 1 _static)
    list(GET _rest 2 _shared)
    list(REMOVE_AT _rest 0 1 2)
    list(APPEND _configs ${_config})
    set_target_properties(ws2mp::static PROPERTIES IMPORTED_LOCATION_${_config} "${_static}")
    set_target_properties(ws2mp::shared PROPERTIES IMPORTED_LOCATION_${_config} "${_shared}")
  endwhile()
  if(_configs)
    foreach(_target ws2mp::static ws2mp::shared)
      set_property(TARGET ${_target} PROPERTY IMPORTED_CONFIGURATIONS ${_configs})
      if("RELEASE" IN_LIST _configs)
        set_target_properties(${_target} PROPERTIES
          MAP_IMPORTED_CONFIG_RELWITHDEBINFO RELEASE
          MAP_IMPORTED_CONFIG_MINSIZEREL RELEASE)
      endif()
    endforeach()
  endif()

  if(ARG_DEPENDS)
    foreach(_target ws2mp::static ws2mp::shared ws2mp::ws2mp ws2mp::compat)
      add_dependencies(${_target} ${ARG_DEPENDS})
    endforeach()
  endif()
endfunction()
