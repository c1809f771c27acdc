/* The printf-style W functions test compiled as C++: L"..." arguments reach them through
 * their template overloads. */
#include "wchar_literal_printf.c"
