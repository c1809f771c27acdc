/* FD_READ is recorded once and re-enabled only by a receive (docs/WINDOWS.md §6.3, re-enabling):
 * more data does not re-record it, enumeration does not re-enable it, a receive that leaves
 * data re-records it at once (level), and a receive that fails still re-enables it unless it
 * was refused for its buffer (WSAEFAULT). */
#include "event_util.h"

int main(void)
{
    SOCKET a, b;
    WSAEVENT ev;
    WSANETWORKEVENTS ne;
    char buf[256];
    int i;

    start_winsock();
    REQUIRE(tcp_pair(&a, &b) == 0, "loopback TCP pair");
    ev = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT, "WSACreateEvent");
    REQUIRE(WSAEventSelect(b, ev, FD_READ) == 0, "select b for FD_READ");

    CHECK_EQ(wait_and_enum(b, ev, 100, &ne), 0, "no data: nothing recorded");

    send(a, "0123456789", 10, 0);
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_READ, "data arrives: FD_READ");
    CHECK_EQ(ne.iErrorCode[FD_READ_BIT], 0, "... with error code 0");

    /* Not re-recorded as more data arrives, however much, until a receive. */
    for (i = 0; i < 5; i++)
        send(a, "abcdefghij", 10, 0);
    CHECK_EQ(wait_and_enum(b, ev, 300, &ne), 0, "more data arrives: FD_READ is not recorded again");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), 0, "... enumerating did not re-enable it either");

    /* A receive of part of the data: recorded again at once. */
    CHECK_EQ(recv(b, buf, 10, 0), 10, "recv 10 of the 60 bytes");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), FD_READ, "data remains: FD_READ re-recorded at once (timeout 0)");
    CHECK_EQ(wait_and_enum(b, ev, 100, &ne), 0, "... once");

    /* MSG_PEEK is a receive too. */
    CHECK_EQ(recv(b, buf, 5, MSG_PEEK), 5, "recv with MSG_PEEK");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), FD_READ, "MSG_PEEK re-enables: FD_READ re-recorded");

    /* A failing receive re-enables too: MSG_OOB with no urgent data fails. */
    CHECK_EQ(recv(b, buf, 1, MSG_OOB), SOCKET_ERROR, "recv(MSG_OOB) with no urgent data fails");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), FD_READ, "... and still re-enables FD_READ (data remains)");

    /* Read everything: nothing remains, nothing is recorded. */
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 50, "recv the remaining 50 bytes");
    CHECK_EQ(wait_and_enum(b, ev, 100, &ne), 0, "all data read: no FD_READ");

    /* WSAEWOULDBLOCK is a failed receive that re-enables: the next data is recorded. */
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), SOCKET_ERROR, "recv with nothing queued fails");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... with WSAEWOULDBLOCK");
    send(a, "x", 1, 0);
    CHECK_EQ(wait_and_enum(b, ev, 5000, &ne), FD_READ, "new data after that: FD_READ");

    /* A receive refused for its buffer (WSAEFAULT) never reached the socket: as Windows is
     * observed to do, it re-enables nothing, though a byte remains. */
    CHECK_EQ(recv(b, NULL, 4, 0), SOCKET_ERROR, "recv into a NULL buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), 0, "... and does not re-enable FD_READ");
    CHECK_EQ(recv(b, buf, -1, 0), SOCKET_ERROR, "recv with a negative length fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), 0, "... and does not re-enable FD_READ either");
    CHECK_EQ(recv(b, buf, 0, 0), 0, "a zero-length recv succeeds");
    CHECK_EQ(wait_and_enum(b, ev, 0, &ne), FD_READ, "... and re-enables FD_READ (a byte remains)");

    /* WSARecv re-enables like recv. */
    {
        WSABUF wb;
        DWORD got = 0, flags = 0;
        send(a, "yz", 2, 0);
        sleep_ms(20);
        wb.len = 1;
        wb.buf = buf;
        CHECK_EQ(WSARecv(b, &wb, 1, &got, &flags, NULL, NULL), 0, "WSARecv one byte");
        CHECK_EQ(wait_and_enum(b, ev, 0, &ne), FD_READ, "WSARecv re-enables: FD_READ re-recorded");
    }

    /* A datagram socket follows the same rule. */
    {
        SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), v = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        struct sockaddr_in addr;
        int len = sizeof(addr);
        WSAEVENT uev = WSACreateEvent();
        loopback(&addr, 0);
        bind(u, (struct sockaddr *)&addr, sizeof(addr));
        getsockname(u, (struct sockaddr *)&addr, &len);
        REQUIRE(WSAEventSelect(u, uev, FD_READ) == 0, "select a UDP socket for FD_READ");
        sendto(v, "d1", 2, 0, (struct sockaddr *)&addr, sizeof(addr));
        CHECK_EQ(wait_and_enum(u, uev, 5000, &ne), FD_READ, "UDP: a datagram records FD_READ");
        sendto(v, "d2", 2, 0, (struct sockaddr *)&addr, sizeof(addr));
        CHECK_EQ(wait_and_enum(u, uev, 200, &ne), 0, "UDP: a second datagram does not, before recvfrom");
        CHECK_EQ(recvfrom(u, buf, sizeof(buf), 0, NULL, NULL), 2, "recvfrom the first datagram");
        CHECK_EQ(wait_and_enum(u, uev, 0, &ne), FD_READ, "UDP: the second one is reported at once");
        closesocket(u);
        closesocket(v);
        WSACloseEvent(uev);
    }

    closesocket(a);
    closesocket(b);
    WSACloseEvent(ev);
    WSACleanup();
    return check_done();
}
