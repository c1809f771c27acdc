/* WSAConnectByName and WSAConnectByList the way Vista-era clients use them: one call that
 * resolves, connects (an IPv6 socket reaching an IPv4 listener), and reports both addresses;
 * a list whose first address refuses; the errors for a refused-only list and bad arguments. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static SOCKET listener(struct sockaddr_in *addr)
{
    int len = sizeof(*addr);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)addr, sizeof(*addr)) != 0 || listen(l, 4) != 0 ||
        getsockname(l, (struct sockaddr *)addr, &len) != 0)
        return INVALID_SOCKET;
    return l;
}

int main(void)
{
    WSADATA wsa;
    struct sockaddr_in at, refused;
    SOCKADDR_STORAGE local, remote;
    DWORD local_len = sizeof(local), remote_len = sizeof(remote);
    struct timeval tv = {5, 0};
    char host[] = "127.0.0.1";
    char port[16];
    char nothing[] = "";
    SOCKET l, c, a, spare;
    BOOL ok;
    int len;
    struct {
        INT count;
        SOCKET_ADDRESS addr[2];
    } list;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    l = listener(&at);
    REQUIRE(l != INVALID_SOCKET, "listener on 127.0.0.1");
    snprintf(port, sizeof(port), "%u", (unsigned)ntohs(at.sin_port));

    c = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(c != INVALID_SOCKET, "an IPv6 client socket");
    ok = WSAConnectByNameA(c, host, port, &local_len, (LPSOCKADDR)&local, &remote_len, (LPSOCKADDR)&remote, &tv, NULL);
    CHECK(ok, "WSAConnectByName connects an IPv6 socket to an IPv4 listener");
    CHECK_EQ(remote.ss_family, AF_INET6, "the remote address is in the socket's family");
    CHECK_EQ(remote_len, sizeof(struct sockaddr_in6), "... with its length");
    CHECK_EQ(((struct sockaddr_in6 *)&remote)->sin6_port, at.sin_port, "... and the listener's port");
    CHECK(IN6_IS_ADDR_V4MAPPED(&((struct sockaddr_in6 *)&remote)->sin6_addr), "... as a v4-mapped address");
    CHECK_EQ(local_len, sizeof(struct sockaddr_in6), "the local address is written too");
    a = accept(l, NULL, NULL);
    CHECK(a != INVALID_SOCKET, "the listener accepts the connection");
    CHECK_EQ(send(c, "hi", 2, 0), 2, "the socket is connected and sends");
    closesocket(a);
    closesocket(c);

    /* A list: the first address refuses (a port just freed), the second answers. */
    spare = listener(&refused);
    closesocket(spare);
    list.count = 2;
    list.addr[0].lpSockaddr = (LPSOCKADDR)&refused;
    list.addr[0].iSockaddrLength = sizeof(refused);
    list.addr[1].lpSockaddr = (LPSOCKADDR)&at;
    list.addr[1].iSockaddrLength = sizeof(at);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    local_len = sizeof(local);
    remote_len = sizeof(remote);
    ok = WSAConnectByList(c, (PSOCKET_ADDRESS_LIST)&list, &local_len, (LPSOCKADDR)&local, &remote_len,
                          (LPSOCKADDR)&remote, &tv, NULL);
    CHECK(ok, "WSAConnectByList passes over a refusing address to the next one");
    CHECK_EQ(((struct sockaddr_in *)&remote)->sin_port, at.sin_port, "... and reports the one it reached");
    len = sizeof(remote);
    CHECK_EQ(getpeername(c, (struct sockaddr *)&remote, &len), 0, "getpeername works after it");
    a = accept(l, NULL, NULL);
    closesocket(a);
    closesocket(c);

    list.count = 1;
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok = WSAConnectByList(c, (PSOCKET_ADDRESS_LIST)&list, NULL, NULL, NULL, NULL, &tv, NULL);
    CHECK(!ok && WSAGetLastError() == WSAECONNREFUSED, "a list that only refuses: FALSE, WSAECONNREFUSED");
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok = WSAConnectByNameA(c, NULL, port, NULL, NULL, NULL, NULL, NULL, NULL);
    CHECK(!ok && WSAGetLastError() == WSAEINVAL, "a NULL node name: WSAEINVAL");
    ok = WSAConnectByNameA(c, nothing, port, NULL, NULL, NULL, NULL, NULL, NULL);
    CHECK(!ok, "an empty node name fails");
    ok = WSAConnectByNameA(c, host, port, NULL, NULL, NULL, NULL, NULL, NULL);
    CHECK(ok, "without timeout and address outputs it connects too");
    a = accept(l, NULL, NULL);
    closesocket(a);
    closesocket(c);

    closesocket(l);
    WSACleanup();
    return check_done();
}
