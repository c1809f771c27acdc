/* A program whose network thread owns a hidden window and whose main thread talks to it, as
 * WSAAsyncSelect front ends do: the two agree on a private message with RegisterWindowMessage,
 * the main thread asks with SendMessageTimeout (so a stuck network thread cannot hang it:
 * before that thread reads its queue the call fails with ERROR_TIMEOUT), the window procedure
 * checks InSendMessage and answers early with ReplyMessage before slow work, and the window is
 * subclassed with SetWindowLongPtr(GWLP_WNDPROC) + CallWindowProc. GetMessageTime gives the
 * time of the message being handled. (Wine's user32 msg.c and win.c tests, run against ws2mp,
 * show the Windows behaviour.) */
#include <windows.h>
#include <stdio.h>
#include "check.h"

static UINT WM_STATUS, WM_SLOW;
static HWND net_window;
static HANDLE ready, go;
static WNDPROC old_proc;
static int in_send_seen, subclass_calls;
static LONG message_time_ok;

static LRESULT CALLBACK net_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    if (message == WM_STATUS) {
        in_send_seen = InSendMessage();
        return (LRESULT)(wParam * 10 + lParam);
    }
    if (message == WM_SLOW) {
        ReplyMessage(42); /* the sender goes on now */
        Sleep(300);
        return 7; /* dropped */
    }
    return DefWindowProc(hwnd, message, wParam, lParam);
}

static LRESULT CALLBACK subclass_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    if (message == WM_STATUS)
        subclass_calls++;
    return CallWindowProc(old_proc, hwnd, message, wParam, lParam);
}

static DWORD WINAPI net_thread(LPVOID unused)
{
    WNDCLASS wc;
    MSG msg;
    (void)unused;
    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = net_proc;
    wc.lpszClassName = TEXT("NetNotify");
    RegisterClass(&wc);
    net_window = CreateWindow(TEXT("NetNotify"), TEXT(""), 0, 0, 0, 0, 0, HWND_MESSAGE, NULL,
                              NULL, NULL);
    old_proc = (WNDPROC)SetWindowLongPtr(net_window, GWLP_WNDPROC, (LONG_PTR)subclass_proc);
    SetEvent(ready);
    WaitForSingleObject(go, INFINITE); /* "busy" until the main thread says go */
    PostMessage(net_window, WM_USER, 0, 0);
    while (GetMessage(&msg, NULL, 0, 0) > 0) {
        if (msg.message == WM_USER && (LONG)msg.time == GetMessageTime())
            message_time_ok = 1;
        DispatchMessage(&msg);
    }
    DestroyWindow(net_window);
    return 0;
}

int main(void)
{
    HANDLE thread;
    DWORD tid, start;
    DWORD_PTR result = 0;
    LRESULT r;

    WM_STATUS = RegisterWindowMessage(TEXT("MyApp.Status"));
    WM_SLOW = RegisterWindowMessage(TEXT("MyApp.Slow"));
    CHECK(WM_STATUS >= 0xC000 && WM_STATUS <= 0xFFFF, "RegisterWindowMessage's range");
    CHECK_EQ(RegisterWindowMessage(TEXT("myapp.STATUS")), WM_STATUS,
             "the same name in another case gives the same number");
    CHECK(WM_SLOW != WM_STATUS, "another name another number");
    CHECK_EQ(RegisterWindowMessage(TEXT("")), 0, "an empty name is refused");

    ready = CreateEvent(NULL, FALSE, FALSE, NULL);
    go = CreateEvent(NULL, FALSE, FALSE, NULL);
    thread = CreateThread(NULL, 0, net_thread, NULL, 0, &tid);
    REQUIRE(thread != NULL, "CreateThread");
    WaitForSingleObject(ready, INFINITE);

    start = GetTickCount();
    SetLastError(0);
    r = SendMessageTimeout(net_window, WM_STATUS, 1, 2, SMTO_ABORTIFHUNG, 150, &result);
    CHECK_EQ(r, 0, "SendMessageTimeout to a thread not reading messages fails");
    CHECK_EQ(GetLastError(), ERROR_TIMEOUT, "with ERROR_TIMEOUT");
    CHECK(GetTickCount() - start >= 140, "after the timeout");
    SetEvent(go);

    r = SendMessageTimeout(net_window, WM_STATUS, 3, 4, SMTO_NORMAL, 5000, &result);
    CHECK(r != 0, "SendMessageTimeout succeeds once the thread reads messages");
    CHECK_EQ(result, 34, "with the procedure's result");
    CHECK(in_send_seen, "InSendMessage is TRUE in a message from another thread");
    CHECK(!InSendMessage(), "and FALSE in the main thread");
    CHECK(subclass_calls >= 1, "the subclass procedure saw it and passed it on");

    start = GetTickCount();
    r = SendMessage(net_window, WM_SLOW, 0, 0);
    CHECK_EQ(r, 42, "ReplyMessage's value is the sender's result");
    CHECK(GetTickCount() - start < 250, "the sender did not wait for the slow procedure");
    CHECK(!ReplyMessage(1), "ReplyMessage outside a sent message is FALSE");

    SetLastError(0);
    r = SendMessageTimeout((HWND)(ULONG_PTR)0x12340, WM_STATUS, 0, 0, SMTO_NORMAL, 100, &result);
    CHECK(r == 0 && GetLastError() == ERROR_INVALID_WINDOW_HANDLE, "no such window");
    CHECK_EQ(CallWindowProc(DefWindowProc, net_window, WM_NULL, 0, 0), 0,
             "CallWindowProc of DefWindowProc");

    PostThreadMessage(tid, WM_QUIT, 0, 0);
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the network thread ends");
    CHECK(message_time_ok, "GetMessageTime is the time of the message GetMessage returned");
    CloseHandle(thread);
    CloseHandle(ready);
    CloseHandle(go);
    return check_done();
}
