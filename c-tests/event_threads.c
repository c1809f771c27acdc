/* Events across threads (docs/WINDOWS.md §6.2; every call is thread-safe): a manual-reset event wakes every
 * waiter; closesocket on a socket whose event another thread waits on, and WSACloseEvent
 * during a wait (undefined on Windows) are defined here: no hang, no crash, and a waiter on a
 * closed event wakes with WSA_WAIT_FAILED / WSA_INVALID_HANDLE. */
/* ws2mp-test: timeout=120 */
#include "event_util.h"

struct waiter {
    HANDLE thread;
    WSAEVENT events[4];
    DWORD count;
    BOOL all;
    DWORD timeout;
    DWORD result;
    int error;
    long long took;
};

static DWORD WINAPI wait_thread(LPVOID arg)
{
    struct waiter *w = arg;
    long long t0 = now_ms();
    w->result = WSAWaitForMultipleEvents(w->count, w->events, w->all, w->timeout, FALSE);
    w->error = WSAGetLastError();
    w->took = now_ms() - t0;
    return 0;
}

static void start_waiter(struct waiter *w, DWORD count, const WSAEVENT *events, BOOL all, DWORD timeout)
{
    DWORD i;
    memset(w, 0, sizeof(*w));
    for (i = 0; i < count; i++)
        w->events[i] = events[i];
    w->count = count;
    w->all = all;
    w->timeout = timeout;
    w->thread = CreateThread(NULL, 0, wait_thread, w, 0, NULL);
}

/* Thread that keeps waiting and enumerating on one event until told to stop. */
struct loop {
    HANDLE thread;
    WSAEVENT ev;
    SOCKET s;
    int stop; /* __atomic */
    long rounds;
};

static DWORD WINAPI loop_thread(LPVOID arg)
{
    struct loop *l = arg;
    WSANETWORKEVENTS ne;
    char buf[64];
    while (!__atomic_load_n(&l->stop, __ATOMIC_ACQUIRE)) {
        if (WSAWaitForMultipleEvents(1, &l->ev, FALSE, 20, FALSE) == WSA_WAIT_EVENT_0) {
            WSAEnumNetworkEvents(l->s, l->ev, &ne); /* may fail once s is closed: fine */
            recv(l->s, buf, sizeof(buf), 0);
            WSAResetEvent(l->ev);
        }
        l->rounds++;
    }
    return 0;
}

int main(void)
{
    WSAEVENT ev, ev2, pair[2];
    struct waiter w1, w2;
    SOCKET a, b;
    int i, ok;

    start_winsock();
    ev = WSACreateEvent();
    ev2 = WSACreateEvent();
    REQUIRE(ev != WSA_INVALID_EVENT && ev2 != WSA_INVALID_EVENT, "two events");

    /* One WSASetEvent wakes every thread waiting on a manual-reset event. */
    start_waiter(&w1, 1, &ev, FALSE, 10000);
    pair[0] = ev2;
    pair[1] = ev;
    start_waiter(&w2, 2, pair, FALSE, 10000);
    sleep_ms(100);
    WSASetEvent(ev);
    WaitForSingleObject(w1.thread, INFINITE);
    CloseHandle(w1.thread);
    WaitForSingleObject(w2.thread, INFINITE);
    CloseHandle(w2.thread);
    CHECK_EQ(w1.result, WSA_WAIT_EVENT_0, "waiter 1 wakes on WSASetEvent");
    CHECK_EQ(w2.result, WSA_WAIT_EVENT_0 + 1, "waiter 2 (two events) wakes too, index 1");
    CHECK(w1.took < 5000 && w2.took < 5000, "... both promptly");
    WSAResetEvent(ev);

    /* closesocket on a socket whose event another thread waits on. */
    REQUIRE(tcp_pair(&a, &b) == 0, "loopback pair");
    REQUIRE(WSAEventSelect(b, ev, FD_READ | FD_CLOSE) == 0, "select b");
    start_waiter(&w1, 1, &ev, FALSE, 10000);
    sleep_ms(100);
    CHECK_EQ(closesocket(b), 0, "closesocket while another thread waits on its event");
    send(a, "x", 1, 0);
    sleep_ms(100);
    WSASetEvent(ev);
    WaitForSingleObject(w1.thread, INFINITE);
    CloseHandle(w1.thread);
    CHECK_EQ(w1.result, WSA_WAIT_EVENT_0, "the waiter is unharmed and wakes on the next WSASetEvent");
    CHECK(w1.took >= 150, "... not earlier: closing the socket did not signal the event");
    WSAResetEvent(ev);
    closesocket(a);

    /* The same race, many times, with a thread in a wait/enumerate/recv loop. */
    {
        struct loop l;
        memset(&l, 0, sizeof(l));
        l.ev = ev;
        for (ok = 1, i = 0; i < 200 && ok; i++) {
            SOCKET c, d;
            if (tcp_pair(&c, &d) != 0 || WSAEventSelect(d, ev, FD_READ | FD_WRITE | FD_CLOSE) != 0) {
                ok = 0;
                break;
            }
            l.s = d;
            __atomic_store_n(&l.stop, 0, __ATOMIC_RELEASE);
            l.thread = CreateThread(NULL, 0, loop_thread, &l, 0, NULL);
            send(c, "ping", 4, 0);
            if (i % 2)
                sleep_ms(1);
            closesocket(d);
            send(c, "pong", 4, 0);
            closesocket(c);
            __atomic_store_n(&l.stop, 1, __ATOMIC_RELEASE);
            WaitForSingleObject(l.thread, INFINITE);
            CloseHandle(l.thread);
        }
        CHECK(ok, "200 rounds of closesocket racing a waiting, enumerating, receiving thread");
    }

    /* WSACloseEvent during a wait: one event, several events, and fWaitAll. */
    {
        WSAEVENT x = WSACreateEvent(), y = WSACreateEvent(), z = WSACreateEvent();
        WSAEVENT xy[2], yz[2];
        REQUIRE(x && y && z, "three more events");

        start_waiter(&w1, 1, &x, FALSE, 10000);
        sleep_ms(100);
        CHECK_EQ(WSACloseEvent(x), TRUE, "WSACloseEvent while a thread waits on it");
        WaitForSingleObject(w1.thread, INFINITE);
        CloseHandle(w1.thread);
        CHECK_EQ(w1.result, WSA_WAIT_FAILED, "the waiter wakes with WSA_WAIT_FAILED");
        CHECK_EQ(w1.error, WSA_INVALID_HANDLE, "... and WSA_INVALID_HANDLE");
        CHECK(w1.took < 5000, "... promptly, not at its timeout");

        xy[0] = y;
        xy[1] = z;
        start_waiter(&w1, 2, xy, FALSE, 10000);
        yz[0] = z;
        yz[1] = y;
        start_waiter(&w2, 2, yz, TRUE, 10000);
        sleep_ms(100);
        WSASetEvent(y);
        sleep_ms(50);
        CHECK_EQ(WSACloseEvent(z), TRUE, "WSACloseEvent on one of several awaited events");
        WaitForSingleObject(w1.thread, INFINITE);
        CloseHandle(w1.thread);
        WaitForSingleObject(w2.thread, INFINITE);
        CloseHandle(w2.thread);
        CHECK_EQ(w1.result, WSA_WAIT_EVENT_0, "a wait-any waiter had already woken on the set event");
        CHECK_EQ(w2.result, WSA_WAIT_FAILED, "the fWaitAll waiter wakes with WSA_WAIT_FAILED");
        CHECK_EQ(w2.error, WSA_INVALID_HANDLE, "... and WSA_INVALID_HANDLE");
        CHECK(w2.took < 5000, "... promptly");

        /* A selected socket keeps working after its event handle was closed under it. */
        REQUIRE(tcp_pair(&a, &b) == 0, "another pair");
        REQUIRE(WSAEventSelect(b, y, FD_READ) == 0, "select on y");
        WSACloseEvent(y);
        send(a, "late", 4, 0);
        sleep_ms(20);
        {
            WSANETWORKEVENTS ne;
            CHECK_EQ(enum_events(b, NULL, &ne), FD_READ, "the socket still records (enumerated without the closed handle)");
        }
        closesocket(a);
        closesocket(b);
    }

    WSACloseEvent(ev);
    WSACloseEvent(ev2);
    WSACleanup();
    return check_done();
}
