/* Asynchronous procedure calls queued from one thread to another: QueueUserAPC wakes a thread
 * blocked in an alertable wait (SleepEx, WaitForSingleObjectEx, WaitForMultipleObjectsEx,
 * WSAWaitForMultipleEvents with a socket selected to the event) and the call runs on that
 * thread; a thread in a wait that is not alertable is left alone until it waits alertably;
 * calls queued to a suspended thread run before its routine; calls still queued when a thread
 * ends never run; a thread that has ended takes no more calls. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

#define WAIT_SLEEPEX 0
#define WAIT_SINGLE 1
#define WAIT_MULTIPLE 2
#define WAIT_WSA 3
#define WAIT_WSA_SOCKET 4

struct waiter {
    int how;
    HANDLE ready;     /* set by the waiter just before it blocks */
    HANDLE never;     /* an event nobody sets */
    DWORD result;     /* what its wait returned */
    DWORD elapsed_ms; /* how long the wait took */
    DWORD thread_id;
};

static volatile LONG apc_calls;
static volatile DWORD apc_thread;

static VOID CALLBACK note_thread(ULONG_PTR data)
{
    (void)data;
    apc_thread = GetCurrentThreadId();
    InterlockedIncrement(&apc_calls);
}

static DWORD WINAPI alertable_waiter(LPVOID param)
{
    struct waiter *w = (struct waiter *)param;
    HANDLE two[2];
    SOCKET s = INVALID_SOCKET;
    DWORD t0;
    w->thread_id = GetCurrentThreadId();
    two[0] = w->never;
    two[1] = CreateEventA(NULL, FALSE, FALSE, NULL);
    if (w->how == WAIT_WSA_SOCKET) {
        /* A socket selected to the event: the wait blocks in the event's poller. */
        struct sockaddr_in a;
        memset(&a, 0, sizeof(a));
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        s = socket(AF_INET, SOCK_DGRAM, 0);
        bind(s, (struct sockaddr *)&a, sizeof(a));
        WSAEventSelect(s, w->never, FD_READ);
    }
    SetEvent(w->ready);
    t0 = GetTickCount();
    switch (w->how) {
    case WAIT_SLEEPEX:
        w->result = SleepEx(10000, TRUE);
        break;
    case WAIT_SINGLE:
        w->result = WaitForSingleObjectEx(w->never, 10000, TRUE);
        break;
    case WAIT_MULTIPLE:
        w->result = WaitForMultipleObjectsEx(2, two, FALSE, 10000, TRUE);
        break;
    default:
        w->result = WSAWaitForMultipleEvents(1, &w->never, FALSE, 10000, TRUE);
        break;
    }
    w->elapsed_ms = GetTickCount() - t0;
    if (s != INVALID_SOCKET)
        closesocket(s);
    CloseHandle(two[1]);
    return 0;
}

static void cross_thread(int how, const char *name)
{
    struct waiter w;
    HANDLE t;
    char what[160];
    memset(&w, 0, sizeof(w));
    w.how = how;
    w.ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    w.never = how >= WAIT_WSA ? WSACreateEvent() : CreateEventA(NULL, TRUE, FALSE, NULL);
    apc_calls = 0;
    apc_thread = 0;
    t = CreateThread(NULL, 0, alertable_waiter, &w, 0, NULL);
    REQUIRE(t != NULL, "CreateThread");
    WaitForSingleObject(w.ready, INFINITE);
    Sleep(50); /* let it block */
    snprintf(what, sizeof(what), "%s: QueueUserAPC from another thread succeeds", name);
    CHECK(QueueUserAPC(note_thread, t, 0) != 0, what);
    snprintf(what, sizeof(what), "%s: the waiting thread wakes and ends", name);
    CHECK_EQ(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, what);
    snprintf(what, sizeof(what), "%s: its wait returned WAIT_IO_COMPLETION", name);
    CHECK_EQ(w.result, WAIT_IO_COMPLETION, what);
    snprintf(what, sizeof(what), "%s: long before its timeout", name);
    CHECK(w.elapsed_ms < 5000, what);
    snprintf(what, sizeof(what), "%s: the call ran once", name);
    CHECK_EQ(apc_calls, 1, what);
    snprintf(what, sizeof(what), "%s: on the waiting thread", name);
    CHECK_EQ(apc_thread, w.thread_id, what);
    CloseHandle(t);
    CloseHandle(w.ready);
    CloseHandle(w.never);
}

/* ---- a wait that is not alertable is not disturbed ---------------------------------------- */
struct patient {
    HANDLE ready, go;
    DWORD first, second;
    LONG calls_after_first;
};

static DWORD WINAPI patient_waiter(LPVOID param)
{
    struct patient *p = (struct patient *)param;
    SetEvent(p->ready);
    p->first = WaitForSingleObject(p->go, INFINITE);
    p->calls_after_first = apc_calls;
    p->second = SleepEx(0, TRUE);
    return 0;
}

static void test_non_alertable_not_disturbed(void)
{
    struct patient p;
    HANDLE t;
    memset(&p, 0, sizeof(p));
    p.ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    p.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    apc_calls = 0;
    t = CreateThread(NULL, 0, patient_waiter, &p, 0, NULL);
    REQUIRE(t != NULL, "CreateThread");
    WaitForSingleObject(p.ready, INFINITE);
    Sleep(30);
    CHECK(QueueUserAPC(note_thread, t, 0) != 0, "QueueUserAPC to a thread in a non-alertable wait succeeds");
    CHECK_EQ(WaitForSingleObject(t, 200), WAIT_TIMEOUT, "... the thread keeps waiting");
    CHECK_EQ(apc_calls, 0, "... and the call has not run");
    SetEvent(p.go);
    CHECK_EQ(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "after its event is set the thread ends");
    CHECK_EQ(p.first, WAIT_OBJECT_0, "... its wait returned WAIT_OBJECT_0");
    CHECK_EQ(p.calls_after_first, 0, "... without running the call");
    CHECK_EQ(p.second, WAIT_IO_COMPLETION, "its next alertable wait (SleepEx(0, TRUE)) ran it");
    CHECK_EQ(apc_calls, 1, "... once");
    CloseHandle(t);
    CloseHandle(p.ready);
    CloseHandle(p.go);
}

/* ---- suspended at creation: queued calls run before the routine ---------------------------- */
static volatile LONG routine_saw_calls = -1;

static DWORD WINAPI count_on_start(LPVOID param)
{
    (void)param;
    routine_saw_calls = apc_calls;
    return 0;
}

static void test_suspended_thread(void)
{
    HANDLE t;
    apc_calls = 0;
    t = CreateThread(NULL, 0, count_on_start, NULL, CREATE_SUSPENDED, NULL);
    REQUIRE(t != NULL, "CreateThread(CREATE_SUSPENDED)");
    CHECK(QueueUserAPC(note_thread, t, 0) != 0, "QueueUserAPC to a suspended new thread succeeds");
    Sleep(30);
    CHECK_EQ(apc_calls, 0, "... nothing runs while it is suspended");
    ResumeThread(t);
    CHECK_EQ(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "the resumed thread ends");
    CHECK_EQ(routine_saw_calls, 1, "the call ran before the thread's routine");
    CloseHandle(t);
}

/* ---- calls still queued at the end never run; an ended thread takes none ------------------- */
static HANDLE end_ready;

static DWORD WINAPI never_alertable(LPVOID param)
{
    SetEvent(end_ready);
    WaitForSingleObject((HANDLE)param, INFINITE);
    return 0;
}

static void test_thread_end(void)
{
    HANDLE go = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t;
    apc_calls = 0;
    end_ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    t = CreateThread(NULL, 0, never_alertable, go, 0, NULL);
    REQUIRE(t != NULL, "CreateThread");
    WaitForSingleObject(end_ready, INFINITE); /* in its routine: past the start-up APC check */
    CHECK(QueueUserAPC(note_thread, t, 0) != 0, "QueueUserAPC to a thread that never waits alertably");
    SetEvent(go);
    CHECK_EQ(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "... the thread ends");
    Sleep(20);
    CHECK_EQ(apc_calls, 0, "... the call it never waited for did not run");
    SetLastError(0);
    CHECK_EQ(QueueUserAPC(note_thread, t, 0), 0, "QueueUserAPC to a thread that has ended fails");
    CHECK(GetLastError() != 0, "... and sets the last error");
    CloseHandle(t);
    CloseHandle(go);
    CloseHandle(end_ready);
}

/* ---- the main thread, through a handle it duplicated for itself ---------------------------- */
static DWORD WINAPI queue_to(LPVOID param)
{
    Sleep(50);
    return QueueUserAPC(note_thread, (HANDLE)param, 0) ? 0 : 1;
}

static void test_main_thread(void)
{
    HANDLE me = NULL, t;
    DWORD r, code = 99;
    CHECK(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &me, 0, FALSE,
                          DUPLICATE_SAME_ACCESS),
          "DuplicateHandle(GetCurrentThread()) gives the main thread a real handle");
    apc_calls = 0;
    apc_thread = 0;
    t = CreateThread(NULL, 0, queue_to, me, 0, NULL);
    REQUIRE(t != NULL, "CreateThread");
    r = SleepEx(10000, TRUE);
    CHECK_EQ(r, WAIT_IO_COMPLETION, "another thread's QueueUserAPC wakes the main thread's SleepEx");
    CHECK_EQ(apc_thread, GetCurrentThreadId(), "... the call ran on the main thread");
    WaitForSingleObject(t, 5000);
    GetExitCodeThread(t, &code);
    CHECK_EQ(code, 0, "... QueueUserAPC succeeded there");
    CloseHandle(t);
    CloseHandle(me);
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    cross_thread(WAIT_SLEEPEX, "SleepEx");
    cross_thread(WAIT_SINGLE, "WaitForSingleObjectEx");
    cross_thread(WAIT_MULTIPLE, "WaitForMultipleObjectsEx");
    cross_thread(WAIT_WSA, "WSAWaitForMultipleEvents");
    cross_thread(WAIT_WSA_SOCKET, "WSAWaitForMultipleEvents, socket selected");
    test_non_alertable_not_disturbed();
    test_suspended_thread();
    test_thread_end();
    test_main_thread();
    WSACleanup();
    return check_done();
}
