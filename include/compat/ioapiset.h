/*
 * ws2mp compat: <ioapiset.h>: I/O completion ports and overlapped results.
 *
 * CreateIoCompletionPort, GetQueuedCompletionStatus(Ex), PostQueuedCompletionStatus,
 * GetOverlappedResult(Ex), CancelIo, CancelIoEx and SetFileCompletionNotificationModes are
 * declared in ws2mp.h (exported by libws2mp); this header adds Windows' types and constants.
 * The HANDLE these calls take for a file is a socket: (HANDLE)s. ReadFile, WriteFile,
 * ReadFileEx, WriteFileEx (<fileapi.h> on Windows) and LPOVERLAPPED_COMPLETION_ROUTINE are
 * declared in ws2mp.h too: on a socket or a standard handle (there are no files).
 */
#ifndef WS2MP_COMPAT_IOAPISET_H
#define WS2MP_COMPAT_IOAPISET_H

#include "winsock2.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef OVERLAPPED_ENTRY *LPOVERLAPPED_ENTRY, *POVERLAPPED_ENTRY;

#ifndef STATUS_PENDING
#define STATUS_PENDING ((DWORD)0x00000103L)
#endif
/* The operation of an OVERLAPPED has finished (Internal is no longer STATUS_PENDING). */
#ifndef HasOverlappedIoCompleted
#define HasOverlappedIoCompleted(lpOverlapped) (((DWORD)(lpOverlapped)->Internal) != STATUS_PENDING)
#endif

#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#define FILE_SKIP_SET_EVENT_ON_HANDLE 0x2

#ifndef ERROR_NETNAME_DELETED
#define ERROR_NETNAME_DELETED 64L
#endif
#ifndef ERROR_ABANDONED_WAIT_0
#define ERROR_ABANDONED_WAIT_0 735L
#endif
#ifndef ERROR_CONNECTION_ABORTED
#define ERROR_CONNECTION_ABORTED 1236L
#endif

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_IOAPISET_H */
