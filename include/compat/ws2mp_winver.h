/*
 * ws2mp compat: what the program targets. Included by <winsock2.h> three times: for the levels
 * alone (WS2MP_WINVER_LEVELS_ONLY_ defined: WS2MP_NTDDI_VISTA, WS2MP_WINNT_VISTA,
 * WS2MP_WINNT_WIN7, each 1 when the program targets that Windows or a newer one), before
 * ws2mp.h is read, and after it (WS2MP_WINVER_END_ defined); not meant to be included on its
 * own.
 *
 * Windows' headers declare a function only from the Windows version the program says it
 * targets: with `#define _WIN32_WINNT 0x0501` (Windows XP) before the first Windows header,
 * <ws2tcpip.h> has no inet_pton / inet_ntop / InetPtonW / InetNtopW (Vista; gated on
 * NTDDI_VERSION, which <sdkddkver.h> derives from _WIN32_WINNT), <iphlpapi.h> no
 * if_nametoindex / if_indextoname (<netioapi.h>, also on NTDDI_VERSION: <winsock2.h> reads the
 * C library's under other names), <winsock2.h> no WSAPoll, no
 * `struct pollfd` / WSAPOLLFD and no POLL* values, no WSAConnectByName / WSAConnectByList /
 * WSASendMsg, <ws2tcpip.h> no GetAddrInfoEx, and <synchapi.h>, <sysinfoapi.h> and
 * <ioapiset.h> no condition variables, slim reader/writer locks, one-time initialisation,
 * GetTickCount64 or CancelIoEx (all Vista, gated on _WIN32_WINNT; TryAcquireSRWLock* is
 * Windows 7). Programs written for XP therefore define those names themselves (a static
 * inet_pton over WSAStringToAddress, their own `struct pollfd` and POLLIN, a condition
 * variable over an event), which Windows' headers accept.
 *
 * ws2mp exports all of them. For a program that targets an older version, ws2mp.h is read with
 * these names renamed to private ones (nothing refers to those), and the compat headers leave
 * out their name macros and helpers for them, so the program's own definitions compile as
 * they do on Windows. A program that defines none of the version macros targets the newest
 * Windows and sees everything.
 */
#ifndef WS2MP_COMPAT_WINVER_LEVELS_
#define WS2MP_COMPAT_WINVER_LEVELS_
/* Windows gates the inet_pton family on NTDDI_VERSION and the rest on _WIN32_WINNT; both
 * are known here (<sdkddkver.h> came first). */
#if NTDDI_VERSION >= 0x06000000
#define WS2MP_NTDDI_VISTA 1
#else
#define WS2MP_NTDDI_VISTA 0
#endif
#if _WIN32_WINNT >= 0x0600
#define WS2MP_WINNT_VISTA 1
#else
#define WS2MP_WINNT_VISTA 0
#endif
#if _WIN32_WINNT >= 0x0601
#define WS2MP_WINNT_WIN7 1
#else
#define WS2MP_WINNT_WIN7 0
#endif
#endif

#if defined(WS2MP_WINVER_LEVELS_ONLY_)
/* Only the levels: <winsock2.h> reads the system's socket headers next. */
#elif !defined(WS2MP_WINVER_END_)

#if !WS2MP_NTDDI_VISTA
#define InetPtonW ws2mp_winver_hidden_InetPtonW_
#define InetNtopW ws2mp_winver_hidden_InetNtopW_
#endif
#if !WS2MP_WINNT_VISTA
#define WSAPoll ws2mp_winver_hidden_WSAPoll_
#define WSAPOLLFD ws2mp_winver_hidden_WSAPOLLFD_
#define WSAConnectByNameA ws2mp_winver_hidden_WSAConnectByNameA_
#define WSAConnectByNameW ws2mp_winver_hidden_WSAConnectByNameW_
#define WSAConnectByList ws2mp_winver_hidden_WSAConnectByList_
#define WSASendMsg ws2mp_winver_hidden_WSASendMsg_
#define GetAddrInfoExA ws2mp_winver_hidden_GetAddrInfoExA_
#define GetAddrInfoExW ws2mp_winver_hidden_GetAddrInfoExW_
#define GetAddrInfoExCancel ws2mp_winver_hidden_GetAddrInfoExCancel_
#define GetAddrInfoExOverlappedResult ws2mp_winver_hidden_GetAddrInfoExOverlappedResult_
#define FreeAddrInfoEx ws2mp_winver_hidden_FreeAddrInfoEx_
#define FreeAddrInfoExW ws2mp_winver_hidden_FreeAddrInfoExW_
#define InitializeConditionVariable ws2mp_winver_hidden_InitializeConditionVariable_
#define WakeConditionVariable ws2mp_winver_hidden_WakeConditionVariable_
#define WakeAllConditionVariable ws2mp_winver_hidden_WakeAllConditionVariable_
#define SleepConditionVariableCS ws2mp_winver_hidden_SleepConditionVariableCS_
#define SleepConditionVariableSRW ws2mp_winver_hidden_SleepConditionVariableSRW_
#define InitializeSRWLock ws2mp_winver_hidden_InitializeSRWLock_
#define AcquireSRWLockExclusive ws2mp_winver_hidden_AcquireSRWLockExclusive_
#define AcquireSRWLockShared ws2mp_winver_hidden_AcquireSRWLockShared_
#define ReleaseSRWLockExclusive ws2mp_winver_hidden_ReleaseSRWLockExclusive_
#define ReleaseSRWLockShared ws2mp_winver_hidden_ReleaseSRWLockShared_
#define InitOnceInitialize ws2mp_winver_hidden_InitOnceInitialize_
#define InitOnceExecuteOnce ws2mp_winver_hidden_InitOnceExecuteOnce_
#define InitOnceBeginInitialize ws2mp_winver_hidden_InitOnceBeginInitialize_
#define InitOnceComplete ws2mp_winver_hidden_InitOnceComplete_
#define GetTickCount64 ws2mp_winver_hidden_GetTickCount64_
#define CancelIoEx ws2mp_winver_hidden_CancelIoEx_
#endif
#if !WS2MP_WINNT_WIN7
#define TryAcquireSRWLockExclusive ws2mp_winver_hidden_TryAcquireSRWLockExclusive_
#define TryAcquireSRWLockShared ws2mp_winver_hidden_TryAcquireSRWLockShared_
#endif

#else /* WS2MP_WINVER_END_: ws2mp.h has been read */

#if !WS2MP_NTDDI_VISTA
#undef InetPtonW
#undef InetNtopW
#endif
#if !WS2MP_WINNT_VISTA
#undef WSAPoll
#undef WSAPOLLFD
#undef WSAConnectByNameA
#undef WSAConnectByNameW
#undef WSAConnectByList
#undef WSASendMsg
#undef GetAddrInfoExA
#undef GetAddrInfoExW
#undef GetAddrInfoExCancel
#undef GetAddrInfoExOverlappedResult
#undef FreeAddrInfoEx
#undef FreeAddrInfoExW
#undef InitializeConditionVariable
#undef WakeConditionVariable
#undef WakeAllConditionVariable
#undef SleepConditionVariableCS
#undef SleepConditionVariableSRW
#undef InitializeSRWLock
#undef AcquireSRWLockExclusive
#undef AcquireSRWLockShared
#undef ReleaseSRWLockExclusive
#undef ReleaseSRWLockShared
#undef InitOnceInitialize
#undef InitOnceExecuteOnce
#undef InitOnceBeginInitialize
#undef InitOnceComplete
#undef GetTickCount64
#undef CancelIoEx
#endif
#if !WS2MP_WINNT_WIN7
#undef TryAcquireSRWLockExclusive
#undef TryAcquireSRWLockShared
#endif

#endif
