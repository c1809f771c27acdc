/* A worker thread that reports to the main thread's hidden window with SendNotifyMessage, so
 * that it never blocks on a busy main thread: the call returns at once, and the main thread's
 * window procedure runs the notification in its next message call, ahead of the messages posted
 * to it. Sent to a window of the calling thread, SendNotifyMessage runs the procedure at once, as
 * SendMessage does. (Wine's user32 msg.c test_notify_message, run against ws2mp, shows the
 * Windows behaviour.) */
#include <windows.h>
#include <stdio.h>
#include "check.h"

#define WM_PROGRESS (WM_APP + 3)

static HWND main_window;
static int progress_total, order[4], norder;
static DWORD procedure_thread;
static DWORD send_took;

static LRESULT CALLBACK main_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    if (message == WM_PROGRESS || message == WM_USER) {
        if (message == WM_PROGRESS)
            progress_total += (int)wParam;
        if (norder < 4)
            order[norder++] = (int)message;
        procedure_thread = GetCurrentThreadId();
        return 0;
    }
    return DefWindowProc(hwnd, message, wParam, lParam);
}

static DWORD WINAPI worker(LPVOID unused)
{
    DWORD start = GetTickCount();
    (void)unused;
    PostMessage(main_window, WM_USER, 0, 0);
    SendNotifyMessage(main_window, WM_PROGRESS, 40, 0);
    send_took = GetTickCount() - start;
    return 0;
}

int main(void)
{
    WNDCLASS wc;
    HANDLE thread;
    MSG msg;

    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = main_proc;
    wc.lpszClassName = TEXT("NotifyMain");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    main_window = CreateWindow(TEXT("NotifyMain"), TEXT(""), 0, 0, 0, 0, 0, HWND_MESSAGE, NULL,
                               NULL, NULL);
    REQUIRE(main_window != NULL, "CreateWindow");

    CHECK(SendNotifyMessage(main_window, WM_PROGRESS, 2, 0), "SendNotifyMessage to our own window");
    CHECK_EQ(progress_total, 2, "ran the procedure at once");
    norder = 0;

    thread = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    REQUIRE(thread != NULL, "CreateThread");
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0,
             "the worker ends while the main thread reads no messages");
    CloseHandle(thread);
    CHECK(send_took < 1000, "SendNotifyMessage did not wait for the busy main thread");
    CHECK_EQ(progress_total, 2, "nothing has run yet");

    while (PeekMessage(&msg, NULL, 0, 0, PM_REMOVE))
        DispatchMessage(&msg);
    CHECK_EQ(progress_total, 42, "the notification ran in the main thread's message call");
    CHECK_EQ(procedure_thread, GetCurrentThreadId(), "on the main thread");
    CHECK(norder == 2 && order[0] == WM_PROGRESS && order[1] == WM_USER,
          "before the message the worker had posted first");

    SetLastError(0);
    CHECK(!SendNotifyMessage((HWND)(ULONG_PTR)0x12340, WM_PROGRESS, 0, 0), "no such window");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "ERROR_INVALID_WINDOW_HANDLE");
    DestroyWindow(main_window);
    UnregisterClass(TEXT("NotifyMain"), NULL);
    return check_done();
}
