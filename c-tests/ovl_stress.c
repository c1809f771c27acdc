/* ws2mp-test: timeout=240 */
/* Overlapped I/O under stress: 8 threads open TCP connections, associate both ends with one
 * completion port, post overlapped WSARecvs and WSASends, and then race CancelIoEx (all of a
 * socket's operations, or one of them), closesocket (by the owner, or by another thread that
 * takes the socket from a shared slot) and the completions themselves, for a bounded time
 * (WS2MP_OVL_STRESS_SECONDS, default 3; the long run is 30). Two threads drain the
 * port all along.
 *
 * The rule checked is Windows': an overlapped call that returns 0 or fails with
 * WSA_IO_PENDING produces exactly one completion packet (success, cancelled or aborted); a call
 * that fails with any other error produces none. So at the end, every posted operation has
 * been dequeued once: none lost, none twice, no packet that names something else. Operations
 * are freed only at the end, so a duplicate is counted rather than read after free; leaks of
 * ws2mp's own state are left to the sanitizer. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define THREADS 8
#define COLLECTORS 2
#define SLOTS 16
#define OP_MAGIC 0x4f564c50

struct op {
    WSAOVERLAPPED ov; /* first: the packet's LPOVERLAPPED is the op */
    LONG magic;
    volatile LONG dequeued;
    DWORD bytes;
    WSABUF buf;
    struct op *next;
    char data[512];
};

static HANDLE port;
static volatile LONG posted, failed_at_once, completed, duplicates, strangers, too_long;
static volatile LONG cancelled_or_aborted;
/* A counter other threads may still be changing, read atomically. */
#define COUNT(x) InterlockedCompareExchange(&(x), 0, 0)
static CRITICAL_SECTION ops_lock;
static struct op *all_ops;
static PVOID volatile slots[SLOTS]; /* sockets handed to whoever takes them next */
static ULONGLONG deadline;

static struct op *new_op(void)
{
    struct op *o = (struct op *)calloc(1, sizeof(*o));
    if (o == NULL) {
        printf("# out of memory\n");
        exit(1);
    }
    o->magic = OP_MAGIC;
    o->buf.buf = o->data;
    o->buf.len = sizeof(o->data);
    EnterCriticalSection(&ops_lock);
    o->next = all_ops;
    all_ops = o;
    LeaveCriticalSection(&ops_lock);
    return o;
}

/* Posts one overlapped operation; returns it if a completion is owed, else NULL. */
static struct op *post(SOCKET s, int send_it)
{
    struct op *o = new_op();
    DWORD flags = 0;
    int r = send_it ? WSASend(s, &o->buf, 1, NULL, 0, &o->ov, NULL)
                    : WSARecv(s, &o->buf, 1, NULL, &flags, &o->ov, NULL);
    if (r == 0 || WSAGetLastError() == WSA_IO_PENDING) {
        InterlockedIncrement(&posted);
        return o;
    }
    InterlockedIncrement(&failed_at_once); /* e.g. another thread closed the socket first */
    return NULL;
}

static DWORD WINAPI collector(LPVOID param)
{
    (void)param;
    for (;;) {
        DWORD bytes = 0;
        ULONG_PTR key = 0;
        LPOVERLAPPED ov = NULL;
        BOOL ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE);
        struct op *o = (struct op *)ov;
        if (ov == NULL)
            return 0; /* the stop packet (or a failed wait: ends the test as lost packets) */
        if (o->magic != OP_MAGIC) {
            InterlockedIncrement(&strangers);
            continue;
        }
        if (InterlockedExchange(&o->dequeued, 1) != 0)
            InterlockedIncrement(&duplicates);
        if (bytes > sizeof(o->data))
            InterlockedIncrement(&too_long);
        if (!ok)
            InterlockedIncrement(&cancelled_or_aborted);
        o->bytes = bytes;
        InterlockedIncrement(&completed);
    }
}

static SOCKET open_listener(void)
{
    struct sockaddr_in a;
    SOCKET l = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (l == INVALID_SOCKET || bind(l, (struct sockaddr *)&a, sizeof(a)) == SOCKET_ERROR ||
        listen(l, 16) == SOCKET_ERROR) {
        printf("# listener: %d\n", WSAGetLastError());
        exit(1);
    }
    return l;
}

static int connect_pair(SOCKET l, SOCKET *c, SOCKET *s)
{
    struct sockaddr_in a;
    int len = sizeof(a);
    getsockname(l, (struct sockaddr *)&a, &len);
    *c = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (*c == INVALID_SOCKET)
        return 0;
    if (connect(*c, (struct sockaddr *)&a, sizeof(a)) == SOCKET_ERROR) {
        closesocket(*c);
        return 0;
    }
    *s = accept(l, NULL, NULL);
    if (*s == INVALID_SOCKET) {
        closesocket(*c);
        return 0;
    }
    return 1;
}

/* Puts `s` in a random slot; closes whatever was there. */
static void hand_over(SOCKET s, unsigned r)
{
    PVOID old = InterlockedExchangePointer(&slots[r % SLOTS], (PVOID)(ULONG_PTR)s);
    if (old != NULL)
        closesocket((SOCKET)(ULONG_PTR)old);
}

static DWORD WINAPI worker(LPVOID param)
{
    unsigned r = (unsigned)(ULONG_PTR)param * 2654435761u + 1;
    SOCKET l = open_listener();
    long rounds = 0;
    while (GetTickCount64() < deadline) {
        SOCKET c, s;
        struct op *last = NULL, *o;
        int i;
        r = r * 1103515245u + 12345u;
        if (!connect_pair(l, &c, &s))
            continue;
        if (CreateIoCompletionPort((HANDLE)c, port, 1, 0) != port ||
            CreateIoCompletionPort((HANDLE)s, port, 2, 0) != port) {
            printf("# CreateIoCompletionPort: %d\n", (int)GetLastError());
            exit(1);
        }
        for (i = 0; i < 3; i++) {
            if ((o = post(s, 0)) != NULL)
                last = o;
            post(c, 0);
        }
        for (i = 0; i < (int)((r >> 8) % 4); i++)
            post(c, 1);
        switch ((r >> 16) % 6) {
        case 0: /* cancel everything of one end, then close both */
            CancelIoEx((HANDLE)s, NULL);
            closesocket(s);
            closesocket(c);
            break;
        case 1: /* cancel one operation */
            if (last != NULL)
                CancelIoEx((HANDLE)s, &last->ov);
            closesocket(c);
            closesocket(s);
            break;
        case 2: /* close with everything pending */
            closesocket(s);
            closesocket(c);
            break;
        case 3: /* another thread closes it, whenever */
            hand_over(s, r >> 4);
            closesocket(c);
            break;
        case 4: /* hand it over, then cancel on it: races the other thread's closesocket */
            hand_over(c, r >> 4);
            CancelIoEx((HANDLE)c, NULL);
            closesocket(s);
            break;
        default: /* let some data flow first */
            Sleep(0);
            CancelIoEx((HANDLE)c, NULL);
            hand_over(c, r >> 4);
            hand_over(s, r >> 5);
            break;
        }
        rounds++;
    }
    closesocket(l);
    return (DWORD)rounds;
}

int main(void)
{
    WSADATA wsa;
    HANDLE threads[THREADS], collectors[COLLECTORS];
    const char *env = getenv("WS2MP_OVL_STRESS_SECONDS");
    int seconds = env != NULL && atoi(env) > 0 ? atoi(env) : 3;
    long rounds = 0;
    int i, waited;
    struct op *o;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    InitializeCriticalSection(&ops_lock);
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(port != NULL, "CreateIoCompletionPort makes a port");
    for (i = 0; i < COLLECTORS; i++)
        collectors[i] = CreateThread(NULL, 0, collector, NULL, 0, NULL);
    deadline = GetTickCount64() + (ULONGLONG)seconds * 1000;
    for (i = 0; i < THREADS; i++)
        threads[i] = CreateThread(NULL, 0, worker, (LPVOID)(ULONG_PTR)(i + 1), 0, NULL);
    for (i = 0; i < THREADS; i++) {
        DWORD n = 0;
        REQUIRE(WaitForSingleObject(threads[i], (DWORD)seconds * 1000 + 60000) == WAIT_OBJECT_0,
                "a worker thread ends after the deadline");
        GetExitCodeThread(threads[i], &n);
        rounds += (long)n;
        CloseHandle(threads[i]);
    }
    for (i = 0; i < SLOTS; i++) {
        PVOID s = InterlockedExchangePointer(&slots[i], NULL);
        if (s != NULL)
            closesocket((SOCKET)(ULONG_PTR)s);
    }
    /* Every socket is closed: every owed completion must arrive. The collectors still run, so
     * the counters are read atomically. */
    for (waited = 0; COUNT(completed) < COUNT(posted) && waited < 10000; waited += 10)
        Sleep(10);
    Sleep(50); /* a late duplicate would show up here */
    printf("# %d s, %ld connections, %ld operations posted, %ld failed at once, %ld completed "
           "(%ld cancelled or aborted)\n",
           seconds, rounds, (long)COUNT(posted), (long)COUNT(failed_at_once), (long)COUNT(completed),
           (long)COUNT(cancelled_or_aborted));
    CHECK(rounds > 0 && COUNT(posted) > 0, "the threads opened connections and posted operations");
    CHECK_EQ(COUNT(posted) - COUNT(completed), 0, "no completion was lost");
    CHECK_EQ(COUNT(duplicates), 0, "no operation completed twice");
    CHECK_EQ(COUNT(strangers), 0, "every packet named an operation that was posted");
    CHECK_EQ(COUNT(too_long), 0, "no completion reported more bytes than its buffer");
    CHECK(COUNT(cancelled_or_aborted) > 0, "cancellation and closing did abort operations");
    for (i = 0; i < COLLECTORS; i++)
        PostQueuedCompletionStatus(port, 0, 0, NULL);
    CHECK_EQ(WaitForMultipleObjects(COLLECTORS, collectors, TRUE, 10000), WAIT_OBJECT_0,
             "the collectors stop on the posted empty packets");
    for (i = 0; i < COLLECTORS; i++)
        CloseHandle(collectors[i]);
    CHECK(CloseHandle(port), "CloseHandle closes the port");
    while ((o = all_ops) != NULL) {
        all_ops = o->next;
        free(o);
    }
    DeleteCriticalSection(&ops_lock);
    WSACleanup();
    return check_done();
}
