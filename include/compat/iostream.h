/*
 * ws2mp compat: <iostream.h>, the pre-standard C++ header of Visual C++ 6 and earlier: the standard
 * <iostream> with its names in the global namespace, as programs of that time use them (cout,
 * endl, ... without std::).
 */
#ifndef WS2MP_COMPAT_IOSTREAM_H
#define WS2MP_COMPAT_IOSTREAM_H
#include <iostream>
using namespace std;
#endif
