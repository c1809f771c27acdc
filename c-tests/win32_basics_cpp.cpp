/* The win32_basics test compiled as C++: much legacy Winsock code is C++ written like C, so the
 * compat headers must compile and behave the same from C++. */
#include "win32_basics.c"
