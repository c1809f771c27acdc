/*
 * ws2mp compat: <consoleapi.h>: console control handlers and console output.
 *
 * SetConsoleCtrlHandler, GenerateConsoleCtrlEvent, GetStdHandle and WriteConsoleA/W are
 * declared in ws2mp.h. GetStdHandle's handles serve WriteConsole, WriteFile, ReadFile (and
 * CloseHandle); they are not waitable. GenerateConsoleCtrlEvent signals the calling process only. Signals stand for the console events: SIGINT
 * is CTRL_C_EVENT, SIGQUIT (Ctrl-\) CTRL_BREAK_EVENT, SIGHUP and SIGTERM CTRL_CLOSE_EVENT.
 * Handlers run on a dedicated thread, last registered first; when none returns TRUE the process
 * ends with STATUS_CONTROL_C_EXIT (a POSIX exit status keeps its low byte, 0x3A).
 */
#ifndef WS2MP_COMPAT_CONSOLEAPI_H
#define WS2MP_COMPAT_CONSOLEAPI_H

#include "handleapi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef BOOL (WINAPI *PHANDLER_ROUTINE)(DWORD CtrlType);

#define CTRL_C_EVENT 0
#define CTRL_BREAK_EVENT 1
#define CTRL_CLOSE_EVENT 2
#define CTRL_LOGOFF_EVENT 5
#define CTRL_SHUTDOWN_EVENT 6
#define STD_INPUT_HANDLE ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE ((DWORD)-12)
#ifdef UNICODE
#define WriteConsole WriteConsoleW
#else
#define WriteConsole WriteConsoleA
#endif
#ifndef STATUS_CONTROL_C_EXIT
#define STATUS_CONTROL_C_EXIT ((DWORD)0xC000013AL)
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_CONSOLEAPI_H */
