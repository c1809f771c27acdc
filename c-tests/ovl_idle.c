/* A socket that stays readable with no receive posted after its last overlapped receive
 * completed: data arriving then waits in the socket without the engine burning the processor
 * (the engine keeps watching a direction whose last operation just completed, and drops it
 * at the first report that finds nothing to do), the next WSARecv takes it at once (returns 0,
 * the packet or event still comes), and a receive posted after that still completes when the
 * next data arrives. Through a completion port (a waiting thread reaps the engine) and through
 * an event (the background reaper). The processor time is GetProcessTimes' kernel and user
 * time (clock() is the wall-clock time on Windows, and so with ws2mp's <time.h>). */
#include "ovl_util.h"

/* Processor time the whole process used, in ms. */
static double cpu_ms(void)
{
    FILETIME created, exited, kernel, user;
    ULONGLONG ticks;
    if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user))
        return 0.0;
    ticks = ((ULONGLONG)kernel.dwHighDateTime << 32 | kernel.dwLowDateTime) +
            ((ULONGLONG)user.dwHighDateTime << 32 | user.dwLowDateTime);
    return (double)ticks / 10000.0;
}

static void through_port(void)
{
    SOCKET client, server;
    HANDLE port;
    WSAOVERLAPPED ov;
    WSABUF wsabuf;
    char buf[16];
    DWORD flags = 0, bytes = 0, got = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED out = NULL;
    double before, used;
    int rc;
    REQUIRE(ovl_tcp_pair(&client, &server) == 0, "loopback TCP pair");
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    REQUIRE(port != NULL, "CreateIoCompletionPort");
    CHECK(CreateIoCompletionPort((HANDLE)server, port, 7, 0) == port, "socket associated");

    /* 1. A receive left pending completes when the peer sends. */
    memset(&ov, 0, sizeof(ov));
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    rc = WSARecv(server, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "first receive pending");
    CHECK_EQ(send(client, "a", 1, 0), 1, "peer sends 1 byte");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &out, 5000), "first receive completes");
    CHECK(out == &ov && key == 7 && bytes == 1 && buf[0] == 'a', "its packet: 1 byte 'a'");

    /* 2. Data with no receive posted: the waiting thread's wait times out, using little CPU. */
    CHECK_EQ(send(client, "bcd", 3, 0), 3, "peer sends 3 bytes, no receive posted");
    Sleep(50);
    before = cpu_ms();
    out = (LPOVERLAPPED)1;
    CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &out, 300), "no packet while nothing is posted");
    CHECK_EQ(GetLastError(), WAIT_TIMEOUT, "the wait times out");
    CHECK(out == NULL, "with a NULL OVERLAPPED");
    used = cpu_ms() - before;
    if (used >= 60)
        printf("# %.0f ms of processor time in a 300 ms wait\n", used);
    CHECK(used < 60, "the engine does not spin on the readable socket");

    /* 3. The next receive takes the waiting data at once; its packet still comes. */
    memset(&ov, 0, sizeof(ov));
    memset(buf, 0, sizeof(buf));
    flags = 0;
    rc = WSARecv(server, &wsabuf, 1, &got, &flags, &ov, NULL);
    CHECK_EQ(rc, 0, "a receive with data waiting completes at once");
    CHECK(got == 3 && memcmp(buf, "bcd", 3) == 0, "with the 3 waiting bytes");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &out, 5000) && out == &ov && bytes == 3,
          "its packet is still queued");

    /* 4. And the socket is watched again for the next receive. */
    memset(&ov, 0, sizeof(ov));
    flags = 0;
    rc = WSARecv(server, &wsabuf, 1, NULL, &flags, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "next receive pending");
    CHECK_EQ(send(client, "e", 1, 0), 1, "peer sends 1 more byte");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &out, 5000) && out == &ov && bytes == 1 &&
              buf[0] == 'e',
          "it completes with 'e'");

    closesocket(client);
    closesocket(server);
    CloseHandle(port);
}

static void through_event(void)
{
    struct sockaddr_in to, from;
    SOCKET rx = ovl_udp(&to), tx = ovl_udp(&from);
    WSAOVERLAPPED ov;
    WSABUF wsabuf;
    char buf[16];
    DWORD flags = 0, got = 0;
    double before, used;
    int rc;
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    ovl_init(&ov);
    wsabuf.buf = buf;
    wsabuf.len = sizeof(buf);
    rc = WSARecvFrom(rx, &wsabuf, 1, NULL, &flags, NULL, NULL, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "datagram receive pending");
    CHECK_EQ(sendto(tx, "x", 1, 0, (struct sockaddr *)&to, sizeof(to)), 1, "first datagram sent");
    CHECK(ovl_signalled(ov.hEvent, 5000), "its event is set");
    CHECK(WSAGetOverlappedResult(rx, &ov, &got, FALSE, &flags) && got == 1, "1 byte received");

    CHECK_EQ(sendto(tx, "yz", 2, 0, (struct sockaddr *)&to, sizeof(to)), 2, "second datagram, nothing posted");
    Sleep(50);
    before = cpu_ms();
    Sleep(300);
    used = cpu_ms() - before;
    if (used >= 60)
        printf("# %.0f ms of processor time in a 300 ms sleep\n", used);
    CHECK(used < 60, "the background reaper does not spin on the readable socket");

    WSAResetEvent(ov.hEvent);
    memset(buf, 0, sizeof(buf));
    rc = WSARecvFrom(rx, &wsabuf, 1, &got, &flags, NULL, NULL, &ov, NULL);
    CHECK_EQ(rc, 0, "the next receive completes at once");
    CHECK(got == 2 && memcmp(buf, "yz", 2) == 0, "with the waiting datagram");
    CHECK(ovl_signalled(ov.hEvent, 1000), "its event is still set");

    WSACloseEvent(ov.hEvent);
    closesocket(rx);
    closesocket(tx);
}

int main(void)
{
    ovl_start();
    through_port();
    through_event();
    WSACleanup();
    return check_done();
}
