/*
 * Two small rules a Windows UDP/TCP program meets, as Windows answers them. Broadcast: a UDP
 * socket without SO_BROADCAST may not sendto the limited broadcast address (the send fails,
 * nothing goes out), and may after SO_BROADCAST is turned off again; connect to the broadcast
 * address succeeds even without SO_BROADCAST (SO_BROADCAST still reads FALSE) and sendto the
 * broadcast address still fails. (Nothing is actually broadcast: this test stays on the host.)
 * Polling: WSAPoll on a socket whose FD_READ was already signalled to an auto-reset event by
 * WSAEventSelect does not signal the event again.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN bcast, addr;
    SOCKET s, l, client, server;
    WSAPOLLFD fd;
    HANDLE event;
    int val, len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    memset(&bcast, 0, sizeof(bcast));
    bcast.sin_family = AF_INET;
    bcast.sin_port = htons(12345);
    bcast.sin_addr.s_addr = htonl(INADDR_BROADCAST);

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "a UDP socket");
    CHECK(sendto(s, "test", 4, 0, (SOCKADDR *)&bcast, sizeof(bcast)) == SOCKET_ERROR,
          "sendto the broadcast address without SO_BROADCAST fails");
    CHECK_EQ(WSAGetLastError(), WSAEACCES, "... with WSAEACCES");
    val = 1;
    CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&val, sizeof(val)), 0, "SO_BROADCAST on");
    val = 0;
    CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&val, sizeof(val)), 0, "SO_BROADCAST off again");
    CHECK(sendto(s, "test", 4, 0, (SOCKADDR *)&bcast, sizeof(bcast)) == SOCKET_ERROR && WSAGetLastError() == WSAEACCES,
          "sendto the broadcast address fails again");
    CHECK_EQ(connect(s, (SOCKADDR *)&bcast, sizeof(bcast)), 0, "connect to the broadcast address succeeds without SO_BROADCAST");
    val = 1;
    len = sizeof(val);
    CHECK(getsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&val, &len) == 0 && val == 0, "SO_BROADCAST still reads FALSE");
    CHECK(sendto(s, "test", 4, 0, (SOCKADDR *)&bcast, sizeof(bcast)) == SOCKET_ERROR,
          "sendto the broadcast address still fails");
    len = sizeof(addr);
    CHECK(getpeername(s, (SOCKADDR *)&addr, &len) == 0 && addr.sin_addr.s_addr == htonl(INADDR_BROADCAST),
          "getpeername names the broadcast address");
    closesocket(s);

    /* WSAPoll after WSAEventSelect */
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof(addr);
    REQUIRE(bind(l, (SOCKADDR *)&addr, sizeof(addr)) == 0 && listen(l, 1) == 0 && getsockname(l, (SOCKADDR *)&addr, &len) == 0,
            "a listener");
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    server = accept(l, NULL, NULL);
    REQUIRE(server != INVALID_SOCKET, "accept");
    event = CreateEventA(NULL, FALSE, FALSE, NULL);
    CHECK_EQ(WSAEventSelect(client, event, FD_READ), 0, "WSAEventSelect(FD_READ) with an auto-reset event");
    CHECK_EQ(send(server, "data", 4, 0), 4, "the peer sends");
    CHECK_EQ(WaitForSingleObject(event, 1000), WAIT_OBJECT_0, "the event is signalled (and resets)");
    fd.fd = client;
    fd.events = POLLRDNORM | POLLWRNORM;
    fd.revents = 0;
    CHECK(WSAPoll(&fd, 1, 1000) == 1 && fd.revents == (POLLRDNORM | POLLWRNORM), "WSAPoll reports the data");
    CHECK_EQ(WaitForSingleObject(event, 0), WAIT_TIMEOUT, "... and does not signal the event again");
    CloseHandle(event);
    closesocket(server);
    closesocket(client);
    closesocket(l);

    WSACleanup();
    return check_done();
}
