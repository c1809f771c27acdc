/*
 * An echo server in the style of the Windows system-programming books that wait on the socket
 * handles themselves: AcceptEx and WSARecv are issued with an OVERLAPPED whose hEvent is NULL,
 * and WaitForSingleObject / WaitForMultipleObjects on (HANDLE)socket tell which socket's
 * operation completed (a file object's event: reset when an operation on it starts, set when
 * one without an hEvent of its own completes; MsgWaitForMultipleObjects takes them too). An
 * operation with its own hEvent, and a socket in FILE_SKIP_SET_EVENT_ON_HANDLE mode, leave the
 * socket handle unsignalled; a closed socket is an invalid handle.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define ADDR_SLOT (sizeof(SOCKADDR_IN) + 16)

static SOCKADDR_IN server_addr;

static SOCKET connect_client(void)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (c != INVALID_SOCKET && connect(c, (SOCKADDR *)&server_addr, sizeof(server_addr)) != 0) {
        closesocket(c);
        return INVALID_SOCKET;
    }
    return c;
}

/* AcceptEx without receive data into a new socket, waited for on the listener's handle. */
static SOCKET accept_one(SOCKET listener, SOCKET *client, const char *what)
{
    SOCKET acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    char addrs[2 * ADDR_SLOT];
    OVERLAPPED ov;
    DWORD n = 0;

    memset(&ov, 0, sizeof(ov));
    if (!AcceptEx(listener, acc, addrs, 0, ADDR_SLOT, ADDR_SLOT, &n, &ov) && WSAGetLastError() != ERROR_IO_PENDING) {
        printf("# AcceptEx: %d\n", WSAGetLastError());
        return INVALID_SOCKET;
    }
    *client = connect_client();
    CHECK_EQ(WaitForSingleObject((HANDLE)listener, 5000), WAIT_OBJECT_0, what);
    setsockopt(acc, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener));
    return acc;
}

int main(void)
{
    WSADATA wsd;
    SOCKET listener, acc, client, acc2, client2, acc3, client3;
    SOCKADDR_IN sa;
    int len = sizeof(sa);
    char addrs[2 * ADDR_SLOT];
    char buf[64];
    OVERLAPPED accept_ov, recv_ov;
    WSABUF wb;
    DWORD n = 0, flags = 0;
    HANDLE handles[2];
    WSAEVENT ev;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsd) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (SOCKADDR *)&sa, sizeof(sa)) == 0 && listen(listener, 5) == 0, "listen on 127.0.0.1");
    REQUIRE(getsockname(listener, (SOCKADDR *)&server_addr, &len) == 0, "getsockname");

    /* No operation has completed: the socket handle is not signalled. */
    CHECK_EQ(WaitForSingleObject((HANDLE)listener, 0), WAIT_TIMEOUT, "a new socket's handle is not signalled");

    /* AcceptEx pending: still not signalled; the connection signals the listener's handle. */
    acc = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&accept_ov, 0, sizeof(accept_ov));
    CHECK(!AcceptEx(listener, acc, addrs, 0, ADDR_SLOT, ADDR_SLOT, &n, &accept_ov) &&
              WSAGetLastError() == ERROR_IO_PENDING,
          "AcceptEx is pending");
    CHECK_EQ(WaitForSingleObject((HANDLE)listener, 50), WAIT_TIMEOUT, "... the listener is not signalled meanwhile");
    client = connect_client();
    REQUIRE(client != INVALID_SOCKET, "a client connects");
    CHECK_EQ(WaitForSingleObject((HANDLE)listener, 5000), WAIT_OBJECT_0, "the accept signals the listener's handle");
    CHECK_EQ(WaitForSingleObject((HANDLE)listener, 0), WAIT_OBJECT_0, "... and it stays signalled (manual reset)");
    CHECK(GetOverlappedResult((HANDLE)listener, &accept_ov, &n, FALSE), "the AcceptEx succeeded");
    setsockopt(acc, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener));

    /* The server's loop: a new AcceptEx on the listener and a receive on the client, then one
     * wait over both handles. */
    acc2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&accept_ov, 0, sizeof(accept_ov));
    CHECK(!AcceptEx(listener, acc2, addrs, 0, ADDR_SLOT, ADDR_SLOT, &n, &accept_ov) &&
              WSAGetLastError() == ERROR_IO_PENDING,
          "a second AcceptEx is pending");
    CHECK_EQ(WaitForSingleObject((HANDLE)listener, 0), WAIT_TIMEOUT, "starting it reset the listener's handle");
    memset(&recv_ov, 0, sizeof(recv_ov));
    wb.buf = buf;
    wb.len = sizeof(buf);
    flags = 0;
    CHECK(WSARecv(acc, &wb, 1, NULL, &flags, &recv_ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "WSARecv is pending");
    handles[0] = (HANDLE)listener;
    handles[1] = (HANDLE)acc;
    CHECK_EQ(WaitForMultipleObjects(2, handles, FALSE, 50), WAIT_TIMEOUT, "nothing has completed");
    CHECK_EQ(send(client, "ping", 4, 0), 4, "the client sends");
    CHECK_EQ(WaitForMultipleObjects(2, handles, FALSE, 5000), WAIT_OBJECT_0 + 1,
             "the wait names the socket whose receive completed");
    CHECK(WSAGetOverlappedResult(acc, &recv_ov, &n, FALSE, &flags) && n == 4 && memcmp(buf, "ping", 4) == 0,
          "... the receive has the data");
    CHECK_EQ(send(acc, buf, (int)n, 0), 4, "the server echoes");
    CHECK_EQ(WaitForSingleObjectEx((HANDLE)acc, 0, TRUE), WAIT_OBJECT_0,
             "the socket stays signalled until its next operation (WaitForSingleObjectEx)");
    CHECK_EQ(MsgWaitForMultipleObjects(1, &handles[1], FALSE, 0, QS_ALLPOSTMESSAGE), WAIT_OBJECT_0,
             "... (MsgWaitForMultipleObjects)");
    memset(&recv_ov, 0, sizeof(recv_ov));
    flags = 0;
    CHECK(WSARecv(acc, &wb, 1, NULL, &flags, &recv_ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "the next WSARecv is pending");
    CHECK_EQ(WaitForSingleObject((HANDLE)acc, 0), WAIT_TIMEOUT, "... starting it reset the socket's handle");
    client2 = connect_client();
    REQUIRE(client2 != INVALID_SOCKET, "a second client connects");
    CHECK_EQ(WaitForMultipleObjects(2, handles, FALSE, 5000), WAIT_OBJECT_0, "the listener's accept completed");
    CHECK_EQ(shutdown(client, SD_SEND), 0, "the first client ends its side");
    CHECK_EQ(WaitForSingleObject((HANDLE)acc, 5000), WAIT_OBJECT_0, "... the pending receive completes");
    CHECK(WSAGetOverlappedResult(acc, &recv_ov, &n, FALSE, &flags) && n == 0, "... with 0 bytes");
    setsockopt(acc2, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener));

    /* A receive with its own hEvent sets that event, not the socket handle. */
    ev = WSACreateEvent();
    memset(&recv_ov, 0, sizeof(recv_ov));
    recv_ov.hEvent = ev;
    flags = 0;
    CHECK(WSARecv(acc2, &wb, 1, NULL, &flags, &recv_ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "WSARecv with an hEvent is pending");
    CHECK_EQ(send(client2, "abc", 3, 0), 3, "the second client sends");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 5000, FALSE), WSA_WAIT_EVENT_0, "the hEvent is set");
    CHECK_EQ(WaitForSingleObject((HANDLE)acc2, 100), WAIT_TIMEOUT, "... the socket handle is not");
    WSACloseEvent(ev);

    /* FILE_SKIP_SET_EVENT_ON_HANDLE: the socket handle is never set. */
    acc3 = accept_one(listener, &client3, "a third accept signals the listener");
    REQUIRE(acc3 != INVALID_SOCKET && client3 != INVALID_SOCKET, "a third connection");
    CHECK(SetFileCompletionNotificationModes((HANDLE)acc3, FILE_SKIP_SET_EVENT_ON_HANDLE),
          "SetFileCompletionNotificationModes(FILE_SKIP_SET_EVENT_ON_HANDLE)");
    memset(&recv_ov, 0, sizeof(recv_ov));
    flags = 0;
    CHECK(WSARecv(acc3, &wb, 1, NULL, &flags, &recv_ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "WSARecv on it is pending");
    CHECK_EQ(send(client3, "xyz", 3, 0), 3, "the third client sends");
    CHECK(GetOverlappedResult((HANDLE)acc3, &recv_ov, &n, TRUE) && n == 3, "the receive completes");
    CHECK_EQ(WaitForSingleObject((HANDLE)acc3, 50), WAIT_TIMEOUT, "... without setting the socket handle");

    /* A closed socket is not a handle. */
    closesocket(acc3);
    SetLastError(0);
    CHECK_EQ(WaitForSingleObject((HANDLE)acc3, 0), WAIT_FAILED, "a closed socket: WAIT_FAILED");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");

    closesocket(client3);
    closesocket(client2);
    closesocket(acc2);
    closesocket(client);
    closesocket(acc);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
