/* A window's WM_PAINT handler that draws: Petzold-style Winsock programs (a board game whose
 * peer sends "x,y" over a socket selected with WSAAsyncSelect) keep the received coordinates,
 * call InvalidateRgn, and in WM_PAINT draw a grid with MoveToEx/LineTo and marks with a pen
 * from CreatePen selected by SelectObject and Ellipse/Rectangle. On Windows each drawing call
 * on the device context BeginPaint gives succeeds, also for a window that is never shown;
 * a fresh device context holds the stock BLACK_PEN and WHITE_BRUSH (SelectObject returns them),
 * its current position is 0,0, its background mode OPAQUE and its text colour black; every
 * call fails on a NULL device context (FALSE, NULL, CLR_INVALID or 0). RGB packs red in the
 * low byte. The program sends WM_PAINT itself here: ws2mp's windows are never shown. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define WM_ASYNC (WM_USER + 2)
#define BSIZE 100

static SOCKET peer = INVALID_SOCKET;
static char received[100];
static int mark_x, mark_y, got_read, invalidate_ok;
static int paint_count, paint_hdc_ok, move_ok, move_prev_ok, lines_ok, pen_prev_ok,
    brush_prev_ok, shapes_ok, bkmode_prev_ok, textcolor_prev_ok, restore_ok;

static LRESULT CALLBACK WndProc(HWND hwnd, UINT iMsg, WPARAM wParam, LPARAM lParam)
{
    HDC hdc;
    PAINTSTRUCT ps;
    HPEN pen, old_pen;
    HBRUSH brush, old_brush;
    POINT prev;
    char *comma;
    int len, i;

    switch (iMsg) {
    case WM_ASYNC:
        if (WSAGETSELECTEVENT(lParam) == FD_READ && (SOCKET)wParam == peer) {
            len = recv(peer, received, sizeof(received) - 1, 0);
            if (len > 0) {
                received[len] = '\0';
                comma = strchr(received, ',');
                if (comma != NULL) {
                    mark_x = atoi(received);
                    mark_y = atoi(comma + 1);
                    got_read = 1;
                }
            }
            invalidate_ok = InvalidateRgn(hwnd, NULL, TRUE);
        }
        return 0;
    case WM_PAINT:
        ++paint_count;
        hdc = BeginPaint(hwnd, &ps);
        paint_hdc_ok = hdc != NULL;
        prev.x = prev.y = -1;
        move_ok = 1;
        lines_ok = 1;
        for (i = 0; i < 5; i++) {
            move_ok &= MoveToEx(hdc, BSIZE * (i + 1), 0, i == 0 ? &prev : NULL) != FALSE;
            lines_ok &= LineTo(hdc, BSIZE * (i + 1), BSIZE * 5) != FALSE;
        }
        move_prev_ok = prev.x == 0 && prev.y == 0;
        pen = CreatePen(PS_SOLID, 1, RGB(255, 0, 0));
        brush = CreateSolidBrush(RGB(0, 0, 255));
        old_pen = (HPEN)SelectObject(hdc, pen);
        old_brush = (HBRUSH)SelectObject(hdc, brush);
        pen_prev_ok = pen != NULL && old_pen == (HPEN)GetStockObject(BLACK_PEN);
        brush_prev_ok = brush != NULL && old_brush == (HBRUSH)GetStockObject(WHITE_BRUSH);
        shapes_ok = Ellipse(hdc, mark_x - 50, mark_y - 50, mark_x + 50, mark_y + 50) &&
                    Rectangle(hdc, 0, 0, BSIZE * 5, BSIZE * 5);
        bkmode_prev_ok = SetBkMode(hdc, TRANSPARENT) == OPAQUE;
        textcolor_prev_ok = SetTextColor(hdc, RGB(0, 128, 0)) == RGB(0, 0, 0);
        restore_ok = SelectObject(hdc, old_pen) != NULL && SelectObject(hdc, old_brush) != NULL;
        DeleteObject(pen);
        DeleteObject(brush);
        EndPaint(hwnd, &ps);
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
    WNDCLASSA wc;
    HWND hwnd;
    MSG msg;
    SOCKET listener, server_side;
    struct sockaddr_in addr;
    int addrlen = sizeof(addr);
    DWORD start;
    POINT pt;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* RGB: red in the low byte, blue in the third. */
    CHECK_EQ((unsigned)RGB(255, 0, 0), 0x0000FFu, "RGB puts red in the low byte");
    CHECK_EQ((unsigned)RGB(0, 0, 255), 0xFF0000u, "RGB puts blue in the third byte");
    CHECK_EQ(GetRValue(RGB(1, 2, 3)), 1, "GetRValue");
    CHECK_EQ(GetGValue(RGB(1, 2, 3)), 2, "GetGValue");
    CHECK_EQ(GetBValue(RGB(1, 2, 3)), 3, "GetBValue");

    /* No device context: every call fails. */
    CHECK(!MoveToEx(NULL, 1, 1, &pt), "MoveToEx fails without a device context");
    CHECK(!LineTo(NULL, 1, 1), "LineTo fails without a device context");
    CHECK(!Ellipse(NULL, 0, 0, 10, 10), "Ellipse fails without a device context");
    CHECK(!Rectangle(NULL, 0, 0, 10, 10), "Rectangle fails without a device context");
    CHECK(SelectObject(NULL, GetStockObject(BLACK_PEN)) == NULL, "SelectObject gives NULL without a device context");
    CHECK_EQ((unsigned)SetTextColor(NULL, RGB(1, 1, 1)), (unsigned)CLR_INVALID, "SetTextColor gives CLR_INVALID without a device context");
    CHECK_EQ(SetBkMode(NULL, TRANSPARENT), 0, "SetBkMode gives 0 without a device context");

    memset(&wc, 0, sizeof(wc));
    wc.style = CS_HREDRAW | CS_VREDRAW;
    wc.lpfnWndProc = WndProc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.hbrBackground = (HBRUSH)GetStockObject(WHITE_BRUSH);
    wc.lpszClassName = "ws2mp_gdi_board";
    REQUIRE(RegisterClassA(&wc) != 0, "RegisterClass");
    hwnd = CreateWindowA("ws2mp_gdi_board", "board", WS_OVERLAPPEDWINDOW, CW_USEDEFAULT,
                         CW_USEDEFAULT, 700, 700, NULL, NULL, wc.hInstance, NULL);
    REQUIRE(hwnd != NULL, "CreateWindow");

    /* The peer on 127.0.0.1 sends the other player's move. */
    listener = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener != INVALID_SOCKET, "listener socket");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind 127.0.0.1");
    REQUIRE(listen(listener, 1) == 0, "listen");
    REQUIRE(getsockname(listener, (struct sockaddr *)&addr, &addrlen) == 0, "getsockname");
    peer = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(peer != INVALID_SOCKET, "peer socket");
    REQUIRE(connect(peer, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    server_side = accept(listener, NULL, NULL);
    REQUIRE(server_side != INVALID_SOCKET, "accept");
    REQUIRE(WSAAsyncSelect(peer, hwnd, WM_ASYNC, FD_READ) == 0, "WSAAsyncSelect FD_READ");
    REQUIRE(send(server_side, "150,250", 8, 0) == 8, "the other player sends its move");

    start = GetTickCount();
    while (!got_read && GetTickCount() - start < 5000) {
        if (PeekMessageA(&msg, NULL, 0, 0, PM_REMOVE)) {
            TranslateMessage(&msg);
            DispatchMessageA(&msg);
        } else {
            Sleep(10);
        }
    }
    REQUIRE(got_read, "FD_READ brought the move to the window procedure");
    CHECK_EQ(mark_x, 150, "the x coordinate received");
    CHECK_EQ(mark_y, 250, "the y coordinate received");
    CHECK(invalidate_ok, "InvalidateRgn of the window succeeds");

    SendMessageA(hwnd, WM_PAINT, 0, 0);
    CHECK_EQ(paint_count, 1, "WM_PAINT ran once");
    CHECK(paint_hdc_ok, "BeginPaint gives a device context");
    CHECK(move_ok, "MoveToEx succeeds on it");
    CHECK(move_prev_ok, "the previous position of a fresh device context is 0,0");
    CHECK(lines_ok, "LineTo succeeds on it");
    CHECK(pen_prev_ok, "CreatePen gives a pen and selecting it returns the stock BLACK_PEN");
    CHECK(brush_prev_ok, "CreateSolidBrush gives a brush and selecting it returns the stock WHITE_BRUSH");
    CHECK(shapes_ok, "Ellipse and Rectangle succeed");
    CHECK(bkmode_prev_ok, "SetBkMode returns the previous mode, OPAQUE");
    CHECK(textcolor_prev_ok, "SetTextColor returns the previous colour, black");
    CHECK(restore_ok, "selecting the old pen and brush back succeeds");

    DestroyWindow(hwnd);
    /* A window that no longer exists cannot be invalidated. */
    CHECK(!InvalidateRgn(hwnd, NULL, TRUE), "InvalidateRgn of a destroyed window fails");
    while (GetMessageA(&msg, NULL, 0, 0) > 0)
        DispatchMessageA(&msg);

    closesocket(server_side);
    closesocket(peer);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
