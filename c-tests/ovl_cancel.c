/* Cancelling overlapped operations and closing a socket with operations pending: CancelIo
 * cancels the calling thread's operations only, CancelIoEx a given one or all
 * (WSA_OPERATION_ABORTED, STATUS_CANCELLED); closesocket of a connected socket completes
 * every pending receive and send with WSAECONNABORTED (STATUS_CONNECTION_ABORTED, as Windows
 * reports closing a connection) through its event, port or completion routine; completion routines run on the issuing thread during an
 * alertable wait (GetQueuedCompletionStatusEx(..., TRUE) returns WAIT_IO_COMPLETION). */
#include "ovl_util.h"

static SOCKET g_sock;
static WSAOVERLAPPED g_other_ov;
static char g_other_buf[8];

static HANDLE g_posted, g_finish;
static LONG g_other_pending;

/* Posts a receive, then stays alive until told to end (Windows cancels the pending I/O of a
 * thread that ends, for a socket not associated with a completion port). */
static DWORD WINAPI post_from_other_thread(LPVOID arg)
{
    WSABUF wsabuf;
    DWORD flags = 0;
    (void)arg;
    wsabuf.buf = g_other_buf;
    wsabuf.len = sizeof(g_other_buf);
    if (WSARecv(g_sock, &wsabuf, 1, NULL, &flags, &g_other_ov, NULL) == SOCKET_ERROR &&
        WSAGetLastError() == WSA_IO_PENDING)
        g_other_pending = 1;
    SetEvent(g_posted);
    WaitForSingleObject(g_finish, INFINITE);
    return 0;
}

static int g_routine_calls;
static DWORD g_routine_error, g_routine_bytes;
static LPWSAOVERLAPPED g_routine_ov;
static DWORD g_routine_thread;

static void CALLBACK on_done(DWORD dwError, DWORD cbTransferred, LPWSAOVERLAPPED lpOverlapped, DWORD dwFlags)
{
    (void)dwFlags;
    g_routine_calls++;
    g_routine_error = dwError;
    g_routine_bytes = cbTransferred;
    g_routine_ov = lpOverlapped;
    g_routine_thread = GetCurrentThreadId();
}

/* An alertable wait on an idle port: runs this thread's queued completion routines. */
static int alertable_wait(HANDLE port, DWORD ms)
{
    OVERLAPPED_ENTRY e[1];
    ULONG n = 0;
    if (GetQueuedCompletionStatusEx(port, e, 1, &n, ms, TRUE))
        return 0;
    return (int)GetLastError();
}

int main(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov, ovs[3], sov;
    WSABUF wsabuf;
    char buf[64], *big;
    DWORD flags = 0, got = 0;
    HANDLE thread, idle;
    int i, rc;

    ovl_start();
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);

    /* CancelIo: only the calling thread's operations. */
    g_sock = b;
    ovl_init(&g_other_ov);
    g_posted = CreateEvent(NULL, TRUE, FALSE, NULL);
    g_finish = CreateEvent(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, post_from_other_thread, NULL, 0, NULL);
    REQUIRE(thread != NULL, "thread");
    WaitForSingleObject(g_posted, INFINITE);
    CHECK_EQ(g_other_pending, 1, "another thread's receive is pending");
    ovl_init(&ov);
    rc = WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "this thread's receive is pending");
    CHECK(CancelIo((HANDLE)b), "CancelIo");
    CHECK(ovl_signalled(ov.hEvent, 2000), "this thread's receive completes");
    CHECK_EQ(WSAGetOverlappedResult(b, &ov, &got, FALSE, &flags), FALSE, "... and failed");
    CHECK_EQ(WSAGetLastError(), WSA_OPERATION_ABORTED, "... WSA_OPERATION_ABORTED");
    CHECK_EQ(ov.Internal, 0xC0000120, "... Internal STATUS_CANCELLED");
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, FALSE), FALSE, "GetOverlappedResult");
    CHECK_EQ(GetLastError(), ERROR_OPERATION_ABORTED, "... ERROR_OPERATION_ABORTED");
    CHECK(!ovl_signalled(g_other_ov.hEvent, 100), "the other thread's receive is still pending");
    CHECK(CancelIo((HANDLE)b), "CancelIo with nothing of ours pending still succeeds");

    /* CancelIoEx with a given OVERLAPPED, then one that is not pending. */
    CHECK(CancelIoEx((HANDLE)b, &g_other_ov), "CancelIoEx(s, &ov) of the other thread's receive");
    CHECK(ovl_signalled(g_other_ov.hEvent, 2000), "... it completes");
    CHECK_EQ(g_other_ov.Internal, 0xC0000120, "... cancelled");
    CHECK_EQ(CancelIoEx((HANDLE)b, &g_other_ov), FALSE, "CancelIoEx again");
    CHECK_EQ(GetLastError(), ERROR_NOT_FOUND, "... ERROR_NOT_FOUND");
    CHECK_EQ(CancelIo((HANDLE)(ULONG_PTR)123456), FALSE, "CancelIo on something that is no socket");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    WSACloseEvent(g_other_ov.hEvent);
    SetEvent(g_finish);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(g_posted);
    CloseHandle(g_finish);

    /* Data sent after a cancel goes to the next receive, not the cancelled one. */
    send(a, "after", 5, 0);
    Sleep(50);
    rc = WSARecv(b, &wsabuf, 1, &got, &flags, &ov, NULL);
    CHECK_EQ(rc, 0, "a new receive gets the data at once");
    CHECK(got == 5 && memcmp(buf, "after", 5) == 0, "... all of it");

    /* Completion routines: queued to the issuing thread, run in an alertable wait. */
    idle = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(idle != NULL, "an idle port to wait alertably on");
    memset(&ov, 0, sizeof(ov));
    rc = WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, on_done);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "receive with a completion routine pending");
    send(a, "routine", 7, 0);
    Sleep(100);
    CHECK_EQ(g_routine_calls, 0, "the routine does not run outside an alertable wait");
    CHECK_EQ(alertable_wait(idle, 2000), WAIT_IO_COMPLETION, "an alertable wait returns WAIT_IO_COMPLETION");
    CHECK_EQ(g_routine_calls, 1, "... after running the routine");
    CHECK(g_routine_error == 0 && g_routine_bytes == 7 && g_routine_ov == &ov, "... with the receive's result");
    CHECK_EQ(g_routine_thread, GetCurrentThreadId(), "... on the issuing thread");

    /* closesocket with receives and a send pending. */
    for (i = 0; i < 3; i++) {
        ovl_init(&ovs[i]);
        rc = WSARecv(b, &wsabuf, 1, NULL, &flags, &ovs[i], NULL);
        CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "receive pending");
    }
    /* Fill the send path: a large send stays pending while the peer reads nothing. */
    big = (char *)malloc(8 << 20);
    REQUIRE(big != NULL, "big buffer");
    memset(big, 'z', 8 << 20);
    ovl_init(&sov);
    {
        WSABUF bw;
        bw.buf = big;
        bw.len = 8 << 20;
        rc = WSASend(b, &bw, 1, NULL, 0, &sov, NULL);
        CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "an 8 MiB send stays pending");
    }
    memset(&ov, 0, sizeof(ov));
    g_routine_calls = 0;
    rc = WSARecv(b, &wsabuf, 1, NULL, &flags, &ov, on_done);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "a receive with a routine pending");
    CHECK_EQ(closesocket(b), 0, "closesocket with operations pending");
    for (i = 0; i < 3; i++) {
        CHECK(ovl_signalled(ovs[i].hEvent, 2000), "pending receive completes at closesocket");
        CHECK_EQ(ovs[i].Internal, 0xC0000241, "... STATUS_CONNECTION_ABORTED");
        WSACloseEvent(ovs[i].hEvent);
    }
    CHECK(ovl_signalled(sov.hEvent, 2000), "the pending send completes");
    CHECK_EQ(sov.Internal, 0xC0000241, "... STATUS_CONNECTION_ABORTED");
    WSACloseEvent(sov.hEvent);
    CHECK_EQ(alertable_wait(idle, 2000), WAIT_IO_COMPLETION, "the routine runs");
    CHECK_EQ(g_routine_error, WSAECONNABORTED, "... with WSAECONNABORTED");
    CHECK_EQ(WSAGetOverlappedResult(b, &ov, &got, FALSE, &flags), FALSE, "WSAGetOverlappedResult on a closed socket");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");
    free(big);

    CloseHandle(idle);
    closesocket(a);
    WSACleanup();
    return check_done();
}
