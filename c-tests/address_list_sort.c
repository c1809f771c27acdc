/* WSAIoctl(SIO_ADDRESS_LIST_SORT) as clients use it before trying destinations in turn: the
 * list is sorted in place, best destination first (loopback, then ordinary IPv6/IPv4 space, then
 * transition and private prefixes), equal ones keeping their order; a short output buffer gets
 * WSAEFAULT and the size needed. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static void set6(struct sockaddr_in6 *a, const char *text)
{
    memset(a, 0, sizeof(*a));
    a->sin6_family = AF_INET6;
    inet_pton(AF_INET6, text, &a->sin6_addr);
}

int main(void)
{
    WSADATA wsa;
    SOCKET s;
    struct sockaddr_in6 ula, six_to_four, loop, v4mapped;
    struct {
        INT count;
        SOCKET_ADDRESS addr[4];
    } list;
    DWORD bytes = 0;
    char tiny[8];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(s != INVALID_SOCKET, "socket");

    set6(&ula, "fd00::1");
    set6(&six_to_four, "2002:c000:0201::1");
    set6(&loop, "::1");
    set6(&v4mapped, "::ffff:192.0.2.1");
    list.count = 4;
    list.addr[0].lpSockaddr = (LPSOCKADDR)&ula;
    list.addr[1].lpSockaddr = (LPSOCKADDR)&six_to_four;
    list.addr[2].lpSockaddr = (LPSOCKADDR)&v4mapped;
    list.addr[3].lpSockaddr = (LPSOCKADDR)&loop;
    list.addr[0].iSockaddrLength = list.addr[1].iSockaddrLength = list.addr[2].iSockaddrLength =
        list.addr[3].iSockaddrLength = sizeof(struct sockaddr_in6);

    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &list, sizeof(list), &list, sizeof(list), &bytes, NULL, NULL), 0,
             "SIO_ADDRESS_LIST_SORT sorts in place");
    CHECK_EQ(bytes, sizeof(list), "it reports the list's size");
    CHECK_EQ(list.count, 4, "the count stays");
#ifndef _WIN32
    CHECK(list.addr[0].lpSockaddr == (LPSOCKADDR)&loop, "loopback first");
    CHECK(list.addr[1].lpSockaddr == (LPSOCKADDR)&v4mapped, "then IPv4 (as v4-mapped)");
    CHECK(list.addr[2].lpSockaddr == (LPSOCKADDR)&six_to_four, "then 6to4");
    CHECK(list.addr[3].lpSockaddr == (LPSOCKADDR)&ula, "unique-local last");
#endif
    CHECK_EQ(list.addr[0].iSockaddrLength, (INT)sizeof(struct sockaddr_in6), "lengths move with their addresses");

    bytes = 0;
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_SORT, &list, sizeof(list), tiny, sizeof(tiny), &bytes, NULL, NULL),
             SOCKET_ERROR, "an output buffer smaller than the list fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(bytes, sizeof(list), "... and the size needed");

    closesocket(s);
    WSACleanup();
    return check_done();
}
