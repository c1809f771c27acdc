/* A dialog-style message loop that reads only its own window's messages,
 * while (GetMessage(&msg, hwnd, 0, 0) > 0), as many small Win32 tools write it: when the window
 * procedure destroys the window (WM_CLOSE to DefWindowProc), GetMessage returns -1 with
 * ERROR_INVALID_WINDOW_HANDLE and the loop ends, as on Windows; PeekMessage of a destroyed
 * window's handle returns FALSE with the same error. Then a WM_TIMER the program builds itself
 * with a made-up lParam: DispatchMessage calls a timer procedure only when one of the thread's
 * timers runs it (Windows checks the lParam), and calls nothing otherwise. (Wine's user32
 * msg.c tests, run against ws2mp, show these on Windows.) */
#include <windows.h>
#include <stdio.h>
#include "check.h"

static int timer_calls, proc_timers;

static VOID CALLBACK on_timer(HWND hwnd, UINT msg, UINT_PTR id, DWORD now)
{
    (void)hwnd;
    (void)msg;
    (void)id;
    (void)now;
    timer_calls++;
}

static LRESULT CALLBACK wnd_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    if (message == WM_TIMER)
        proc_timers++;
    return DefWindowProc(hwnd, message, wParam, lParam);
}

int main(void)
{
    WNDCLASS wc;
    HWND hwnd;
    MSG msg;
    BOOL ret;
    int loops = 0;
    UINT_PTR id;

    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = wnd_proc;
    wc.lpszClassName = TEXT("GoneTest");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    hwnd = CreateWindow(TEXT("GoneTest"), TEXT("tool"), WS_OVERLAPPEDWINDOW, 0, 0, 100, 100, NULL,
                        NULL, NULL, NULL);
    REQUIRE(hwnd != NULL, "CreateWindow");

    PostMessage(hwnd, WM_USER, 0, 0);
    PostMessage(hwnd, WM_CLOSE, 0, 0);
    while ((ret = GetMessage(&msg, hwnd, 0, 0)) > 0 && loops < 10) {
        TranslateMessage(&msg);
        DispatchMessage(&msg);
        loops++;
    }
    CHECK_EQ(loops, 2, "the loop ran the two posted messages");
    CHECK_EQ(ret, -1, "then GetMessage of the destroyed window returned -1");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "with ERROR_INVALID_WINDOW_HANDLE");
    SetLastError(0);
    CHECK(!PeekMessage(&msg, hwnd, 0, 0, PM_REMOVE), "PeekMessage of it returns FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "with the same error");
    CHECK(!PeekMessage(&msg, (HWND)-1, 0, 0, PM_REMOVE), "(HWND)-1 is no window, and no error");

    hwnd = CreateWindow(TEXT("GoneTest"), TEXT("tool"), WS_OVERLAPPEDWINDOW, 0, 0, 100, 100, NULL,
                        NULL, NULL, NULL);
    REQUIRE(hwnd != NULL, "CreateWindow again");
    msg.hwnd = hwnd;
    msg.message = WM_TIMER;
    msg.wParam = 1;
    msg.lParam = (LPARAM)on_timer;
    msg.time = 0;
    msg.pt.x = msg.pt.y = 0;
    CHECK_EQ(DispatchMessage(&msg), 0, "a WM_TIMER naming no timer's procedure runs nothing");
    CHECK_EQ(timer_calls, 0, "the procedure was not called");
    CHECK_EQ(proc_timers, 0, "nor the window procedure");

    id = SetTimer(hwnd, 1, 10, on_timer);
    CHECK_EQ(id, 1, "SetTimer with a TIMERPROC");
    CHECK(DispatchMessage(&msg) == 0 && timer_calls == 1, "now the procedure is a timer's: called");
    KillTimer(hwnd, 1);
    msg.lParam = 0;
    DispatchMessage(&msg);
    CHECK_EQ(proc_timers, 1, "a WM_TIMER with lParam 0 goes to the window procedure");

    DestroyWindow(hwnd);
    UnregisterClass(TEXT("GoneTest"), NULL);
    return check_done();
}
