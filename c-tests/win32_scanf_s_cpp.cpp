/* The win32_scanf_s test compiled as C++ (the console clients that call scanf_s are mostly C++). */
#include "win32_scanf_s.c"
