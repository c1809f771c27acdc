/*
 * ws2mp compat: <synchapi.h>: waits, events, mutexes, semaphores, waitable timers, critical
 * sections and the Interlocked functions.
 *
 * The functions are declared in ws2mp.h (exported by libws2mp); this header adds Windows'
 * types, constants and the unsuffixed names (CreateEvent is CreateEventA, or CreateEventW
 * when UNICODE is defined). Events, mutexes and semaphores are process-local objects (names
 * are shared within the process only).
 *
 * CRITICAL_SECTION is ws2mp_critical_section: Windows' public fields, then a recursive
 * pthread mutex held in place (104 bytes; Windows' is 40). Like on Windows it may be static, on
 * the stack or inside the program's structures, and must not be copied once initialised.
 *
 * The Interlocked functions are static inline functions over the GCC/Clang __atomic builtins,
 * each a full barrier as on Windows. LONG is 32 bits (int32_t): a `long` (64 bits on Linux and
 * macOS) passed to InterlockedIncrement does not compile; use LONG, or the 64 forms.
 */
#ifndef WS2MP_COMPAT_SYNCHAPI_H
#define WS2MP_COMPAT_SYNCHAPI_H

#include "handleapi.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef INFINITE
#define INFINITE 0xFFFFFFFFu
#endif
#define WAIT_OBJECT_0 0x00000000u
#define WAIT_ABANDONED 0x00000080u
#define WAIT_ABANDONED_0 0x00000080u
#ifndef WAIT_TIMEOUT
#define WAIT_TIMEOUT 0x00000102u
#endif
#define WAIT_IO_COMPLETION 0x000000C0u
#define WAIT_FAILED 0xFFFFFFFFu
#define MAXIMUM_WAIT_OBJECTS 64

/* Access rights (accepted and ignored by the Open* calls). */
#define SYNCHRONIZE 0x00100000u
#define EVENT_MODIFY_STATE 0x0002u
#define EVENT_ALL_ACCESS 0x1F0003u
#define MUTEX_MODIFY_STATE 0x0001u
#define MUTEX_ALL_ACCESS 0x1F0001u
#define SEMAPHORE_MODIFY_STATE 0x0002u
#define SEMAPHORE_ALL_ACCESS 0x1F0003u

typedef ws2mp_critical_section CRITICAL_SECTION, *PCRITICAL_SECTION, *LPCRITICAL_SECTION;
typedef ws2mp_critical_section RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION;

/* Slim reader/writer locks and condition variables: one pointer-sized word each, zero when
 * unused; the functions (InitializeSRWLock, AcquireSRWLockExclusive, SleepConditionVariableCS,
 * WakeConditionVariable, ...) are exported by libws2mp (declared in ws2mp.h with `void *`). */
typedef struct _RTL_SRWLOCK {
    PVOID Ptr;
} RTL_SRWLOCK, SRWLOCK, *PSRWLOCK;
#define RTL_SRWLOCK_INIT {0}
#define SRWLOCK_INIT RTL_SRWLOCK_INIT
typedef struct _RTL_CONDITION_VARIABLE {
    PVOID Ptr;
} RTL_CONDITION_VARIABLE, CONDITION_VARIABLE, *PCONDITION_VARIABLE;
#define RTL_CONDITION_VARIABLE_INIT {0}
#define CONDITION_VARIABLE_INIT RTL_CONDITION_VARIABLE_INIT
#define CONDITION_VARIABLE_LOCKMODE_SHARED 0x1

/* The thread pool's simple calls (QueueUserWorkItem, timer queues, registered waits; exported
 * by libws2mp): each work item, timer and registered wait runs on a thread of its own. The
 * Vista thread pool (CreateThreadpoolWork & co.) is in <threadpoolapiset.h>, which
 * <windows.h> includes. */
typedef VOID(CALLBACK *WAITORTIMERCALLBACK)(PVOID lpParameter, BOOLEAN TimerOrWaitFired);
typedef WAITORTIMERCALLBACK WAITORTIMERCALLBACKFUNC;
#define WT_EXECUTEDEFAULT 0x00000000
#define WT_EXECUTEINIOTHREAD 0x00000001
#define WT_EXECUTEINUITHREAD 0x00000002
#define WT_EXECUTEINWAITTHREAD 0x00000004
#define WT_EXECUTEONLYONCE 0x00000008
#define WT_EXECUTEINTIMERTHREAD 0x00000020
#define WT_EXECUTELONGFUNCTION 0x00000010
#define WT_EXECUTEINPERSISTENTIOTHREAD 0x00000040
#define WT_EXECUTEINPERSISTENTTHREAD 0x00000080
#define WT_TRANSFER_IMPERSONATION 0x00000100

/* One-time initialisation (InitOnceExecuteOnce, InitOnceBeginInitialize, InitOnceComplete,
 * InitOnceInitialize; exported by libws2mp): one pointer-sized word, zero before. */
typedef _RTL_RUN_ONCE RTL_RUN_ONCE, *PRTL_RUN_ONCE;
typedef RTL_RUN_ONCE INIT_ONCE, *PINIT_ONCE, *LPINIT_ONCE;
#define RTL_RUN_ONCE_INIT {0}
#define INIT_ONCE_STATIC_INIT RTL_RUN_ONCE_INIT
#define RTL_RUN_ONCE_CHECK_ONLY 0x00000001UL
#define RTL_RUN_ONCE_ASYNC 0x00000002UL
#define RTL_RUN_ONCE_INIT_FAILED 0x00000004UL
#define RTL_RUN_ONCE_CTX_RESERVED_BITS 2
#define INIT_ONCE_CHECK_ONLY RTL_RUN_ONCE_CHECK_ONLY
#define INIT_ONCE_ASYNC RTL_RUN_ONCE_ASYNC
#define INIT_ONCE_INIT_FAILED RTL_RUN_ONCE_INIT_FAILED
#define INIT_ONCE_CTX_RESERVED_BITS RTL_RUN_ONCE_CTX_RESERVED_BITS

/* Waitable timers (CreateWaitableTimer, SetWaitableTimer, CancelWaitableTimer, exported by
 * libws2mp; PTIMERAPCROUTINE is declared in ws2mp.h): one thread for the whole process signals
 * them, and a completion routine runs as an APC on the thread that set the timer. */
#define CREATE_WAITABLE_TIMER_MANUAL_RESET 0x00000001
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x00000002
#define TIMER_QUERY_STATE 0x0001u
#define TIMER_MODIFY_STATE 0x0002u
#define TIMER_ALL_ACCESS 0x1F0003u

/* SetWaitableTimerEx's wake context (ignored: nothing is woken from sleep here). */
#ifndef WS2MP_REASON_CONTEXT_DEFINED
#define WS2MP_REASON_CONTEXT_DEFINED
#define POWER_REQUEST_CONTEXT_VERSION 0
#define POWER_REQUEST_CONTEXT_SIMPLE_STRING 0x00000001
#define POWER_REQUEST_CONTEXT_DETAILED_STRING 0x00000002
typedef struct _REASON_CONTEXT {
    ULONG Version;
    DWORD Flags;
    union {
        struct {
            HANDLE LocalizedReasonModule; /* an HMODULE */
            ULONG LocalizedReasonId;
            ULONG ReasonStringCount;
            LPWSTR *ReasonStrings;
        } Detailed;
        LPWSTR SimpleReasonString;
    } Reason;
} REASON_CONTEXT, *PREASON_CONTEXT;
#endif

/* InitializeCriticalSectionEx: the flags (debug info) change nothing. */
static inline BOOL InitializeCriticalSectionEx(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount, DWORD Flags)
{
    (void)Flags;
    return InitializeCriticalSectionAndSpinCount(lpCriticalSection, dwSpinCount);
}

/* SetCriticalSectionSpinCount: sets the spin count (informational here, as at initialisation)
 * and returns the previous one. */
static inline DWORD SetCriticalSectionSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount)
{
    DWORD old = (DWORD)lpCriticalSection->SpinCount;
    lpCriticalSection->SpinCount = dwSpinCount;
    return old;
}

/* The Ex forms: flags instead of BOOLs; the access mask changes nothing (as everywhere here). */
#define CREATE_EVENT_MANUAL_RESET 0x00000001
#define CREATE_EVENT_INITIAL_SET 0x00000002
#define CREATE_MUTEX_INITIAL_OWNER 0x00000001
static inline HANDLE CreateEventExA(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCSTR lpName, DWORD dwFlags,
                                    DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    return CreateEventA(lpEventAttributes, (dwFlags & CREATE_EVENT_MANUAL_RESET) != 0,
                        (dwFlags & CREATE_EVENT_INITIAL_SET) != 0, lpName);
}
static inline HANDLE CreateEventExW(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCWSTR lpName, DWORD dwFlags,
                                    DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    return CreateEventW(lpEventAttributes, (dwFlags & CREATE_EVENT_MANUAL_RESET) != 0,
                        (dwFlags & CREATE_EVENT_INITIAL_SET) != 0, lpName);
}
static inline HANDLE CreateMutexExA(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCSTR lpName, DWORD dwFlags,
                                    DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    return CreateMutexA(lpMutexAttributes, (dwFlags & CREATE_MUTEX_INITIAL_OWNER) != 0, lpName);
}
static inline HANDLE CreateMutexExW(LPSECURITY_ATTRIBUTES lpMutexAttributes, LPCWSTR lpName, DWORD dwFlags,
                                    DWORD dwDesiredAccess)
{
    (void)dwDesiredAccess;
    return CreateMutexW(lpMutexAttributes, (dwFlags & CREATE_MUTEX_INITIAL_OWNER) != 0, lpName);
}
static inline HANDLE CreateSemaphoreExA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                                        LONG lMaximumCount, LPCSTR lpName, DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)dwFlags;
    (void)dwDesiredAccess;
    return CreateSemaphoreA(lpSemaphoreAttributes, lInitialCount, lMaximumCount, lpName);
}
static inline HANDLE CreateSemaphoreExW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes, LONG lInitialCount,
                                        LONG lMaximumCount, LPCWSTR lpName, DWORD dwFlags, DWORD dwDesiredAccess)
{
    (void)dwFlags;
    (void)dwDesiredAccess;
    return CreateSemaphoreW(lpSemaphoreAttributes, lInitialCount, lMaximumCount, lpName);
}

#ifdef UNICODE
#define CreateEvent CreateEventW
#define CreateEventEx CreateEventExW
#define CreateMutexEx CreateMutexExW
#define CreateSemaphoreEx CreateSemaphoreExW
#define OpenEvent OpenEventW
#define CreateMutex CreateMutexW
#define CreateSemaphore CreateSemaphoreW
#define OpenMutex OpenMutexW
#define OpenSemaphore OpenSemaphoreW
#define CreateWaitableTimer CreateWaitableTimerW
#define CreateWaitableTimerEx CreateWaitableTimerExW
#define OpenWaitableTimer OpenWaitableTimerW
#else
#define CreateEvent CreateEventA
#define CreateEventEx CreateEventExA
#define CreateMutexEx CreateMutexExA
#define CreateSemaphoreEx CreateSemaphoreExA
#define OpenEvent OpenEventA
#define CreateMutex CreateMutexA
#define CreateSemaphore CreateSemaphoreA
#define OpenMutex OpenMutexA
#define OpenSemaphore OpenSemaphoreA
#define CreateWaitableTimer CreateWaitableTimerA
#define CreateWaitableTimerEx CreateWaitableTimerExA
#define OpenWaitableTimer OpenWaitableTimerA
#endif

/* ---- Interlocked: full-barrier atomics ------------------------------------------------------ */
#define WS2MP_SEQ __ATOMIC_SEQ_CST

static inline LONG InterlockedIncrement(LONG volatile *Addend)
{
    return __atomic_add_fetch(Addend, 1, WS2MP_SEQ);
}
static inline LONG InterlockedDecrement(LONG volatile *Addend)
{
    return __atomic_sub_fetch(Addend, 1, WS2MP_SEQ);
}
static inline LONG InterlockedExchange(LONG volatile *Target, LONG Value)
{
    return __atomic_exchange_n(Target, Value, WS2MP_SEQ);
}
static inline LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{
    return __atomic_fetch_add(Addend, Value, WS2MP_SEQ);
}
static inline LONG InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange, LONG Comparand)
{
    __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, WS2MP_SEQ, WS2MP_SEQ);
    return Comparand;
}
static inline LONG InterlockedOr(LONG volatile *Destination, LONG Value)
{
    return __atomic_fetch_or(Destination, Value, WS2MP_SEQ);
}
static inline LONG InterlockedAnd(LONG volatile *Destination, LONG Value)
{
    return __atomic_fetch_and(Destination, Value, WS2MP_SEQ);
}
static inline LONG InterlockedXor(LONG volatile *Destination, LONG Value)
{
    return __atomic_fetch_xor(Destination, Value, WS2MP_SEQ);
}
static inline LONGLONG InterlockedIncrement64(LONGLONG volatile *Addend)
{
    return __atomic_add_fetch(Addend, 1, WS2MP_SEQ);
}
static inline LONGLONG InterlockedDecrement64(LONGLONG volatile *Addend)
{
    return __atomic_sub_fetch(Addend, 1, WS2MP_SEQ);
}
static inline LONGLONG InterlockedExchange64(LONGLONG volatile *Target, LONGLONG Value)
{
    return __atomic_exchange_n(Target, Value, WS2MP_SEQ);
}
static inline LONGLONG InterlockedExchangeAdd64(LONGLONG volatile *Addend, LONGLONG Value)
{
    return __atomic_fetch_add(Addend, Value, WS2MP_SEQ);
}
static inline LONGLONG InterlockedCompareExchange64(LONGLONG volatile *Destination, LONGLONG Exchange,
                                                    LONGLONG Comparand)
{
    __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, WS2MP_SEQ, WS2MP_SEQ);
    return Comparand;
}
static inline LONGLONG InterlockedOr64(LONGLONG volatile *Destination, LONGLONG Value)
{
    return __atomic_fetch_or(Destination, Value, WS2MP_SEQ);
}
static inline LONGLONG InterlockedAnd64(LONGLONG volatile *Destination, LONGLONG Value)
{
    return __atomic_fetch_and(Destination, Value, WS2MP_SEQ);
}
/* InterlockedAdd / InterlockedAdd64: as InterlockedExchangeAdd, returning the new value. */
static inline LONG InterlockedAdd(LONG volatile *Addend, LONG Value)
{
    return __atomic_add_fetch(Addend, Value, WS2MP_SEQ);
}
static inline LONGLONG InterlockedAdd64(LONGLONG volatile *Addend, LONGLONG Value)
{
    return __atomic_add_fetch(Addend, Value, WS2MP_SEQ);
}
static inline LONGLONG InterlockedXor64(LONGLONG volatile *Destination, LONGLONG Value)
{
    return __atomic_fetch_xor(Destination, Value, WS2MP_SEQ);
}
static inline PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value)
{
    return __atomic_exchange_n(Target, Value, WS2MP_SEQ);
}
static inline PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination, PVOID Exchange,
                                                      PVOID Comparand)
{
    __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, WS2MP_SEQ, WS2MP_SEQ);
    return Comparand;
}
#define _InterlockedIncrement InterlockedIncrement
#define _InterlockedDecrement InterlockedDecrement
#define _InterlockedExchange InterlockedExchange
#define _InterlockedExchangeAdd InterlockedExchangeAdd
#define _InterlockedCompareExchange InterlockedCompareExchange
#define _InterlockedOr InterlockedOr
#define _InterlockedAnd InterlockedAnd
#define MemoryBarrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)

/* Interlocked singly linked lists (the free lists of IOCP servers). The functions
 * (InitializeSListHead, InterlockedPushEntrySList, InterlockedPushListSListEx,
 * InterlockedPopEntrySList, InterlockedFlushSList, QueryDepthSList, RtlFirstEntrySList) are
 * exported by libws2mp: each is atomic with respect to the others on the same header. An entry
 * is an SLIST_ENTRY placed in the program's structure (first, or found again with
 * CONTAINING_RECORD), aligned on MEMORY_ALLOCATION_ALIGNMENT as Windows requires (_aligned_malloc
 * or DECLSPEC_ALIGN). The header's layout is Windows' x64 one (HeaderX64: the depth, a count of
 * changes, the first entry). QueryDepthSList counts modulo 65536, as Windows. */
#ifndef MEMORY_ALLOCATION_ALIGNMENT
#define MEMORY_ALLOCATION_ALIGNMENT 16
#endif
typedef struct DECLSPEC_ALIGN(16) _SLIST_ENTRY {
    struct _SLIST_ENTRY *Next;
} SLIST_ENTRY, *PSLIST_ENTRY;
/* __extension__: the anonymous struct and the 64-bit bit-fields are Windows' layout, which
 * strict C99 and C++ call extensions. */
typedef union DECLSPEC_ALIGN(16) _SLIST_HEADER {
    __extension__ struct {
        ULONGLONG Alignment;
        ULONGLONG Region;
    };
    __extension__ struct {
        ULONGLONG Depth : 16;
        ULONGLONG Sequence : 48;
        ULONGLONG Reserved : 4;
        ULONGLONG NextEntry : 60;
    } HeaderX64;
} SLIST_HEADER, *PSLIST_HEADER;
#define SINGLE_LIST_ENTRY SLIST_ENTRY
#define PSINGLE_LIST_ENTRY PSLIST_ENTRY

#ifdef __cplusplus
}
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_SYNCHAPI_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_SYNCHAPI_H */
