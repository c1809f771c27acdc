/* A window procedure that ends its program the old way: on WM_CLOSE it posts WM_QUIT to its own
 * window, then destroys the window (some programs post two, or post other messages too). The
 * destroyed window's queued messages are dropped, but the first WM_QUIT posted to it survives as
 * the thread's quit request, so the GetMessage loop still ends with that exit code, as on
 * Windows (Wine's user32 msg.c test_quit_message, the "StopQuit" window, shows it). The quit
 * message comes with no window and lParam 0. A WM_QUIT posted with PostThreadMessage is an
 * ordinary posted message: it comes in its turn, before messages posted after it. */
#include <windows.h>
#include <stdio.h>
#include "check.h"

static int user_seen;

static LRESULT CALLBACK wnd_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    switch (message) {
    case WM_CREATE:
        PostMessage(hwnd, WM_CLOSE, 0, 0);
        return 0;
    case WM_CLOSE:
        PostMessage(hwnd, WM_USER, 1, 2);
        PostMessage(hwnd, WM_QUIT, 0x1234, 0x5678);
        PostMessage(hwnd, WM_QUIT, 0x4321, 0x8765);
        DestroyWindow(hwnd);
        return 0;
    case WM_USER:
        user_seen++;
        return 0;
    }
    return DefWindowProc(hwnd, message, wParam, lParam);
}

int main(void)
{
    WNDCLASS wc;
    HWND hwnd;
    MSG msg;
    int loops = 0;
    BOOL ret;

    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = wnd_proc;
    wc.lpszClassName = TEXT("QuitViaWindow");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    hwnd = CreateWindow(TEXT("QuitViaWindow"), TEXT("app"), WS_OVERLAPPEDWINDOW, CW_USEDEFAULT,
                        CW_USEDEFAULT, 200, 100, NULL, NULL, GetModuleHandle(NULL), NULL);
    REQUIRE(hwnd != NULL, "CreateWindow");
    ShowWindow(hwnd, SW_SHOWNORMAL);
    UpdateWindow(hwnd);

    while ((ret = GetMessage(&msg, NULL, 0, 0)) > 0 && loops < 20) {
        TranslateMessage(&msg);
        DispatchMessage(&msg);
        loops++;
    }
    CHECK_EQ(ret, 0, "the loop ended on WM_QUIT");
    CHECK_EQ(loops, 1, "after the one WM_CLOSE");
    CHECK_EQ(msg.message, WM_QUIT, "the message is WM_QUIT");
    CHECK_EQ(msg.wParam, 0x1234, "with the first exit code posted");
    CHECK_EQ(msg.lParam, 0, "and lParam 0");
    CHECK(msg.hwnd == NULL, "and no window");
    CHECK_EQ(user_seen, 0, "the other messages posted to the window were dropped");
    CHECK(!PeekMessage(&msg, NULL, 0, 0, PM_REMOVE), "nothing else is queued");

    PostThreadMessage(GetCurrentThreadId(), WM_QUIT, 0xdead, 0);
    PostThreadMessage(GetCurrentThreadId(), WM_USER, 0, 0);
    ret = GetMessage(&msg, NULL, 0, 0);
    CHECK(ret == 0 && msg.wParam == 0xdead, "a thread WM_QUIT comes in its turn");
    ret = GetMessage(&msg, NULL, 0, 0);
    CHECK(ret > 0 && msg.message == WM_USER, "then what was posted after it");

    UnregisterClass(TEXT("QuitViaWindow"), GetModuleHandle(NULL));
    return check_done();
}
