/* The CRT test compiled as C++ (-std=gnu++17): the C++ overloads of the _s functions and
 * ::GetLastError. */
#include "win32_crt.c"
