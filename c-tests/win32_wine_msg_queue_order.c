/* The message-queue rules a chat client or lobby server with a hidden window leans on when its
 * network thread talks to its window thread. On Windows:
 * - PostThreadMessage to a thread that has no message queue yet fails with
 *   ERROR_INVALID_THREAD_ID (so does a thread id that names no thread, or a thread that ended);
 *   the thread gets its queue from its first message call, the PeekMessage(PM_NOREMOVE) idiom,
 *   after which the post succeeds and the thread's GetMessage receives it.
 * - A message another thread sends with SendMessage runs inside the owner's next GetMessage,
 *   before that call returns a message posted earlier.
 * - Posted messages come before WM_TIMER, even when the timer came due first; WM_QUIT comes
 *   once nothing is posted, and before a due timer.
 * - A timer that came due many times while the thread was busy yields one WM_TIMER, not one a
 *   period (WM_TIMER is a flag, not a queued message); a zero elapse still ticks.
 * - (HWND)-1 reads only the thread's own messages (posted with no window); a window filter
 *   leaves them; a wMsgFilterMin/Max range takes a later message before earlier ones outside it.
 * - DestroyWindow drops the window's queued messages and leaves the thread's; from another
 *   thread it fails with ERROR_ACCESS_DENIED.
 * - RegisterWindowMessage gives every thread the same number for a name in any case, in
 *   0xC000..0xFFFF.
 * (Wine's user32 msg.c tests, test_quit_message, test_timers, test_PeekMessage and
 * test_PostMessage, show these on Windows.) */
#include <windows.h>
#include <stdio.h>
#include "check.h"

#define WM_NET_LINE (WM_APP + 1)
#define WM_NET_SENT (WM_APP + 2)

static HANDLE start_queue, queue_ready, worker_done;
static volatile LONG worker_got, worker_wparam;
static HWND main_window;
static volatile LONG sender_result, destroy_result, destroy_error;
static UINT other_thread_number;
static int log_sent_at = -1, log_count;

static LRESULT CALLBACK wnd_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    if (message == WM_NET_SENT) {
        log_sent_at = log_count++;
        return 55;
    }
    return DefWindowProc(hwnd, message, wParam, lParam);
}

/* A network thread that makes its queue only when told to, then waits for one message. */
static DWORD WINAPI late_queue_thread(LPVOID arg)
{
    MSG msg;
    (void)arg;
    WaitForSingleObject(start_queue, INFINITE);
    PeekMessage(&msg, NULL, WM_USER, WM_USER, PM_NOREMOVE);
    SetEvent(queue_ready);
    if (GetMessage(&msg, NULL, 0, 0) > 0 && msg.hwnd == NULL) {
        worker_got = (LONG)msg.message;
        worker_wparam = (LONG)msg.wParam;
    }
    return 0;
}

/* Sends to the main thread's window, and tries to destroy it. */
static DWORD WINAPI sender_thread(LPVOID arg)
{
    (void)arg;
    other_thread_number = RegisterWindowMessage(TEXT("ws2mp.Lobby.Refresh"));
    SetLastError(0);
    destroy_result = DestroyWindow(main_window);
    destroy_error = (LONG)GetLastError();
    sender_result = (LONG)SendMessage(main_window, WM_NET_SENT, 1, 2);
    SetEvent(worker_done);
    return 0;
}

int main(void)
{
    WNDCLASS wc;
    HWND other;
    HANDLE thread;
    DWORD tid, t0;
    MSG msg;
    int i, ret, timers, waited;
    UINT number;

    start_queue = CreateEvent(NULL, TRUE, FALSE, NULL);
    queue_ready = CreateEvent(NULL, TRUE, FALSE, NULL);
    worker_done = CreateEvent(NULL, TRUE, FALSE, NULL);
    REQUIRE(start_queue && queue_ready && worker_done, "CreateEvent");

    /* ---- PostThreadMessage and the queue the first PeekMessage makes. */
    thread = CreateThread(NULL, 0, late_queue_thread, NULL, 0, &tid);
    REQUIRE(thread != NULL, "CreateThread");
    SetLastError(0);
    CHECK(!PostThreadMessage(tid, WM_NET_LINE, 7, 0), "PostThreadMessage to a thread with no queue fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_THREAD_ID, "... with ERROR_INVALID_THREAD_ID");
    SetEvent(start_queue);
    CHECK_EQ(WaitForSingleObject(queue_ready, 5000), WAIT_OBJECT_0, "the thread made its queue");
    CHECK(PostThreadMessage(tid, WM_NET_LINE, 7, 0), "then PostThreadMessage succeeds");
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the thread ended");
    CHECK_EQ(worker_got, WM_NET_LINE, "its GetMessage received the thread message");
    CHECK_EQ(worker_wparam, 7, "... with its wParam");
    CloseHandle(thread);
    SetLastError(0);
    CHECK(!PostThreadMessage(tid, WM_NET_LINE, 8, 0), "PostThreadMessage to a thread that ended fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_THREAD_ID, "... with ERROR_INVALID_THREAD_ID");
    SetLastError(0);
    CHECK(!PostThreadMessage(0, WM_NET_LINE, 9, 0), "PostThreadMessage to thread id 0 fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_THREAD_ID, "... with ERROR_INVALID_THREAD_ID");

    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = wnd_proc;
    wc.lpszClassName = TEXT("WineMsgOrder");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    main_window = CreateWindow(TEXT("WineMsgOrder"), TEXT("lobby"), 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(main_window != NULL, "CreateWindow");

    /* ---- A sent message runs before a posted one is returned. */
    CHECK(PostMessage(main_window, WM_NET_LINE, 1, 0), "PostMessage to the window");
    thread = CreateThread(NULL, 0, sender_thread, NULL, 0, &tid);
    REQUIRE(thread != NULL, "CreateThread (sender)");
    /* GetQueueStatus runs nothing: wait until the sent message is queued. */
    for (waited = 0; waited < 500 && !(HIWORD(GetQueueStatus(QS_SENDMESSAGE)) & QS_SENDMESSAGE); waited++)
        Sleep(10);
    CHECK(waited < 500, "the message sent from the other thread is in the queue");
    CHECK_EQ(log_sent_at, -1, "... and has not run yet");
    ret = GetMessage(&msg, NULL, 0, 0);
    log_count++;
    CHECK(ret > 0 && msg.message == WM_NET_LINE, "GetMessage returned the posted message");
    CHECK_EQ(log_sent_at, 0, "... after running the sent one");
    CHECK_EQ(WaitForSingleObject(worker_done, 5000), WAIT_OBJECT_0, "the sender got its answer");
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the sender ended");
    CloseHandle(thread);
    CHECK_EQ(sender_result, 55, "SendMessage returned the procedure's answer");
    CHECK(!destroy_result, "DestroyWindow of another thread's window fails");
    CHECK_EQ(destroy_error, ERROR_ACCESS_DENIED, "... with ERROR_ACCESS_DENIED");
    CHECK(IsWindow(main_window), "... and the window lives");

    /* ---- Posted before WM_TIMER; WM_QUIT before a due timer. */
    CHECK_EQ(SetTimer(main_window, 5, 10, NULL), 5, "SetTimer(hwnd, 5, 10ms)");
    Sleep(60);
    PostMessage(main_window, WM_NET_LINE, 2, 0);
    CHECK(GetMessage(&msg, NULL, 0, 0) > 0 && msg.message == WM_NET_LINE && msg.wParam == 2,
          "the message posted after the timer came due comes first");
    CHECK(GetMessage(&msg, NULL, 0, 0) > 0 && msg.message == WM_TIMER && msg.wParam == 5,
          "then WM_TIMER with the timer's id");
    CHECK(msg.hwnd == main_window && msg.lParam == 0, "... for the window, lParam 0 (no TIMERPROC)");

    /* ---- A timer due ten times over is one WM_TIMER. */
    Sleep(150);
    timers = 0;
    for (i = 0; i < 20; i++) {
        if (!PeekMessage(&msg, main_window, WM_TIMER, WM_TIMER, PM_REMOVE))
            break;
        timers++;
    }
    CHECK_EQ(timers, 1, "a timer late by many periods gives one WM_TIMER");
    Sleep(40);
    PostQuitMessage(4);
    ret = GetMessage(&msg, NULL, 0, 0);
    CHECK(ret == 0 && msg.message == WM_QUIT && msg.wParam == 4, "WM_QUIT comes before the due WM_TIMER");
    CHECK(GetMessage(&msg, NULL, 0, 0) > 0 && msg.message == WM_TIMER, "... which comes after it");
    CHECK(KillTimer(main_window, 5), "KillTimer");

    /* A zero elapse is raised to the shortest interval: the timer ticks. */
    CHECK_EQ(SetTimer(main_window, 6, 0, NULL), 6, "SetTimer with a zero elapse");
    t0 = GetTickCount();
    ret = 0;
    while (GetTickCount() - t0 < 2000) {
        if (PeekMessage(&msg, main_window, WM_TIMER, WM_TIMER, PM_REMOVE) && msg.wParam == 6) {
            ret = 1;
            break;
        }
        Sleep(1);
    }
    CHECK(ret, "... and WM_TIMER comes");
    CHECK(KillTimer(main_window, 6), "KillTimer");

    /* ---- Filters. */
    PostMessage(main_window, WM_APP + 10, 0, 0);
    PostThreadMessage(GetCurrentThreadId(), WM_APP + 11, 0, 0);
    PostMessage(main_window, WM_APP + 12, 0, 0);
    CHECK(!PeekMessage(&msg, main_window, WM_APP + 11, WM_APP + 11, PM_REMOVE),
          "a window filter leaves the thread's own messages");
    CHECK(PeekMessage(&msg, (HWND)-1, 0, 0, PM_REMOVE) && msg.message == WM_APP + 11 && msg.hwnd == NULL,
          "(HWND)-1 takes the thread message, past the window's");
    CHECK(!PeekMessage(&msg, (HWND)-1, 0, 0, PM_NOREMOVE), "... and nothing of the window");
    CHECK(PeekMessage(&msg, NULL, WM_APP + 12, WM_APP + 20, PM_REMOVE) && msg.message == WM_APP + 12,
          "a range takes the later message it covers");
    CHECK(!PeekMessage(&msg, NULL, WM_APP + 13, WM_APP + 20, PM_REMOVE), "... and nothing else");
    CHECK(PeekMessage(&msg, NULL, 0, 0, PM_REMOVE) && msg.message == WM_APP + 10, "the first one is left");

    /* ---- DestroyWindow drops its window's messages and keeps the thread's. */
    other = CreateWindow(TEXT("WineMsgOrder"), NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(other != NULL, "CreateWindow (second)");
    PostMessage(other, WM_APP + 20, 0, 0);
    PostThreadMessage(GetCurrentThreadId(), WM_APP + 21, 0, 0);
    PostMessage(other, WM_APP + 22, 0, 0);
    CHECK(SetTimer(other, 1, 10, NULL), "a timer on the second window");
    CHECK(DestroyWindow(other), "DestroyWindow with messages queued");
    Sleep(30);
    CHECK(PeekMessage(&msg, NULL, 0, 0, PM_REMOVE) && msg.message == WM_APP + 21,
          "the thread message is still there");
    CHECK(!PeekMessage(&msg, NULL, 0, 0, PM_REMOVE), "the window's messages and timer are gone");
    CHECK(!KillTimer(other, 1), "KillTimer of a destroyed window fails");
    SetLastError(0);
    CHECK(!PostMessage(other, WM_APP, 0, 0), "PostMessage to it fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "... with ERROR_INVALID_WINDOW_HANDLE");

    /* ---- RegisterWindowMessage. */
    number = RegisterWindowMessage(TEXT("WS2MP.lobby.refresh"));
    CHECK(number >= 0xC000 && number <= 0xFFFF, "RegisterWindowMessage is in 0xC000..0xFFFF");
    CHECK_EQ(number, other_thread_number, "... the same number in every thread and case");
    CHECK(RegisterWindowMessage(TEXT("ws2mp.lobby.other")) != number, "another name, another number");

    CHECK(DestroyWindow(main_window), "DestroyWindow");
    CHECK(UnregisterClass(TEXT("WineMsgOrder"), NULL), "UnregisterClass");
    CloseHandle(start_queue);
    CloseHandle(queue_ready);
    CloseHandle(worker_done);
    return check_done();
}
