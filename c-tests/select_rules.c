/*
 * select as Windows counts: a TCP socket that never connected is in no set, a socket listed
 * twice (or in one fd_set passed for two arguments) is reported and counted once, an invalid
 * socket fails with WSAENOTSOCK and leaves the sets alone, and closesocket in another thread
 * ends a blocked select.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static void tcp_pair(SOCKET *a, SOCKET *b)
{
    SOCKADDR_IN addr;
    int len = sizeof(addr);
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 1);
    *a = socket(AF_INET, SOCK_STREAM, 0);
    connect(*a, (SOCKADDR *)&addr, sizeof(addr));
    *b = accept(l, NULL, NULL);
    closesocket(l);
}

static DWORD WINAPI close_later(LPVOID arg)
{
    Sleep(300);
    closesocket(*(SOCKET *)arg);
    return 0;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET fresh, a, b;
    fd_set rs, ws, es;
    struct timeval tv = {0, 0};
    HANDLE t;
    int n;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    fresh = socket(AF_INET, SOCK_STREAM, 0);
    FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
    FD_SET(fresh, &rs); FD_SET(fresh, &ws); FD_SET(fresh, &es);
    CHECK_EQ(select(0, &rs, &ws, &es, &tv), 0, "a TCP socket that never connected is in no set");
    CHECK(!FD_ISSET(fresh, &ws), "... not even the write set");
    tv.tv_usec = 20000;
    FD_SET(fresh, &ws);
    CHECK_EQ(select(0, NULL, &ws, NULL, &tv), 0, "... also when waiting a little");
    tv.tv_usec = 0;
    closesocket(fresh);

    tcp_pair(&a, &b);
    ws.fd_count = 2;
    ws.fd_array[0] = a;
    ws.fd_array[1] = a;
    n = select(0, NULL, &ws, NULL, &tv);
    CHECK_EQ(n, 1, "a socket listed twice is counted once");
    CHECK_EQ(ws.fd_count, 1, "... and reported once");
    CHECK(ws.fd_array[0] == a, "... in the first slot");

    FD_ZERO(&rs);
    FD_SET(a, &rs);
    CHECK_EQ(select(0, &rs, &rs, NULL, &tv), 1, "one set passed as read and write set: writable socket counted once");
    CHECK(FD_ISSET(a, &rs), "... and is in the set");

    FD_ZERO(&rs);
    FD_SET(a, &rs);
    FD_SET(b, &rs);
    CHECK_EQ(send(a, "x", 1, 0), 1, "send");
    Sleep(50);
    n = select(0, &rs, &rs, NULL, &tv);
    CHECK_EQ(n, 2, "readable and writable b plus writable a in one aliased set: 2");
    CHECK_EQ(rs.fd_count, 2, "... two entries");
    CHECK(FD_ISSET(a, &rs) && FD_ISSET(b, &rs), "... both sockets");

    FD_ZERO(&rs); FD_ZERO(&ws);
    FD_SET(b, &rs); FD_SET(b, &ws);
    CHECK_EQ(select(0, &rs, &ws, NULL, &tv), 2, "separate sets count each: readable + writable = 2");

    FD_ZERO(&rs); FD_ZERO(&es);
    FD_SET(a, &rs); FD_SET(INVALID_SOCKET, &rs);
    FD_SET(a, &es);
    WSASetLastError(0);
    CHECK_EQ(select(0, &rs, NULL, &es, &tv), SOCKET_ERROR, "an invalid socket fails select");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");
    CHECK_EQ(rs.fd_count, 2, "... the read set unchanged");
    CHECK_EQ(es.fd_count, 1, "... the except set unchanged");
    closesocket(a);
    closesocket(b);

    /* closesocket in another thread ends a blocked select: readable */
    tcp_pair(&a, &b);
    FD_ZERO(&rs); FD_ZERO(&es);
    FD_SET(a, &rs); FD_SET(a, &es);
    tv.tv_sec = 5;
    t = CreateThread(NULL, 0, close_later, &a, 0, NULL);
    n = select(0, &rs, NULL, &es, &tv);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(n, 1, "closing the socket in another thread wakes select");
    CHECK(FD_ISSET(a, &rs), "... reporting it readable");
    closesocket(b);

    /* ... and with only the except set it fails with WSAENOTSOCK */
    tcp_pair(&a, &b);
    FD_ZERO(&es);
    FD_SET(a, &es);
    t = CreateThread(NULL, 0, close_later, &a, 0, NULL);
    WSASetLastError(0);
    n = select(0, NULL, NULL, &es, &tv);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(n, SOCKET_ERROR, "closing a socket only in the except set fails select");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");
    CHECK(!FD_ISSET(a, &es), "... and the set no longer holds it");
    closesocket(b);

    /* a closed listening socket wakes a select waiting for connections */
    {
        SOCKADDR_IN addr;
        SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
        memset(&addr, 0, sizeof(addr));
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = inet_addr("127.0.0.1");
        bind(l, (SOCKADDR *)&addr, sizeof(addr));
        listen(l, 1);
        FD_ZERO(&rs);
        FD_SET(l, &rs);
        t = CreateThread(NULL, 0, close_later, &l, 0, NULL);
        n = select(0, &rs, NULL, NULL, &tv);
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
        CHECK_EQ(n, 1, "closing a listening socket wakes a select on it");
    }

    WSACleanup();
    return check_done();
}
