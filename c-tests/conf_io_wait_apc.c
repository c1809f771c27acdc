/*
 * select and WSAPoll are alertable waits on Windows (Wine's test_select and test_WSAPoll
 * observe it): a call that has to block runs the APCs queued to the thread (QueueUserAPC,
 * completion routines of the thread's overlapped I/O) and then goes on waiting for its
 * sockets, returning what it would have returned anyway; a call that finds a socket ready at
 * once runs none (they wait for the next alertable wait). A program that queues work to its
 * network thread with QueueUserAPC, or issues WSARecv with a completion routine and then sits
 * in select, relies on the calls being delivered there. Also WSAPoll's reports around a
 * shutdown: the peer's SD_SEND is POLLHUP even when no event was asked for (with POLLRDNORM
 * while data is queued), the peer's SD_RECEIVE changes nothing, and an urgent byte read in
 * line (SO_OOBINLINE) leaves the socket only writable.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "ovl_util.h"

static volatile LONG apc_count;
static void CALLBACK count_apc(ULONG_PTR arg)
{
    (void)arg;
    InterlockedIncrement(&apc_count);
}

/* Closes a socket (or sends on it) after a delay, from another thread. */
static SOCKET g_target;
static int g_send;
static DWORD WINAPI act_later(LPVOID arg)
{
    (void)arg;
    Sleep(200);
    if (g_send)
        send(g_target, "data", 4, 0);
    else
        closesocket(g_target);
    return 0;
}

static HANDLE later(SOCKET s, int do_send)
{
    g_target = s;
    g_send = do_send;
    return CreateThread(NULL, 0, act_later, NULL, 0, NULL);
}

static short poll_one(SOCKET s, short events)
{
    WSAPOLLFD p;
    int rc;
    p.fd = s;
    p.events = events;
    p.revents = (short)0x7777;
    rc = WSAPoll(&p, 1, 200);
    if (rc != (p.revents ? 1 : 0))
        printf("# WSAPoll returned %d with revents %#x\n", rc, p.revents);
    return p.revents;
}

#define ALL (POLLRDNORM | POLLRDBAND | POLLWRNORM)

/* A completion routine's count, for a receive issued before select. */
static volatile LONG routine_count;
static void CALLBACK on_received(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)err;
    (void)bytes;
    (void)ov;
    (void)flags;
    InterlockedIncrement(&routine_count);
}

int main(void)
{
    SOCKET c, s;
    WSAPOLLFD p;
    fd_set rd, wr;
    struct timeval tv;
    HANDLE t;
    char buf[8];
    int rc, one = 1;

    ovl_start();

    /* select that blocks (and times out): the queued APC runs in it. */
    REQUIRE(ovl_tcp_pair(&c, &s) == 0, "loopback TCP pair");
    apc_count = 0;
    CHECK(QueueUserAPC(count_apc, GetCurrentThread(), 0), "QueueUserAPC");
    FD_ZERO(&rd);
    FD_SET(s, &rd);
    tv.tv_sec = 0;
    tv.tv_usec = 100000;
    rc = select(0, &rd, NULL, NULL, &tv);
    CHECK_EQ(rc, 0, "select on an idle socket times out (returns 0)");
    CHECK_EQ(apc_count, 1, "... and ran the queued APC while it waited");

    /* select that finds a socket ready at once: the APC stays queued. */
    apc_count = 0;
    CHECK(QueueUserAPC(count_apc, GetCurrentThread(), 0), "QueueUserAPC");
    FD_ZERO(&wr);
    FD_SET(c, &wr);
    rc = select(0, NULL, &wr, NULL, &tv);
    CHECK_EQ(rc, 1, "select on a writable socket returns 1");
    CHECK_EQ(apc_count, 0, "... without running the APC");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "SleepEx(0, TRUE) runs it");
    CHECK_EQ(apc_count, 1, "... once");

    /* select woken by data after running the APC: it went on waiting. */
    apc_count = 0;
    CHECK(QueueUserAPC(count_apc, GetCurrentThread(), 0), "QueueUserAPC");
    t = later(c, 1);
    FD_ZERO(&rd);
    FD_SET(s, &rd);
    tv.tv_sec = 5;
    tv.tv_usec = 0;
    rc = select(0, &rd, NULL, NULL, &tv);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(rc, 1, "select returns 1 when the data comes");
    CHECK(FD_ISSET(s, &rd), "... with the socket readable");
    CHECK_EQ(apc_count, 1, "... having run the APC first");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 4, "the data is there");

    /* A completion routine of the thread's own receive runs inside select. */
    {
        WSAOVERLAPPED ov;
        WSABUF wb;
        DWORD flags = 0;
        memset(&ov, 0, sizeof(ov));
        wb.buf = buf;
        wb.len = sizeof(buf);
        routine_count = 0;
        rc = WSARecv(s, &wb, 1, NULL, &flags, &ov, on_received);
        CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "WSARecv with a completion routine pends");
        /* The data arrives for the receive while the thread waits on the other socket. */
        t = later(c, 1);
        FD_ZERO(&rd);
        FD_SET(c, &rd);
        tv.tv_sec = 0;
        tv.tv_usec = 600000;
        rc = select(0, &rd, NULL, NULL, &tv);
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
        CHECK_EQ(rc, 0, "select on the idle peer times out");
        CHECK_EQ(routine_count, 1, "... having run the receive's completion routine");
    }
    closesocket(c);
    closesocket(s);

    /* WSAPoll: the same rules. */
    REQUIRE(ovl_tcp_pair(&c, &s) == 0, "loopback TCP pair");
    apc_count = 0;
    CHECK(QueueUserAPC(count_apc, GetCurrentThread(), 0), "QueueUserAPC");
    p.fd = s;
    p.events = POLLRDNORM;
    p.revents = 0;
    CHECK_EQ(WSAPoll(&p, 1, 100), 0, "WSAPoll on an idle socket times out");
    CHECK_EQ(apc_count, 1, "... and ran the queued APC while it waited");

    apc_count = 0;
    CHECK(QueueUserAPC(count_apc, GetCurrentThread(), 0), "QueueUserAPC");
    p.fd = c;
    p.events = POLLWRNORM;
    p.revents = 0;
    CHECK_EQ(WSAPoll(&p, 1, 100), 1, "WSAPoll on a writable socket returns 1");
    CHECK_EQ(apc_count, 0, "... without running the APC");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "SleepEx(0, TRUE) runs it");

    /* Closed by another thread during the wait, after running the APC (Wine's test). */
    apc_count = 0;
    CHECK(QueueUserAPC(count_apc, GetCurrentThread(), 0), "QueueUserAPC");
    t = later(c, 0);
    p.fd = c;
    p.events = POLLRDNORM | POLLRDBAND;
    p.revents = 0;
    rc = WSAPoll(&p, 1, 5000);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(rc, 1, "WSAPoll returns 1 when another thread closes the socket");
    CHECK_EQ(p.revents, POLLNVAL, "... with POLLNVAL");
    CHECK_EQ(apc_count, 1, "... having run the APC while it waited");
    closesocket(s);

    /* Shutdowns as WSAPoll reports them. */
    REQUIRE(ovl_tcp_pair(&c, &s) == 0, "loopback TCP pair");
    CHECK_EQ(shutdown(c, SD_RECEIVE), 0, "shutdown(SD_RECEIVE)");
    CHECK_EQ(poll_one(c, ALL), POLLWRNORM, "the socket shut for receiving is writable only");
    CHECK_EQ(poll_one(s, ALL), POLLWRNORM, "its peer is writable only");
    CHECK_EQ(shutdown(c, SD_SEND), 0, "shutdown(SD_SEND)");
    CHECK_EQ(poll_one(c, ALL), POLLWRNORM, "the socket shut for sending stays writable only");
    CHECK_EQ(poll_one(s, 0), POLLHUP, "its peer reports POLLHUP though no event was asked for");
    CHECK_EQ(poll_one(s, ALL), POLLWRNORM | POLLHUP, "... and POLLWRNORM | POLLHUP when asked");
    closesocket(c);
    closesocket(s);

    REQUIRE(ovl_tcp_pair(&c, &s) == 0, "loopback TCP pair");
    CHECK_EQ(send(c, "data", 5, 0), 5, "send 5 bytes");
    CHECK_EQ(shutdown(c, SD_SEND), 0, "then shutdown(SD_SEND)");
    Sleep(50);
    CHECK_EQ(poll_one(s, 0), POLLHUP, "the peer with data queued reports POLLHUP with no event asked");
    CHECK_EQ(poll_one(s, ALL), POLLWRNORM | POLLRDNORM | POLLHUP, "... POLLWRNORM | POLLRDNORM | POLLHUP when asked");
    closesocket(c);
    closesocket(s);

    /* An urgent byte read in line leaves nothing to read. */
    REQUIRE(ovl_tcp_pair(&c, &s) == 0, "loopback TCP pair");
    CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof(one)), 0, "SO_OOBINLINE");
    CHECK_EQ(send(c, "A", 1, MSG_OOB), 1, "send an urgent byte");
    Sleep(50);
    CHECK_EQ(poll_one(s, ALL), POLLWRNORM | POLLRDNORM, "in line it is POLLRDNORM");
    CHECK_EQ(recv(s, buf, 1, 0), 1, "recv takes it");
    CHECK_EQ(buf[0], 'A', "... the urgent byte");
    CHECK_EQ(poll_one(s, ALL), POLLWRNORM, "then the socket is writable only");
    closesocket(c);
    closesocket(s);

    WSACleanup();
    return check_done();
}
