/*
 * ws2mp compat: <winerror.h>. HRESULT and its macros, and the Win32 error codes network
 * programs compare GetLastError() with. The Winsock codes (WSAE*, WSA_*) come from ws2mp.h
 * through <winsock2.h>; they are not repeated here.
 */
#ifndef WS2MP_COMPAT_WINERROR_H
#define WS2MP_COMPAT_WINERROR_H

#include <stdint.h>

#ifndef WS2MP_HRESULT_DEFINED
#define WS2MP_HRESULT_DEFINED
/* 32 bits, as on Windows (LONG). */
typedef int32_t HRESULT;
#endif

#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#define IS_ERROR(status) ((unsigned long)(status) >> 31 == 1)
#define HRESULT_CODE(hr) ((hr) & 0xFFFF)
#define HRESULT_FACILITY(hr) (((hr) >> 16) & 0x1fff)
#define HRESULT_SEVERITY(hr) (((hr) >> 31) & 0x1)
#define SCODE_CODE(sc) ((sc) & 0xFFFF)
#define FACILITY_WIN32 7
#define SEVERITY_SUCCESS 0
#define SEVERITY_ERROR 1
#define MAKE_HRESULT(sev, fac, code)                                                            \
    ((HRESULT)(((uint32_t)(sev) << 31) | ((uint32_t)(fac) << 16) | ((uint32_t)(code))))
#define HRESULT_FROM_WIN32(x)                                                                   \
    ((HRESULT)(x) <= 0 ? ((HRESULT)(x))                                                         \
                       : ((HRESULT)((((uint32_t)(x)) & 0x0000FFFFu) | (FACILITY_WIN32 << 16) | 0x80000000u)))

#define S_OK ((HRESULT)0)
#define S_FALSE ((HRESULT)1)
#define E_NOTIMPL ((HRESULT)0x80004001u)
#define E_NOINTERFACE ((HRESULT)0x80004002u)
#define E_POINTER ((HRESULT)0x80004003u)
#define E_ABORT ((HRESULT)0x80004004u)
#define E_FAIL ((HRESULT)0x80004005u)
#define E_UNEXPECTED ((HRESULT)0x8000FFFFu)
#define E_ACCESSDENIED ((HRESULT)0x80070005u)
#define E_HANDLE ((HRESULT)0x80070006u)
#define E_OUTOFMEMORY ((HRESULT)0x8007000Eu)
#define E_INVALIDARG ((HRESULT)0x80070057u)
#define RPC_E_CHANGED_MODE ((HRESULT)0x80010106u)

/* Win32 error codes (GetLastError). Guarded: other compat headers may define some too. */
#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS 0L
#endif
#ifndef NO_ERROR
#define NO_ERROR 0L
#endif
#define ERROR_INVALID_FUNCTION 1L
#define ERROR_FILE_NOT_FOUND 2L
#define ERROR_PATH_NOT_FOUND 3L
#define ERROR_TOO_MANY_OPEN_FILES 4L
#define ERROR_ACCESS_DENIED 5L
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE 6L
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY 8L
#endif
#define ERROR_INVALID_DATA 13L
#define ERROR_OUTOFMEMORY 14L
#define ERROR_NO_MORE_FILES 18L
#define ERROR_GEN_FAILURE 31L
#define ERROR_LOCK_VIOLATION 33L
#define ERROR_NOT_SUPPORTED 50L
#define ERROR_BAD_NET_NAME 67L
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER 87L
#endif
#define ERROR_BUFFER_OVERFLOW 111L
#define ERROR_BROKEN_PIPE 109L
#define ERROR_CALL_NOT_IMPLEMENTED 120L
#define ERROR_INSUFFICIENT_BUFFER 122L
#define ERROR_SIGNAL_REFUSED 156L
#define ERROR_BAD_ARGUMENTS 160L
#define ERROR_NOT_LOCKED 158L
#define ERROR_ALREADY_EXISTS 183L
#define ERROR_BAD_EXE_FORMAT 193L
#define ERROR_BAD_NETPATH 53L
#define ERROR_BAD_PIPE 230L
#define ERROR_PIPE_BUSY 231L
#define ERROR_NO_DATA 232L
#define ERROR_PIPE_NOT_CONNECTED 233L
#define ERROR_MORE_DATA 234L
#define ERROR_PIPE_CONNECTED 535L
#define ERROR_PIPE_LISTENING 536L
#define ERROR_DIRECTORY 267L
#define ERROR_INVALID_LOCK_RANGE 307L
#ifndef WAIT_TIMEOUT
#define WAIT_TIMEOUT 258L
#endif
#define ERROR_NO_MORE_ITEMS 259L
#define ERROR_MR_MID_NOT_FOUND 317L
#ifndef ERROR_OPERATION_ABORTED
#define ERROR_OPERATION_ABORTED 995L
#endif
#ifndef ERROR_IO_INCOMPLETE
#define ERROR_IO_INCOMPLETE 996L
#endif
#ifndef ERROR_IO_PENDING
#define ERROR_IO_PENDING 997L
#endif
#define ERROR_NOACCESS 998L
#define ERROR_CAN_NOT_COMPLETE 1003L
#define ERROR_OLD_WIN_VERSION 1150L
/* Network errors GetOverlappedResult and GetQueuedCompletionStatus report. */
#ifndef ERROR_REM_NOT_LIST
#define ERROR_REM_NOT_LIST 51L
#endif
#ifndef ERROR_DUP_NAME
#define ERROR_DUP_NAME 52L
#endif
#ifndef ERROR_NETWORK_BUSY
#define ERROR_NETWORK_BUSY 54L
#endif
#ifndef ERROR_BAD_NET_RESP
#define ERROR_BAD_NET_RESP 58L
#endif
#ifndef ERROR_UNEXP_NET_ERR
#define ERROR_UNEXP_NET_ERR 59L
#endif
#ifndef ERROR_TOO_MANY_NAMES
#define ERROR_TOO_MANY_NAMES 68L
#endif
#ifndef ERROR_INVALID_NETNAME
#define ERROR_INVALID_NETNAME 1214L
#endif
#ifndef ERROR_PROTOCOL_UNREACHABLE
#define ERROR_PROTOCOL_UNREACHABLE 1233L
#endif
#ifndef ERROR_PORT_UNREACHABLE
#define ERROR_PORT_UNREACHABLE 1234L
#endif
#ifndef ERROR_NO_SYSTEM_RESOURCES
#define ERROR_NO_SYSTEM_RESOURCES 1450L
#endif
#ifndef ERROR_COMMITMENT_LIMIT
#define ERROR_COMMITMENT_LIMIT 1455L
#endif
#ifndef ERROR_INVALID_USER_BUFFER
#define ERROR_INVALID_USER_BUFFER 1784L
#endif
#define ERROR_NOT_FOUND 1168L
/* The network errors GetQueuedCompletionStatus and GetOverlappedResult report for socket
 * operations (Windows' winerror.h names). */
#define ERROR_SEM_TIMEOUT 121L
#define ERROR_CONNECTION_REFUSED 1225L
#define ERROR_GRACEFUL_DISCONNECT 1226L
#define ERROR_ADDRESS_ALREADY_ASSOCIATED 1227L
#define ERROR_CONNECTION_ACTIVE 1230L
#ifndef ERROR_NETWORK_UNREACHABLE
#define ERROR_NETWORK_UNREACHABLE 1231L
#endif
#define ERROR_HOST_UNREACHABLE 1232L
#define ERROR_REQUEST_ABORTED 1235L
#ifndef ERROR_CONNECTION_ABORTED
#define ERROR_CONNECTION_ABORTED 1236L
#endif
#define ERROR_TIMEOUT 1460L
/* Windows and their classes (<winuser.h>). */
#define ERROR_INVALID_WINDOW_HANDLE 1400L
#define ERROR_CANNOT_FIND_WND_CLASS 1407L
#define ERROR_CLASS_ALREADY_EXISTS 1410L
#define ERROR_CLASS_DOES_NOT_EXIST 1411L
#define ERROR_CLASS_HAS_WINDOWS 1412L
#define ERROR_INVALID_INDEX 1413L
#define ERROR_INVALID_THREAD_ID 1444L
#define ERROR_INVALID_FLAGS 1004L
#define ERROR_NO_UNICODE_TRANSLATION 1113L
#define ERROR_RESOURCE_LANG_NOT_FOUND 1815L

#endif /* WS2MP_COMPAT_WINERROR_H */
