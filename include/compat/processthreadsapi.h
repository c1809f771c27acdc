/*
 * ws2mp compat: <processthreadsapi.h>: threads and the current process.
 *
 * CreateThread, ResumeThread, ExitThread, GetExitCodeThread, GetThreadId, GetCurrentThread,
 * GetCurrentThreadId, GetCurrentProcess, GetCurrentProcessId, SleepEx and QueueUserAPC (with
 * its PAPCFUNC) are declared in ws2mp.h; this header adds the types and constants. APCs run
 * only in the target thread's alertable waits (SleepEx, WaitForSingleObjectEx,
 * WaitForMultipleObjectsEx, WSAWaitForMultipleEvents with the alertable flag TRUE). Threads are pthreads; CREATE_SUSPENDED
 * holds the new thread until ResumeThread. SuspendThread and TerminateThread are not provided
 * (a running pthread can be neither suspended nor killed safely). SetThreadPriority and
 * GetThreadPriority are accepted and do nothing (every thread runs at the normal priority);
 * SetPriorityClass records the class GetPriorityClass reads back, the same way.
 * SetThreadAffinityMask, GetProcessAffinityMask and SetProcessAffinityMask are the OS's CPU
 * affinity (bit n: CPU n).
 * SwitchToThread is sched_yield; TlsAlloc / TlsGetValue / TlsSetValue / TlsFree are pthread
 * keys (an index is the key's value).
 * GetProcessTimes (GetCurrentProcess() only: start time, exit time 0, getrusage's kernel and
 * user time) and GetThreadTimes (GetCurrentThread() or a thread handle; an ended thread
 * keeps the times it had; another running thread's come from /proc on Linux and are
 * ERROR_NOT_SUPPORTED elsewhere) are exported by libws2mp, declared in ws2mp.h with
 * `void *` FILETIMEs.
 */
#ifndef WS2MP_COMPAT_PROCESSTHREADSAPI_H
#define WS2MP_COMPAT_PROCESSTHREADSAPI_H

#include "handleapi.h"
#include <pthread.h>
#include <sched.h>

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

/* Process priority classes (SetPriorityClass / GetPriorityClass): recorded, the threads' OS
 * priority unchanged. */
#define IDLE_PRIORITY_CLASS 0x00000040u
#define BELOW_NORMAL_PRIORITY_CLASS 0x00004000u
#define NORMAL_PRIORITY_CLASS 0x00000020u
#define ABOVE_NORMAL_PRIORITY_CLASS 0x00008000u
#define HIGH_PRIORITY_CLASS 0x00000080u
#define REALTIME_PRIORITY_CLASS 0x00000100u
#define PROCESS_MODE_BACKGROUND_BEGIN 0x00100000u
#define PROCESS_MODE_BACKGROUND_END 0x00200000u

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

static inline BOOL SwitchToThread(void)
{
    return sched_yield() == 0;
}

/* Thread-local storage slots. */
#define TLS_OUT_OF_INDEXES ((DWORD)0xFFFFFFFF)

static inline DWORD TlsAlloc(void)
{
    pthread_key_t key;
    if (pthread_key_create(&key, NULL) != 0 || (uintptr_t)key >= (uintptr_t)TLS_OUT_OF_INDEXES) {
        WSASetLastError(8); /* ERROR_NOT_ENOUGH_MEMORY */
        return TLS_OUT_OF_INDEXES;
    }
    return (DWORD)key;
}

/* Like Windows, a successful TlsGetValue clears the last error (a stored NULL is then
 * distinguishable from a failure). */
static inline LPVOID TlsGetValue(DWORD dwTlsIndex)
{
    void *v = pthread_getspecific((pthread_key_t)dwTlsIndex);
    WSASetLastError(0);
    return v;
}

static inline BOOL TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue)
{
    if (pthread_setspecific((pthread_key_t)dwTlsIndex, lpTlsValue) != 0) {
        WSASetLastError(87); /* ERROR_INVALID_PARAMETER */
        return FALSE;
    }
    return TRUE;
}

static inline BOOL TlsFree(DWORD dwTlsIndex)
{
    if (pthread_key_delete((pthread_key_t)dwTlsIndex) != 0) {
        WSASetLastError(87); /* ERROR_INVALID_PARAMETER */
        return FALSE;
    }
    return TRUE;
}

/* GetCommandLineA/W (Windows' <processenv.h>) are exported by libws2mp: the program's name and
 * arguments as one line, quoted where an argument holds a blank or a quote. */
#ifdef UNICODE
#define GetCommandLine GetCommandLineW
#else
#define GetCommandLine GetCommandLineA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_PROCESSTHREADSAPI_H */
