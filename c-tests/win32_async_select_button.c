/* A WSAAsyncSelect echo server that registers no window class, as many console servers are
 * written: the hidden window is a system "button" (CreateWindowA("button", ..., WS_POPUP) then
 * ShowWindow(SW_HIDE)), the socket messages are taken out of the GetMessage loop itself
 * (msg.message == WM_SOCKET) before TranslateMessage / DispatchMessage; a second window of the
 * "STATIC" class under HWND_MESSAGE is subclassed with SetWindowLongPtr(GWLP_WNDPROC) and
 * counts what SendMessage brings it. A client thread talks to the server over loopback, then
 * ends the loop with PostThreadMessage(WM_QUIT). */
#define _WINSOCK_DEPRECATED_NO_WARNINGS
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define WM_SOCKET (WM_USER + 1)
#define WM_COUNT (WM_USER + 2)

static unsigned short server_port;
static DWORD main_thread;
static int accepted, echoed, closed, counted;
static char client_got[64];

static LRESULT CALLBACK counting_proc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam)
{
    if (msg == WM_COUNT) {
        counted += (int)wParam;
        return counted;
    }
    return DefWindowProc(hwnd, msg, wParam, lParam);
}

static DWORD WINAPI client(LPVOID unused)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKADDR_IN a;
    int got = 0, n;
    (void)unused;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    a.sin_port = htons(server_port);
    if (connect(s, (SOCKADDR *)&a, sizeof(a)) == 0) {
        send(s, "hello button", 12, 0);
        while (got < 12 && (n = recv(s, client_got + got, (int)sizeof(client_got) - 1 - got, 0)) > 0)
            got += n;
        client_got[got] = '\0';
    }
    closesocket(s);
    Sleep(200); /* the server sees the close before the loop ends */
    PostThreadMessage(main_thread, WM_QUIT, 0, 0);
    return 0;
}

static void handle_net_event(HWND hwnd, SOCKET fd, int event, int error)
{
    char buf[256];
    int n;
    if (error) {
        closesocket(fd);
        closed++;
        return;
    }
    switch (event) {
    case FD_ACCEPT: {
        SOCKET c = accept(fd, NULL, NULL);
        if (c != INVALID_SOCKET) {
            accepted++;
            WSAAsyncSelect(c, hwnd, WM_SOCKET, FD_READ | FD_CLOSE);
        }
        break;
    }
    case FD_READ:
        n = recv(fd, buf, sizeof(buf), 0);
        if (n > 0 && send(fd, buf, n, 0) == n)
            echoed += n;
        break;
    case FD_CLOSE:
        closesocket(fd);
        closed++;
        break;
    }
}

int main(void)
{
    WSADATA wsa;
    HWND hwnd, counter;
    MSG msg;
    SOCKET listener;
    SOCKADDR_IN a;
    int len = sizeof(a);
    HANDLE thread;

    hwnd = CreateWindowA("button", "AsyncSelect", WS_POPUP, CW_USEDEFAULT, 0, CW_USEDEFAULT, 0, NULL,
                         NULL, (HINSTANCE)GetModuleHandle(NULL), NULL);
    REQUIRE(hwnd != NULL, "CreateWindowA makes a window of the system class \"button\"");
    ShowWindow(hwnd, SW_HIDE);
    CHECK(IsWindow(hwnd), "the hidden button is a window");

    counter = CreateWindowA("STATIC", "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(counter != NULL, "a message-only window of the system class \"STATIC\"");
    SetWindowLongPtr(counter, GWLP_WNDPROC, (LONG_PTR)counting_proc);
    CHECK_EQ(SendMessage(counter, WM_COUNT, 3, 0), 3, "the subclassed STATIC window runs our procedure");
    CHECK_EQ(SendMessage(counter, WM_COUNT, 4, 0), 7, "and keeps running it");
    CHECK(CreateWindowA("Ws2mpNoSuchClass", "", 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL) == NULL &&
              GetLastError() == ERROR_CANNOT_FIND_WND_CLASS,
          "a class nobody registered is still ERROR_CANNOT_FIND_WND_CLASS");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&a, sizeof(a)) == 0, "bind");
    REQUIRE(listen(listener, SOMAXCONN) == 0, "listen");
    getsockname(listener, (SOCKADDR *)&a, &len);
    server_port = ntohs(a.sin_port);
    REQUIRE(WSAAsyncSelect(listener, hwnd, WM_SOCKET, FD_ACCEPT) == 0,
            "WSAAsyncSelect on the button window");

    main_thread = GetCurrentThreadId();
    thread = CreateThread(NULL, 0, client, NULL, 0, NULL);
    REQUIRE(thread != NULL, "CreateThread starts the client");
    while (GetMessage(&msg, NULL, 0, 0)) {
        if (msg.message == WM_SOCKET) {
            handle_net_event(hwnd, (SOCKET)msg.wParam, WSAGETSELECTEVENT(msg.lParam),
                             WSAGETSELECTERROR(msg.lParam));
        } else {
            TranslateMessage(&msg);
            DispatchMessage(&msg);
        }
    }
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    CHECK_EQ(accepted, 1, "the loop accepted the client");
    CHECK_EQ(echoed, 12, "and echoed its 12 bytes");
    CHECK(strcmp(client_got, "hello button") == 0, "the client got its echo back");
    CHECK_EQ(closed, 1, "FD_CLOSE came through the loop");

    closesocket(listener);
    CHECK(DestroyWindow(counter), "DestroyWindow of the STATIC window");
    CHECK(DestroyWindow(hwnd), "DestroyWindow of the button");
    CHECK(!IsWindow(hwnd), "the button is gone");
    WSACleanup();
    return check_done();
}
