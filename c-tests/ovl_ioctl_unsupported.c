/*
 * An IOCP server that issues its WSAIoctl requests overlapped, like the rest of its I/O, and
 * handles every result in the completion loop. For a control code the provider does not
 * support, Windows does not fail the call: it returns WSA_IO_PENDING, leaves
 * *lpcbBytesReturned alone and reports the failure through the completion
 * (GetQueuedCompletionStatus fails with ERROR_NOT_SUPPORTED and returns the key and the
 * OVERLAPPED; Internal is STATUS_NOT_SUPPORTED; a completion routine gets WSAEOPNOTSUPP; an
 * event-based request's WSAGetOverlappedResult fails with WSAEOPNOTSUPP). SIO_BASE_HANDLE is
 * answered the same way when overlapped. Without an OVERLAPPED the call fails at once with
 * WSAEOPNOTSUPP. ws2mp failed the overlapped calls at once and posted nothing.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <string.h>
#include "check.h"

#define IOCTL_NOBODY_KNOWS 0x88001234u

static unsigned routine_calls;
static DWORD routine_error = 0xdeadbeef;
static LPWSAOVERLAPPED routine_ov;

static void CALLBACK on_ioctl_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)bytes;
    (void)flags;
    routine_calls++;
    routine_error = error;
    routine_ov = ov;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET s, base = (SOCKET)0xdeadbeef;
    HANDLE port;
    WSAOVERLAPPED ov, *done = NULL;
    DWORD bytes, transferred = 1, flags = 0;
    ULONG_PTR key = 0;
    BOOL ok_result;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* Without an OVERLAPPED: fails at once. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(s != INVALID_SOCKET, "socket");
    bytes = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, IOCTL_NOBODY_KNOWS, NULL, 0, NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "unknown code: fails");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "... with WSAEOPNOTSUPP");
    CHECK_EQ(bytes, 0, "... and 0 bytes returned");

    /* Through a completion port. */
    port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    REQUIRE(port != NULL, "CreateIoCompletionPort");
    memset(&ov, 0, sizeof(ov));
    bytes = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, IOCTL_NOBODY_KNOWS, NULL, 0, NULL, 0, &bytes, &ov, NULL), SOCKET_ERROR,
             "overlapped unknown code: SOCKET_ERROR");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "... WSA_IO_PENDING");
    CHECK_EQ(bytes, 0xdeadbeef, "... count untouched");
    ok_result = GetQueuedCompletionStatus(port, &transferred, &key, &done, 1000);
    CHECK(!ok_result, "the completion reports a failure");
    CHECK_EQ(GetLastError(), ERROR_NOT_SUPPORTED, "... ERROR_NOT_SUPPORTED");
    CHECK(done == &ov, "... for our OVERLAPPED");
    CHECK_EQ((long)key, 123L, "... with our key");
    CHECK_EQ(transferred, 0, "... 0 bytes");
    CHECK_EQ((unsigned long)ov.Internal, 0xC00000BBUL, "Internal is STATUS_NOT_SUPPORTED");

    /* SIO_BASE_HANDLE overlapped: the same; the output is not written. */
    bytes = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof(base), &bytes, &ov, NULL),
             SOCKET_ERROR, "overlapped SIO_BASE_HANDLE: SOCKET_ERROR");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "... WSA_IO_PENDING");
    done = NULL;
    CHECK(!GetQueuedCompletionStatus(port, &transferred, &key, &done, 1000) &&
              GetLastError() == ERROR_NOT_SUPPORTED && done == &ov,
          "... completes with ERROR_NOT_SUPPORTED");
    CHECK(base == (SOCKET)0xdeadbeef, "... the output is left alone");
    bytes = 0;
    CHECK_EQ(WSAIoctl(s, SIO_BASE_HANDLE, NULL, 0, &base, sizeof(base), &bytes, NULL, NULL), 0,
             "plain SIO_BASE_HANDLE still answers");
    CHECK(base == s, "... with the socket");
    CloseHandle(port);
    closesocket(s);

    /* With an event: WSAGetOverlappedResult gives the error. */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    CHECK_EQ(WSAIoctl(s, IOCTL_NOBODY_KNOWS, NULL, 0, NULL, 0, &bytes, &ov, NULL), SOCKET_ERROR,
             "event: SOCKET_ERROR");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "event: WSA_IO_PENDING");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, TRUE, 1000, FALSE), WSA_WAIT_EVENT_0,
             "event: signalled");
    CHECK_EQ(WSAGetOverlappedResult(s, &ov, &transferred, FALSE, &flags), FALSE,
             "event: WSAGetOverlappedResult FALSE");
    CHECK_EQ(WSAGetLastError(), WSAEOPNOTSUPP, "event: WSAEOPNOTSUPP");
    WSACloseEvent(ov.hEvent);

    /* With a completion routine: it runs at the next alertable wait with WSAEOPNOTSUPP. */
    memset(&ov, 0, sizeof(ov));
    CHECK_EQ(WSAIoctl(s, IOCTL_NOBODY_KNOWS, NULL, 0, NULL, 0, &bytes, &ov, on_ioctl_done),
             SOCKET_ERROR, "routine: SOCKET_ERROR");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "routine: WSA_IO_PENDING");
    CHECK_EQ(SleepEx(1000, TRUE), WAIT_IO_COMPLETION, "routine: SleepEx runs it");
    CHECK_EQ(routine_calls, 1, "routine: once");
    CHECK_EQ(routine_error, WSAEOPNOTSUPP, "routine: WSAEOPNOTSUPP");
    CHECK(routine_ov == &ov, "routine: our OVERLAPPED");
    closesocket(s);

    WSACleanup();
    return check_done();
}
