/*
 * ws2mp compat: <libloaderapi.h>: module handles for the Winsock DLLs.
 *
 * GetModuleHandleA/W, LoadLibraryA/W, FreeLibrary and GetProcAddress are declared in ws2mp.h
 * (FARPROC too). "ws2_32.dll", "mswsock.dll", "wsock32.dll" and "kernel32.dll" (any case, with
 * or without ".dll") all name ws2mp, so GetProcAddress(GetModuleHandle("ws2_32.dll"),
 * "WSAPoll") finds ws2mp's export; names POSIX also uses ("send") find the ws2mp_ function with
 * Winsock's signature. Other libraries cannot be loaded (ERROR_MOD_NOT_FOUND).
 */
#ifndef WS2MP_COMPAT_LIBLOADERAPI_H
#define WS2MP_COMPAT_LIBLOADERAPI_H

#include "handleapi.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WS2MP_HINSTANCE_DEFINED
#define WS2MP_HINSTANCE_DEFINED
typedef void *HINSTANCE;
#endif
#ifndef WS2MP_HMODULE_DEFINED
#define WS2MP_HMODULE_DEFINED
typedef HINSTANCE HMODULE;
#endif
typedef FARPROC PROC;
typedef FARPROC NEARPROC;

#ifdef UNICODE
#define GetModuleHandle GetModuleHandleW
#define LoadLibrary LoadLibraryW
#else
#define GetModuleHandle GetModuleHandleA
#define LoadLibrary LoadLibraryA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_LIBLOADERAPI_H */
