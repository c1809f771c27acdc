/*
 * WSAAccept and its condition function (docs/WINDOWS.md §8.1): the function sees the caller's
 * address in lpCallerId and the local address in lpCalleeId; CF_ACCEPT returns a socket,
 * CF_REJECT fails with WSAECONNREFUSED and the client sees a reset, CF_DEFER fails with
 * WSATRY_AGAIN and the same connection is offered again, any other value is WSAEINVAL.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

struct seen {
    int calls;
    int verdict;
    SOCKADDR_IN caller;
    SOCKADDR_IN callee;
    ULONG caller_len, callee_len;
    int caller_data_null;
    DWORD_PTR callback_data;
};

static int CALLBACK condition(LPWSABUF lpCallerId, LPWSABUF lpCallerData, LPQOS lpSQOS, LPQOS lpGQOS,
                              LPWSABUF lpCalleeId, LPWSABUF lpCalleeData, GROUP *g, DWORD_PTR dwCallbackData)
{
    struct seen *seen = (struct seen *)dwCallbackData;
    (void)lpSQOS;
    (void)lpGQOS;
    (void)lpCalleeData;
    seen->calls++;
    seen->callback_data = dwCallbackData;
    seen->caller_len = lpCallerId ? lpCallerId->len : 0;
    seen->callee_len = lpCalleeId ? lpCalleeId->len : 0;
    memset(&seen->caller, 0, sizeof seen->caller);
    memset(&seen->callee, 0, sizeof seen->callee);
    if (lpCallerId && lpCallerId->buf && lpCallerId->len >= sizeof(SOCKADDR_IN))
        memcpy(&seen->caller, lpCallerId->buf, sizeof(SOCKADDR_IN));
    if (lpCalleeId && lpCalleeId->buf && lpCalleeId->len >= sizeof(SOCKADDR_IN))
        memcpy(&seen->callee, lpCalleeId->buf, sizeof(SOCKADDR_IN));
    seen->caller_data_null = lpCallerData == NULL || lpCallerData->len == 0;
    if (g)
        *g = 0;
    return seen->verdict;
}

static int same_addr(const SOCKADDR_IN *a, const SOCKADDR_IN *b)
{
    return a->sin_family == b->sin_family && a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
}

static SOCKET client(const SOCKADDR_IN *to, SOCKADDR_IN *local)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    int len = sizeof(*local);
    if (c == INVALID_SOCKET || connect(c, (const SOCKADDR *)to, sizeof(*to)) == SOCKET_ERROR ||
        getsockname(c, (SOCKADDR *)local, &len) == SOCKET_ERROR)
        return INVALID_SOCKET;
    return c;
}

/* recv on a socket whose connection the listener refused: 0 for a graceful close, else the
 * error (a reset is WSAECONNRESET). Waits at most two seconds. */
static int client_outcome(SOCKET c)
{
    char b[8];
    DWORD timeout = 2000;
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
    if (recv(c, b, sizeof b, 0) == SOCKET_ERROR)
        return WSAGetLastError();
    return 0;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET l, c1, c2, a, u;
    SOCKADDR_IN laddr, c1addr, c2addr, from;
    struct seen seen;
    int len;
    char buf[8];
    u_long nb = 1;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&laddr, 0, sizeof laddr);
    laddr.sin_family = AF_INET;
    laddr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof laddr;
    REQUIRE(l != INVALID_SOCKET && bind(l, (SOCKADDR *)&laddr, sizeof laddr) == 0 && listen(l, SOMAXCONN) == 0 &&
                getsockname(l, (SOCKADDR *)&laddr, &len) == 0,
            "a listener on 127.0.0.1");

    /* WSAAccept on a socket that is not listening. */
    u = socket(AF_INET, SOCK_STREAM, 0);
    memset(&seen, 0, sizeof seen);
    CHECK_EQ(WSAAccept(u, NULL, NULL, condition, (DWORD_PTR)&seen), INVALID_SOCKET, "WSAAccept on a socket that is not listening fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(seen.calls, 0, "... without calling the condition function");
    closesocket(u);

    /* CF_ACCEPT: the condition function sees both addresses; the socket works. */
    c1 = client(&laddr, &c1addr);
    REQUIRE(c1 != INVALID_SOCKET, "a client connects");
    memset(&seen, 0, sizeof seen);
    seen.verdict = CF_ACCEPT;
    len = sizeof from;
    memset(&from, 0, sizeof from);
    a = WSAAccept(l, (SOCKADDR *)&from, &len, condition, (DWORD_PTR)&seen);
    REQUIRE(a != INVALID_SOCKET, "WSAAccept with CF_ACCEPT returns a socket");
    CHECK_EQ(seen.calls, 1, "the condition function was called once");
    CHECK_EQ(seen.callback_data, (DWORD_PTR)&seen, "dwCallbackData is passed through");
    CHECK_EQ(seen.caller_len, sizeof(SOCKADDR_IN), "lpCallerId holds a sockaddr_in");
    CHECK(same_addr(&seen.caller, &c1addr), "lpCallerId is the caller's address");
    CHECK_EQ(seen.callee_len, sizeof(SOCKADDR_IN), "lpCalleeId holds a sockaddr_in");
    CHECK(same_addr(&seen.callee, &laddr), "lpCalleeId is the local (listening) address");
    CHECK(seen.caller_data_null, "no caller data on TCP");
    CHECK(len == sizeof(SOCKADDR_IN) && same_addr(&from, &c1addr), "addr/addrlen report the caller, as accept does");
    CHECK_EQ(send(c1, "hi", 2, 0), 2, "the client sends");
    CHECK_EQ(recv(a, buf, sizeof buf, 0), 2, "... and the accepted socket receives");
    closesocket(a);
    closesocket(c1);

    /* A NULL condition function is a plain accept. */
    c1 = client(&laddr, &c1addr);
    REQUIRE(c1 != INVALID_SOCKET, "a client connects");
    a = WSAAccept(l, NULL, NULL, NULL, 0);
    CHECK(a != INVALID_SOCKET, "WSAAccept without a condition function accepts");
    closesocket(a);
    closesocket(c1);

    /* CF_REJECT: WSAECONNREFUSED; the client sees a reset. */
    c1 = client(&laddr, &c1addr);
    REQUIRE(c1 != INVALID_SOCKET, "a client connects");
    memset(&seen, 0, sizeof seen);
    seen.verdict = CF_REJECT;
    a = WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&seen);
    CHECK_EQ(a, INVALID_SOCKET, "WSAAccept with CF_REJECT fails");
    CHECK_EQ(WSAGetLastError(), WSAECONNREFUSED, "... with WSAECONNREFUSED");
    CHECK(seen.calls == 1 && same_addr(&seen.caller, &c1addr), "... after asking about that caller");
    CHECK_EQ(client_outcome(c1), WSAECONNRESET, "the rejected client sees a reset");
    closesocket(c1);

    /* CF_DEFER: WSATRY_AGAIN; the same connection is offered again next time, before others. */
    c1 = client(&laddr, &c1addr);
    REQUIRE(c1 != INVALID_SOCKET, "a first client connects");
    memset(&seen, 0, sizeof seen);
    seen.verdict = CF_DEFER;
    a = WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&seen);
    CHECK_EQ(a, INVALID_SOCKET, "WSAAccept with CF_DEFER fails");
    CHECK_EQ(WSAGetLastError(), WSATRY_AGAIN, "... with WSATRY_AGAIN");
    CHECK(same_addr(&seen.caller, &c1addr), "... after asking about the first client");
    c2 = client(&laddr, &c2addr);
    REQUIRE(c2 != INVALID_SOCKET, "a second client connects");
    a = WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&seen);
    CHECK_EQ(WSAGetLastError(), WSATRY_AGAIN, "deferring again: WSATRY_AGAIN");
    CHECK(a == INVALID_SOCKET && same_addr(&seen.caller, &c1addr), "... and the deferred connection was offered again first");
    seen.verdict = CF_ACCEPT;
    len = sizeof from;
    a = WSAAccept(l, (SOCKADDR *)&from, &len, condition, (DWORD_PTR)&seen);
    CHECK(a != INVALID_SOCKET, "CF_ACCEPT on the next call accepts");
    CHECK(same_addr(&seen.caller, &c1addr) && same_addr(&from, &c1addr), "... the deferred connection");
    CHECK_EQ(seen.calls, 3, "the condition function ran once per call");
    CHECK_EQ(send(c1, "d", 1, 0), 1, "the deferred client sends");
    CHECK_EQ(recv(a, buf, sizeof buf, 0), 1, "... and its accepted socket receives: the connection survived the deferral");
    closesocket(a);
    len = sizeof from;
    a = WSAAccept(l, (SOCKADDR *)&from, &len, condition, (DWORD_PTR)&seen);
    CHECK(a != INVALID_SOCKET && same_addr(&from, &c2addr), "then the second client is offered");
    closesocket(a);
    closesocket(c1);
    closesocket(c2);

    /* Any other return value: WSAEINVAL, and the connection is not kept. */
    c1 = client(&laddr, &c1addr);
    REQUIRE(c1 != INVALID_SOCKET, "a client connects");
    memset(&seen, 0, sizeof seen);
    seen.verdict = 42;
    a = WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&seen);
    CHECK_EQ(a, INVALID_SOCKET, "a condition function returning 42 fails the call");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(client_outcome(c1), WSAECONNRESET, "... and that client sees a reset");
    closesocket(c1);

    /* Non-blocking listener with nothing pending: WSAEWOULDBLOCK, condition not called. */
    CHECK_EQ(ioctlsocket(l, FIONBIO, &nb), 0, "ioctlsocket(FIONBIO) on the listener");
    memset(&seen, 0, sizeof seen);
    CHECK_EQ(WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&seen), INVALID_SOCKET, "WSAAccept with nothing pending fails");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... with WSAEWOULDBLOCK");
    CHECK_EQ(seen.calls, 0, "... without calling the condition function");

    /* addrlen too small: WSAEFAULT, the condition function is not asked. */
    c1 = client(&laddr, &c1addr);
    REQUIRE(c1 != INVALID_SOCKET, "a client connects");
    len = 4;
    seen.verdict = CF_ACCEPT;
    CHECK_EQ(WSAAccept(l, (SOCKADDR *)&from, &len, condition, (DWORD_PTR)&seen), INVALID_SOCKET, "WSAAccept with addrlen 4 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(seen.calls, 0, "... before calling the condition function");
    closesocket(c1);

    closesocket(l);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}
