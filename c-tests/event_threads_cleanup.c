/* The last WSACleanup while other threads are inside event calls (docs/WINDOWS.md §6.2,
 * §8.3): it closes every socket and event; a thread waiting on an event wakes with
 * WSA_WAIT_FAILED / WSA_INVALID_HANDLE, a thread blocked in recvfrom wakes with an error,
 * later socket calls fail with WSANOTINITIALISED and the closed events stay invalid. No hang,
 * no crash, no leak. */
/* ws2mp-test: timeout=60 */
#include "event_util.h"

struct waiter {
    HANDLE thread;
    WSAEVENT events[2];
    DWORD count;
    DWORD result;
    int error;
    long long took;
};

static DWORD WINAPI wait_thread(LPVOID arg)
{
    struct waiter *w = arg;
    long long t0 = now_ms();
    w->result = WSAWaitForMultipleEvents(w->count, w->events, FALSE, 10000, FALSE);
    w->error = WSAGetLastError();
    w->took = now_ms() - t0;
    return 0;
}

struct reader {
    HANDLE thread;
    SOCKET s;
    int result;
    int error;
    long long took;
};

static DWORD WINAPI recv_thread(LPVOID arg)
{
    struct reader *r = arg;
    char buf[16];
    long long t0 = now_ms();
    r->result = recvfrom(r->s, buf, sizeof(buf), 0, NULL, NULL);
    r->error = WSAGetLastError();
    r->took = now_ms() - t0;
    return 0;
}

int main(void)
{
    WSAEVENT ev, ev2;
    SOCKET b, d;
    struct waiter w1, w2;
    struct reader rd;
    WSANETWORKEVENTS ne;

    start_winsock();
    ev = WSACreateEvent();
    ev2 = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT && ev2 != WSA_INVALID_EVENT, "two events");
    /* Datagram sockets: no peer whose own closing by the cleanup could wake anyone first. */
    {
        struct sockaddr_in addr;
        loopback(&addr, 0);
        b = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        d = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        REQUIRE(b != INVALID_SOCKET && d != INVALID_SOCKET, "two UDP sockets");
        REQUIRE(bind(b, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
                    bind(d, (struct sockaddr *)&addr, sizeof(addr)) == 0,
                "bound to loopback");
    }
    REQUIRE(WSAEventSelect(b, ev, FD_READ) == 0, "b selected on ev");

    memset(&w1, 0, sizeof(w1));
    w1.events[0] = ev;
    w1.count = 1;
    memset(&w2, 0, sizeof(w2));
    w2.events[0] = ev2;
    w2.events[1] = ev;
    w2.count = 2;
    memset(&rd, 0, sizeof(rd));
    rd.s = d; /* blocking, not selected */
    w1.thread = CreateThread(NULL, 0, wait_thread, &w1, 0, NULL);
    w2.thread = CreateThread(NULL, 0, wait_thread, &w2, 0, NULL);
    rd.thread = CreateThread(NULL, 0, recv_thread, &rd, 0, NULL);
    sleep_ms(200);

    CHECK_EQ(WSACleanup(), 0, "the last WSACleanup while three threads are blocked");
    WaitForSingleObject(w1.thread, INFINITE);
    CloseHandle(w1.thread);
    WaitForSingleObject(w2.thread, INFINITE);
    CloseHandle(w2.thread);
    WaitForSingleObject(rd.thread, INFINITE);
    CloseHandle(rd.thread);

    CHECK_EQ(w1.result, WSA_WAIT_FAILED, "a thread waiting on one event wakes with WSA_WAIT_FAILED");
    CHECK_EQ(w1.error, WSA_INVALID_HANDLE, "... and WSA_INVALID_HANDLE");
    CHECK(w1.took < 5000, "... promptly");
    CHECK_EQ(w2.result, WSA_WAIT_FAILED, "a thread waiting on two events wakes with WSA_WAIT_FAILED");
    CHECK_EQ(w2.error, WSA_INVALID_HANDLE, "... and WSA_INVALID_HANDLE");
    CHECK(w2.took < 5000, "... promptly");
    CHECK_EQ(rd.result, SOCKET_ERROR, "a thread blocked in recvfrom wakes with an error");
    CHECK_EQ(rd.error, WSAEINTR, "... WSAEINTR, as for closesocket from another thread");
    CHECK(rd.took < 5000, "... promptly");

    CHECK_EQ(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE), WSA_WAIT_FAILED, "waiting on the closed event fails");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... with WSA_INVALID_HANDLE (the cleanup closed it)");
    CHECK_EQ(WSAEnumNetworkEvents(b, NULL, &ne), SOCKET_ERROR, "enumerating after the cleanup fails");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... with WSANOTINITIALISED");

    /* A new WSAStartup starts from nothing: the old handles stay invalid. */
    start_winsock();
    CHECK_EQ(WSASetEvent(ev), FALSE, "after a new WSAStartup the old event handle is invalid");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "... WSA_INVALID_HANDLE");
    CHECK_EQ(closesocket(b), SOCKET_ERROR, "... and the old socket is gone");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... WSAENOTSOCK");
    {
        WSAEVENT fresh = WSACreateEvent();
        SOCKET e, f;
        CHECK(fresh != WSA_INVALID_EVENT, "new events can be created");
        REQUIRE(tcp_pair(&e, &f) == 0, "a new pair");
        REQUIRE(WSAEventSelect(f, fresh, FD_READ) == 0, "select it");
        send(e, "!", 1, 0);
        CHECK_EQ(wait_and_enum(f, fresh, 5000, &ne), FD_READ, "and the event model works again");
        closesocket(e);
        closesocket(f);
        WSACloseEvent(fresh);
    }
    WSACleanup();
    return check_done();
}
