/*
 * ws2mp compat: <processthreadsapi.h>: threads and the current process.
 *
 * CreateThread, ResumeThread, ExitThread, GetExitCodeThread, GetThreadId, GetCurrentThread,
 * GetCurrentThreadId, GetCurrentProcess, GetCurrentProcessId and SleepEx are declared in
 * ws2mp.h; this header adds the types and constants. Threads are pthreads; CREATE_SUSPENDED
 * holds the new thread until ResumeThread. SuspendThread and TerminateThread are not provided
 * (a running pthread can be neither suspended nor killed safely). SetThreadPriority and
 * GetThreadPriority are accepted and do nothing (every thread runs at the normal priority).
 */
#ifndef WS2MP_COMPAT_PROCESSTHREADSAPI_H
#define WS2MP_COMPAT_PROCESSTHREADSAPI_H

#include "handleapi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef DWORD (WINAPI *PTHREAD_START_ROUTINE)(LPVOID lpThreadParameter);
typedef PTHREAD_START_ROUTINE LPTHREAD_START_ROUTINE;

#define CREATE_SUSPENDED 0x00000004u
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x00010000u
#ifndef STILL_ACTIVE
#define STILL_ACTIVE 259
#endif

#define THREAD_PRIORITY_LOWEST (-2)
#define THREAD_PRIORITY_BELOW_NORMAL (-1)
#define THREAD_PRIORITY_NORMAL 0
#define THREAD_PRIORITY_ABOVE_NORMAL 1
#define THREAD_PRIORITY_HIGHEST 2
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_IDLE (-15)

static inline BOOL SetThreadPriority(HANDLE hThread, int nPriority)
{
    (void)hThread;
    (void)nPriority;
    return TRUE;
}

static inline int GetThreadPriority(HANDLE hThread)
{
    (void)hThread;
    return THREAD_PRIORITY_NORMAL;
}

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_PROCESSTHREADSAPI_H */
