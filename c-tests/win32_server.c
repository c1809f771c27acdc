/* Win32 threads, events and selected sockets together, the way Windows servers combine them:
 * a thread-per-client echo server whose statistics are guarded by a CRITICAL_SECTION; a worker
 * pool fed through an auto-reset event with a manual-reset stop event at the lower index; and
 * one WaitForMultipleObjects over a socket's event (CreateEvent + WSAEventSelect) and a thread
 * handle, woken by network events and by the thread's end. */
/* ws2mp-test: timeout=120 */
#include "event_util.h"
#include <windows.h>
#include <process.h>

#define CLIENTS 8

static CRITICAL_SECTION stats_lock;
static int bytes_echoed;
static int clients_served;

static DWORD WINAPI serve_client(LPVOID param)
{
    SOCKET s = (SOCKET)(UINT_PTR)param;
    char buf[256];
    int n;
    while ((n = recv(s, buf, sizeof(buf), 0)) > 0) {
        send_all(s, buf, n);
        EnterCriticalSection(&stats_lock);
        bytes_echoed += n;
        LeaveCriticalSection(&stats_lock);
    }
    EnterCriticalSection(&stats_lock);
    clients_served++;
    LeaveCriticalSection(&stats_lock);
    closesocket(s);
    return 0;
}

struct server {
    SOCKET listener;
    HANDLE handlers[CLIENTS];
};

static unsigned __stdcall accept_loop(void *param)
{
    struct server *srv = (struct server *)param;
    int i;
    for (i = 0; i < CLIENTS; i++) {
        SOCKET c = accept(srv->listener, NULL, NULL);
        if (c == INVALID_SOCKET)
            return 1;
        srv->handlers[i] = CreateThread(NULL, 0, serve_client, (LPVOID)(UINT_PTR)c, 0, NULL);
    }
    return 0;
}

static struct sockaddr_in server_addr;

static DWORD WINAPI client(LPVOID param)
{
    char msg[64], reply[64];
    int len, got = 0, n;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    len = sprintf(msg, "hello from client %d", (int)(UINT_PTR)param);
    if (connect(s, (struct sockaddr *)&server_addr, sizeof(server_addr)) != 0)
        return 1;
    send_all(s, msg, len);
    while (got < len && (n = recv(s, reply + got, len - got, 0)) > 0)
        got += n;
    shutdown(s, SD_SEND);
    closesocket(s);
    return got == len && memcmp(msg, reply, (size_t)len) == 0 ? 0 : 2;
}

static void test_thread_per_client(void)
{
    struct server srv;
    HANDLE clients[CLIENTS], acceptor;
    DWORD code, bad = 0;
    int i, expected = 0;
    InitializeCriticalSection(&stats_lock);
    srv.listener = tcp_listener(&server_addr);
    REQUIRE(srv.listener != INVALID_SOCKET, "listener");
    acceptor = (HANDLE)_beginthreadex(NULL, 0, accept_loop, &srv, 0, NULL);
    REQUIRE(acceptor != NULL, "_beginthreadex starts the accept loop");
    for (i = 0; i < CLIENTS; i++)
        clients[i] = CreateThread(NULL, 0, client, (LPVOID)(UINT_PTR)i, 0, NULL);
    CHECK_EQ(WaitForMultipleObjects(CLIENTS, clients, TRUE, 30000), WAIT_OBJECT_0, "all client threads end");
    CHECK_EQ(WaitForSingleObject(acceptor, 10000), WAIT_OBJECT_0, "the accept loop ends");
    GetExitCodeThread(acceptor, &code);
    CHECK_EQ(code, 0, "... having accepted every client");
    CHECK_EQ(WaitForMultipleObjects(CLIENTS, srv.handlers, TRUE, 30000), WAIT_OBJECT_0, "every per-client thread ends");
    for (i = 0; i < CLIENTS; i++) {
        char msg[64];
        GetExitCodeThread(clients[i], &code);
        bad += code != 0;
        expected += sprintf(msg, "hello from client %d", i);
        CloseHandle(clients[i]);
        CloseHandle(srv.handlers[i]);
    }
    CHECK_EQ(bad, 0, "every client got its own message back");
    CHECK_EQ(clients_served, CLIENTS, "the statistics count every client");
    CHECK_EQ(bytes_echoed, expected, "... and every byte");
    CloseHandle(acceptor);
    closesocket(srv.listener);
    DeleteCriticalSection(&stats_lock);
}

#define WORKERS 4
#define ITEMS 400

static HANDLE stop_event, work_event;
static CRITICAL_SECTION queue_lock;
static int queued, processed;

static DWORD WINAPI worker(LPVOID param)
{
    HANDLE waits[2];
    DWORD mine = 0;
    (void)param;
    waits[0] = stop_event;
    waits[1] = work_event;
    for (;;) {
        DWORD r = WaitForMultipleObjects(2, waits, FALSE, INFINITE);
        if (r == WAIT_OBJECT_0)
            return mine;
        if (r != WAIT_OBJECT_0 + 1)
            return 100000;
        for (;;) {
            int took = 0;
            EnterCriticalSection(&queue_lock);
            if (queued > 0) {
                queued--;
                processed++;
                took = 1;
            }
            LeaveCriticalSection(&queue_lock);
            if (!took)
                break;
            mine++;
        }
    }
}

static void test_worker_pool(void)
{
    HANDLE pool[WORKERS];
    DWORD code, total = 0;
    int i, done = 0;
    InitializeCriticalSection(&queue_lock);
    stop_event = CreateEvent(NULL, TRUE, FALSE, NULL);
    work_event = CreateEvent(NULL, FALSE, FALSE, NULL);
    for (i = 0; i < WORKERS; i++)
        pool[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    for (i = 0; i < ITEMS; i++) {
        EnterCriticalSection(&queue_lock);
        queued++;
        LeaveCriticalSection(&queue_lock);
        SetEvent(work_event);
        if (i % 50 == 0)
            Sleep(1);
    }
    for (i = 0; i < 500 && !done; i++) {
        EnterCriticalSection(&queue_lock);
        done = processed == ITEMS;
        LeaveCriticalSection(&queue_lock);
        if (!done)
            Sleep(10);
    }
    CHECK(done, "the pool processes every item signalled through the auto-reset event");
    SetEvent(stop_event);
    CHECK_EQ(WaitForMultipleObjects(WORKERS, pool, TRUE, 10000), WAIT_OBJECT_0, "the manual stop event ends every worker");
    for (i = 0; i < WORKERS; i++) {
        GetExitCodeThread(pool[i], &code);
        total += code;
        CloseHandle(pool[i]);
    }
    CHECK_EQ(total, ITEMS, "the workers' counts add up");
    CloseHandle(stop_event);
    CloseHandle(work_event);
    DeleteCriticalSection(&queue_lock);
}

static SOCKET late_sender;

static DWORD WINAPI send_then_end(LPVOID param)
{
    (void)param;
    Sleep(100);
    send(late_sender, "ping", 4, 0);
    Sleep(100);
    return 3;
}

static void test_sockets_and_threads_in_one_wait(void)
{
    SOCKET c, s;
    HANDLE waits[2], netev;
    WSANETWORKEVENTS ne;
    DWORD r, t0;
    char buf[8];
    REQUIRE(tcp_pair(&c, &s) == 0, "tcp pair");
    late_sender = c;
    netev = CreateEvent(NULL, FALSE, FALSE, NULL);
    REQUIRE(WSAEventSelect(s, netev, FD_READ | FD_CLOSE) == 0, "WSAEventSelect to a CreateEvent auto-reset event");
    waits[0] = netev;
    waits[1] = CreateThread(NULL, 0, send_then_end, NULL, 0, NULL);
    t0 = GetTickCount();
    r = WaitForMultipleObjects(2, waits, FALSE, 5000);
    CHECK_EQ(r, WAIT_OBJECT_0, "data on the selected socket wakes WaitForMultipleObjects (index 0)");
    CHECK(GetTickCount() - t0 >= 90, "... when it arrives, not before");
    CHECK_EQ(WSAEnumNetworkEvents(s, NULL, &ne), 0, "WSAEnumNetworkEvents");
    CHECK(ne.lNetworkEvents & FD_READ, "... reports FD_READ");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 4, "the data is there");
    r = WaitForMultipleObjects(2, waits, FALSE, 5000);
    CHECK_EQ(r, WAIT_OBJECT_0 + 1, "then the thread's end wakes the same wait (index 1)");
    closesocket(c);
    CHECK_EQ(WaitForSingleObject(netev, 5000), WAIT_OBJECT_0, "the peer's close wakes WaitForSingleObject on the event");
    CHECK_EQ(WSAEnumNetworkEvents(s, NULL, &ne), 0, "WSAEnumNetworkEvents");
    CHECK(ne.lNetworkEvents & FD_CLOSE, "... reports FD_CLOSE");
    closesocket(s);
    CloseHandle(waits[1]);
    CloseHandle(netev);
}

int __cdecl main(void)
{
    start_winsock();
    test_thread_per_client();
    test_worker_pool();
    test_sockets_and_threads_in_one_wait();
    WSACleanup();
    return check_done();
}
