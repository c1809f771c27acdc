/*
 * ws2mp compat: <shellapi.h>: CommandLineToArgvW (exported by libws2mp, declared in ws2mp.h),
 * which splits GetCommandLineW's line with Windows' quoting rules; free its result with
 * LocalFree. The shell's other functions (ShellExecute, the tray icons, drag and drop) are
 * not provided.
 */
#ifndef WS2MP_COMPAT_SHELLAPI_H
#define WS2MP_COMPAT_SHELLAPI_H

#include "windows.h"

#endif /* WS2MP_COMPAT_SHELLAPI_H */
