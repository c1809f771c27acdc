/* The wchar_t-argument test compiled as C++: L"..." strings reach the W functions through
 * their overloads (a C++ compiler refuses a wchar_t pointer for a WCHAR one otherwise). */
#include "wchar_literal_args.c"
