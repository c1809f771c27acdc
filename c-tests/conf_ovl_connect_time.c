/*
 * The idle-client check every AcceptEx server with a receive buffer is told to make (the
 * AcceptEx documentation's own advice): while AcceptEx waits for a client's first data, the
 * server polls SO_CONNECT_TIME on the accept socket. Windows answers 0xFFFFFFFF while no client
 * has connected, and the whole seconds since the connection once one has (0 at first, 1 after
 * a second), so the server can close accept sockets whose client connected but sends nothing;
 * closing one cancels its AcceptEx (ERROR_OPERATION_ABORTED on the listener's port) and the
 * client sees its connection end, while the next AcceptEx takes the next client. The value is
 * also read after the AcceptEx completed and SO_UPDATE_ACCEPT_CONTEXT was set. A ConnectEx
 * client checks SO_CONNECT_TIME the same way (the ConnectEx documentation's advice):
 * 0xFFFFFFFF before, 0 once its ConnectEx completed.
 */
#include "ovl_util.h"
#include <mswsock.h>

#define ROOM (sizeof(struct sockaddr_in) + 16)
#define LKEY 0x99

static DWORD connect_time(SOCKET s)
{
    DWORD secs = 0xdeadbeef;
    int len = sizeof(secs);
    if (getsockopt(s, SOL_SOCKET, SO_CONNECT_TIME, (char *)&secs, &len) == SOCKET_ERROR)
        return 0xdead0000u + (DWORD)WSAGetLastError();
    return secs;
}

int main(void)
{
    GUID a = WSAID_ACCEPTEX, ce = WSAID_CONNECTEX;
    LPFN_ACCEPTEX pAcceptEx;
    LPFN_CONNECTEX pConnectEx;
    struct sockaddr_in here;
    SOCKET l, acc, c;
    struct sockaddr_in addr;
    int len = sizeof(addr), r;
    char buf[256];
    WSAOVERLAPPED ov;
    HANDLE port;
    DWORD bytes, timeout = 2000, n;
    ULONG_PTR key;
    LPOVERLAPPED got;

    ovl_start();
    l = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    ovl_loopback(&addr, 0);
    REQUIRE(bind(l, (struct sockaddr *)&addr, sizeof(addr)) == 0 && getsockname(l, (struct sockaddr *)&addr, &len) == 0 &&
                listen(l, 5) == 0,
            "a listener");
    REQUIRE(WSAIoctl(l, SIO_GET_EXTENSION_FUNCTION_POINTER, &a, sizeof(a), &pAcceptEx, sizeof(pAcceptEx), &bytes, NULL,
                     NULL) == 0,
            "AcceptEx");
    port = CreateIoCompletionPort((HANDLE)l, NULL, LKEY, 0);
    REQUIRE(port != NULL, "the listener's port");

    acc = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    memset(&ov, 0, sizeof(ov));
    REQUIRE(!pAcceptEx(l, acc, buf, sizeof(buf) - 2 * ROOM, ROOM, ROOM, &bytes, &ov) &&
                WSAGetLastError() == ERROR_IO_PENDING,
            "AcceptEx with a receive buffer is pending");
    CHECK_EQ(connect_time(acc), 0xFFFFFFFF, "SO_CONNECT_TIME on the accept socket before any client: 0xFFFFFFFF");

    c = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(connect(c, (struct sockaddr *)&addr, sizeof(addr)) == 0, "a client connects and sends nothing");
    Sleep(100);
    CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 0) && got == NULL, "... the AcceptEx is still pending");
    CHECK_EQ(connect_time(acc), 0, "SO_CONNECT_TIME on the accept socket: 0 seconds");
    Sleep(1200);
    CHECK_EQ(connect_time(acc), 1, "... 1 after a second");

    /* The server gives up on it. */
    CHECK_EQ(closesocket(acc), 0, "the server closes the accept socket");
    CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 1000) && got == &ov &&
              GetLastError() == ERROR_OPERATION_ABORTED,
          "... the AcceptEx fails on the port: ERROR_OPERATION_ABORTED");
    CHECK(key == LKEY && bytes == 0, "... the listener's key, 0 bytes");
    REQUIRE(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout)) == 0, "a receive timeout");
    r = recv(c, buf, sizeof(buf), 0);
    CHECK(r == 0 || (r == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET),
          "the idle client sees its connection end");
    closesocket(c);

    /* A client that sends: the completed accept socket reads its connection time too. */
    acc = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    memset(&ov, 0, sizeof(ov));
    REQUIRE(!pAcceptEx(l, acc, buf, sizeof(buf) - 2 * ROOM, ROOM, ROOM, &bytes, &ov) &&
                WSAGetLastError() == ERROR_IO_PENDING,
            "another AcceptEx is pending");
    c = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(connect(c, (struct sockaddr *)&addr, sizeof(addr)) == 0, "a client connects");
    CHECK_EQ(send(c, "GET", 3, 0), 3, "... and sends");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &got, 2000) && got == &ov && bytes == 3,
          "the AcceptEx completes with its 3 bytes");
    CHECK_EQ(connect_time(acc), 0, "SO_CONNECT_TIME on the accept socket: 0");
    CHECK_EQ(setsockopt(acc, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&l, sizeof(l)), 0,
             "SO_UPDATE_ACCEPT_CONTEXT");
    CHECK_EQ(connect_time(acc), 0, "... still 0");
    closesocket(c);
    closesocket(acc);

    /* ConnectEx. */
    c = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(WSAIoctl(c, SIO_GET_EXTENSION_FUNCTION_POINTER, &ce, sizeof(ce), &pConnectEx, sizeof(pConnectEx), &bytes,
                     NULL, NULL) == 0,
            "ConnectEx");
    ovl_loopback(&here, 0);
    REQUIRE(bind(c, (struct sockaddr *)&here, sizeof(here)) == 0, "a bound client socket");
    CHECK_EQ(connect_time(c), 0xFFFFFFFF, "SO_CONNECT_TIME before ConnectEx: 0xFFFFFFFF");
    ovl_init(&ov);
    CHECK(!pConnectEx(c, (struct sockaddr *)&addr, sizeof(addr), NULL, 0, &bytes, &ov) &&
              WSAGetLastError() == ERROR_IO_PENDING,
          "ConnectEx is pending");
    CHECK(ovl_signalled(ov.hEvent, 2000) && WSAGetOverlappedResult(c, &ov, &bytes, FALSE, &n), "... and completes");
    CHECK_EQ(setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), 0, "SO_UPDATE_CONNECT_CONTEXT");
    CHECK_EQ(connect_time(c), 0, "SO_CONNECT_TIME after ConnectEx: 0");
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    acc = accept(l, NULL, NULL);
    if (acc != INVALID_SOCKET)
        closesocket(acc);
    closesocket(l);
    CloseHandle(port);
    return check_done();
}
