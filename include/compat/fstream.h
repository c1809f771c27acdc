/*
 * ws2mp compat: <fstream.h>, the pre-standard C++ header of Visual C++ 6 and earlier: the standard
 * <fstream> with its names in the global namespace, as programs of that time use them (cout,
 * endl, ... without std::).
 */
#ifndef WS2MP_COMPAT_FSTREAM_H
#define WS2MP_COMPAT_FSTREAM_H
#include <fstream>
using namespace std;
#endif
