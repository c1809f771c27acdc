/*
 * Completion routines and alertable waits as Windows runs them (the behaviour Wine's
 * conformance tests observe on Windows): a receive with a completion routine runs it in the
 * issuing thread's next alertable wait and does not set the OVERLAPPED's hEvent; a socket
 * associated with a completion port refuses a completion routine (WSAEINVAL, ReadFileEx
 * ERROR_INVALID_PARAMETER) and never calls it; WSAGetOverlappedResult(..., TRUE) waits
 * without running queued APCs.
 */
#include "ovl_util.h"

static int g_calls;
static DWORD g_error, g_bytes;
static WSAOVERLAPPED *g_ov;

static void CALLBACK on_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)flags;
    g_calls++;
    g_error = error;
    g_bytes = bytes;
    g_ov = ov;
}

static void CALLBACK on_read(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    (void)error;
    (void)bytes;
    (void)ov;
    g_calls++;
}

static int g_apcs;

static void CALLBACK count_apc(ULONG_PTR arg)
{
    (void)arg;
    g_apcs++;
}

int main(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[32];
    DWORD flags = 0, got = 0, rc;
    HANDLE port, ev, t;

    ovl_start();
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    wb.buf = buf;
    wb.len = sizeof(buf);

    /* A routine, and an event in the OVERLAPPED: the routine runs, the event is not set. */
    ev = CreateEvent(NULL, FALSE, FALSE, NULL);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = ev;
    CHECK(WSARecv(b, &wb, 1, NULL, &flags, &ov, on_done) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "a receive with a completion routine is pending");
    send(a, "test message", 13, 0);
    g_calls = 0;
    rc = SleepEx(2000, TRUE);
    CHECK_EQ(rc, WAIT_IO_COMPLETION, "SleepEx(..., TRUE) returns WAIT_IO_COMPLETION");
    CHECK(g_calls == 1 && g_error == 0 && g_bytes == 13 && g_ov == &ov, "... after running the routine once");
    CHECK_EQ(WaitForSingleObject(ev, 1), WAIT_TIMEOUT, "the OVERLAPPED's event is not set");

    /* Once associated with a port, the socket takes no completion routine. */
    port = CreateIoCompletionPort((HANDLE)b, NULL, 0, 0);
    REQUIRE(port != NULL, "associate with a port");
    memset(&ov, 0, sizeof(ov));
    g_calls = 0;
    CHECK(WSARecv(b, &wb, 1, NULL, &flags, &ov, on_done) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "WSARecv with a routine on an associated socket: WSAEINVAL");
    memset(&ov, 0, sizeof(ov));
    SetLastError(0xdeadbeef);
    CHECK(!ReadFileEx((HANDLE)b, buf, sizeof(buf), &ov, on_read) && GetLastError() == ERROR_INVALID_PARAMETER,
          "ReadFileEx on it: ERROR_INVALID_PARAMETER");
    send(a, "x", 1, 0);
    SleepEx(100, TRUE);
    CHECK_EQ(g_calls, 0, "... no routine is ever called");
    CHECK(recv(b, buf, sizeof(buf), 0) == 1 && buf[0] == 'x', "... and the data is still there");
    {
        DWORD bytes;
        ULONG_PTR key;
        LPOVERLAPPED got_ov;
        CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 0) && GetLastError() == WAIT_TIMEOUT,
              "... nor is anything queued to the port");
    }
    closesocket(b);
    closesocket(a);
    CloseHandle(port);

    /* WSAGetOverlappedResult(..., TRUE) is not an alertable wait. */
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ovl_init(&ov);
    CHECK(WSARecv(b, &wb, 1, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "a receive is pending");
    g_apcs = 0;
    CHECK(QueueUserAPC(count_apc, GetCurrentThread(), 0), "an APC is queued to this thread");
    t = ovl_send_later(a);
    CHECK(WSAGetOverlappedResult(b, &ov, &got, TRUE, &flags) && got == 5,
          "WSAGetOverlappedResult(..., TRUE) waits for the receive");
    CHECK_EQ(g_apcs, 0, "... without running the APC");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "SleepEx(0, TRUE) runs it");
    CHECK_EQ(g_apcs, 1, "... once");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    WSACloseEvent(ov.hEvent);
    CloseHandle(ev);
    closesocket(a);
    closesocket(b);
    WSACleanup();
    return check_done();
}
