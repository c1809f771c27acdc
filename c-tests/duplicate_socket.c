/*
 * WSADuplicateSocket within one process, as Windows answers it: argument checks in Windows'
 * order (the socket, the process id, then the structure), the structure names the socket's
 * family/type/protocol, and WSASocket with it makes a second socket for the same connection
 * or bound address; WSACleanup closes both.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <unistd.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    WSAPROTOCOL_INFOA info;
    SOCKADDR_IN addr;
    SOCKET src, dup, l, c, a;
    DWORD me = (DWORD)getpid(); /* GetCurrentProcessId() on Windows */
    char buf[16];
    int len, type;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    src = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);

    CHECK_EQ(WSADuplicateSocketA(0, 0, NULL), SOCKET_ERROR, "no socket, no process, no structure fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK first");
    CHECK_EQ(WSADuplicateSocketA(src, 0, NULL), SOCKET_ERROR, "process 0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL before the NULL structure");
    CHECK_EQ(WSADuplicateSocketA(src, ~0u, &info), SOCKET_ERROR, "an impossible process id fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(WSADuplicateSocketA(0, me, &info), SOCKET_ERROR, "no socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");
    CHECK_EQ(WSADuplicateSocketA(src, me, NULL), SOCKET_ERROR, "a NULL structure fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    memset(&info, 0, sizeof(info));
    CHECK_EQ(WSADuplicateSocketA(src, me, &info), 0, "WSADuplicateSocket for this process");
    CHECK_EQ(info.iProtocol, IPPROTO_TCP, "... names TCP");
    CHECK_EQ(info.iAddressFamily, AF_INET, "... AF_INET");
    CHECK_EQ(info.iSocketType, SOCK_STREAM, "... SOCK_STREAM");
    dup = WSASocketA(0, 0, 0, &info, 0, 0);
    CHECK(dup != INVALID_SOCKET && dup != src, "WSASocket with the structure makes another socket");
    closesocket(dup);
    closesocket(src);

    /* UDP: bound first, the duplicate receives what is sent to the original's address. */
    src = WSASocketA(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    CHECK_EQ(bind(src, (SOCKADDR *)&addr, sizeof(addr)), 0, "bind the original");
    len = sizeof(addr);
    getsockname(src, (SOCKADDR *)&addr, &len);
    memset(&info, 0, sizeof(info));
    CHECK_EQ(WSADuplicateSocketA(src, me, &info), 0, "duplicate a bound UDP socket");
    CHECK_EQ(info.iSocketType, SOCK_DGRAM, "... SOCK_DGRAM");
    dup = WSASocketA(0, 0, 0, &info, 0, 0);
    REQUIRE(dup != INVALID_SOCKET, "WSASocket with it");
    len = sizeof(type);
    CHECK(getsockopt(dup, SOL_SOCKET, SO_TYPE, (char *)&type, &len) == 0 && type == SOCK_DGRAM, "the duplicate is a datagram socket");
    CHECK_EQ(sendto(src, "TEST", 5, 0, (SOCKADDR *)&addr, sizeof(addr)), 5, "send to the original's address");
    len = sizeof(addr);
    CHECK_EQ(recvfrom(dup, buf, sizeof(buf), 0, (SOCKADDR *)&addr, &len), 5, "the duplicate receives it");
    CHECK(strcmp(buf, "TEST") == 0, "... intact");
    CHECK(WSASocketA(0, 0, 0, &info, 0, 0) == INVALID_SOCKET, "a structure is good for one WSASocket");
    closesocket(dup);
    closesocket(src);

    /* TCP connection: either socket sends on it; WSACleanup closes both. */
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    len = sizeof(addr);
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 1);
    c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (SOCKADDR *)&addr, sizeof(addr));
    a = accept(l, NULL, NULL);
    WSADuplicateSocketA(c, me, &info);
    dup = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    REQUIRE(dup != INVALID_SOCKET, "duplicate a connected socket");
    CHECK_EQ(send(dup, "ab", 2, 0), 2, "the duplicate sends on the connection");
    CHECK_EQ(recv(a, buf, sizeof(buf), 0), 2, "... the peer receives it");
    len = sizeof(addr);
    CHECK_EQ(getpeername(dup, (SOCKADDR *)&addr, &len), 0, "the duplicate is connected");
    WSACleanup();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup again");
    CHECK_EQ(send(dup, "x", 1, 0), SOCKET_ERROR, "after WSACleanup the duplicate is gone");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");
    WSACleanup();
    return check_done();
}
