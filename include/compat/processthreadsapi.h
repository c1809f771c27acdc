/*
 * ws2mp compat: <processthreadsapi.h>: threads and the current process.
 *
 * CreateThread, SuspendThread, ResumeThread, TerminateThread, ExitThread, GetExitCodeThread,
 * GetThreadId, GetCurrentThread,
 * GetCurrentThreadId, GetCurrentProcess, GetCurrentProcessId, SleepEx and QueueUserAPC (with
 * its PAPCFUNC) are declared in ws2mp.h; this header adds the types and constants. APCs run
 * only in the target thread's alertable waits (SleepEx, WaitForSingleObjectEx,
 * WaitForMultipleObjectsEx, WSAWaitForMultipleEvents with the alertable flag TRUE). Threads
 * are pthreads; CREATE_SUSPENDED holds the new thread until ResumeThread. SuspendThread and
 * TerminateThread stop a running thread where it stands with a signal (SIGRTMAX-2 on Linux,
 * SIGUSR2 elsewhere): suspended, it sleeps in the handler until ResumeThread; terminated, for
 * good (as on Windows it releases nothing it held). SetThreadPriority and GetThreadPriority
 * are declared in ws2mp.h: the level set is read back (a level Windows refuses is
 * ERROR_INVALID_PARAMETER), and every thread still runs at the system's normal priority;
 * SetPriorityClass records the class GetPriorityClass reads back, the same way.
 * SetThreadAffinityMask, GetProcessAffinityMask and SetProcessAffinityMask are the OS's CPU
 * affinity (bit n: CPU n).
 * SwitchToThread is sched_yield; TlsAlloc / TlsGetValue / TlsSetValue / TlsFree are pthread
 * keys (an index is the key's value). FlsAlloc & co. and IsProcessorFeaturePresent are
 * libws2mp exports (see below for their constants).
 * GetProcessTimes (GetCurrentProcess() only: start time, exit time 0, getrusage's kernel and
 * user time) and GetThreadTimes (GetCurrentThread() or a thread handle; an ended thread
 * keeps the times it had; another running thread's come from /proc on Linux and are
 * ERROR_NOT_SUPPORTED elsewhere) are exported by libws2mp, declared in ws2mp.h with
 * `void *` FILETIMEs.
 *
 * Child processes: CreateProcessA/W, GetExitCodeProcess, TerminateProcess, GetProcessId (and
 * CreatePipe, PeekNamedPipe of <namedpipeapi.h>) are declared in ws2mp.h (the STARTUPINFO and
 * PROCESS_INFORMATION pointers as `void *`); this header adds STARTUPINFOA/W and
 * PROCESS_INFORMATION with Windows' layouts and the creation flags. Only the standard handles
 * reach a child (STARTF_USESTDHANDLES: pipe or file handles, GetStdHandle's, a SOCKET);
 * "cmd /c LINE" runs LINE with /bin/sh -c (a POSIX shell, not cmd), a bare "cmd.exe" a POSIX
 * shell running its standard input's lines (their CRs removed); CREATE_SUSPENDED fails
 * with ERROR_NOT_SUPPORTED; hProcess and hThread are both handles to the process (signalled
 * when it ends). docs/PORTING.md section 6 lists what differs.
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
#define MAXIMUM_SUSPEND_COUNT 127

#define THREAD_PRIORITY_LOWEST (-2)
#define THREAD_PRIORITY_BELOW_NORMAL (-1)
#define THREAD_PRIORITY_NORMAL 0
#define THREAD_PRIORITY_ABOVE_NORMAL 1
#define THREAD_PRIORITY_HIGHEST 2
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_IDLE (-15)
#define THREAD_PRIORITY_ERROR_RETURN 0x7fffffff
#define THREAD_MODE_BACKGROUND_BEGIN 0x00010000
#define THREAD_MODE_BACKGROUND_END 0x00020000

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

static inline BOOL SwitchToThread(void)
{
    return sched_yield() == 0;
}

/* Child processes (CreateProcess). */
#define DEBUG_PROCESS 0x00000001u
#define DEBUG_ONLY_THIS_PROCESS 0x00000002u
#define DETACHED_PROCESS 0x00000008u
#define CREATE_NEW_CONSOLE 0x00000010u
#define CREATE_NEW_PROCESS_GROUP 0x00000200u
#define CREATE_UNICODE_ENVIRONMENT 0x00000400u
#define CREATE_DEFAULT_ERROR_MODE 0x04000000u
#define CREATE_NO_WINDOW 0x08000000u

#define STARTF_USESHOWWINDOW 0x00000001u
#define STARTF_USESIZE 0x00000002u
#define STARTF_USEPOSITION 0x00000004u
#define STARTF_USECOUNTCHARS 0x00000008u
#define STARTF_USEFILLATTRIBUTE 0x00000010u
#define STARTF_FORCEONFEEDBACK 0x00000040u
#define STARTF_FORCEOFFFEEDBACK 0x00000080u
#define STARTF_USESTDHANDLES 0x00000100u

typedef struct _STARTUPINFOA {
    DWORD cb;
    LPSTR lpReserved;
    LPSTR lpDesktop;
    LPSTR lpTitle;
    DWORD dwX;
    DWORD dwY;
    DWORD dwXSize;
    DWORD dwYSize;
    DWORD dwXCountChars;
    DWORD dwYCountChars;
    DWORD dwFillAttribute;
    DWORD dwFlags;
    WORD wShowWindow;
    WORD cbReserved2;
    LPBYTE lpReserved2;
    HANDLE hStdInput;
    HANDLE hStdOutput;
    HANDLE hStdError;
} STARTUPINFOA, *LPSTARTUPINFOA;

typedef struct _STARTUPINFOW {
    DWORD cb;
    LPWSTR lpReserved;
    LPWSTR lpDesktop;
    LPWSTR lpTitle;
    DWORD dwX;
    DWORD dwY;
    DWORD dwXSize;
    DWORD dwYSize;
    DWORD dwXCountChars;
    DWORD dwYCountChars;
    DWORD dwFillAttribute;
    DWORD dwFlags;
    WORD wShowWindow;
    WORD cbReserved2;
    LPBYTE lpReserved2;
    HANDLE hStdInput;
    HANDLE hStdOutput;
    HANDLE hStdError;
} STARTUPINFOW, *LPSTARTUPINFOW;

typedef struct _PROCESS_INFORMATION {
    HANDLE hProcess;
    HANDLE hThread;
    DWORD dwProcessId;
    DWORD dwThreadId;
} PROCESS_INFORMATION, *PPROCESS_INFORMATION, *LPPROCESS_INFORMATION;

/* OpenProcess's access rights (not checked: every handle may do everything its process
 * allows), and QueryFullProcessImageName's flag. */
#define PROCESS_TERMINATE 0x0001u
#define PROCESS_CREATE_THREAD 0x0002u
#define PROCESS_VM_OPERATION 0x0008u
#define PROCESS_VM_READ 0x0010u
#define PROCESS_VM_WRITE 0x0020u
#define PROCESS_DUP_HANDLE 0x0040u
#define PROCESS_CREATE_PROCESS 0x0080u
#define PROCESS_SET_QUOTA 0x0100u
#define PROCESS_SET_INFORMATION 0x0200u
#define PROCESS_QUERY_INFORMATION 0x0400u
#define PROCESS_SUSPEND_RESUME 0x0800u
#define PROCESS_QUERY_LIMITED_INFORMATION 0x1000u
#define PROCESS_ALL_ACCESS 0x001FFFFFu
#define PROCESS_NAME_NATIVE 0x00000001u
#ifdef UNICODE
#define QueryFullProcessImageName QueryFullProcessImageNameW
#else
#define QueryFullProcessImageName QueryFullProcessImageNameA
#endif

/* GetProcessVersion: the Windows version a process's program was built for, major in the high
 * word: 6.0 (0x00060000, what Visual C++ has written into programs since 2012) for this
 * process (ProcessId 0 or its own id) and for any other process that exists; 0 with
 * OpenProcess's error (ERROR_INVALID_PARAMETER: no such process) otherwise. */
static inline DWORD GetProcessVersion(DWORD ProcessId)
{
    HANDLE h;
    if (ProcessId == 0 || ProcessId == GetCurrentProcessId())
        return 0x00060000u;
    h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, ProcessId);
    if (h == NULL)
        return 0;
    CloseHandle(h);
    return 0x00060000u;
}

/* GetStartupInfo: how this process was started, as a program started from a console sees it:
 * no STARTF_* flags, the standard handles. */
static inline VOID GetStartupInfoA(LPSTARTUPINFOA lpStartupInfo)
{
    memset(lpStartupInfo, 0, sizeof(*lpStartupInfo));
    lpStartupInfo->cb = sizeof(*lpStartupInfo);
    lpStartupInfo->hStdInput = GetStdHandle((DWORD)-10);
    lpStartupInfo->hStdOutput = GetStdHandle((DWORD)-11);
    lpStartupInfo->hStdError = GetStdHandle((DWORD)-12);
}
static inline VOID GetStartupInfoW(LPSTARTUPINFOW lpStartupInfo)
{
    memset(lpStartupInfo, 0, sizeof(*lpStartupInfo));
    lpStartupInfo->cb = sizeof(*lpStartupInfo);
    lpStartupInfo->hStdInput = GetStdHandle((DWORD)-10);
    lpStartupInfo->hStdOutput = GetStdHandle((DWORD)-11);
    lpStartupInfo->hStdError = GetStdHandle((DWORD)-12);
}
#ifdef UNICODE
#define GetStartupInfo GetStartupInfoW
#else
#define GetStartupInfo GetStartupInfoA
#endif

#ifdef UNICODE
typedef STARTUPINFOW STARTUPINFO;
typedef LPSTARTUPINFOW LPSTARTUPINFO;
#define CreateProcess CreateProcessW
#else
typedef STARTUPINFOA STARTUPINFO;
typedef LPSTARTUPINFOA LPSTARTUPINFO;
#define CreateProcess CreateProcessA
#endif

/* Thread-local storage slots. */
#define TLS_OUT_OF_INDEXES ((DWORD)0xFFFFFFFF)

/* Windows has TLS_MINIMUM_AVAILABLE slots and 1024 expansion slots: an index past them (such as
 * TLS_OUT_OF_INDEXES from a failed TlsAlloc) is refused with ERROR_INVALID_PARAMETER by
 * TlsGetValue, TlsSetValue and TlsFree, and never reaches the C library (whose keys are all
 * below that; TlsAlloc never gives one). */
#ifndef TLS_MINIMUM_AVAILABLE
#define TLS_MINIMUM_AVAILABLE 64
#endif
#define WS2MP_TLS_SLOTS_ (TLS_MINIMUM_AVAILABLE + 1024)

static inline DWORD TlsAlloc(void)
{
    pthread_key_t key;
    if (pthread_key_create(&key, NULL) != 0) {
        WSASetLastError(8); /* ERROR_NOT_ENOUGH_MEMORY */
        return TLS_OUT_OF_INDEXES;
    }
    if ((uintptr_t)key >= (uintptr_t)WS2MP_TLS_SLOTS_) {
        pthread_key_delete(key);
        WSASetLastError(8); /* ERROR_NOT_ENOUGH_MEMORY */
        return TLS_OUT_OF_INDEXES;
    }
    return (DWORD)key;
}

/* Like Windows, a successful TlsGetValue clears the last error (a stored NULL is then
 * distinguishable from a failure). */
static inline LPVOID TlsGetValue(DWORD dwTlsIndex)
{
    void *v;
    if (dwTlsIndex >= WS2MP_TLS_SLOTS_) {
        WSASetLastError(87); /* ERROR_INVALID_PARAMETER */
        return NULL;
    }
    v = pthread_getspecific((pthread_key_t)dwTlsIndex);
    WSASetLastError(0);
    return v;
}

static inline BOOL TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue)
{
    if (dwTlsIndex >= WS2MP_TLS_SLOTS_ || pthread_setspecific((pthread_key_t)dwTlsIndex, lpTlsValue) != 0) {
        WSASetLastError(87); /* ERROR_INVALID_PARAMETER */
        return FALSE;
    }
    return TRUE;
}

static inline BOOL TlsFree(DWORD dwTlsIndex)
{
    if (dwTlsIndex >= WS2MP_TLS_SLOTS_ || pthread_key_delete((pthread_key_t)dwTlsIndex) != 0) {
        WSASetLastError(87); /* ERROR_INVALID_PARAMETER */
        return FALSE;
    }
    return TRUE;
}

/* Fiber-local storage (FlsAlloc, FlsGetValue, FlsSetValue, FlsFree: libws2mp exports, declared
 * in ws2mp.h with PFLS_CALLBACK_FUNCTION). There are no fibers: a slot holds a value per
 * thread, and its callback runs with each non-NULL value when the thread exits and, for every
 * thread's value, in FlsFree, as on Windows. */
#define FLS_OUT_OF_INDEXES ((DWORD)0xFFFFFFFF)
#define FLS_MAXIMUM_AVAILABLE 4080

/* IsProcessorFeaturePresent (a libws2mp export): the PF_* numbers of Windows' <winnt.h>. */
#define PF_FLOATING_POINT_PRECISION_ERRATA 0
#define PF_FLOATING_POINT_EMULATED 1
#define PF_COMPARE_EXCHANGE_DOUBLE 2
#define PF_MMX_INSTRUCTIONS_AVAILABLE 3
#define PF_PPC_MOVEMEM_64BIT_OK 4
#define PF_ALPHA_BYTE_INSTRUCTIONS 5
#define PF_XMMI_INSTRUCTIONS_AVAILABLE 6
#define PF_3DNOW_INSTRUCTIONS_AVAILABLE 7
#define PF_RDTSC_INSTRUCTION_AVAILABLE 8
#define PF_PAE_ENABLED 9
#define PF_XMMI64_INSTRUCTIONS_AVAILABLE 10
#define PF_SSE_DAZ_MODE_AVAILABLE 11
#define PF_NX_ENABLED 12
#define PF_SSE3_INSTRUCTIONS_AVAILABLE 13
#define PF_COMPARE_EXCHANGE128 14
#define PF_COMPARE64_EXCHANGE128 15
#define PF_CHANNELS_ENABLED 16
#define PF_XSAVE_ENABLED 17
#define PF_ARM_VFP_32_REGISTERS_AVAILABLE 18
#define PF_ARM_NEON_INSTRUCTIONS_AVAILABLE 19
#define PF_SECOND_LEVEL_ADDRESS_TRANSLATION 20
#define PF_VIRT_FIRMWARE_ENABLED 21
#define PF_RDWRFSGSBASE_AVAILABLE 22
#define PF_FASTFAIL_AVAILABLE 23
#define PF_ARM_DIVIDE_INSTRUCTION_AVAILABLE 24
#define PF_ARM_64BIT_LOADSTORE_ATOMIC 25
#define PF_ARM_EXTERNAL_CACHE_AVAILABLE 26
#define PF_ARM_FMAC_INSTRUCTIONS_AVAILABLE 27
#define PF_RDRAND_INSTRUCTION_AVAILABLE 28
#define PF_ARM_V8_INSTRUCTIONS_AVAILABLE 29
#define PF_ARM_V8_CRYPTO_INSTRUCTIONS_AVAILABLE 30
#define PF_ARM_V8_CRC32_INSTRUCTIONS_AVAILABLE 31
#define PF_RDTSCP_INSTRUCTION_AVAILABLE 32
#define PF_RDPID_INSTRUCTION_AVAILABLE 33
#define PF_ARM_V81_ATOMIC_INSTRUCTIONS_AVAILABLE 34
#define PF_MONITORX_INSTRUCTION_AVAILABLE 35
#define PF_SSSE3_INSTRUCTIONS_AVAILABLE 36
#define PF_SSE4_1_INSTRUCTIONS_AVAILABLE 37
#define PF_SSE4_2_INSTRUCTIONS_AVAILABLE 38
#define PF_AVX_INSTRUCTIONS_AVAILABLE 39
#define PF_AVX2_INSTRUCTIONS_AVAILABLE 40
#define PF_AVX512F_INSTRUCTIONS_AVAILABLE 41
#define PF_ERMS_AVAILABLE 42
#define PF_ARM_V82_DP_INSTRUCTIONS_AVAILABLE 43
#define PF_ARM_V83_JSCVT_INSTRUCTIONS_AVAILABLE 44
#define PF_ARM_V83_LRCPC_INSTRUCTIONS_AVAILABLE 45

/* GetCommandLineA/W (Windows' <processenv.h>) are exported by libws2mp: the program's name and
 * arguments as one line, quoted where an argument holds a blank or a quote. */
#ifdef UNICODE
#define GetCommandLine GetCommandLineW
#else
#define GetCommandLine GetCommandLineA
#endif

/* IsWow64Process: a process here is never a 32-bit one under a 64-bit system: *isWow64 is
 * FALSE; TRUE, or FALSE with ERROR_INVALID_PARAMETER for a NULL pointer. */
static inline BOOL IsWow64Process(HANDLE process, PBOOL isWow64)
{
    (void)process;
    if (isWow64 == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *isWow64 = FALSE;
    return TRUE;
}

/* SetErrorMode / GetErrorMode: the critical-error and fault dialogs they turn off do not exist
 * here; the mode is kept (per source file) so that SetErrorMode returns the previous one. */
#ifndef SEM_FAILCRITICALERRORS
#define SEM_FAILCRITICALERRORS 0x0001u
#define SEM_NOGPFAULTERRORBOX 0x0002u
#define SEM_NOALIGNMENTFAULTEXCEPT 0x0004u
#define SEM_NOOPENFILEERRORBOX 0x8000u
#endif
static inline UINT ws2mp_error_mode_(int set, UINT mode)
{
    static UINT current;
    UINT old = current;
    if (set)
        current = mode;
    return old;
}
static inline UINT SetErrorMode(UINT mode)
{
    return ws2mp_error_mode_(1, mode);
}
static inline UINT GetErrorMode(void)
{
    return ws2mp_error_mode_(0, 0);
}
/* SetThreadErrorMode / GetThreadErrorMode: the calling thread's own mode (one per thread for
 * the whole program), 0 at first. Only SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX and
 * SEM_NOOPENFILEERRORBOX may be set; any other bit is ERROR_INVALID_PARAMETER. */
__thread DWORD ws2mp_thread_error_mode_ __attribute__((weak));
static inline BOOL SetThreadErrorMode(DWORD dwNewMode, LPDWORD lpOldMode)
{
    if (dwNewMode & ~(DWORD)(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (lpOldMode != NULL)
        *lpOldMode = ws2mp_thread_error_mode_;
    ws2mp_thread_error_mode_ = dwNewMode;
    return TRUE;
}
static inline DWORD GetThreadErrorMode(void)
{
    return ws2mp_thread_error_mode_;
}


/* Scheduling hints services and servers set at start-up: accepted and, where Windows reads
 * them back, read back (per program: weak definitions every unit shares). The OS scheduler
 * is not changed: SetThreadIdealProcessor returns the previous hint (0 at first, MAXIMUM_PROCESSORS
 * or more is (DWORD)-1 with ERROR_INVALID_PARAMETER); the priority boost is "disabled" as set;
 * the working-set limits are recorded (Windows' defaults at first: 200 and 1380 pages of 4 KiB),
 * (SIZE_T)-1 for both empties it as on Windows. */
#ifndef MAXIMUM_PROCESSORS
#define MAXIMUM_PROCESSORS 64
#endif
#define QUOTA_LIMITS_HARDWS_MIN_ENABLE 0x00000001
#define QUOTA_LIMITS_HARDWS_MIN_DISABLE 0x00000002
#define QUOTA_LIMITS_HARDWS_MAX_ENABLE 0x00000004
#define QUOTA_LIMITS_HARDWS_MAX_DISABLE 0x00000008
struct ws2mp_sched_hints_ {
    BOOL process_boost_disabled, thread_boost_disabled;
    size_t ws_min, ws_max;
    DWORD ws_flags;
    DWORD ideal;
};
struct ws2mp_sched_hints_ ws2mp_sched_hints_storage_ __attribute__((weak));
static inline struct ws2mp_sched_hints_ *ws2mp_sched_hints_(void)
{
    struct ws2mp_sched_hints_ *h = &ws2mp_sched_hints_storage_;
    if (h->ws_max == 0) {
        h->ws_min = 200 * 4096;
        h->ws_max = 1380 * 4096;
    }
    return h;
}
static inline DWORD SetThreadIdealProcessor(HANDLE hThread, DWORD dwIdealProcessor)
{
    struct ws2mp_sched_hints_ *h = ws2mp_sched_hints_();
    DWORD old = h->ideal;
    (void)hThread;
    if (dwIdealProcessor == MAXIMUM_PROCESSORS)
        return old; /* asks for the current hint */
    if (dwIdealProcessor > MAXIMUM_PROCESSORS) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return (DWORD)-1;
    }
    h->ideal = dwIdealProcessor;
    return old;
}
static inline BOOL SetProcessPriorityBoost(HANDLE hProcess, BOOL bDisablePriorityBoost)
{
    (void)hProcess;
    ws2mp_sched_hints_()->process_boost_disabled = bDisablePriorityBoost != 0;
    return TRUE;
}
static inline BOOL GetProcessPriorityBoost(HANDLE hProcess, PBOOL pDisablePriorityBoost)
{
    (void)hProcess;
    if (pDisablePriorityBoost == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *pDisablePriorityBoost = ws2mp_sched_hints_()->process_boost_disabled;
    return TRUE;
}
static inline BOOL SetThreadPriorityBoost(HANDLE hThread, BOOL bDisablePriorityBoost)
{
    (void)hThread;
    ws2mp_sched_hints_()->thread_boost_disabled = bDisablePriorityBoost != 0;
    return TRUE;
}
static inline BOOL GetThreadPriorityBoost(HANDLE hThread, PBOOL pDisablePriorityBoost)
{
    (void)hThread;
    if (pDisablePriorityBoost == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *pDisablePriorityBoost = ws2mp_sched_hints_()->thread_boost_disabled;
    return TRUE;
}
static inline BOOL SetProcessWorkingSetSizeEx(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize,
                                              SIZE_T dwMaximumWorkingSetSize, DWORD Flags)
{
    struct ws2mp_sched_hints_ *h = ws2mp_sched_hints_();
    (void)hProcess;
    if (dwMinimumWorkingSetSize == (SIZE_T)-1 && dwMaximumWorkingSetSize == (SIZE_T)-1)
        return TRUE; /* "trim the working set": nothing to do */
    if (dwMinimumWorkingSetSize > dwMaximumWorkingSetSize || (Flags & ~0xFu) != 0 ||
        (Flags & 3u) == 3u || (Flags & 0xCu) == 0xCu) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    h->ws_min = dwMinimumWorkingSetSize;
    h->ws_max = dwMaximumWorkingSetSize;
    h->ws_flags = Flags;
    return TRUE;
}
static inline BOOL SetProcessWorkingSetSize(HANDLE hProcess, SIZE_T dwMinimumWorkingSetSize,
                                            SIZE_T dwMaximumWorkingSetSize)
{
    return SetProcessWorkingSetSizeEx(hProcess, dwMinimumWorkingSetSize, dwMaximumWorkingSetSize, 0);
}
static inline BOOL GetProcessWorkingSetSizeEx(HANDLE hProcess, PSIZE_T lpMinimumWorkingSetSize,
                                              PSIZE_T lpMaximumWorkingSetSize, PDWORD Flags)
{
    struct ws2mp_sched_hints_ *h = ws2mp_sched_hints_();
    (void)hProcess;
    if (lpMinimumWorkingSetSize == NULL || lpMaximumWorkingSetSize == NULL || Flags == NULL) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *lpMinimumWorkingSetSize = h->ws_min;
    *lpMaximumWorkingSetSize = h->ws_max;
    *Flags = h->ws_flags ? h->ws_flags : (QUOTA_LIMITS_HARDWS_MIN_DISABLE | QUOTA_LIMITS_HARDWS_MAX_DISABLE);
    return TRUE;
}
static inline BOOL GetProcessWorkingSetSize(HANDLE hProcess, PSIZE_T lpMinimumWorkingSetSize,
                                            PSIZE_T lpMaximumWorkingSetSize)
{
    DWORD flags;
    return GetProcessWorkingSetSizeEx(hProcess, lpMinimumWorkingSetSize, lpMaximumWorkingSetSize, &flags);
}

/* Sessions: every process here is in session 1, the console's (0 is Windows' services session,
 * which some programs take to mean "running as a service"). */
static inline BOOL ProcessIdToSessionId(DWORD dwProcessId, DWORD *pSessionId)
{
    (void)dwProcessId;
    if (pSessionId == NULL) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    *pSessionId = 1;
    return TRUE;
}
static inline DWORD WTSGetActiveConsoleSessionId(void)
{
    return 1;
}

/* SetThreadExecutionState: the system sleeps or not as its own settings say; the state the
 * program asked for is kept (ES_CONTINUOUS) and the previous one returned, 0 for flags Windows
 * refuses. */
typedef DWORD EXECUTION_STATE, *PEXECUTION_STATE;
#define ES_SYSTEM_REQUIRED 0x00000001u
#define ES_DISPLAY_REQUIRED 0x00000002u
#define ES_USER_PRESENT 0x00000004u
#define ES_AWAYMODE_REQUIRED 0x00000040u
#define ES_CONTINUOUS 0x80000000u
EXECUTION_STATE ws2mp_execution_state_storage_ __attribute__((weak));
static inline EXECUTION_STATE SetThreadExecutionState(EXECUTION_STATE esFlags)
{
    EXECUTION_STATE old = ws2mp_execution_state_storage_;
    if ((esFlags & ~(ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED | ES_USER_PRESENT | ES_AWAYMODE_REQUIRED | ES_CONTINUOUS)) != 0 ||
        (esFlags & ES_USER_PRESENT) != 0)
        return 0;
    if (esFlags & ES_CONTINUOUS)
        ws2mp_execution_state_storage_ = esFlags;
    return old | ES_CONTINUOUS;
}

/* SetHandleCount: a 16-bit Windows relic; returns its argument, as Win32 does. */
static inline UINT SetHandleCount(UINT uNumber)
{
    return uNumber;
}

/* FatalAppExitA/W: the message goes to standard error (Windows shows it in a message box), then
 * the process ends at once, with exit code 255. */
static inline void FatalAppExitA(UINT uAction, LPCSTR lpMessageText)
{
    (void)uAction;
    fprintf(stderr, "%s\n", lpMessageText ? lpMessageText : "");
    fflush(stderr);
    _Exit(255);
}
static inline void FatalAppExitW(UINT uAction, LPCWSTR lpMessageText)
{
    char *text = ws2mp_wide_to_utf8_(lpMessageText);
    FatalAppExitA(uAction, text);
}

/* WinExec: CreateProcessA of the command line (the show mode changes nothing: no windows
 * here). Returns a value above 31, or ERROR_FILE_NOT_FOUND (2) / ERROR_PATH_NOT_FOUND (3) /
 * ERROR_BAD_FORMAT (11) / 0 (out of resources), as Windows does. */
static inline UINT WinExec(LPCSTR lpCmdLine, UINT uCmdShow)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char *line;
    BOOL ok;
    DWORD err;
    (void)uCmdShow;
    if (lpCmdLine == NULL)
        return 0;
    line = (char *)malloc(strlen(lpCmdLine) + 1);
    if (line == NULL)
        return 0;
    strcpy(line, lpCmdLine);
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    ok = CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
    err = GetLastError();
    free(line);
    if (!ok) {
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND || err == ERROR_BAD_FORMAT)
            return (UINT)err;
        return 0;
    }
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return 33;
}

#ifdef __cplusplus
}
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_PROCESSTHREADSAPI_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_PROCESSTHREADSAPI_H */
