/*
 * ws2mp compat: <handleapi.h>: HANDLE values and CloseHandle.
 *
 * A HANDLE names an event (CreateEvent or WSACreateEvent: the same objects), a thread, a mutex
 * or a semaphore; CloseHandle (declared in ws2mp.h) closes any of them and DuplicateHandle
 * opens a second handle within the process (of a pipe end, a file or a standard handle too:
 * a file handle on a second descriptor of the same open file). Sockets are not
 * HANDLEs here: close them with closesocket. Also defines SECURITY_ATTRIBUTES (accepted and
 * ignored by the Create* calls) and the ERROR_* codes these calls set.
 */
/* <winsock2.h> first, outside the guard: it brings <windows.h>, which includes this header, and
 * that inner inclusion must define everything before <windows.h> goes on (when a program
 * includes <handleapi.h>, <processthreadsapi.h> or <process.h> before any other). */
#include "winsock2.h"

#ifndef WS2MP_COMPAT_HANDLEAPI_H
#define WS2MP_COMPAT_HANDLEAPI_H

#ifdef __cplusplus
extern "C" {
#endif

#ifndef INVALID_HANDLE_VALUE
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#endif

#define DUPLICATE_CLOSE_SOURCE 0x00000001u
#define DUPLICATE_SAME_ACCESS 0x00000002u

#ifndef WS2MP_SECURITY_ATTRIBUTES_DEFINED
#define WS2MP_SECURITY_ATTRIBUTES_DEFINED
typedef struct _SECURITY_ATTRIBUTES {
    DWORD nLength;
    LPVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;
#endif

/* <winnt.h>'s security identifier, for the calls that take one (ReportEvent's lpUserSid, a
 * program's own SID buffers). There are no security identifiers here: a SID given to ws2mp is
 * accepted and ignored. The layout is Windows' (12 bytes with its first sub-authority). */
#ifndef WS2MP_SID_DEFINED
#define WS2MP_SID_DEFINED
typedef struct _SID_IDENTIFIER_AUTHORITY {
    BYTE Value[6];
} SID_IDENTIFIER_AUTHORITY, *PSID_IDENTIFIER_AUTHORITY;
typedef struct _SID {
    BYTE Revision;
    BYTE SubAuthorityCount;
    SID_IDENTIFIER_AUTHORITY IdentifierAuthority;
    DWORD SubAuthority[1];
} SID, *PISID;
typedef PVOID PSID;
#define SID_REVISION 1
#define SID_MAX_SUB_AUTHORITIES 15
#define SECURITY_NT_AUTHORITY {0, 0, 0, 0, 0, 5}
#define SECURITY_LOCAL_SYSTEM_RID 0x00000012L
#endif

/* The Win32 error codes the handle, thread and synchronisation calls set (GetLastError). */
#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS 0L
#endif
#ifndef ERROR_FILE_NOT_FOUND
#define ERROR_FILE_NOT_FOUND 2L
#endif
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE 6L
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY 8L
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER 87L
#endif
#ifndef ERROR_MOD_NOT_FOUND
#define ERROR_MOD_NOT_FOUND 126L
#endif
#ifndef ERROR_PROC_NOT_FOUND
#define ERROR_PROC_NOT_FOUND 127L
#endif
#ifndef ERROR_ALREADY_EXISTS
#define ERROR_ALREADY_EXISTS 183L
#endif
#ifndef ERROR_NOT_OWNER
#define ERROR_NOT_OWNER 288L
#endif
#ifndef ERROR_TOO_MANY_POSTS
#define ERROR_TOO_MANY_POSTS 298L
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_HANDLEAPI_H */
