/* A window's WM_PAINT handler: BeginPaint gives the device context (also in PAINTSTRUCT.hdc),
 * TextOut writes into it and EndPaint ends the painting (always nonzero); InvalidateRect asks
 * for a repaint. Petzold-style Winsock programs (a WinMain that registers a class with a white
 * brush, creates a window and runs GetMessage) accept a client in WM_CREATE, keep what it sent
 * in a static TCHAR buffer and draw it in WM_PAINT, calling InvalidateRect when new text comes.
 * On Windows BeginPaint fails (NULL) for a handle that names no window, and so does
 * InvalidateRect (FALSE). ws2mp's windows are never shown, so the handler runs when the program
 * sends the message; here the text comes from a client on 127.0.0.1. */
#include <winsock2.h>
#include <windows.h>
#include <tchar.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static SOCKET listener = INVALID_SOCKET;
static TCHAR received[200];
static int create_ok, paint_count, paint_hdc_ok, paint_text_ok, paint_end_ok;
static HDC last_hdc;

static LRESULT CALLBACK WndProc(HWND hwnd, UINT iMsg, WPARAM wParam, LPARAM lParam)
{
    HDC hdc;
    PAINTSTRUCT ps;
    SOCKET client;
    char buffer[100];
    int len;

    switch (iMsg) {
    case WM_CREATE:
        client = accept(listener, NULL, NULL);
        if (client == INVALID_SOCKET)
            return -1;
        len = recv(client, buffer, sizeof(buffer) - 1, 0);
        closesocket(client);
        if (len <= 0)
            return -1;
        buffer[len] = '\0';
#ifdef _UNICODE
        MultiByteToWideChar(CP_ACP, 0, buffer, -1, received, 200);
#else
        strcpy(received, buffer);
#endif
        create_ok = 1;
        return 0;
    case WM_PAINT:
        ++paint_count;
        hdc = BeginPaint(hwnd, &ps);
        last_hdc = hdc;
        paint_hdc_ok = hdc != NULL && ps.hdc == hdc;
        paint_text_ok = TextOut(hdc, 0, 0, received, (int)_tcslen(received)) != FALSE;
        paint_end_ok = EndPaint(hwnd, &ps) != FALSE;
        return 0;
    case WM_DESTROY:
        PostQuitMessage(0);
        return 0;
    }
    return DefWindowProc(hwnd, iMsg, wParam, lParam);
}

int main(void)
{
    WSADATA wsa;
    WNDCLASS wc;
    HWND hwnd;
    SOCKET client;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    PAINTSTRUCT ps;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup succeeds");
    listener = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (LPSOCKADDR)&addr, sizeof(addr)) == 0, "bind to 127.0.0.1 succeeds");
    REQUIRE(listen(listener, 5) == 0, "listen succeeds");
    REQUIRE(getsockname(listener, (LPSOCKADDR)&addr, &len) == 0, "getsockname gives the port");
    /* The client connects and sends before the window exists: WM_CREATE accepts it. */
    client = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(client, (LPSOCKADDR)&addr, sizeof(addr)) == 0, "the client connects");
    REQUIRE(send(client, "hello window", 12, 0) == 12, "the client sends its text");

    memset(&wc, 0, sizeof(wc));
    wc.style = CS_HREDRAW | CS_VREDRAW;
    wc.lpfnWndProc = WndProc;
    wc.hInstance = GetModuleHandle(NULL);
    wc.hIcon = LoadIcon(NULL, IDI_APPLICATION);
    wc.hCursor = LoadCursor(NULL, IDC_ARROW);
    wc.hbrBackground = (HBRUSH)GetStockObject(WHITE_BRUSH);
    wc.lpszClassName = _T("Paint Test Window");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass succeeds");
    hwnd = CreateWindow(_T("Paint Test Window"), _T("Server Window"), WS_OVERLAPPEDWINDOW, CW_USEDEFAULT,
                        CW_USEDEFAULT, CW_USEDEFAULT, CW_USEDEFAULT, NULL, NULL, wc.hInstance, NULL);
    REQUIRE(hwnd != NULL, "CreateWindow succeeds");
    CHECK(create_ok, "WM_CREATE accepted the client and read its text");
    CHECK(_tcscmp(received, _T("hello window")) == 0, "the text is kept for painting");

    CHECK(InvalidateRect(hwnd, NULL, TRUE), "InvalidateRect of the window succeeds");
    CHECK(InvalidateRect(NULL, NULL, FALSE), "InvalidateRect(NULL) (all windows) succeeds");
    SendMessage(hwnd, WM_PAINT, 0, 0);
    CHECK_EQ(paint_count, 1, "the WM_PAINT handler ran once");
    CHECK(paint_hdc_ok, "BeginPaint gives a device context, the same as PAINTSTRUCT.hdc");
    CHECK(paint_text_ok, "TextOut into the painting device context succeeds");
    CHECK(paint_end_ok, "EndPaint returns nonzero");

    DestroyWindow(hwnd);
    CHECK(!IsWindow(hwnd), "the window is destroyed");
    CHECK(BeginPaint(hwnd, &ps) == NULL, "BeginPaint of a destroyed window fails with NULL");
    CHECK(!InvalidateRect(hwnd, NULL, TRUE), "InvalidateRect of a destroyed window fails");
    CHECK(last_hdc != NULL, "the handler's device context was not NULL");

    closesocket(client);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
