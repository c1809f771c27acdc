/* ws2mp-test: no-mingw */ /* SO_BSP_STATE and SO_UPDATE_ACCEPT_CONTEXT are in Windows' mswsock.h but not this mingw-w64's */
/*
 * getsockopt(SO_BSP_STATE) as Windows answers it: a CSADDR_INFO whose address pointers point
 * into the caller's buffer, after the structure; no address while unbound or unconnected; the
 * local and remote addresses of both ends of a connection, matching getsockname/getpeername;
 * a buffer without room for both addresses is WSAEFAULT, and *optlen is left as it was.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

union cs_space {
    CSADDR_INFO cs;
    char space[128];
};

int main(void)
{
    WSADATA wsaData;
    SOCKET s, l, a;
    SOCKADDR_IN sin, got;
    union cs_space ca, cb;
    int size, len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&ca, 0x55, sizeof ca);
    size = sizeof ca;
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&ca, &size), 0, "SO_BSP_STATE on a new socket");
    CHECK(ca.cs.LocalAddr.iSockaddrLength == 0 && ca.cs.LocalAddr.lpSockaddr == NULL, "... no local address yet");
    CHECK(ca.cs.RemoteAddr.iSockaddrLength == 0 && ca.cs.RemoteAddr.lpSockaddr == NULL, "... no remote address");
    CHECK(ca.cs.iSocketType == SOCK_STREAM && ca.cs.iProtocol == IPPROTO_TCP, "... stream, TCP");
    CHECK_EQ(size, (int)sizeof ca, "... *optlen left as it was");

    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = inet_addr("127.0.0.1");
    CHECK_EQ(bind(s, (SOCKADDR *)&sin, sizeof sin), 0, "bind");
    size = sizeof ca;
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&ca, &size), 0, "SO_BSP_STATE bound");
    CHECK(ca.cs.LocalAddr.iSockaddrLength == (int)sizeof sin && ca.cs.LocalAddr.lpSockaddr != NULL, "... a local address");
    CHECK((char *)ca.cs.LocalAddr.lpSockaddr >= ca.space && (char *)ca.cs.LocalAddr.lpSockaddr < ca.space + sizeof ca,
          "... stored in the caller's buffer");
    CHECK(ca.cs.RemoteAddr.lpSockaddr == NULL, "... still no remote address");

    CHECK_EQ(bind(l, (SOCKADDR *)&sin, sizeof sin), 0, "listener bind");
    len = sizeof sin;
    getsockname(l, (SOCKADDR *)&sin, &len);
    CHECK_EQ(listen(l, 1), 0, "listen");
    CHECK_EQ(connect(s, (SOCKADDR *)&sin, sizeof sin), 0, "connect");
    len = sizeof sin;
    a = accept(l, (SOCKADDR *)&sin, &len);
    REQUIRE(a != INVALID_SOCKET, "accept");

    size = sizeof ca;
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&ca, &size), 0, "client SO_BSP_STATE");
    size = sizeof cb;
    CHECK_EQ(getsockopt(a, SOL_SOCKET, SO_BSP_STATE, (char *)&cb, &size), 0, "server SO_BSP_STATE");
    CHECK(ca.cs.LocalAddr.iSockaddrLength == (int)sizeof sin && ca.cs.RemoteAddr.iSockaddrLength == (int)sizeof sin,
          "... both addresses, sockaddr_in sized");
    CHECK(memcmp(ca.cs.LocalAddr.lpSockaddr, cb.cs.RemoteAddr.lpSockaddr, sizeof sin) == 0, "client's local is server's remote");
    CHECK(memcmp(cb.cs.LocalAddr.lpSockaddr, ca.cs.RemoteAddr.lpSockaddr, sizeof sin) == 0, "server's local is client's remote");
    len = sizeof got;
    getpeername(s, (SOCKADDR *)&got, &len);
    CHECK(memcmp(&got, ca.cs.RemoteAddr.lpSockaddr, sizeof got) == 0, "... matching getpeername");
    len = sizeof got;
    getsockname(s, (SOCKADDR *)&got, &len);
    CHECK(memcmp(&got, ca.cs.LocalAddr.lpSockaddr, sizeof got) == 0, "... and getsockname");

    size = sizeof(CSADDR_INFO);
    CHECK(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&ca, &size) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "room for the structure only: WSAEFAULT");
    CHECK_EQ(size, (int)sizeof(CSADDR_INFO), "... *optlen untouched");
    size = sizeof(CSADDR_INFO) + 2 * sizeof(SOCKADDR);
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&ca, &size), 0, "room for both IPv4 addresses: fine");
    size--;
    CHECK(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&ca, &size) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "one byte less: WSAEFAULT");
    {
        DWORD v = 1;
        CHECK(setsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&v, sizeof v) == SOCKET_ERROR && WSAGetLastError() == WSAENOPROTOOPT,
              "SO_BSP_STATE is read-only: WSAENOPROTOOPT");
        CHECK_EQ(setsockopt(a, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof l), 0,
                 "SO_UPDATE_ACCEPT_CONTEXT is accepted (and means nothing here)");
    }
    closesocket(a);
    closesocket(l);
    closesocket(s);
    WSACleanup();
    return check_done();
}
