/*
 * ws2mp compat: <threadpoolapiset.h>: the thread pool of Windows Vista and later, with the
 * types Windows declares in <winnt.h> and the callback-environment helpers of <winbase.h>.
 *
 * The functions (CreateThreadpoolWork, SubmitThreadpoolWork, CreateThreadpoolTimer,
 * SetThreadpoolTimer, CreateThreadpoolWait, SetThreadpoolWait, CreateThreadpoolIo,
 * StartThreadpoolIo, CancelThreadpoolIo, CreateThreadpool, CreateThreadpoolCleanupGroup,
 * SetEventWhenCallbackReturns, ..., BindIoCompletionCallback) are declared in ws2mp.h and
 * exported by libws2mp; the PTP_* objects are opaque pointers, as on Windows. A pool is an
 * internal completion port and the threads that wait on it: an I/O object's socket is
 * associated with that port. CreateThreadpoolIo and BindIoCompletionCallback take sockets
 * ((HANDLE)s) and file handles from CreateFile.
 */
#ifndef WS2MP_COMPAT_THREADPOOLAPISET_H
#define WS2MP_COMPAT_THREADPOOLAPISET_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _TP_CALLBACK_INSTANCE TP_CALLBACK_INSTANCE, *PTP_CALLBACK_INSTANCE;
typedef struct _TP_WORK TP_WORK, *PTP_WORK;
typedef struct _TP_TIMER TP_TIMER, *PTP_TIMER;
typedef struct _TP_WAIT TP_WAIT, *PTP_WAIT;
typedef struct _TP_IO TP_IO, *PTP_IO;
typedef struct _TP_POOL TP_POOL, *PTP_POOL;
typedef struct _TP_CLEANUP_GROUP TP_CLEANUP_GROUP, *PTP_CLEANUP_GROUP;
typedef DWORD TP_VERSION, *PTP_VERSION;
typedef DWORD TP_WAIT_RESULT;
typedef VOID(CALLBACK *PTP_CLEANUP_GROUP_CANCEL_CALLBACK)(PVOID ObjectContext, PVOID CleanupContext);

typedef enum _TP_CALLBACK_PRIORITY {
    TP_CALLBACK_PRIORITY_HIGH,
    TP_CALLBACK_PRIORITY_NORMAL,
    TP_CALLBACK_PRIORITY_LOW,
    TP_CALLBACK_PRIORITY_INVALID,
    TP_CALLBACK_PRIORITY_COUNT = TP_CALLBACK_PRIORITY_INVALID
} TP_CALLBACK_PRIORITY;

typedef struct _TP_POOL_STACK_INFORMATION {
    SIZE_T StackReserve;
    SIZE_T StackCommit;
} TP_POOL_STACK_INFORMATION, *PTP_POOL_STACK_INFORMATION;

/* The callback environment, as Windows lays it out (version 3). The pool reads Pool,
 * CleanupGroup and CleanupGroupCancelCallback; the other fields are kept for the program. */
struct _TP_CALLBACK_ENVIRON_V3 {
    TP_VERSION Version;
    PTP_POOL Pool;
    PTP_CLEANUP_GROUP CleanupGroup;
    PTP_CLEANUP_GROUP_CANCEL_CALLBACK CleanupGroupCancelCallback;
    PVOID RaceDll;
    struct _ACTIVATION_CONTEXT *ActivationContext;
    PTP_SIMPLE_CALLBACK FinalizationCallback;
    union {
        DWORD Flags;
        struct {
            DWORD LongFunction : 1;
            DWORD Persistent : 1;
            DWORD Private : 30;
        } s;
    } u;
    TP_CALLBACK_PRIORITY CallbackPriority;
    DWORD Size;
};
typedef struct _TP_CALLBACK_ENVIRON_V3 TP_CALLBACK_ENVIRON_V3;
typedef TP_CALLBACK_ENVIRON_V3 TP_CALLBACK_ENVIRON, *PTP_CALLBACK_ENVIRON;

/* The inline helpers of <winnt.h> (Tp*) and their <winbase.h> names. */
static inline VOID TpInitializeCallbackEnviron(PTP_CALLBACK_ENVIRON CallbackEnviron)
{
    CallbackEnviron->Version = 3;
    CallbackEnviron->Pool = NULL;
    CallbackEnviron->CleanupGroup = NULL;
    CallbackEnviron->CleanupGroupCancelCallback = NULL;
    CallbackEnviron->RaceDll = NULL;
    CallbackEnviron->ActivationContext = NULL;
    CallbackEnviron->FinalizationCallback = NULL;
    CallbackEnviron->u.Flags = 0;
    CallbackEnviron->CallbackPriority = TP_CALLBACK_PRIORITY_NORMAL;
    CallbackEnviron->Size = sizeof(TP_CALLBACK_ENVIRON);
}
static inline VOID TpSetCallbackThreadpool(PTP_CALLBACK_ENVIRON CallbackEnviron, PTP_POOL Pool)
{
    CallbackEnviron->Pool = Pool;
}
static inline VOID TpSetCallbackCleanupGroup(PTP_CALLBACK_ENVIRON CallbackEnviron, PTP_CLEANUP_GROUP CleanupGroup,
                                             PTP_CLEANUP_GROUP_CANCEL_CALLBACK CleanupGroupCancelCallback)
{
    CallbackEnviron->CleanupGroup = CleanupGroup;
    CallbackEnviron->CleanupGroupCancelCallback = CleanupGroupCancelCallback;
}
static inline VOID TpSetCallbackActivationContext(PTP_CALLBACK_ENVIRON CallbackEnviron,
                                                  struct _ACTIVATION_CONTEXT *ActivationContext)
{
    CallbackEnviron->ActivationContext = ActivationContext;
}
static inline VOID TpSetCallbackNoActivationContext(PTP_CALLBACK_ENVIRON CallbackEnviron)
{
    CallbackEnviron->ActivationContext = (struct _ACTIVATION_CONTEXT *)(LONG_PTR)-1;
}
static inline VOID TpSetCallbackLongFunction(PTP_CALLBACK_ENVIRON CallbackEnviron)
{
    CallbackEnviron->u.s.LongFunction = 1;
}
static inline VOID TpSetCallbackRaceWithDll(PTP_CALLBACK_ENVIRON CallbackEnviron, PVOID DllHandle)
{
    CallbackEnviron->RaceDll = DllHandle;
}
static inline VOID TpSetCallbackFinalizationCallback(PTP_CALLBACK_ENVIRON CallbackEnviron,
                                                     PTP_SIMPLE_CALLBACK FinalizationCallback)
{
    CallbackEnviron->FinalizationCallback = FinalizationCallback;
}
static inline VOID TpSetCallbackPriority(PTP_CALLBACK_ENVIRON CallbackEnviron, TP_CALLBACK_PRIORITY Priority)
{
    CallbackEnviron->CallbackPriority = Priority;
}
static inline VOID TpSetCallbackPersistent(PTP_CALLBACK_ENVIRON CallbackEnviron)
{
    CallbackEnviron->u.s.Persistent = 1;
}
static inline VOID TpDestroyCallbackEnviron(PTP_CALLBACK_ENVIRON CallbackEnviron)
{
    (void)CallbackEnviron;
}

#define InitializeThreadpoolEnvironment(pcbe) TpInitializeCallbackEnviron(pcbe)
#define SetThreadpoolCallbackPool(pcbe, ptpp) TpSetCallbackThreadpool(pcbe, ptpp)
#define SetThreadpoolCallbackCleanupGroup(pcbe, ptpcg, pfng) TpSetCallbackCleanupGroup(pcbe, ptpcg, pfng)
#define SetThreadpoolCallbackRunsLong(pcbe) TpSetCallbackLongFunction(pcbe)
#define SetThreadpoolCallbackLibrary(pcbe, mod) TpSetCallbackRaceWithDll(pcbe, mod)
#define SetThreadpoolCallbackPriority(pcbe, Priority) TpSetCallbackPriority(pcbe, Priority)
#define SetThreadpoolCallbackPersistent(pcbe) TpSetCallbackPersistent(pcbe)
#define DestroyThreadpoolEnvironment(pcbe) TpDestroyCallbackEnviron(pcbe)

#ifdef __cplusplus
}
#endif

#endif
