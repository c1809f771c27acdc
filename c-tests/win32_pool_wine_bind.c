/* BindIoCompletionCallback on a socket, checked against Wine's kernel32 sync.c tests. A
 * pre-Vista server binds each accepted socket to the system pool and drives it from the
 * completion routine (dwErrorCode, dwNumberOfBytesTransfered, lpOverlapped). On Windows:
 *  - a NULL handle is refused (ERROR_INVALID_HANDLE, or ERROR_INVALID_PARAMETER since Vista);
 *  - binding a bound socket again, even with the same routine, or with a NULL routine, is
 *    ERROR_INVALID_PARAMETER;
 *  - an overlapped WSARecv that completes later calls the routine once with error 0, the byte
 *    count and the OVERLAPPED given; an overlapped WSASend that completes at once still calls
 *    it (the completion goes to the pool); a pending receive ended by the peer's graceful
 *    close calls it with error 0 and 0 bytes.
 * The routine records into globals; the main thread checks after waiting. */
#include "ovl_util.h"

static volatile LONG calls;
static volatile LONG last_error = -1, last_bytes = -1;
static LPOVERLAPPED volatile last_ov;
static HANDLE called;

static VOID CALLBACK routine(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    InterlockedExchange(&last_error, (LONG)error);
    InterlockedExchange(&last_bytes, (LONG)bytes);
    InterlockedExchangePointer((PVOID volatile *)&last_ov, ov);
    InterlockedIncrement(&calls);
    ReleaseSemaphore(called, 1, NULL);
}

static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}

int main(void)
{
    SOCKET client, server;
    WSAOVERLAPPED rov, sov;
    WSABUF rbuf, sbuf;
    char in[64], out[] = "twelve bytes";
    DWORD n = 0, flags = 0;
    int rc;
    ovl_start();
    called = CreateSemaphore(NULL, 0, 10, NULL);
    REQUIRE(ovl_tcp_pair(&client, &server) == 0, "a loopback TCP pair");

    SetLastError(0);
    CHECK(!BindIoCompletionCallback(NULL, routine, 0), "a NULL handle is refused");
    CHECK(GetLastError() == ERROR_INVALID_HANDLE || GetLastError() == ERROR_INVALID_PARAMETER,
          "... ERROR_INVALID_HANDLE or ERROR_INVALID_PARAMETER");
    CHECK(BindIoCompletionCallback((HANDLE)server, routine, 0), "binding the socket");
    SetLastError(0);
    CHECK(!BindIoCompletionCallback((HANDLE)server, routine, 0), "binding it again with the same routine");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK(!BindIoCompletionCallback((HANDLE)server, NULL, 0), "a NULL routine on a bound socket");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    memset(&rov, 0, sizeof(rov));
    rbuf.buf = in;
    rbuf.len = sizeof(in);
    rc = WSARecv(server, &rbuf, 1, &n, &flags, &rov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "an overlapped receive is pending");
    CHECK_EQ(WaitForSingleObject(called, 200), WAIT_TIMEOUT, "... no routine call yet");
    CHECK_EQ(send(client, out, 12, 0), 12, "the peer sends 12 bytes");
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "the routine is called");
    CHECK_EQ(count_of(&last_error), 0, "... with error 0");
    CHECK_EQ(count_of(&last_bytes), 12, "... and 12 bytes");
    CHECK(InterlockedCompareExchangePointer((PVOID volatile *)&last_ov, NULL, NULL) == (LPOVERLAPPED)&rov,
          "... and the receive's OVERLAPPED");

    memset(&sov, 0, sizeof(sov));
    sbuf.buf = out;
    sbuf.len = 5;
    rc = WSASend(server, &sbuf, 1, &n, 0, &sov, NULL);
    CHECK(rc == 0 || WSAGetLastError() == WSA_IO_PENDING, "an overlapped send");
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "the routine is called for it too");
    CHECK_EQ(count_of(&last_bytes), 5, "... with its 5 bytes");
    CHECK(InterlockedCompareExchangePointer((PVOID volatile *)&last_ov, NULL, NULL) == (LPOVERLAPPED)&sov,
          "... and its OVERLAPPED");
    CHECK_EQ(recv(client, in, sizeof(in), 0), 5, "the peer got them");

    memset(&rov, 0, sizeof(rov));
    flags = 0;
    rc = WSARecv(server, &rbuf, 1, &n, &flags, &rov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "another receive is pending");
    shutdown(client, SD_SEND);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "the peer's FIN calls the routine");
    CHECK_EQ(count_of(&last_error), 0, "... with error 0");
    CHECK_EQ(count_of(&last_bytes), 0, "... and 0 bytes");
    CHECK_EQ(count_of(&calls), 3, "one call per operation");

    closesocket(client);
    closesocket(server);
    Sleep(50);
    CloseHandle(called);
    WSACleanup();
    return check_done();
}
