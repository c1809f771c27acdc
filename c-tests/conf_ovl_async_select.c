/*
 * A socket that is both WSAAsyncSelect'ed to a window and associated with a completion port,
 * as Windows handles it (the behaviour Wine's conformance tests observe on Windows since
 * Vista): associating the socket posts no message; an overlapped receive that is pending
 * when data arrives takes the data, so the completion goes to the port (12 bytes, Internal
 * 0, InternalHigh 12) and no FD_READ message is posted for it; closesocket posts no message,
 * and completes a pending receive with ERROR_CONNECTION_ABORTED (0 bytes, the socket's key);
 * a socket closed with nothing pending queues nothing. A GUI program that keeps
 * WSAAsyncSelect for its notifications and moves its data to overlapped receives relies on
 * not being told twice about the same bytes.
 */
#include "ovl_util.h"

#define WM_SOCKET (WM_USER + 9)
#define KEY 0x12345678

static HANDLE g_port;

/* A WM_SOCKET message within ~100 ms: 1 and its wParam/lParam, or 0. */
static int message(HWND hwnd, WPARAM *wp, LPARAM *lp)
{
    MSG msg;
    Sleep(100);
    memset(&msg, 0, sizeof(msg));
    if (!PeekMessage(&msg, hwnd, WM_SOCKET, WM_SOCKET, PM_REMOVE))
        return 0;
    *wp = msg.wParam;
    *lp = msg.lParam;
    return 1;
}

static BOOL take(DWORD ms, DWORD *bytes, ULONG_PTR *key, LPOVERLAPPED *ov)
{
    *bytes = 0xdeadbeef;
    *key = 0xdeadbeef;
    *ov = (LPOVERLAPPED)(ULONG_PTR)0xdeadbeef;
    SetLastError(0xdeadbeef);
    return GetQueuedCompletionStatus(g_port, bytes, key, ov, ms);
}

static void nothing_queued(const char *what)
{
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED got;
    CHECK(!take(100, &bytes, &key, &got) && GetLastError() == WAIT_TIMEOUT && got == NULL, what);
    CHECK(bytes == 0xdeadbeef && key == 0xdeadbeef, "... count and key left alone");
}

/* The socket selected for reads, writes and close posts its first FD_WRITE, then is
 * associated with a new port: no message for that. */
static void select_and_associate(HWND hwnd, SOCKET s)
{
    WPARAM wp = 0;
    LPARAM lp = 0;
    CHECK_EQ(WSAAsyncSelect(s, hwnd, WM_SOCKET, FD_READ | FD_WRITE | FD_OOB | FD_CLOSE), 0,
             "WSAAsyncSelect for reads, writes and close");
    CHECK(message(hwnd, &wp, &lp) && wp == (WPARAM)s, "... a WM_SOCKET message for the socket");
    CHECK_EQ(lp, FD_WRITE, "... FD_WRITE, no error");
    g_port = CreateIoCompletionPort((HANDLE)s, NULL, KEY, 0);
    REQUIRE(g_port != NULL, "the socket is associated with a new port");
    CHECK(!message(hwnd, &wp, &lp), "... which posts no message");
}

static void pending_receives(HWND hwnd)
{
    SOCKET src, dst;
    WSAOVERLAPPED ov;
    WSABUF wb;
    char data[512];
    DWORD bytes, flags = 0;
    ULONG_PTR key;
    LPOVERLAPPED got;
    WPARAM wp = 0;
    LPARAM lp = 0;
    BOOL ok;

    REQUIRE(ovl_tcp_pair(&src, &dst) == 0, "a connected pair");
    select_and_associate(hwnd, src);

    memset(data, 0, sizeof(data));
    memset(&ov, 0, sizeof(ov));
    wb.buf = data;
    wb.len = sizeof(data);
    bytes = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    CHECK(WSARecv(src, &wb, 1, &bytes, &flags, &ov, NULL) == SOCKET_ERROR && GetLastError() == ERROR_IO_PENDING,
          "an overlapped receive is pending");
    CHECK_EQ(bytes, 0xdeadbeef, "... the count is left alone");
    CHECK(!message(hwnd, &wp, &lp), "... no message");
    nothing_queued("... nothing queued");

    CHECK_EQ(send(dst, "Hello World!", 12, 0), 12, "the peer sends 12 bytes");
    ok = take(1000, &bytes, &key, &got);
    CHECK(ok && got == &ov, "the receive completes on the port");
    CHECK(bytes == 12 && key == KEY, "... 12 bytes, the socket's key");
    CHECK(ov.Internal == 0 && ov.InternalHigh == 12, "... Internal 0, InternalHigh 12");
    CHECK(memcmp(data, "Hello World!", 12) == 0, "... the data");
    CHECK(!message(hwnd, &wp, &lp), "... and no FD_READ message is posted for the bytes it took");
    nothing_queued("... one packet only");

    memset(&ov, 0, sizeof(ov));
    CHECK(WSARecv(src, &wb, 1, &bytes, &flags, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
          "another receive is pending");
    CHECK_EQ(closesocket(src), 0, "closesocket with it pending");
    CHECK(!message(hwnd, &wp, &lp), "... posts no message");
    ok = take(1000, &bytes, &key, &got);
    CHECK(!ok && got == &ov, "... the receive fails on the port");
    CHECK_EQ(GetLastError(), ERROR_CONNECTION_ABORTED, "... ERROR_CONNECTION_ABORTED");
    CHECK(bytes == 0 && key == KEY, "... 0 bytes, the socket's key");
    CHECK(ov.Internal == 0xC0000241 && ov.InternalHigh == 0, "... Internal STATUS_CONNECTION_ABORTED, InternalHigh 0");
    nothing_queued("... one packet only");
    closesocket(dst);
    CloseHandle(g_port);
}

static void quiet_close(HWND hwnd)
{
    SOCKET src, dst;
    WPARAM wp = 0;
    LPARAM lp = 0;

    REQUIRE(ovl_tcp_pair(&src, &dst) == 0, "a connected pair");
    select_and_associate(hwnd, src);
    nothing_queued("with nothing issued, nothing is queued");
    CHECK(!message(hwnd, &wp, &lp), "... and no message posted");
    CHECK_EQ(closesocket(src), 0, "closesocket");
    CHECK(!message(hwnd, &wp, &lp), "... posts no message");
    nothing_queued("... and queues nothing");
    closesocket(dst);
    CloseHandle(g_port);
}

int main(void)
{
    WNDCLASS wc;
    HWND hwnd;

    ovl_start();
    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = DefWindowProc;
    wc.hInstance = GetModuleHandle(NULL);
    wc.lpszClassName = TEXT("conf_ovl_async_select");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    hwnd = CreateWindowEx(0, wc.lpszClassName, NULL, WS_POPUP, 0, 0, 0, 0, NULL, NULL, wc.hInstance, NULL);
    REQUIRE(hwnd != NULL, "a hidden window");
    pending_receives(hwnd);
    quiet_close(hwnd);
    DestroyWindow(hwnd);
    return check_done();
}
