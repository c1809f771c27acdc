/*
 * The UDP WSAAsyncSelect server of the Winsock courses: a window made with RegisterClassEx and
 * CreateWindowEx(WS_EX_OVERLAPPEDWINDOW, ...), a datagram socket selected for FD_READ |
 * FD_WRITE, and a window procedure that logs each notification into the window with
 * GetDC / TextOut / ReleaseDC, answers each datagram with sendto and counts what it saw. A
 * client socket in the same thread sends datagrams while the message loop runs. Drawing into
 * the (never shown) window succeeds; a destroyed window has no device context.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define UM_ASYNCSELECTMSG (WM_USER + 1)

static int Y, Writes, Reads, Errors, TextFailures, DcFailures;

static LRESULT CALLBACK LogProc(HWND hWnd, UINT msgID, WPARAM wParam, LPARAM lParam)
{
    HDC hdc = GetDC(hWnd);
    if (hdc == NULL)
        DcFailures++;
    if (msgID == UM_ASYNCSELECTMSG) {
        SOCKET sock = (SOCKET)wParam;
        if (WSAGETSELECTERROR(lParam) != 0) {
            Errors++;
        } else if (WSAGETSELECTEVENT(lParam) == FD_WRITE) {
            if (!TextOut(hdc, 0, Y, TEXT("write"), (int)strlen("write")))
                TextFailures++;
            Y += 20;
            Writes++;
        } else if (WSAGETSELECTEVENT(lParam) == FD_READ) {
            char strbuf[548] = {0};
            SOCKADDR_IN clientAddr;
            int fromlen = sizeof(clientAddr);
            int num = recvfrom(sock, strbuf, sizeof(strbuf) - 1, 0, (struct sockaddr *)&clientAddr, &fromlen);
            if (num != SOCKET_ERROR) {
                if (!TextOutA(hdc, 35, Y, strbuf, (int)strlen(strbuf)))
                    TextFailures++;
                Y += 20;
                Reads++;
                sendto(sock, "got it", 6, 0, (struct sockaddr *)&clientAddr, sizeof(clientAddr));
            }
        }
    }
    if (ReleaseDC(hWnd, hdc) != 1)
        DcFailures++;
    return DefWindowProc(hWnd, msgID, wParam, lParam);
}

int main(void)
{
    WSADATA wsd;
    WNDCLASSEX wc;
    HWND hWnd;
    SOCKET srv, cli;
    SOCKADDR_IN addr;
    int len = sizeof(addr), answers = 0, i;
    char buf[64];
    MSG msg;
    DWORD start;
    u_long nonblocking = 1;

    memset(&wc, 0, sizeof(wc));
    wc.cbSize = sizeof(WNDCLASSEX);
    wc.lpfnWndProc = LogProc;
    wc.hInstance = GetModuleHandle(NULL);
    wc.lpszClassName = TEXT("UdpLogWindow");
    wc.style = CS_HREDRAW | CS_VREDRAW;
    REQUIRE(RegisterClassEx(&wc) != 0, "RegisterClassEx");
    hWnd = CreateWindowEx(WS_EX_OVERLAPPEDWINDOW, TEXT("UdpLogWindow"), TEXT("UDP"), WS_OVERLAPPEDWINDOW, 200, 200,
                          600, 400, NULL, NULL, wc.hInstance, NULL);
    REQUIRE(hWnd != NULL, "CreateWindowEx(WS_EX_OVERLAPPEDWINDOW, ...)");
    CHECK_EQ(WS_EX_OVERLAPPEDWINDOW, WS_EX_WINDOWEDGE | WS_EX_CLIENTEDGE, "WS_EX_OVERLAPPEDWINDOW's value");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsd) == 0, "WSAStartup");
    srv = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    cli = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(srv, (SOCKADDR *)&addr, sizeof(addr)) == 0 && getsockname(srv, (SOCKADDR *)&addr, &len) == 0,
            "bind the server to 127.0.0.1");
    REQUIRE(WSAAsyncSelect(srv, hWnd, UM_ASYNCSELECTMSG, FD_READ | FD_WRITE) == 0, "WSAAsyncSelect");
    ioctlsocket(cli, FIONBIO, &nonblocking);

    for (i = 0; i < 3; i++)
        sendto(cli, "hello", 5, 0, (SOCKADDR *)&addr, sizeof(addr));
    start = GetTickCount();
    while (answers < 3 && GetTickCount() - start < 5000) {
        while (PeekMessage(&msg, NULL, 0, 0, PM_REMOVE)) {
            TranslateMessage(&msg);
            DispatchMessage(&msg);
        }
        while (recv(cli, buf, sizeof(buf), 0) == 6)
            answers++;
        Sleep(10);
    }
    CHECK_EQ(answers, 3, "each datagram is answered");
    CHECK_EQ(Writes, 1, "one FD_WRITE, logged");
    CHECK_EQ(Reads, 3, "three FD_READ, logged");
    CHECK_EQ(Errors, 0, "no notification carries an error");
    CHECK_EQ(TextFailures, 0, "TextOut into the window succeeds");
    CHECK_EQ(DcFailures, 0, "GetDC gives the window's device context, ReleaseDC returns 1");
    CHECK(GetDC(NULL) != NULL, "GetDC(NULL): the screen's device context");

    CHECK(DestroyWindow(hWnd), "DestroyWindow");
    CHECK(GetDC(hWnd) == NULL, "a destroyed window has no device context");
    CHECK_EQ(ReleaseDC(hWnd, NULL), 0, "ReleaseDC of no device context: 0");

    closesocket(cli);
    closesocket(srv);
    WSACleanup();
    return check_done();
}
