/* A WSAAsyncSelect sender written for Windows: on FD_WRITE it sends its file in 64 KB pieces
 * and moves on by the piece size, never looking at the count (a non-blocking send on Windows
 * takes the whole buffer or fails with WSAEWOULDBLOCK), stops at WSAEWOULDBLOCK and goes on
 * at the next FD_WRITE; at the end it closes the socket at once. The reader, on another
 * thread, must get every byte in order and then the end of the stream. */
#include <winsock2.h>
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define WM_SOCKET (WM_USER + 1)
#define FILE_SIZE (6 * 1024 * 1024)
#define PIECE (64 * 1024)

static char *file;
static int offset, would_blocks, writes, done, failed;
static SOCKET sender;

static unsigned char pattern(int i)
{
    return (unsigned char)((i * 13 + (i >> 11)) & 0xff);
}

static LRESULT CALLBACK window_proc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg != WM_SOCKET)
        return DefWindowProc(hwnd, msg, wp, lp);
    if (WSAGETSELECTERROR(lp) != 0) {
        failed = 1;
        return 0;
    }
    if (WSAGETSELECTEVENT(lp) == FD_WRITE && (SOCKET)wp == sender && !done) {
        ++writes;
        while (offset < FILE_SIZE) {
            if (send(sender, file + offset, PIECE, 0) == SOCKET_ERROR) {
                if (WSAGetLastError() == WSAEWOULDBLOCK)
                    ++would_blocks;
                else
                    failed = 1;
                return 0;
            }
            offset += PIECE; /* the count is not looked at */
        }
        closesocket(sender);
        done = 1;
    }
    return 0;
}

struct reader {
    SOCKET s;
    int got, bad_at, end_seen;
};

static DWORD WINAPI read_all(LPVOID p)
{
    static char buf[65536];
    struct reader *r = (struct reader *)p;
    int n, i;
    r->bad_at = -1;
    Sleep(300); /* a slow peer */
    for (;;) {
        n = recv(r->s, buf, sizeof(buf), 0);
        if (n <= 0) {
            r->end_seen = n == 0;
            return 0;
        }
        for (i = 0; i < n; i++)
            if (r->bad_at < 0 && (unsigned char)buf[i] != pattern(r->got + i))
                r->bad_at = r->got + i;
        r->got += n;
    }
}

int main(void)
{
    WSADATA wsa;
    WNDCLASS wc;
    HWND hwnd;
    MSG msg;
    struct sockaddr_in addr;
    struct reader r;
    SOCKET listener, served;
    HANDLE thread;
    DWORD start;
    UINT_PTR watchdog;
    int len = sizeof(addr), i;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    file = malloc(FILE_SIZE);
    REQUIRE(file != NULL, "file buffer");
    for (i = 0; i < FILE_SIZE; i++)
        file[i] = (char)pattern(i);

    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = window_proc;
    wc.hInstance = GetModuleHandle(NULL);
    wc.lpszClassName = TEXT("ws2mp buffered sender");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    hwnd = CreateWindow(wc.lpszClassName, TEXT("sender"), 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, wc.hInstance, NULL);
    REQUIRE(hwnd != NULL, "message-only window");

    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind");
    REQUIRE(getsockname(listener, (struct sockaddr *)&addr, &len) == 0, "getsockname");
    REQUIRE(listen(listener, 1) == 0, "listen");
    sender = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(sender, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    served = accept(listener, NULL, NULL);
    REQUIRE(served != INVALID_SOCKET, "accept");
    closesocket(listener);

    memset(&r, 0, sizeof(r));
    r.s = served;
    thread = CreateThread(NULL, 0, read_all, &r, 0, NULL);
    REQUIRE(thread != NULL, "reader thread");
    REQUIRE(WSAAsyncSelect(sender, hwnd, WM_SOCKET, FD_WRITE | FD_CLOSE) == 0, "WSAAsyncSelect");

    start = GetTickCount();
    watchdog = SetTimer(NULL, 0, 100, NULL);
    while (!done && !failed && GetTickCount() - start < 20000) {
        if (GetMessage(&msg, NULL, 0, 0) <= 0)
            break;
        TranslateMessage(&msg);
        DispatchMessage(&msg);
    }
    KillTimer(NULL, watchdog);
    CHECK(done, "the sender sent the whole file and closed");
    CHECK(!failed, "no send failed but with WSAEWOULDBLOCK, no error notification");
    CHECK(writes >= 1, "FD_WRITE came");
    CHECK(would_blocks >= 1, "the slow reader made a send fail with WSAEWOULDBLOCK");
    CHECK(would_blocks == writes - 1, "every WSAEWOULDBLOCK was followed by FD_WRITE");

    CHECK_EQ(WaitForSingleObject(thread, 20000), WAIT_OBJECT_0, "the reader finished");
    CloseHandle(thread);
    CHECK_EQ(r.got, FILE_SIZE, "the reader got the whole file");
    CHECK_EQ(r.bad_at, -1, "... every byte in order");
    CHECK(r.end_seen, "... then the end of the stream (graceful close)");
    closesocket(served);

    DestroyWindow(hwnd);
    free(file);
    WSACleanup();
    return check_done();
}
