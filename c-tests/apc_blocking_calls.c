/* A thread blocked in a Winsock call waits alertably, as on Windows: an APC queued to it
 * (QueueUserAPC from another thread) runs on it while it is still blocked in recv, WSARecv
 * or accept, and the call then goes on waiting and returns what arrives afterwards. A call
 * that has something to return at once runs no APC. Behaviour taken from Wine's Winsock
 * conformance tests (test_WSARecv, test_accept), which record what Windows does. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "check.h"

enum { USE_RECV, USE_WSARECV, USE_ACCEPT };

struct worker {
    SOCKET s;
    int how;
    HANDLE blocked; /* set just before the worker blocks */
    volatile LONG apc_ran;
    volatile LONG apc_thread;
    volatile LONG call_returned;
    int result;
    char data[16];
};

static DWORD WINAPI worker_main(LPVOID arg)
{
    struct worker *w = (struct worker *)arg;
    SetEvent(w->blocked);
    if (w->how == USE_RECV) {
        w->result = recv(w->s, w->data, sizeof(w->data), 0);
    } else if (w->how == USE_WSARECV) {
        WSABUF buf;
        DWORD got = 0, flags = 0;
        buf.buf = w->data;
        buf.len = sizeof(w->data);
        w->result = WSARecv(w->s, &buf, 1, &got, &flags, NULL, NULL) == 0 ? (int)got : -1;
    } else {
        SOCKET c = accept(w->s, NULL, NULL);
        w->result = c != INVALID_SOCKET;
        if (c != INVALID_SOCKET)
            closesocket(c);
    }
    InterlockedExchange(&w->call_returned, 1);
    return 0;
}

static VOID CALLBACK note_apc(ULONG_PTR arg)
{
    struct worker *w = (struct worker *)arg;
    InterlockedExchange(&w->apc_thread, (LONG)GetCurrentThreadId());
    /* Still inside the blocking call: it has not returned yet. */
    InterlockedExchange(&w->apc_ran, w->call_returned ? 2 : 1);
}

static SOCKET make_listener(struct sockaddr_in *addr)
{
    int len = sizeof(*addr);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(l != INVALID_SOCKET, "socket");
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(l, (struct sockaddr *)addr, sizeof(*addr)) == 0, "bind");
    REQUIRE(getsockname(l, (struct sockaddr *)addr, &len) == 0, "getsockname");
    REQUIRE(listen(l, 5) == 0, "listen");
    return l;
}

static void connected_pair(SOCKET *a, SOCKET *b)
{
    struct sockaddr_in addr;
    SOCKET l = make_listener(&addr);
    *a = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(*a, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    *b = accept(l, NULL, NULL);
    REQUIRE(*b != INVALID_SOCKET, "accept");
    closesocket(l);
}

static void run(int how, const char *name)
{
    struct worker w;
    SOCKET peer = INVALID_SOCKET, other = INVALID_SOCKET;
    struct sockaddr_in addr;
    HANDLE thread;
    DWORD id, i;
    char what[160];

    memset(&w, 0, sizeof(w));
    w.how = how;
    if (how == USE_ACCEPT) {
        w.s = make_listener(&addr);
    } else {
        connected_pair(&peer, &w.s);
    }
    w.blocked = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, worker_main, &w, 0, &id);
    REQUIRE(thread != NULL, "CreateThread");
    WaitForSingleObject(w.blocked, INFINITE);
    Sleep(100); /* let the worker reach its wait */

    sprintf(what, "%s: QueueUserAPC to a thread blocked in it succeeds", name);
    CHECK(QueueUserAPC(note_apc, thread, (ULONG_PTR)&w) != 0, what);
    for (i = 0; i < 100 && !w.apc_ran; i++)
        Sleep(10);
    sprintf(what, "%s: the APC runs while the call is still blocked", name);
    CHECK_EQ(w.apc_ran, 1, what);
    sprintf(what, "%s: ... on the blocked thread", name);
    CHECK_EQ((DWORD)w.apc_thread, id, what);
    sprintf(what, "%s: ... and the call goes on waiting", name);
    CHECK_EQ(w.call_returned, 0, what);

    if (how == USE_ACCEPT) {
        other = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        REQUIRE(connect(other, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    } else {
        REQUIRE(send(peer, "after", 5, 0) == 5, "send");
    }
    sprintf(what, "%s: the call returns once something arrives", name);
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, what);
    if (how == USE_ACCEPT) {
        sprintf(what, "%s: ... with the connection", name);
        CHECK_EQ(w.result, 1, what);
    } else {
        sprintf(what, "%s: ... with the data sent after the APC", name);
        CHECK(w.result == 5 && memcmp(w.data, "after", 5) == 0, what);
    }
    CloseHandle(thread);
    CloseHandle(w.blocked);
    closesocket(w.s);
    if (peer != INVALID_SOCKET)
        closesocket(peer);
    if (other != INVALID_SOCKET)
        closesocket(other);
}

static void test_ready_call_runs_no_apc(void)
{
    SOCKET a, b;
    char buf[8];
    struct worker w;
    memset(&w, 0, sizeof(w));
    connected_pair(&a, &b);
    REQUIRE(send(a, "x", 1, 0) == 1, "send");
    Sleep(50);
    CHECK(QueueUserAPC(note_apc, GetCurrentThread(), (ULONG_PTR)&w) != 0, "QueueUserAPC to the calling thread");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 1, "a recv with data waiting returns it");
    CHECK_EQ(w.apc_ran, 0, "... without running the queued APC (it did not wait)");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "the APC runs in the next alertable wait");
    closesocket(a);
    closesocket(b);
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    run(USE_RECV, "recv");
    run(USE_WSARECV, "WSARecv");
    run(USE_ACCEPT, "accept");
    test_ready_call_runs_no_apc();
    WSACleanup();
    return check_done();
}
