/* The strsafe test compiled as C++ (-std=gnu++17). */
#include "win32_strsafe.c"
