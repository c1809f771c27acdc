/*
 * GetQueuedCompletionStatus(Ex) and PostQueuedCompletionStatus as Windows behaves (as
 * conformance tests run on Windows observe): posted packets come back in order with their
 * count, key and OVERLAPPED (any pointer, NULL too) and an Internal of 0; the Ex form
 * returns up to the requested count and, on an empty port, FALSE with WAIT_TIMEOUT and 0
 * entries; a timeout waits its time; a non-alertable wait leaves a queued APC alone, an
 * alertable one runs it and fails with WAIT_IO_COMPLETION; a failed operation's packet is a
 * successful dequeue in the Ex form, its status in Internal; a closed port is
 * ERROR_INVALID_HANDLE with the OVERLAPPED pointer NULLed.
 */
#include "ovl_util.h"

#define POSTED 40

static LONG g_apcs;

static void CALLBACK count_apc(ULONG_PTR arg)
{
    (void)arg;
    InterlockedIncrement(&g_apcs);
}

int main(void)
{
    HANDLE port;
    OVERLAPPED_ENTRY entries[16];
    ULONG removed, total = 0, i, calls = 0;
    int order_ok = 1;
    DWORD start, bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    BOOL ok;

    ovl_start();
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(port != NULL, "a port");

    for (i = 0; i < POSTED; i++)
        if (!PostQueuedCompletionStatus(port, i * 3, i, (LPOVERLAPPED)(ULONG_PTR)(i + 1)))
            order_ok = 0;
    CHECK(order_ok, "40 packets posted");
    while (total < POSTED && calls++ < POSTED) {
        removed = 0xdeadbeef;
        if (!GetQueuedCompletionStatusEx(port, entries, 16, &removed, 0, FALSE) || removed < 1 || removed > 16) {
            order_ok = 0;
            break;
        }
        for (i = 0; i < removed; i++) {
            ULONG n = total + i;
            if (entries[i].lpCompletionKey != n || entries[i].lpOverlapped != (LPOVERLAPPED)(ULONG_PTR)(n + 1) ||
                entries[i].dwNumberOfBytesTransferred != n * 3 || entries[i].Internal != 0)
                order_ok = 0;
        }
        total += removed;
    }
    CHECK(order_ok && total == POSTED,
          "GetQueuedCompletionStatusEx returns them in order, at most 16 a call, Internal 0");
    removed = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    ok = GetQueuedCompletionStatusEx(port, entries, 16, &removed, 0, FALSE);
    CHECK(!ok && GetLastError() == WAIT_TIMEOUT, "an empty port: FALSE, WAIT_TIMEOUT");
    CHECK_EQ(removed, 0, "... 0 entries");

    start = GetTickCount();
    ok = GetQueuedCompletionStatusEx(port, entries, 1, &removed, 200, FALSE);
    CHECK(!ok && GetLastError() == WAIT_TIMEOUT && GetTickCount() - start >= 150, "a 200 ms timeout waits");

    g_apcs = 0;
    CHECK(QueueUserAPC(count_apc, GetCurrentThread(), 0), "an APC is queued");
    ok = GetQueuedCompletionStatusEx(port, entries, 1, &removed, 50, FALSE);
    CHECK(!ok && g_apcs == 0, "a non-alertable wait leaves it queued");
    SetLastError(0xdeadbeef);
    ok = GetQueuedCompletionStatusEx(port, entries, 1, &removed, 5000, TRUE);
    CHECK(!ok && GetLastError() == WAIT_IO_COMPLETION, "an alertable wait: FALSE, WAIT_IO_COMPLETION");
    CHECK_EQ(g_apcs, 1, "... after running it");

    /* A packet with no OVERLAPPED. */
    CHECK(PostQueuedCompletionStatus(port, 7, 9, NULL), "a packet with a NULL OVERLAPPED");
    got = (LPOVERLAPPED)(ULONG_PTR)1;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000);
    CHECK(ok && bytes == 7 && key == 9 && got == NULL, "... comes back as posted, TRUE");

    /* A cancelled receive: FALSE from GetQueuedCompletionStatus, a TRUE dequeue from the Ex
     * form with its status in Internal. */
    {
        SOCKET a, b;
        WSAOVERLAPPED ov;
        WSABUF wb;
        char buf[8];
        DWORD flags = 0;
        REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
        REQUIRE(CreateIoCompletionPort((HANDLE)b, port, 77, 0) == port, "associate");
        memset(&ov, 0, sizeof(ov));
        wb.buf = buf;
        wb.len = sizeof(buf);
        CHECK(WSARecv(b, &wb, 1, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
              "a receive is pending");
        CHECK(CancelIoEx((HANDLE)b, &ov), "CancelIoEx");
        removed = 0;
        ok = GetQueuedCompletionStatusEx(port, entries, 16, &removed, 2000, FALSE);
        CHECK(ok && removed == 1, "GetQueuedCompletionStatusEx dequeues its packet: TRUE, 1 entry");
        CHECK(entries[0].lpOverlapped == &ov && entries[0].lpCompletionKey == 77 &&
                  entries[0].dwNumberOfBytesTransferred == 0,
              "... its OVERLAPPED, key, 0 bytes");
        CHECK_EQ(entries[0].Internal, 0xC0000120, "... Internal STATUS_CANCELLED");
        closesocket(a);
        closesocket(b);
    }

    CHECK(CloseHandle(port), "CloseHandle(port)");
    got = (LPOVERLAPPED)(ULONG_PTR)1;
    SetLastError(0xdeadbeef);
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &got, 0);
    CHECK(!ok && GetLastError() == ERROR_INVALID_HANDLE, "a closed port: ERROR_INVALID_HANDLE");
    CHECK(got == NULL, "... the OVERLAPPED pointer NULL");
    CHECK(!PostQueuedCompletionStatus(port, 0, 0, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
          "PostQueuedCompletionStatus to it: ERROR_INVALID_HANDLE");
    WSACleanup();
    return check_done();
}
