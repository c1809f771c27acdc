/*
 * ws2mp compat: <dbghelp.h>: what a crash handler that writes a minidump needs to compile.
 * A top-level exception filter (SetUnhandledExceptionFilter, exported) typically calls
 * MiniDumpWriteDump with the EXCEPTION_POINTERS it was given. There is no minidump writer
 * here: MiniDumpWriteDump returns FALSE with ERROR_CALL_NOT_IMPLEMENTED and writes nothing,
 * so the program logs that the dump failed and goes on to end the process (the system's core
 * dump, where enabled, is the way to keep a crashed process's memory).
 */
#ifndef WS2MP_COMPAT_DBGHELP_H
#define WS2MP_COMPAT_DBGHELP_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _MINIDUMP_TYPE {
    MiniDumpNormal = 0x00000000,
    MiniDumpWithDataSegs = 0x00000001,
    MiniDumpWithFullMemory = 0x00000002,
    MiniDumpWithHandleData = 0x00000004,
    MiniDumpFilterMemory = 0x00000008,
    MiniDumpScanMemory = 0x00000010,
    MiniDumpWithUnloadedModules = 0x00000020,
    MiniDumpWithIndirectlyReferencedMemory = 0x00000040,
    MiniDumpFilterModulePaths = 0x00000080,
    MiniDumpWithProcessThreadData = 0x00000100,
    MiniDumpWithPrivateReadWriteMemory = 0x00000200,
    MiniDumpWithoutOptionalData = 0x00000400,
    MiniDumpWithFullMemoryInfo = 0x00000800,
    MiniDumpWithThreadInfo = 0x00001000,
    MiniDumpWithCodeSegs = 0x00002000,
    MiniDumpWithoutAuxiliaryState = 0x00004000,
    MiniDumpWithFullAuxiliaryState = 0x00008000,
    MiniDumpWithPrivateWriteCopyMemory = 0x00010000,
    MiniDumpIgnoreInaccessibleMemory = 0x00020000,
    MiniDumpWithTokenInformation = 0x00040000
} MINIDUMP_TYPE;

/* The minidump structures are 4-byte packed, as in Windows' header. */
#include "pshpack4.h"
typedef struct _MINIDUMP_EXCEPTION_INFORMATION {
    DWORD ThreadId;
    PEXCEPTION_POINTERS ExceptionPointers;
    BOOL ClientPointers;
} MINIDUMP_EXCEPTION_INFORMATION, *PMINIDUMP_EXCEPTION_INFORMATION;

typedef struct _MINIDUMP_USER_STREAM {
    ULONG32 Type;
    ULONG BufferSize;
    PVOID Buffer;
} MINIDUMP_USER_STREAM, *PMINIDUMP_USER_STREAM;

typedef struct _MINIDUMP_USER_STREAM_INFORMATION {
    ULONG UserStreamCount;
    PMINIDUMP_USER_STREAM UserStreamArray;
} MINIDUMP_USER_STREAM_INFORMATION, *PMINIDUMP_USER_STREAM_INFORMATION;

typedef struct _MINIDUMP_CALLBACK_INFORMATION {
    PVOID CallbackRoutine;
    PVOID CallbackParam;
} MINIDUMP_CALLBACK_INFORMATION, *PMINIDUMP_CALLBACK_INFORMATION;
#include "poppack.h"

/* Writes nothing: FALSE with ERROR_CALL_NOT_IMPLEMENTED (see above). */
static inline BOOL MiniDumpWriteDump(HANDLE hProcess, DWORD ProcessId, HANDLE hFile, MINIDUMP_TYPE DumpType,
                                     PMINIDUMP_EXCEPTION_INFORMATION ExceptionParam,
                                     PMINIDUMP_USER_STREAM_INFORMATION UserStreamParam,
                                     PMINIDUMP_CALLBACK_INFORMATION CallbackParam)
{
    (void)hProcess;
    (void)ProcessId;
    (void)hFile;
    (void)DumpType;
    (void)ExceptionParam;
    (void)UserStreamParam;
    (void)CallbackParam;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_DBGHELP_H */
