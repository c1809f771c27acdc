/*
 * ws2mp compat: <psapi.h>: EnumProcesses and GetProcessMemoryInfo, exported by libws2mp
 * (declared in ws2mp.h; no psapi library to link), also under their K32 names. Read from
 * /proc (Linux; other systems fail with ERROR_NOT_SUPPORTED). GetProcessMemoryInfo knows
 * GetCurrentProcess() and the processes CreateProcess started: the working set is the resident
 * set, PagefileUsage and PrivateUsage the private data and stack, the pool quotas 0.
 * GetModuleBaseName, GetModuleFileNameEx (the main module only: hModule NULL) and
 * GetProcessImageFileName (the system's path, not Windows' device form) name the program of a
 * process handle (GetCurrentProcess(), CreateProcess, OpenProcess). EnumProcessModules and the
 * other module functions are not provided.
 */
#ifndef WS2MP_COMPAT_PSAPI_H
#define WS2MP_COMPAT_PSAPI_H

#include "windows.h"

typedef struct _PROCESS_MEMORY_COUNTERS PROCESS_MEMORY_COUNTERS, *PPROCESS_MEMORY_COUNTERS;
typedef struct _PROCESS_MEMORY_COUNTERS_EX {
    DWORD cb;
    DWORD PageFaultCount;
    SIZE_T PeakWorkingSetSize;
    SIZE_T WorkingSetSize;
    SIZE_T QuotaPeakPagedPoolUsage;
    SIZE_T QuotaPagedPoolUsage;
    SIZE_T QuotaPeakNonPagedPoolUsage;
    SIZE_T QuotaNonPagedPoolUsage;
    SIZE_T PagefileUsage;
    SIZE_T PeakPagefileUsage;
    SIZE_T PrivateUsage;
} PROCESS_MEMORY_COUNTERS_EX, *PPROCESS_MEMORY_COUNTERS_EX;

#define K32EnumProcesses EnumProcesses
#define K32GetProcessMemoryInfo GetProcessMemoryInfo
#define K32GetModuleBaseNameA GetModuleBaseNameA
#define K32GetModuleBaseNameW GetModuleBaseNameW
#define K32GetModuleFileNameExA GetModuleFileNameExA
#define K32GetModuleFileNameExW GetModuleFileNameExW
#define K32GetProcessImageFileNameA GetProcessImageFileNameA
#define K32GetProcessImageFileNameW GetProcessImageFileNameW
#ifdef UNICODE
#define GetModuleBaseName GetModuleBaseNameW
#define GetModuleFileNameEx GetModuleFileNameExW
#define GetProcessImageFileName GetProcessImageFileNameW
#else
#define GetModuleBaseName GetModuleBaseNameA
#define GetModuleFileNameEx GetModuleFileNameExA
#define GetProcessImageFileName GetProcessImageFileNameA
#endif
#ifndef PSAPI_VERSION
#define PSAPI_VERSION 2
#endif

#endif /* WS2MP_COMPAT_PSAPI_H */
