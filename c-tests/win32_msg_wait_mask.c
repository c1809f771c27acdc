/* A console program's worker loop built on MsgWaitForMultipleObjects, as services and
 * WSAAsyncSelect programs write it: the thread waits for its stop event or for messages
 * (QS_ALLINPUT), drains its queue with PeekMessage(PM_REMOVE), and keeps a SetTimer heartbeat
 * with no window. Then the rules Windows has for the wait and the queue status: a timer coming
 * due ends a wait that asks for QS_TIMER; a wake mask without QS_POSTMESSAGE ignores posted
 * messages; a message PeekMessage has already seen and left in the queue does not end the wait
 * again unless MWMO_INPUTAVAILABLE is given; GetQueueStatus reports what is queued (high word)
 * and what is new since the last look (low word); PeekMessage's PM_QS_* flags pick the kinds of
 * message it looks at. (Wine's user32 msg.c tests, test_MsgWaitForMultipleObjects,
 * test_PeekMessage, test_quit_message, show these on Windows.) */
#include <windows.h>
#include <stdio.h>
#include "check.h"

#define WM_WORK (WM_APP + 1)

static HANDLE stop_event;
static int ticks, work_items;

static DWORD WINAPI worker(LPVOID unused)
{
    MSG msg;
    UINT_PTR timer;
    DWORD r;
    (void)unused;
    PeekMessage(&msg, NULL, 0, 0, PM_NOREMOVE); /* make the queue */
    timer = SetTimer(NULL, 0, 20, NULL);
    for (;;) {
        r = MsgWaitForMultipleObjects(1, &stop_event, FALSE, 5000, QS_ALLINPUT);
        if (r == WAIT_OBJECT_0 || r == WAIT_TIMEOUT)
            break;
        while (PeekMessage(&msg, NULL, 0, 0, PM_REMOVE)) {
            if (msg.message == WM_TIMER && msg.wParam == timer)
                ticks++;
            else if (msg.message == WM_WORK)
                work_items += (int)msg.wParam;
            DispatchMessage(&msg);
        }
        if (ticks >= 3 && work_items == 6)
            SetEvent(stop_event);
    }
    KillTimer(NULL, timer);
    return r;
}

static LRESULT CALLBACK wnd_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    return DefWindowProc(hwnd, message, wParam, lParam);
}

static DWORD WINAPI sender(LPVOID hwnd)
{
    return (DWORD)SendMessage((HWND)hwnd, WM_USER + 7, 0, 0);
}

int main(void)
{
    HANDLE thread;
    DWORD tid, code = 1, r, qs;
    WNDCLASS wc;
    HWND hwnd;
    MSG msg;

    stop_event = CreateEvent(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, worker, NULL, 0, &tid);
    REQUIRE(thread != NULL, "CreateThread starts the worker");
    Sleep(50);
    PostThreadMessage(tid, WM_WORK, 1, 0);
    PostThreadMessage(tid, WM_WORK, 2, 0);
    PostThreadMessage(tid, WM_WORK, 3, 0);
    CHECK_EQ(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0, "the worker ends");
    GetExitCodeThread(thread, &code);
    CHECK_EQ(code, WAIT_OBJECT_0, "on its stop event, not on the 5 s timeout");
    CHECK(ticks >= 3, "the timer woke the wait each time it came due");
    CHECK_EQ(work_items, 6, "every posted work item arrived");
    CloseHandle(thread);

    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = wnd_proc;
    wc.lpszClassName = TEXT("MaskTest");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    hwnd = CreateWindow(TEXT("MaskTest"), TEXT(""), 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(hwnd != NULL, "CreateWindow");

    GetQueueStatus(QS_ALLINPUT);
    CHECK_EQ(GetQueueStatus(QS_ALLINPUT), 0, "an empty queue: nothing queued, nothing new");
    PostMessage(hwnd, WM_USER, 0, 0);
    CHECK_EQ(GetQueueStatus(QS_ALLINPUT), MAKELONG(QS_POSTMESSAGE, QS_POSTMESSAGE),
             "a post: queued and new");
    CHECK_EQ(GetQueueStatus(QS_ALLINPUT), MAKELONG(0, QS_POSTMESSAGE),
             "asked again: queued, no longer new");
    SetLastError(0);
    CHECK_EQ(GetQueueStatus(0xffffffff), 0, "GetQueueStatus of no QS_ kind fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_FLAGS, "with ERROR_INVALID_FLAGS");
    while (PeekMessage(&msg, NULL, 0, 0, PM_REMOVE))
        ;

    PostMessage(hwnd, WM_USER, 0, 0);
    r = MsgWaitForMultipleObjects(0, NULL, FALSE, 0, QS_SENDMESSAGE);
    CHECK_EQ(r, WAIT_TIMEOUT, "a post does not end a wait for sent messages only");
    r = MsgWaitForMultipleObjects(0, NULL, FALSE, 0, QS_POSTMESSAGE);
    CHECK_EQ(r, WAIT_OBJECT_0, "it ends a wait for posted messages");
    r = MsgWaitForMultipleObjects(0, NULL, FALSE, 0, QS_POSTMESSAGE);
    CHECK_EQ(r, WAIT_OBJECT_0, "the wait itself does not count as a look");
    CHECK(PeekMessage(&msg, NULL, 0, 0, PM_NOREMOVE) && msg.message == WM_USER,
          "PeekMessage(PM_NOREMOVE) sees it");
    r = MsgWaitForMultipleObjects(0, NULL, FALSE, 0, QS_POSTMESSAGE);
    CHECK_EQ(r, WAIT_TIMEOUT, "a message seen and left in the queue is not new");
    r = MsgWaitForMultipleObjectsEx(0, NULL, 0, QS_POSTMESSAGE, MWMO_INPUTAVAILABLE);
    CHECK_EQ(r, WAIT_OBJECT_0, "MWMO_INPUTAVAILABLE: it is still there");

    CHECK(!PeekMessage(&msg, NULL, 0, 0, PM_REMOVE | PM_QS_SENDMESSAGE),
          "PM_QS_SENDMESSAGE leaves posted messages alone");
    CHECK(!PeekMessage(&msg, NULL, 0, 0, PM_NOREMOVE | PM_QS_INPUT), "there is no input");
    CHECK(PeekMessage(&msg, NULL, 0, 0, PM_REMOVE | PM_QS_POSTMESSAGE | PM_NOYIELD) &&
              msg.message == WM_USER,
          "PM_QS_POSTMESSAGE takes it");

    PostQuitMessage(4);
    CHECK(!PeekMessage(&msg, NULL, 0, 0, PM_NOREMOVE | PM_QS_SENDMESSAGE),
          "WM_QUIT is no sent message");
    CHECK(PeekMessage(&msg, NULL, 0, 0, PM_REMOVE | PM_QS_POSTMESSAGE) && msg.message == WM_QUIT,
          "PM_QS_POSTMESSAGE takes WM_QUIT");

    /* A message sent from another thread waits through a PM_QS_POSTMESSAGE peek and runs in
     * the next peek that looks at sent messages. */
    thread = CreateThread(NULL, 0, sender, hwnd, 0, NULL);
    Sleep(100);
    qs = GetQueueStatus(QS_SENDMESSAGE);
    CHECK_EQ(HIWORD(qs), QS_SENDMESSAGE, "the sent message is queued");
    CHECK(!PeekMessage(&msg, NULL, 0, 0, PM_REMOVE | PM_QS_POSTMESSAGE), "not run for posted");
    CHECK_EQ(WaitForSingleObject(thread, 100), WAIT_TIMEOUT, "so the sender still waits");
    CHECK(!PeekMessage(&msg, NULL, 0, 0, PM_REMOVE), "a plain peek runs it, returns nothing");
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "and the sender has its answer");
    CloseHandle(thread);

    SetTimer(hwnd, 5, 30, NULL);
    r = MsgWaitForMultipleObjects(0, NULL, FALSE, 2000, QS_TIMER);
    CHECK_EQ(r, WAIT_OBJECT_0, "a window timer coming due ends a QS_TIMER wait");
    CHECK(PeekMessage(&msg, hwnd, WM_TIMER, WM_TIMER, PM_REMOVE) && msg.wParam == 5,
          "the WM_TIMER is there");
    KillTimer(hwnd, 5);
    CHECK(!GetInputState(), "GetInputState: no mouse or keyboard input");

    DestroyWindow(hwnd);
    UnregisterClass(TEXT("MaskTest"), NULL);
    CloseHandle(stop_event);
    return check_done();
}
