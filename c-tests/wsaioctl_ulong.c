/* WSAIoctl with an `unsigned long` byte count, as a utility that lists the machine's interfaces
 * writes it (an LPDWORD on Windows, where unsigned long is 32 bits): SIO_GET_INTERFACE_LIST into
 * an INTERFACE_INFO array with the count in an unsigned long whose upper half holds garbage,
 * the number of entries taken from that count, FIONREAD through WSAIoctl into another one, and
 * a failing code; the DWORD form and a NULL count (refused) next to them. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET sd, lst, cli, srv;
    INTERFACE_INFO list[20];
    unsigned long nBytesReturned;
    unsigned long pending;
    DWORD dw = 0;
    struct sockaddr_in addr;
    int len = sizeof(addr), i, n, loopback = 0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    sd = WSASocket(AF_INET, SOCK_DGRAM, 0, 0, 0, 0);
    REQUIRE(sd != INVALID_SOCKET, "WSASocket");

    memset(&nBytesReturned, 0xff, sizeof(nBytesReturned));
    CHECK_EQ(WSAIoctl(sd, SIO_GET_INTERFACE_LIST, 0, 0, &list, sizeof(list), &nBytesReturned, 0, 0),
             0, "SIO_GET_INTERFACE_LIST with an unsigned long count");
    CHECK(nBytesReturned > 0 && nBytesReturned <= sizeof(list),
          "the whole unsigned long holds the list's size (no garbage above 32 bits)");
    CHECK(nBytesReturned % sizeof(INTERFACE_INFO) == 0, "a whole number of entries");
    n = (int)(nBytesReturned / sizeof(INTERFACE_INFO));
    for (i = 0; i < n && i < 20; ++i) {
        struct sockaddr_in *a = (struct sockaddr_in *)&list[i].iiAddress;
        if (list[i].iiFlags & IFF_LOOPBACK)
            loopback = a->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
    }
    CHECK(loopback, "the loopback interface is among the entries counted");

    CHECK_EQ(WSAIoctl(sd, SIO_GET_INTERFACE_LIST, 0, 0, &list, sizeof(list), &dw, 0, 0), 0,
             "the same call with a DWORD count");
    CHECK_EQ(dw, nBytesReturned, "both counts agree");
    CHECK_EQ(WSAIoctl(sd, SIO_GET_INTERFACE_LIST, 0, 0, &list, sizeof(list), NULL, 0, 0),
             SOCKET_ERROR, "a NULL count still reaches WSAIoctl and is refused");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "with WSAEFAULT");

    memset(&nBytesReturned, 0xff, sizeof(nBytesReturned));
    CHECK_EQ(WSAIoctl(sd, 0x7fff1234, 0, 0, 0, 0, &nBytesReturned, 0, 0), SOCKET_ERROR,
             "an unknown code fails");
    CHECK(nBytesReturned == 0, "and reports 0 bytes in the whole unsigned long");

    lst = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(lst, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind");
    REQUIRE(getsockname(lst, (struct sockaddr *)&addr, &len) == 0, "getsockname");
    REQUIRE(listen(lst, 1) == 0, "listen");
    cli = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(cli, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    srv = accept(lst, NULL, NULL);
    REQUIRE(srv != INVALID_SOCKET, "accept");
    REQUIRE(send(cli, "hello", 5, 0) == 5, "send 5 bytes");
    Sleep(50);
    memset(&pending, 0xff, sizeof(pending));
    memset(&nBytesReturned, 0xff, sizeof(nBytesReturned));
    CHECK_EQ(WSAIoctl(srv, FIONREAD, 0, 0, &pending, sizeof(u_long), &nBytesReturned, 0, 0), 0,
             "FIONREAD through WSAIoctl with an unsigned long count");
    CHECK(nBytesReturned == sizeof(u_long), "the count is 4, whole");
    CHECK((pending & 0xffffffffUL) == 5, "the 32-bit value is 5");

    closesocket(cli);
    closesocket(srv);
    closesocket(lst);
    closesocket(sd);
    WSACleanup();
    return check_done();
}
