/*
 * ws2mp compat: <iomanip.h>, the pre-standard C++ header of Visual C++ 6 and earlier: the standard
 * <iomanip> with its names in the global namespace, as programs of that time use them (cout,
 * endl, ... without std::).
 */
#ifndef WS2MP_COMPAT_IOMANIP_H
#define WS2MP_COMPAT_IOMANIP_H
#include <iomanip>
using namespace std;
#endif
