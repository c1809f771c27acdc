/*
 * DisconnectEx without an OVERLAPPED, as a connection-pooling client uses it: the sending side
 * ends (the peer reads end-of-file, this side can still receive, send fails with WSAESHUTDOWN,
 * the peer's address is still known, a second call succeeds); with TF_REUSE_SOCKET the same
 * SOCKET value is a fresh socket that connects again; unknown flags are WSAEINVAL.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    GUID disconnect_id = WSAID_DISCONNECTEX;
    LPFN_DISCONNECTEX pDisconnectEx;
    SOCKET listener, client, server, reused;
    SOCKADDR_IN addr, peer, bound;
    char buf[16];
    DWORD bytes, timeout = 5000;
    int len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof addr) == 0 && listen(listener, 5) == 0, "listener");
    len = sizeof addr;
    getsockname(listener, (SOCKADDR *)&addr, &len);
    REQUIRE(WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &disconnect_id, sizeof disconnect_id,
                     &pDisconnectEx, sizeof pDisconnectEx, &bytes, NULL, NULL) == 0,
            "DisconnectEx loaded");

    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(client, (SOCKADDR *)&addr, sizeof addr) == 0, "connect");
    server = accept(listener, NULL, NULL);
    REQUIRE(server != INVALID_SOCKET, "accept");
    setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);

    CHECK(!pDisconnectEx(client, NULL, 0x80, 0) && WSAGetLastError() == WSAEINVAL, "unknown flags: WSAEINVAL");
    WSASetLastError(12345);
    CHECK(pDisconnectEx(client, NULL, 0, 0), "DisconnectEx without an OVERLAPPED succeeds");
    CHECK_EQ(WSAGetLastError(), 0, "... and clears the last error");
    CHECK(pDisconnectEx(client, NULL, 0, 0), "... and succeeds a second time");
    CHECK(send(client, "x", 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN,
          "send after it: WSAESHUTDOWN");
    CHECK(connect(client, (SOCKADDR *)&addr, sizeof addr) == SOCKET_ERROR && WSAGetLastError() == WSAEISCONN,
          "connect after it: WSAEISCONN");
    CHECK_EQ(recv(server, buf, sizeof buf, 0), 0, "the peer reads the end of the stream");
    CHECK_EQ(send(server, "test", 5, 0), 5, "the peer can still send");
    CHECK(recv(client, buf, sizeof buf, 0) == 5 && strcmp(buf, "test") == 0, "... and this side receives it");
    len = sizeof peer;
    CHECK(getpeername(client, (SOCKADDR *)&peer, &len) == 0 && peer.sin_port == addr.sin_port,
          "getpeername still names the peer");
    closesocket(server);

    /* TF_REUSE_SOCKET: the same SOCKET value connects again. */
    CHECK(pDisconnectEx(client, NULL, TF_REUSE_SOCKET, 0), "DisconnectEx(TF_REUSE_SOCKET)");
    reused = client;
    len = sizeof peer;
    CHECK(getpeername(reused, (SOCKADDR *)&peer, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN,
          "the reused socket is not connected");
    bound = addr;
    bound.sin_port = 0;
    CHECK_EQ(bind(reused, (SOCKADDR *)&bound, sizeof bound), 0, "the reused socket binds again");
    CHECK_EQ(connect(reused, (SOCKADDR *)&addr, sizeof addr), 0, "... and connects again");
    server = accept(listener, NULL, NULL);
    CHECK(server != INVALID_SOCKET, "... the listener accepts the new connection");
    setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
    CHECK_EQ(send(reused, "again", 6, 0), 6, "... data flows on the reused socket");
    CHECK(recv(server, buf, sizeof buf, 0) == 6 && strcmp(buf, "again") == 0, "... and arrives");

    closesocket(reused);
    closesocket(server);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
