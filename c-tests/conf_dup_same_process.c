/*
 * A socket and its WSADuplicateSocket copy made in the same process are two handles to one
 * socket on Windows (Wine's ws2_32 completion port tests observe it): the completion port the
 * first handle was associated with before the copy was made also gets the completions of
 * operations started through the copy, with the first handle's key; and closing one of the two
 * handles cancels nothing: an AcceptEx pending through the copy stays pending until the last
 * handle is closed, in either order, and only then completes with ERROR_OPERATION_ABORTED; a
 * WSARecv started through the copy still completes, to the port, when data comes after the copy
 * was closed. A server that hands a socket to a worker this way and closes its own handle must
 * not see the worker's accepts and receives cancelled.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <string.h>
#include "check.h"

static LPFN_ACCEPTEX pAcceptEx;

static SOCKET listener(void)
{
    SOCKADDR_IN a;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(s, (SOCKADDR *)&a, sizeof(a)) == 0, "bind the listener");
    REQUIRE(listen(s, 5) == 0, "listen");
    return s;
}

/* close_copy_first: which handle goes first. */
static void accept_through_copy(int close_copy_first)
{
    WSAPROTOCOL_INFOA info;
    OVERLAPPED ov, *olp;
    char buf[2 * (sizeof(SOCKADDR_IN) + 16)];
    DWORD bytes, err;
    ULONG_PTR key;
    BOOL ret;
    SOCKET src = listener(), dest = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), copy;
    HANDLE port = CreateIoCompletionPort((HANDLE)src, NULL, 125, 0);

    CHECK(port != NULL, "the listener is associated with a new port, key 125");
    CHECK_EQ(WSADuplicateSocketA(src, GetCurrentProcessId(), &info), 0, "WSADuplicateSocket for this process");
    copy = WSASocketA(AF_INET, SOCK_STREAM, 0, &info, 0, WSA_FLAG_OVERLAPPED);
    CHECK(copy != INVALID_SOCKET, "WSASocket makes the copy");

    memset(&ov, 0, sizeof(ov));
    ret = pAcceptEx(copy, dest, buf, 0, sizeof(SOCKADDR_IN) + 16, sizeof(SOCKADDR_IN) + 16, &bytes, &ov);
    err = GetLastError();
    CHECK(!ret, "AcceptEx through the copy does not complete at once");
    CHECK_EQ(err, ERROR_IO_PENDING, "... it is pending");

    CHECK_EQ(closesocket(close_copy_first ? copy : src), 0, "close one of the two handles");
    key = 0xdead;
    bytes = 0xdead;
    olp = (OVERLAPPED *)&key;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &olp, 200);
    err = GetLastError();
    CHECK(!ret, "nothing is queued: the AcceptEx is still pending");
    CHECK_EQ(err, WAIT_TIMEOUT, "... the wait times out");
    CHECK(olp == NULL, "... no OVERLAPPED returned");
    CHECK_EQ(key, 0xdead, "... the key is untouched");

    CHECK_EQ(closesocket(close_copy_first ? src : copy), 0, "close the other handle");
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &olp, 2000);
    err = GetLastError();
    CHECK(!ret, "the last close ends the AcceptEx: a failed completion is queued");
    CHECK_EQ(err, ERROR_OPERATION_ABORTED, "... ERROR_OPERATION_ABORTED");
    CHECK_EQ(key, 125, "... with the key of the association made through the first handle");
    CHECK(olp == &ov, "... for the AcceptEx's OVERLAPPED");
    CHECK_EQ(bytes, 0, "... nothing transferred");
    CHECK_EQ(ov.Internal, 0xC0000120L /* STATUS_CANCELLED */, "... its status is STATUS_CANCELLED");

    ret = GetQueuedCompletionStatus(port, &bytes, &key, &olp, 200);
    err = GetLastError();
    CHECK(!ret && err == WAIT_TIMEOUT && olp == NULL, "... and only one");

    closesocket(dest);
    CloseHandle(port);
}

/* A receive started through the copy, the copy closed: the data that comes later completes it. */
static void receive_through_closed_copy(void)
{
    WSAPROTOCOL_INFOA info;
    SOCKADDR_IN addr;
    OVERLAPPED ov, *olp;
    WSABUF wb;
    char data[8];
    DWORD bytes, flags = 0, err;
    ULONG_PTR key;
    BOOL ret;
    int len = sizeof(addr);
    SOCKET l = listener(), client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), server, copy;
    HANDLE port;

    getsockname(l, (SOCKADDR *)&addr, &len);
    REQUIRE(connect(client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    server = accept(l, NULL, NULL);
    REQUIRE(server != INVALID_SOCKET, "accept");
    port = CreateIoCompletionPort((HANDLE)server, NULL, 7, 0);
    CHECK_EQ(WSADuplicateSocketA(server, GetCurrentProcessId(), &info), 0, "duplicate the accepted socket");
    copy = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, WSA_FLAG_OVERLAPPED);
    CHECK(copy != INVALID_SOCKET, "... the copy");
    memset(&ov, 0, sizeof(ov));
    memset(data, 0, sizeof(data));
    wb.buf = data;
    wb.len = sizeof(data);
    CHECK_EQ(WSARecv(copy, &wb, 1, NULL, &flags, &ov, NULL), SOCKET_ERROR, "WSARecv through the copy");
    CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "... pending");
    CHECK_EQ(closesocket(copy), 0, "close the copy");
    CHECK_EQ(send(client, "hello", 5, 0), 5, "the peer sends");
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &olp, 2000);
    err = GetLastError();
    CHECK(ret, "the receive completes");
    if (!ret)
        printf("# error %lu\n", (unsigned long)err);
    CHECK_EQ(bytes, 5, "... with the 5 bytes");
    CHECK_EQ(key, 7, "... the port's key");
    CHECK(olp == &ov, "... its OVERLAPPED");
    CHECK(memcmp(data, "hello", 5) == 0, "... the data in its buffer");
    CHECK_EQ(send(client, "again", 5, 0), 5, "the peer sends more");
    CHECK_EQ(recv(server, data, sizeof(data), 0), 5, "the first handle still receives");
    closesocket(server);
    closesocket(client);
    closesocket(l);
    CloseHandle(port);
}

int main(void)
{
    WSADATA wsaData;
    GUID guid = WSAID_ACCEPTEX;
    DWORD size;
    SOCKET s;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &pAcceptEx,
                     sizeof(pAcceptEx), &size, NULL, NULL) == 0,
            "AcceptEx's address");
    closesocket(s);

    accept_through_copy(1);
    accept_through_copy(0);
    receive_through_closed_copy();

    WSACleanup();
    return check_done();
}
