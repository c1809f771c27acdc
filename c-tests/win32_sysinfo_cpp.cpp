/* The win32_sysinfo test compiled as C++ (the IOCP servers that call GetSystemInfo are C++). */
#include "win32_sysinfo.c"
