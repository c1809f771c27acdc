/* A chat client split in two threads, as many were: the window thread runs the message loop,
 * a connection thread connects and then points the socket at the window with WSAAsyncSelect
 * and tells the window so with PostMessage. On Windows the notifications are posted to the
 * window's thread, whichever thread called WSAAsyncSelect: they count as posted messages
 * (QS_POSTMESSAGE), so MsgWaitForMultipleObjects(0, NULL, ..., QS_POSTMESSAGE) wakes when data
 * arrives, PeekMessage with the notification's number as a filter takes it (wParam the socket,
 * WSAGETSELECTEVENT FD_READ), and FD_CLOSE follows the peer's close. A wait with nothing
 * queued times out. (Wine's ws2_32 sock.c test_WSAAsyncSelect / test_events and user32
 * msg.c test_MsgWaitForMultipleObjects show these on Windows.) */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define WM_CHAT_SOCKET (WM_APP + 1)
#define WM_CHAT_READY (WM_APP + 2)

static HWND chat_window;
static struct sockaddr_in server_addr;
static SOCKET chat_socket = INVALID_SOCKET;
static int worker_connect, worker_select, worker_post;

/* Window thread only. */
static int ready, reads, closes, other_events, wrong_socket;
static char line[32];

static LRESULT CALLBACK chat_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    int n;
    switch (message) {
    case WM_CHAT_READY:
        ready++;
        return 0;
    case WM_CHAT_SOCKET:
        if ((SOCKET)wParam != chat_socket)
            wrong_socket++;
        switch (WSAGETSELECTEVENT(lParam)) {
        case FD_READ:
            reads++;
            n = recv((SOCKET)wParam, line, sizeof(line) - 1, 0);
            if (n > 0)
                line[n] = 0;
            break;
        case FD_CLOSE:
            closes++;
            break;
        default:
            other_events++;
        }
        return 0;
    }
    return DefWindowProc(hwnd, message, wParam, lParam);
}

static DWORD WINAPI connection_thread(LPVOID arg)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    (void)arg;
    worker_connect = connect(s, (struct sockaddr *)&server_addr, sizeof(server_addr));
    chat_socket = s;
    worker_select = WSAAsyncSelect(s, chat_window, WM_CHAT_SOCKET, FD_READ | FD_CLOSE);
    worker_post = PostMessage(chat_window, WM_CHAT_READY, 0, 0);
    return 0;
}

int main(void)
{
    WSADATA wsa;
    WNDCLASS wc;
    SOCKET listener, served;
    HANDLE thread;
    MSG msg;
    int len = sizeof(server_addr), loops;
    UINT_PTR watchdog;
    DWORD t0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = chat_proc;
    wc.lpszClassName = TEXT("ChatClientWnd");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    chat_window = CreateWindow(TEXT("ChatClientWnd"), TEXT("chat"), 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(chat_window != NULL, "CreateWindow");

    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(listener != INVALID_SOCKET, "socket");
    memset(&server_addr, 0, sizeof(server_addr));
    server_addr.sin_family = AF_INET;
    server_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (struct sockaddr *)&server_addr, sizeof(server_addr)) == 0, "bind");
    REQUIRE(listen(listener, 1) == 0, "listen");
    REQUIRE(getsockname(listener, (struct sockaddr *)&server_addr, &len) == 0, "getsockname");

    CHECK_EQ(MsgWaitForMultipleObjects(0, NULL, FALSE, 50, QS_ALLINPUT), WAIT_TIMEOUT,
             "nothing queued: MsgWaitForMultipleObjects times out");

    thread = CreateThread(NULL, 0, connection_thread, NULL, 0, NULL);
    REQUIRE(thread != NULL, "CreateThread");
    served = accept(listener, NULL, NULL);
    REQUIRE(served != INVALID_SOCKET, "accept");
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the connection thread ended");
    CloseHandle(thread);
    CHECK_EQ(worker_connect, 0, "it connected");
    CHECK_EQ(worker_select, 0, "WSAAsyncSelect from the connection thread succeeded");
    CHECK(worker_post, "... and its PostMessage too");

    CHECK_EQ(MsgWaitForMultipleObjects(0, NULL, FALSE, 5000, QS_POSTMESSAGE), WAIT_OBJECT_0,
             "the posted message wakes the window thread's wait");
    while (PeekMessage(&msg, NULL, 0, 0, PM_REMOVE))
        DispatchMessage(&msg);
    CHECK_EQ(ready, 1, "the window procedure got WM_CHAT_READY");
    CHECK_EQ(reads + closes + other_events, 0, "no notification yet: nothing to read");

    CHECK_EQ(send(served, "hello", 5, 0), 5, "the server sends a line");
    CHECK_EQ(MsgWaitForMultipleObjects(0, NULL, FALSE, 5000, QS_POSTMESSAGE), WAIT_OBJECT_0,
             "the socket notification wakes a QS_POSTMESSAGE wait");
    memset(&msg, 0, sizeof(msg));
    t0 = GetTickCount();
    while (!PeekMessage(&msg, chat_window, WM_CHAT_SOCKET, WM_CHAT_SOCKET, PM_REMOVE) && GetTickCount() - t0 < 5000)
        Sleep(5);
    CHECK(msg.message == WM_CHAT_SOCKET && msg.hwnd == chat_window, "PeekMessage with its number takes it");
    CHECK(msg.wParam == (WPARAM)chat_socket, "... wParam is the socket");
    CHECK_EQ(WSAGETSELECTEVENT(msg.lParam), FD_READ, "... the event FD_READ");
    CHECK_EQ(WSAGETSELECTERROR(msg.lParam), 0, "... with no error");
    DispatchMessage(&msg);
    CHECK(strcmp(line, "hello") == 0, "the window procedure read the line");

    closesocket(served);
    watchdog = SetTimer(NULL, 0, 100, NULL);
    t0 = GetTickCount();
    for (loops = 0; !closes && GetTickCount() - t0 < 5000 && GetMessage(&msg, NULL, 0, 0) > 0; loops++)
        DispatchMessage(&msg);
    KillTimer(NULL, watchdog);
    CHECK_EQ(closes, 1, "the server's close gives FD_CLOSE");
    CHECK_EQ(reads, 1, "one FD_READ in all");
    CHECK_EQ(other_events, 0, "no event that was not asked for");
    CHECK_EQ(wrong_socket, 0, "every notification named the client socket");

    closesocket(chat_socket);
    closesocket(listener);
    CHECK(DestroyWindow(chat_window), "DestroyWindow");
    CHECK(UnregisterClass(TEXT("ChatClientWnd"), NULL), "UnregisterClass");
    WSACleanup();
    return check_done();
}
