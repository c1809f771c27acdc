/*
 * ConnectEx and connect on a stream socket whose connect is still under way, as Windows
 * answers them (the behaviour Wine's conformance tests observe on Windows): a second connect
 * while a connect() is pending is WSAEALREADY, a ConnectEx then is WSAEINVAL; while a
 * ConnectEx is pending, connect and another ConnectEx are WSAEINVAL and getpeername names no
 * peer yet (WSAENOTCONN), where a pending connect() already reports its peer. The connect is
 * kept pending by a listener whose accept queue is full (its SYNs go unanswered).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <string.h>
#include "check.h"

static SOCKET bound_nonblocking(void)
{
    SOCKADDR_IN any;
    u_long on = 1;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&any, 0, sizeof any);
    any.sin_family = AF_INET;
    any.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(s, (SOCKADDR *)&any, sizeof any);
    ioctlsocket(s, FIONBIO, &on);
    return s;
}

int main(void)
{
    WSADATA wsaData;
    GUID connectex_id = WSAID_CONNECTEX;
    LPFN_CONNECTEX pConnectEx;
    SOCKET listener, filler, client;
    SOCKADDR_IN addr, peer;
    OVERLAPPED ov, ov2;
    DWORD bytes;
    int len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof addr) == 0 && listen(listener, 0) == 0, "listener, backlog 0");
    len = sizeof addr;
    getsockname(listener, (SOCKADDR *)&addr, &len);
    /* The one connection the queue takes: later connects stay pending. */
    filler = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(filler, (SOCKADDR *)&addr, sizeof addr) == 0, "the accept queue is filled");
    Sleep(50);

    client = bound_nonblocking();
    REQUIRE(WSAIoctl(client, SIO_GET_EXTENSION_FUNCTION_POINTER, &connectex_id, sizeof connectex_id, &pConnectEx,
                     sizeof pConnectEx, &bytes, NULL, NULL) == 0,
            "ConnectEx loaded");

    /* connect() under way. */
    CHECK(connect(client, (SOCKADDR *)&addr, sizeof addr) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          "a non-blocking connect is under way (WSAEWOULDBLOCK)");
    CHECK(connect(client, (SOCKADDR *)&addr, sizeof addr) == SOCKET_ERROR && WSAGetLastError() == WSAEALREADY,
          "connect again: WSAEALREADY");
    memset(&ov, 0, sizeof ov);
    CHECK(!pConnectEx(client, (SOCKADDR *)&addr, sizeof addr, NULL, 0, &bytes, &ov) && WSAGetLastError() == WSAEINVAL,
          "ConnectEx while connect() is under way: WSAEINVAL");
    len = sizeof peer;
    CHECK(getpeername(client, (SOCKADDR *)&peer, &len) == 0 && peer.sin_port == addr.sin_port,
          "getpeername names the peer of a pending connect()");
    closesocket(client);

    /* ConnectEx under way. */
    client = bound_nonblocking();
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();
    CHECK(!pConnectEx(client, (SOCKADDR *)&addr, sizeof addr, NULL, 0, &bytes, &ov) && WSAGetLastError() == WSA_IO_PENDING,
          "ConnectEx is pending");
    CHECK(connect(client, (SOCKADDR *)&addr, sizeof addr) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "connect while ConnectEx is pending: WSAEINVAL");
    memset(&ov2, 0, sizeof ov2);
    CHECK(!pConnectEx(client, (SOCKADDR *)&addr, sizeof addr, NULL, 0, &bytes, &ov2) && WSAGetLastError() == WSAEINVAL,
          "a second ConnectEx: WSAEINVAL");
    len = sizeof peer;
    CHECK(getpeername(client, (SOCKADDR *)&peer, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN,
          "getpeername during ConnectEx: WSAENOTCONN");

    /* Room in the queue: the ConnectEx completes, and the socket then has its peer. */
    closesocket(accept(listener, NULL, NULL));
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0, "ConnectEx completes once the listener takes it");
    CHECK(WSAGetOverlappedResult(client, &ov, &bytes, FALSE, &bytes), "... successfully");
    setsockopt(client, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0);
    len = sizeof peer;
    CHECK(getpeername(client, (SOCKADDR *)&peer, &len) == 0 && peer.sin_port == addr.sin_port,
          "getpeername names the peer after it");
    WSACloseEvent(ov.hEvent);
    closesocket(client);
    closesocket(filler);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
