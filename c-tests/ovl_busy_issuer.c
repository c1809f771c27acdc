/* An overlapped receive completes while the thread that issued it computes without making a
 * single system call: another thread waiting on the completion port (or on the operation's
 * event) gets the completion soon after the data arrives, not when the issuing thread next
 * calls into the system. */
#include "ovl_util.h"

static SOCKET g_server;
static WSAOVERLAPPED g_ov;
static WSABUF g_wsabuf;
static char g_buf[16];
static volatile LONG g_posted, g_stop; /* read and written with the Interlocked functions */

/* Issues the receive, then spins until told to stop. */
static DWORD WINAPI issuer(LPVOID arg)
{
    DWORD flags = 0;
    volatile unsigned long spins = 0;
    int rc;
    (void)arg;
    g_wsabuf.buf = g_buf;
    g_wsabuf.len = sizeof(g_buf);
    rc = WSARecv(g_server, &g_wsabuf, 1, NULL, &flags, &g_ov, NULL);
    InterlockedExchange(&g_posted, (rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING) ? 1 : -1);
    while (!InterlockedCompareExchange(&g_stop, 0, 0))
        spins++;
    return 0;
}

static void run(int use_port)
{
    SOCKET client;
    HANDLE port = NULL, thread;
    DWORD bytes = 0, start;
    ULONG_PTR key = 0;
    LPOVERLAPPED out = NULL;
    int i;
    REQUIRE(ovl_tcp_pair(&client, &g_server) == 0, "loopback TCP pair");
    memset(&g_ov, 0, sizeof(g_ov));
    if (use_port) {
        port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
        REQUIRE(port != NULL, "CreateIoCompletionPort");
        CHECK(CreateIoCompletionPort((HANDLE)g_server, port, 3, 0) == port, "socket associated");
    } else {
        g_ov.hEvent = WSACreateEvent();
    }
    InterlockedExchange(&g_posted, 0);
    InterlockedExchange(&g_stop, 0);
    thread = CreateThread(NULL, 0, issuer, NULL, 0, NULL);
    REQUIRE(thread != NULL, "CreateThread");
    for (i = 0; i < 500 && InterlockedCompareExchange(&g_posted, 0, 0) == 0; i++)
        Sleep(2);
    CHECK_EQ(InterlockedCompareExchange(&g_posted, 0, 0), 1, "the receive is pending");
    Sleep(20); /* the issuer is spinning now */
    CHECK_EQ(send(client, "q", 1, 0), 1, "peer sends");
    start = GetTickCount();
    if (use_port) {
        CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &out, 2000), "the packet comes");
        CHECK(out == &g_ov && key == 3 && bytes == 1 && g_buf[0] == 'q', "for the receive, 1 byte");
    } else {
        CHECK(ovl_signalled(g_ov.hEvent, 2000), "the event is set");
        CHECK(HasOverlappedIoCompleted(&g_ov) && g_ov.InternalHigh == 1, "the receive is complete");
    }
    if (GetTickCount() - start >= 500)
        printf("# completion after %lu ms\n", (unsigned long)(GetTickCount() - start));
    CHECK(GetTickCount() - start < 500, "within half a second, the issuer still spinning");
    CHECK(!InterlockedCompareExchange(&g_stop, 0, 0), "the issuer never stopped");
    InterlockedExchange(&g_stop, 1);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    closesocket(client);
    closesocket(g_server);
    if (port)
        CloseHandle(port);
    else
        WSACloseEvent(g_ov.hEvent);
}

int main(void)
{
    ovl_start();
    run(1);
    run(0);
    WSACleanup();
    return check_done();
}
