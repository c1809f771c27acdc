/* Winsock 1.1's asynchronous database calls, the way a windowed program uses them: the request
 * returns a task handle at once; the window later gets the message with wParam the handle and
 * lParam WSAMAKEASYNCREPLY(length, error), and the caller's MAXGETHOSTSTRUCT buffer holds the
 * hostent / servent / protoent with its pointers into that buffer. Also WSAENOBUFS with the
 * length needed, a host that does not exist, WSACancelAsyncRequest, and the errors of bad input. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "check.h"

#define WM_RESOLVED (WM_USER + 10)

static HANDLE last_task;
static LPARAM last_reply;
static int replies;

static LRESULT CALLBACK resolver_proc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam)
{
    if (msg == WM_RESOLVED) {
        last_task = (HANDLE)wParam;
        last_reply = lParam;
        ++replies;
        return 0;
    }
    return DefWindowProc(hwnd, msg, wParam, lParam);
}

/* Pumps messages until a reply arrives (or `ms` pass); returns whether one did. */
static int wait_reply(DWORD ms)
{
    MSG msg;
    DWORD start = GetTickCount();
    int before = replies;
    while (replies == before && GetTickCount() - start < ms) {
        if (PeekMessage(&msg, NULL, 0, 0, PM_REMOVE))
            DispatchMessage(&msg);
        else
            MsgWaitForMultipleObjects(0, NULL, FALSE, 20, QS_ALLINPUT);
    }
    return replies != before;
}

static int inside(const void *p, const char *buf, size_t len)
{
    return (const char *)p >= buf && (const char *)p < buf + len;
}

int main(void)
{
    WSADATA wsa;
    WNDCLASSA wc;
    HWND hwnd;
    HANDLE task;
    char buf[MAXGETHOSTSTRUCT];
    char small[sizeof(HOSTENT)];
    HOSTENT *host = (HOSTENT *)buf;
    SERVENT *serv = (SERVENT *)buf;
    PROTOENT *proto = (PROTOENT *)buf;
    unsigned long loopback = htonl(INADDR_LOOPBACK);
    int cancel;

    CHECK(WSAAsyncGetHostByName(NULL, WM_RESOLVED, "localhost", buf, sizeof(buf)) == NULL,
          "before WSAStartup: no task");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... WSANOTINITIALISED");
    REQUIRE(WSAStartup(MAKEWORD(1, 1), &wsa) == 0, "WSAStartup(1.1)");

    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = resolver_proc;
    wc.lpszClassName = "resolver";
    REQUIRE(RegisterClassA(&wc) != 0, "RegisterClass");
    hwnd = CreateWindowA("resolver", "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(hwnd != NULL, "a message-only window");

    /* A host by name. */
    memset(buf, 0x5a, sizeof(buf));
    task = WSAAsyncGetHostByName(hwnd, WM_RESOLVED, "127.0.0.1", buf, sizeof(buf));
    REQUIRE(task != NULL, "WSAAsyncGetHostByName returns a task handle");
    REQUIRE(wait_reply(10000), "the window gets the message");
    CHECK(last_task == task, "wParam is the task handle");
    CHECK_EQ(WSAGETASYNCERROR(last_reply), 0, "error 0");
    CHECK(WSAGETASYNCBUFLEN(last_reply) > sizeof(HOSTENT) && WSAGETASYNCBUFLEN(last_reply) <= sizeof(buf),
          "the length is the entry's, within the buffer");
    CHECK_EQ(host->h_addrtype, AF_INET, "the buffer holds a hostent: AF_INET");
    CHECK_EQ(host->h_length, 4, "... 4-byte addresses");
    CHECK(inside(host->h_name, buf, sizeof(buf)) && inside(host->h_addr_list, buf, sizeof(buf)),
          "... whose pointers point into the caller's buffer");
    CHECK(host->h_addr_list[0] != NULL && memcmp(host->h_addr_list[0], &loopback, 4) == 0,
          "... the address is 127.0.0.1");
    CHECK(host->h_addr_list[1] == NULL, "... and only that");
    CHECK(strcmp(host->h_name, "127.0.0.1") == 0, "... named as asked");

    /* Too small a buffer: WSAENOBUFS with the length needed, nothing written. */
    memset(small, 0x5a, sizeof(small));
    task = WSAAsyncGetHostByName(hwnd, WM_RESOLVED, "127.0.0.1", small, sizeof(small));
    REQUIRE(task != NULL && wait_reply(10000), "a request with a small buffer is answered");
    CHECK_EQ(WSAGETASYNCERROR(last_reply), WSAENOBUFS, "... with WSAENOBUFS");
    CHECK(WSAGETASYNCBUFLEN(last_reply) > sizeof(small), "... and the length the entry needs");
    CHECK((unsigned char)small[0] == 0x5a && (unsigned char)small[sizeof(small) - 1] == 0x5a,
          "... the buffer is untouched");

    /* A name that does not exist. */
    task = WSAAsyncGetHostByName(hwnd, WM_RESOLVED, "no-such-host.invalid", buf, sizeof(buf));
    REQUIRE(task != NULL && wait_reply(10000), "a request for a missing host is answered");
    CHECK_EQ(WSAGETASYNCERROR(last_reply), WSAHOST_NOT_FOUND, "... with WSAHOST_NOT_FOUND");

    /* By address. */
    task = WSAAsyncGetHostByAddr(hwnd, WM_RESOLVED, (const char *)&loopback, 4, AF_INET, buf, sizeof(buf));
    REQUIRE(task != NULL && wait_reply(10000), "WSAAsyncGetHostByAddr is answered");
    if (WSAGETASYNCERROR(last_reply) == 0)
        CHECK(host->h_addrtype == AF_INET && memcmp(host->h_addr_list[0], &loopback, 4) == 0,
              "... with a hostent for 127.0.0.1");
    else
        CHECK_EQ(WSAGETASYNCERROR(last_reply), WSAHOST_NOT_FOUND, "... or WSAHOST_NOT_FOUND (no name here)");
    CHECK(WSAAsyncGetHostByAddr(hwnd, WM_RESOLVED, NULL, 4, AF_INET, buf, sizeof(buf)) == NULL,
          "a NULL address: no task");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");

    /* Services and protocols. */
    task = WSAAsyncGetServByName(hwnd, WM_RESOLVED, "telnet", "tcp", buf, sizeof(buf));
    REQUIRE(task != NULL && wait_reply(10000), "WSAAsyncGetServByName is answered");
    CHECK_EQ(WSAGETASYNCERROR(last_reply), 0, "... error 0");
    CHECK_EQ(ntohs(serv->s_port), 23, "... telnet is port 23");
    CHECK(strcmp(serv->s_proto, "tcp") == 0 && inside(serv->s_name, buf, sizeof(buf)), "... over tcp, in the buffer");
    task = WSAAsyncGetServByPort(hwnd, WM_RESOLVED, htons(23), "tcp", buf, sizeof(buf));
    REQUIRE(task != NULL && wait_reply(10000), "WSAAsyncGetServByPort is answered");
    CHECK(WSAGETASYNCERROR(last_reply) == 0 && strcmp(serv->s_name, "telnet") == 0, "... port 23 is telnet");
    task = WSAAsyncGetProtoByName(hwnd, WM_RESOLVED, "udp", buf, sizeof(buf));
    REQUIRE(task != NULL && wait_reply(10000), "WSAAsyncGetProtoByName is answered");
    CHECK(WSAGETASYNCERROR(last_reply) == 0 && proto->p_proto == IPPROTO_UDP, "... udp is 17");
    task = WSAAsyncGetProtoByNumber(hwnd, WM_RESOLVED, IPPROTO_TCP, buf, sizeof(buf));
    REQUIRE(task != NULL && wait_reply(10000), "WSAAsyncGetProtoByNumber is answered");
    CHECK(WSAGETASYNCERROR(last_reply) == 0 && strcmp(proto->p_name, "tcp") == 0, "... 6 is tcp");
    task = WSAAsyncGetProtoByNumber(hwnd, WM_RESOLVED, 250, buf, sizeof(buf));
    REQUIRE(task != NULL && wait_reply(10000), "an unknown protocol number is answered");
    CHECK_EQ(WSAGETASYNCERROR(last_reply), WSANO_DATA, "... with WSANO_DATA");

    /* Cancelling. */
    CHECK_EQ(WSACancelAsyncRequest(task), SOCKET_ERROR, "cancelling a finished request fails");
    CHECK_EQ(WSAGetLastError(), WSAEALREADY, "... with WSAEALREADY");
    CHECK_EQ(WSACancelAsyncRequest((HANDLE)(ULONG_PTR)0x7654321), SOCKET_ERROR, "cancelling no request fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    memset(buf, 0x5a, sizeof(buf));
    task = WSAAsyncGetProtoByNumber(hwnd, WM_RESOLVED, IPPROTO_UDP, buf, sizeof(buf));
    cancel = WSACancelAsyncRequest(task);
    if (cancel == 0) {
        CHECK(!wait_reply(300), "a cancelled request posts nothing");
        CHECK((unsigned char)buf[0] == 0x5a, "... and writes nothing");
    } else {
        CHECK_EQ(WSAGetLastError(), WSAEALREADY, "a request that finished first: WSAEALREADY");
        CHECK(wait_reply(10000), "... and its message arrives");
    }

    DestroyWindow(hwnd);
    WSACleanup();
    return check_done();
}
