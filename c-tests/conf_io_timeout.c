/*
 * Receive timeouts and empty receives on a connected TCP pair, as Windows answers them:
 * SO_RCVTIMEO reads 0 (4 bytes) on a new socket and back as set, each successful option call
 * clearing the last error; a blocking recv or WSARecv that times out fails with WSAETIMEDOUT
 * (WSARecv leaves the byte count alone); an overlapped WSARecv ignores the timeout and
 * completes when data comes. WSARecv with no buffers (a NULL array or a count of 0) is
 * WSAEINVAL; a receive into a zero-length buffer returns 0 at once and leaves the data queued,
 * as does recv(s, NULL, 0, 0). WSAGetOverlappedResult with outputs it cannot write is
 * WSAEFAULT, on a value that is no socket WSAENOTSOCK.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"

static void tcp_pair(SOCKET *client, SOCKET *server)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKADDR_IN a;
    int len = sizeof(a);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(l != INVALID_SOCKET && bind(l, (SOCKADDR *)&a, sizeof(a)) == 0 && listen(l, 1) == 0 &&
                getsockname(l, (SOCKADDR *)&a, &len) == 0,
            "a listener");
    *client = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(*client != INVALID_SOCKET && connect(*client, (SOCKADDR *)&a, sizeof(a)) == 0, "connect");
    *server = accept(l, NULL, NULL);
    REQUIRE(*server != INVALID_SOCKET, "accept");
    closesocket(l);
}

int main(void)
{
    WSADATA wsaData;
    SOCKET client, server;
    WSAOVERLAPPED ov;
    WSABUF wsabuf;
    DWORD timeout, size, flags = 0;
    DWORD start;
    char buffer[8];
    int len, ret;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    tcp_pair(&client, &server);

    /* SO_RCVTIMEO */
    timeout = 0xdeadbeef;
    len = sizeof(timeout);
    WSASetLastError(0xdeadbeef);
    CHECK_EQ(getsockopt(client, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, &len), 0, "getsockopt(SO_RCVTIMEO) succeeds");
    CHECK_EQ(WSAGetLastError(), 0, "... clearing the last error");
    CHECK(len == 4 && timeout == 0, "... 4 bytes, 0 on a new socket");
    timeout = 100;
    WSASetLastError(0xdeadbeef);
    CHECK_EQ(setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout)), 0, "SO_RCVTIMEO 100 ms");
    CHECK_EQ(WSAGetLastError(), 0, "... clearing the last error");
    timeout = 0xdeadbeef;
    len = sizeof(timeout);
    CHECK(getsockopt(client, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, &len) == 0 && timeout == 100, "it reads back 100");

    start = GetTickCount();
    WSASetLastError(0xdeadbeef);
    ret = recv(client, buffer, 1, 0);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSAETIMEDOUT, "recv with nothing to read: WSAETIMEDOUT");
    CHECK(GetTickCount() - start >= 80, "... after about the timeout");
    wsabuf.buf = buffer;
    wsabuf.len = 1;
    size = 0xdeadbeef;
    ret = WSARecv(client, &wsabuf, 1, &size, &flags, NULL, NULL);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSAETIMEDOUT, "WSARecv: WSAETIMEDOUT too");
    CHECK_EQ(size, 0xdeadbeef, "... the byte count left alone");

    /* An overlapped receive ignores the timeout. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    size = 0xdeadbeef;
    ret = WSARecv(client, &wsabuf, 1, &size, &flags, &ov, NULL);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "an overlapped WSARecv is pending");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 300, FALSE), WSA_WAIT_TIMEOUT, "... past the timeout");
    CHECK_EQ(send(server, "a", 1, 0), 1, "the peer sends a byte");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0, "... the receive completes");
    CHECK(WSAGetOverlappedResult(client, &ov, &size, FALSE, &flags) && size == 1 && buffer[0] == 'a', "... with the byte");
    CHECK(!WSAGetOverlappedResult(client, &ov, (DWORD *)1, FALSE, &flags) && WSAGetLastError() == WSAEFAULT,
          "WSAGetOverlappedResult with a count it cannot write: WSAEFAULT");
    CHECK(!WSAGetOverlappedResult(client, &ov, &size, FALSE, (DWORD *)1) && WSAGetLastError() == WSAEFAULT,
          "... with flags it cannot write: WSAEFAULT");
    CHECK(!WSAGetOverlappedResult((SOCKET)0xdeadbeef, &ov, &size, FALSE, &flags) && WSAGetLastError() == WSAENOTSOCK,
          "... on a value that is no socket: WSAENOTSOCK");
    timeout = 0;
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));

    /* Empty receives. */
    WSASetLastError(0xdeadbeef);
    CHECK(WSARecv(client, NULL, 0, &size, &flags, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "WSARecv without buffers: WSAEINVAL");
    wsabuf.buf = buffer;
    wsabuf.len = 0;
    CHECK(WSARecv(client, &wsabuf, 0, &size, &flags, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "WSARecv with a count of 0: WSAEINVAL");
    CHECK(WSARecv(client, &wsabuf, 0, NULL, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "... overlapped too");
    CHECK_EQ(send(server, "data", 5, 0), 5, "the peer sends 5 bytes");
    Sleep(50);
    size = 0xdeadbeef;
    CHECK_EQ(WSARecv(client, &wsabuf, 1, &size, &flags, NULL, NULL), 0, "WSARecv into a zero-length buffer succeeds");
    CHECK_EQ(size, 0, "... receiving 0 bytes");
    CHECK_EQ(recv(client, NULL, 0, 0), 0, "recv(s, NULL, 0, 0) returns 0");
    memset(buffer, 0, sizeof(buffer));
    CHECK_EQ(recv(client, buffer, sizeof(buffer), 0), 5, "the data is still queued");
    CHECK(strcmp(buffer, "data") == 0, "... whole");

    WSACloseEvent(ov.hEvent);
    closesocket(client);
    closesocket(server);
    WSACleanup();
    return check_done();
}
