/*
 * Overlapped calls on a socket made without WSA_FLAG_OVERLAPPED, as Windows runs them (Wine's
 * test_nonblocking_async_recv observes it): such a socket has no asynchronous I/O, so
 * WSARecv or WSASend given an OVERLAPPED does the whole operation before it returns — it
 * waits for data even when the socket is non-blocking — and returns 0 (or the operation's
 * error), with the OVERLAPPED completed as well (its event set, WSAGetOverlappedResult giving
 * the byte count). Without an OVERLAPPED the non-blocking socket still says WSAEWOULDBLOCK.
 * socket() makes such sockets too once the thread sets SO_OPENTYPE to SO_SYNCHRONOUS_NONALERT.
 * A program written for Windows (a client built on WSASocket(..., 0) that passes an
 * OVERLAPPED out of habit, or one that uses SO_OPENTYPE to get handles it can ReadFile)
 * reads its byte count and buffer as soon as the call returns 0; had the call been left
 * pending, it would read an empty buffer.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "ovl_util.h"

/* A connected loopback TCP pair whose sockets are made with WSASocket's `flags`
 * (`use_socket`: with socket() instead). */
static int pair_with(SOCKET *client, SOCKET *server, DWORD flags, int use_socket)
{
    struct sockaddr_in addr;
    int len = sizeof(addr);
    SOCKET l = use_socket ? socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)
                          : WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, flags);
    *client = *server = INVALID_SOCKET;
    if (l == INVALID_SOCKET)
        return -1;
    ovl_loopback(&addr, 0);
    if (bind(l, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
        getsockname(l, (struct sockaddr *)&addr, &len) != 0 || listen(l, 5) != 0) {
        closesocket(l);
        return -1;
    }
    *client = use_socket ? socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)
                         : WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, flags);
    if (*client != INVALID_SOCKET && connect(*client, (struct sockaddr *)&addr, sizeof(addr)) == 0)
        *server = accept(l, NULL, NULL);
    closesocket(l);
    return *server == INVALID_SOCKET ? -1 : 0;
}

/* Sends "data" on a socket after a delay, from another thread. */
static SOCKET g_sender;
static volatile LONG g_sent = -1;
static DWORD WINAPI send_later(LPVOID arg)
{
    (void)arg;
    Sleep(300);
    InterlockedExchange(&g_sent, send(g_sender, "data", 4, 0));
    return 0;
}

static void set_nonblocking(SOCKET s)
{
    u_long one = 1;
    ioctlsocket(s, FIONBIO, &one);
}

/* An overlapped WSARecv on `c` (a socket without WSA_FLAG_OVERLAPPED) while the peer `s`
 * sends only later: the call returns when the data is there, with everything reported. */
static void receive_waits(SOCKET c, SOCKET s, const char *what)
{
    char buf[8];
    WSABUF wb;
    WSAOVERLAPPED ov;
    DWORD flags = 0, n = 0xdead, got = 0, oflags = 0;
    DWORD before, elapsed;
    HANDLE t;
    int rc, err;

    printf("# %s\n", what);
    ovl_init(&ov);
    memset(buf, 0, sizeof(buf));
    wb.buf = buf;
    wb.len = sizeof(buf);
    g_sender = s;
    InterlockedExchange(&g_sent, -1);
    t = CreateThread(NULL, 0, send_later, NULL, 0, NULL);
    REQUIRE(t != NULL, "CreateThread");
    before = GetTickCount();
    rc = WSARecv(c, &wb, 1, &n, &flags, &ov, NULL);
    err = rc == 0 ? 0 : WSAGetLastError();
    elapsed = GetTickCount() - before;
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(InterlockedCompareExchange(&g_sent, 0, 0), 4, "the other thread sent 4 bytes");
    CHECK_EQ(rc, 0, "overlapped WSARecv on a socket without WSA_FLAG_OVERLAPPED returns 0");
    CHECK_EQ(err, 0, "... not WSA_IO_PENDING");
    CHECK(elapsed >= 200, "... after waiting for the data the peer sent later");
    CHECK_EQ(n, 4, "... with the byte count written");
    CHECK(memcmp(buf, "data", 4) == 0, "... and the data in the buffer");
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0, "the OVERLAPPED's event is set");
    CHECK(WSAGetOverlappedResult(c, &ov, &got, FALSE, &oflags), "WSAGetOverlappedResult succeeds at once");
    CHECK_EQ(got, 4, "... with 4 bytes");
    WSACloseEvent(ov.hEvent);
}

int main(void)
{
    SOCKET c, s, oc, os;
    char buf[8];
    WSABUF wb;
    WSAOVERLAPPED ov;
    DWORD flags = 0, n = 0, got = 0, oflags = 0;
    int rc, err, opentype, len;

    ovl_start();

    REQUIRE(pair_with(&c, &s, 0, 0) == 0, "TCP pair made with WSASocket(..., 0)");
    set_nonblocking(c);
    set_nonblocking(s);

    wb.buf = buf;
    wb.len = sizeof(buf);
    rc = WSARecv(c, &wb, 1, &n, &flags, NULL, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          "without an OVERLAPPED the non-blocking socket's WSARecv fails with WSAEWOULDBLOCK");

    receive_waits(c, s, "non-blocking socket without WSA_FLAG_OVERLAPPED");

    /* Data already queued: the call returns 0 at once, the OVERLAPPED completed. */
    CHECK_EQ(send(s, "more", 4, 0), 4, "peer sends 4 more bytes");
    Sleep(50);
    ovl_init(&ov);
    memset(buf, 0, sizeof(buf));
    n = 0xdead;
    rc = WSARecv(c, &wb, 1, &n, &flags, &ov, NULL);
    CHECK_EQ(rc, 0, "with data queued, overlapped WSARecv returns 0");
    CHECK_EQ(n, 4, "... 4 bytes");
    CHECK(WSAGetOverlappedResult(c, &ov, &got, FALSE, &oflags) && got == 4,
          "... and WSAGetOverlappedResult reports them");
    WSACloseEvent(ov.hEvent);

    /* An overlapped send completes in the call too. */
    ovl_init(&ov);
    wb.buf = (char *)"sent";
    wb.len = 4;
    n = 0;
    rc = WSASend(c, &wb, 1, &n, 0, &ov, NULL);
    CHECK_EQ(rc, 0, "overlapped WSASend on it returns 0");
    CHECK_EQ(n, 4, "... with 4 bytes sent");
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_OBJECT_0, "... and its event set");
    WSACloseEvent(ov.hEvent);
    Sleep(50);
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 4, "the peer receives them");
    closesocket(c);
    closesocket(s);

    /* The same socket made with WSA_FLAG_OVERLAPPED leaves the receive pending (control). */
    REQUIRE(pair_with(&oc, &os, WSA_FLAG_OVERLAPPED, 0) == 0, "TCP pair with WSA_FLAG_OVERLAPPED");
    set_nonblocking(oc);
    ovl_init(&ov);
    wb.buf = buf;
    wb.len = sizeof(buf);
    rc = WSARecv(oc, &wb, 1, NULL, &flags, &ov, NULL);
    err = rc == 0 ? 0 : WSAGetLastError();
    CHECK(rc == SOCKET_ERROR && err == WSA_IO_PENDING, "an overlapped socket's WSARecv is left pending");
    CHECK_EQ(send(os, "late", 4, 0), 4, "peer sends");
    CHECK(WSAGetOverlappedResult(oc, &ov, &got, TRUE, &oflags) && got == 4, "... and it completes with 4 bytes");
    WSACloseEvent(ov.hEvent);
    closesocket(oc);
    closesocket(os);

    /* SO_OPENTYPE: socket() then makes sockets without WSA_FLAG_OVERLAPPED. */
    opentype = SO_SYNCHRONOUS_NONALERT;
    CHECK_EQ(setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&opentype, sizeof(opentype)), 0,
             "SO_OPENTYPE SO_SYNCHRONOUS_NONALERT");
    rc = pair_with(&c, &s, 0, 1);
    opentype = 0;
    setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&opentype, sizeof(opentype));
    len = sizeof(opentype);
    getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&opentype, &len);
    CHECK_EQ(opentype, 0, "SO_OPENTYPE back to 0");
    REQUIRE(rc == 0, "TCP pair made with socket() under SO_SYNCHRONOUS_NONALERT");
    receive_waits(c, s, "socket() under SO_SYNCHRONOUS_NONALERT");
    closesocket(c);
    closesocket(s);

    /* Back to 0: socket() makes overlapped sockets again. */
    REQUIRE(pair_with(&oc, &os, 0, 1) == 0, "TCP pair made with socket()");
    ovl_init(&ov);
    rc = WSARecv(oc, &wb, 1, NULL, &flags, &ov, NULL);
    err = rc == 0 ? 0 : WSAGetLastError();
    CHECK(rc == SOCKET_ERROR && err == WSA_IO_PENDING, "socket()'s sockets are overlapped again");
    CHECK_EQ(send(os, "x", 1, 0), 1, "peer sends 1 byte");
    CHECK(WSAGetOverlappedResult(oc, &ov, &got, TRUE, &oflags) && got == 1, "... and the receive completes with it");
    WSACloseEvent(ov.hEvent);
    closesocket(oc);
    closesocket(os);

    WSACleanup();
    return check_done();
}
