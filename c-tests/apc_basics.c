/* Asynchronous procedure calls on the calling thread, as a Windows program uses them:
 * QueueUserAPC(fn, GetCurrentThread(), data) runs nothing until the thread waits alertably;
 * SleepEx(..., TRUE) then runs every queued call, in order, and returns WAIT_IO_COMPLETION;
 * non-alertable waits leave the calls queued; an object that is already signalled wins over
 * queued calls; a call queued by a running call runs in the same wait; bad handles fail. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static int order[16];
static int order_len;
static ULONG_PTR last_data;

static VOID CALLBACK record(ULONG_PTR data)
{
    if (order_len < 16)
        order[order_len++] = (int)data;
    last_data = data;
}

static VOID CALLBACK queue_another(ULONG_PTR data)
{
    record(data);
    QueueUserAPC(record, GetCurrentThread(), data + 1);
}

static void reset_order(void)
{
    order_len = 0;
    last_data = 0;
}

static void test_sleepex_runs_queued_calls(void)
{
    DWORD t0, r;
    reset_order();
    CHECK(QueueUserAPC(record, GetCurrentThread(), 7) != 0, "QueueUserAPC to the calling thread succeeds");
    CHECK_EQ(order_len, 0, "... and runs nothing yet");
    t0 = GetTickCount();
    r = SleepEx(INFINITE, TRUE);
    CHECK_EQ(r, WAIT_IO_COMPLETION, "SleepEx(INFINITE, TRUE) returns WAIT_IO_COMPLETION");
    CHECK(GetTickCount() - t0 < 1000, "... at once (the call was already queued)");
    CHECK_EQ(order_len, 1, "... after running the call once");
    CHECK_EQ(last_data, 7, "... with its data");
    CHECK_EQ(SleepEx(20, TRUE), 0, "the next alertable SleepEx sleeps and returns 0 (nothing queued)");
    CHECK_EQ(order_len, 1, "... running nothing again");
}

static void test_sleepex_zero(void)
{
    reset_order();
    CHECK_EQ(SleepEx(0, TRUE), 0, "SleepEx(0, TRUE) with nothing queued returns 0");
    QueueUserAPC(record, GetCurrentThread(), 3);
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "SleepEx(0, TRUE) runs what is queued: WAIT_IO_COMPLETION");
    CHECK_EQ(order_len, 1, "... the call ran");
}

static void test_order(void)
{
    int i, in_order = 1;
    reset_order();
    for (i = 1; i <= 5; i++)
        QueueUserAPC(record, GetCurrentThread(), (ULONG_PTR)i);
    CHECK_EQ(SleepEx(1000, TRUE), WAIT_IO_COMPLETION, "five queued calls: one alertable wait");
    CHECK_EQ(order_len, 5, "... runs all five");
    for (i = 0; i < order_len; i++)
        in_order &= order[i] == i + 1;
    CHECK(in_order, "... in the order they were queued");

    reset_order();
    QueueUserAPC(queue_another, GetCurrentThread(), 10);
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "a call that queues another");
    CHECK_EQ(order_len, 2, "... the second runs in the same wait");
    CHECK(order[0] == 10 && order[1] == 11, "... after the first");
}

static void test_non_alertable_waits_leave_calls_queued(void)
{
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    WSAEVENT wsaev = WSACreateEvent();
    reset_order();
    QueueUserAPC(record, GetCurrentThread(), 1);
    CHECK_EQ(SleepEx(30, FALSE), 0, "SleepEx(30, FALSE) with a call queued sleeps and returns 0");
    CHECK_EQ(WaitForSingleObject(ev, 30), WAIT_TIMEOUT, "WaitForSingleObject times out");
    CHECK_EQ(WaitForSingleObjectEx(ev, 30, FALSE), WAIT_TIMEOUT, "WaitForSingleObjectEx(FALSE) times out");
    CHECK_EQ(WaitForMultipleObjectsEx(1, &ev, FALSE, 30, FALSE), WAIT_TIMEOUT,
             "WaitForMultipleObjectsEx(FALSE) times out");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &wsaev, FALSE, 30, FALSE), WSA_WAIT_TIMEOUT,
             "WSAWaitForMultipleEvents(fAlertable FALSE) times out");
    Sleep(10);
    CHECK_EQ(order_len, 0, "none of them ran the queued call");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &wsaev, FALSE, 1000, TRUE), WSA_WAIT_IO_COMPLETION,
             "WSAWaitForMultipleEvents(fAlertable TRUE) returns WSA_WAIT_IO_COMPLETION");
    CHECK_EQ(order_len, 1, "... having run it");
    CHECK_EQ(WaitForSingleObjectEx(ev, 0, TRUE), WAIT_TIMEOUT, "an alertable wait with nothing queued times out");
    CloseHandle(ev);
    WSACloseEvent(wsaev);
}

static void test_signalled_object_wins(void)
{
    HANDLE set = CreateEventA(NULL, TRUE, TRUE, NULL);
    HANDLE unset = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE sem = CreateSemaphoreA(NULL, 1, 1, NULL);
    HANDLE both[2];
    reset_order();
    QueueUserAPC(record, GetCurrentThread(), 1);
    CHECK_EQ(WaitForSingleObjectEx(set, 1000, TRUE), WAIT_OBJECT_0,
             "alertable wait on a signalled event with a call queued: WAIT_OBJECT_0");
    CHECK_EQ(order_len, 0, "... the call stays queued");
    CHECK_EQ(WaitForSingleObjectEx(sem, 1000, TRUE), WAIT_OBJECT_0, "... likewise for a semaphore with a count");
    CHECK_EQ(WaitForSingleObject(sem, 0), WAIT_TIMEOUT, "... which the wait took");
    both[0] = unset;
    both[1] = set;
    CHECK_EQ(WaitForMultipleObjectsEx(2, both, FALSE, 1000, TRUE), WAIT_OBJECT_0 + 1,
             "WaitForMultipleObjectsEx(any, alertable) takes the signalled object");
    CHECK_EQ(WSAWaitForMultipleEvents(2, both, FALSE, 1000, TRUE), WSA_WAIT_EVENT_0 + 1,
             "WSAWaitForMultipleEvents(alertable) likewise");
    CHECK_EQ(order_len, 0, "... the call is still queued");
    CHECK_EQ(WaitForMultipleObjectsEx(2, both, TRUE, 1000, TRUE), WAIT_IO_COMPLETION,
             "a wait-all that is not satisfied runs the queued call: WAIT_IO_COMPLETION");
    CHECK_EQ(order_len, 1, "... the call ran");
    CloseHandle(set);
    CloseHandle(unset);
    CloseHandle(sem);
}

static void test_bad_handles(void)
{
    HANDLE ev = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE closed = CreateEventA(NULL, TRUE, FALSE, NULL);
    CloseHandle(closed);
    SetLastError(0);
    CHECK_EQ(QueueUserAPC(record, NULL, 0), 0, "QueueUserAPC to NULL fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(QueueUserAPC(record, ev, 0), 0, "QueueUserAPC to an event handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(QueueUserAPC(record, closed, 0), 0, "QueueUserAPC to a closed handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK_EQ(QueueUserAPC(record, (HANDLE)(ULONG_PTR)0x12345678, 0), 0, "QueueUserAPC to a made-up handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");
    CHECK_EQ(SleepEx(0, TRUE), 0, "none of them queued anything");
    CloseHandle(ev);
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_sleepex_runs_queued_calls();
    test_sleepex_zero();
    test_order();
    test_non_alertable_waits_leave_calls_queued();
    test_signalled_object_wins();
    test_bad_handles();
    WSACleanup();
    return check_done();
}
