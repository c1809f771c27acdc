/* WSAAsyncSelect with a hidden window, the way a console program of the Winsock 1.1 era does it:
 * a message-only window whose procedure runs a loopback echo exchange from FD_ACCEPT, FD_CONNECT,
 * FD_WRITE, FD_READ and FD_CLOSE messages (wParam the socket, WSAGETSELECTEVENT and
 * WSAGETSELECTERROR of lParam); FD_READ comes once until recv; an accepted socket inherits the
 * listener's window and message. Then the rest of the message model such programs lean on:
 * CREATESTRUCT's lpCreateParams, GWLP_USERDATA, timers (window and thread, with a TIMERPROC),
 * PostMessage, PostThreadMessage, SendMessage from another thread, PeekMessage, WM_CLOSE through
 * DefWindowProc, WM_QUIT's exit code, MsgWaitForMultipleObjects, and the errors of bad input. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "check.h"

#define WM_SOCKET (WM_USER + 1)
#define WM_PING (WM_APP + 7)

struct conversation {
    SOCKET listener, client, served;
    int accepts, connects, client_writes, served_reads, client_reads, served_closes, client_closes;
    int errors;                 /* notifications with a non-zero WSAGETSELECTERROR */
    int wrong_order;            /* FD_WRITE seen on the client before FD_CONNECT */
    char echoed[32];
    int created, destroyed, pings, timer_ticks;
    LRESULT ping_answer;
};

static int timer_proc_calls;

static void CALLBACK count_timer(HWND hwnd, UINT msg, UINT_PTR id, DWORD now)
{
    (void)hwnd, (void)id, (void)now;
    if (msg == WM_TIMER)
        ++timer_proc_calls;
}

static void on_socket(HWND hwnd, struct conversation *c, SOCKET s, WORD event, WORD error)
{
    char buf[64];
    int n;
    if (error != 0) {
        ++c->errors;
        return;
    }
    switch (event) {
    case FD_ACCEPT:
        ++c->accepts;
        c->served = accept(s, NULL, NULL);
        break;
    case FD_CONNECT:
        ++c->connects;
        break;
    case FD_WRITE:
        if (s == c->client) {
            if (c->connects == 0)
                c->wrong_order = 1;
            if (++c->client_writes == 1)
                send(c->client, "hello, window", 13, 0);
        }
        break;
    case FD_READ:
        n = recv(s, buf, sizeof(buf), 0);
        if (s == c->served && n > 0) {
            ++c->served_reads;
            send(s, buf, n, 0);
        } else if (s == c->client && n > 0) {
            ++c->client_reads;
            memcpy(c->echoed, buf, (size_t)n < sizeof(c->echoed) - 1 ? (size_t)n : sizeof(c->echoed) - 1);
            shutdown(c->client, SD_SEND);
        }
        break;
    case FD_CLOSE:
        if (s == c->served) {
            ++c->served_closes;
            closesocket(s);
        } else if (s == c->client) {
            ++c->client_closes;
            PostMessage(hwnd, WM_PING, 0, 0);
        }
        break;
    }
}

static LRESULT CALLBACK window_proc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam)
{
    struct conversation *c = (struct conversation *)GetWindowLongPtr(hwnd, GWLP_USERDATA);
    switch (msg) {
    case WM_NCCREATE:
        SetWindowLongPtr(hwnd, GWLP_USERDATA, (LONG_PTR)((CREATESTRUCT *)lParam)->lpCreateParams);
        return DefWindowProc(hwnd, msg, wParam, lParam);
    case WM_CREATE:
        ++c->created;
        return 0;
    case WM_SOCKET:
        on_socket(hwnd, c, (SOCKET)wParam, WSAGETSELECTEVENT(lParam), WSAGETSELECTERROR(lParam));
        return 0;
    case WM_PING:
        ++c->pings;
        return c->ping_answer;
    case WM_TIMER:
        ++c->timer_ticks;
        return 0;
    case WM_DESTROY:
        ++c->destroyed;
        PostQuitMessage(3);
        return 0;
    }
    return DefWindowProc(hwnd, msg, wParam, lParam);
}

static DWORD WINAPI send_from_another_thread(LPVOID arg)
{
    HWND hwnd = (HWND)arg;
    LRESULT r = SendMessage(hwnd, WM_PING, 0, 0);
    PostMessage(hwnd, WM_CLOSE, 0, 0);
    return (DWORD)r;
}

static DWORD WINAPI set_later(LPVOID arg)
{
    Sleep(50);
    SetEvent((HANDLE)arg);
    return 0;
}

/* Runs the message loop until `*done` becomes non-zero or ten seconds pass. */
static int pump_until(const int *done)
{
    MSG msg;
    DWORD start = GetTickCount();
    UINT_PTR watchdog = SetTimer(NULL, 0, 100, NULL);
    while (!*done && GetTickCount() - start < 10000) {
        if (GetMessage(&msg, NULL, 0, 0) <= 0)
            break;
        TranslateMessage(&msg);
        DispatchMessage(&msg);
    }
    KillTimer(NULL, watchdog);
    return *done;
}

int main(void)
{
    WSADATA wsa;
    WNDCLASS wc;
    HWND hwnd;
    MSG msg;
    struct conversation conv;
    struct sockaddr_in addr;
    int len = sizeof(addr), got_quit = 0;
    HANDLE thread, event;
    DWORD code = 0;
    ATOM atom;
    UINT_PTR thread_timer;
    HANDLE handles[1];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    memset(&conv, 0, sizeof(conv));
    conv.ping_answer = 1234;

    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = window_proc;
    wc.cbWndExtra = sizeof(LONG_PTR);
    wc.hInstance = GetModuleHandle(NULL);
    wc.hCursor = LoadCursor(NULL, IDC_ARROW);
    wc.lpszClassName = TEXT("ws2mp async select test");
    atom = RegisterClass(&wc);
    REQUIRE(atom != 0, "RegisterClass returns an atom");
    CHECK(RegisterClass(&wc) == 0, "registering the class twice fails");
    CHECK_EQ(GetLastError(), ERROR_CLASS_ALREADY_EXISTS, "... with ERROR_CLASS_ALREADY_EXISTS");
    CHECK(CreateWindow(TEXT("no such class"), NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL) == NULL,
          "CreateWindow of an unknown class fails");
    CHECK_EQ(GetLastError(), ERROR_CANNOT_FIND_WND_CLASS, "... with ERROR_CANNOT_FIND_WND_CLASS");

    hwnd = CreateWindowEx(0, wc.lpszClassName, TEXT("hidden"), WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT,
                          CW_USEDEFAULT, CW_USEDEFAULT, HWND_MESSAGE, NULL, wc.hInstance, &conv);
    REQUIRE(hwnd != NULL, "CreateWindowEx makes a message-only window");
    CHECK_EQ(conv.created, 1, "WM_CREATE ran once, after WM_NCCREATE stored lpCreateParams");
    CHECK(IsWindow(hwnd), "IsWindow");
    CHECK_EQ(GetWindowThreadProcessId(hwnd, NULL), GetCurrentThreadId(), "the window belongs to this thread");
    ShowWindow(hwnd, SW_HIDE);
    CHECK_EQ(GetWindowLongPtr(hwnd, 0), 0, "the window's extra bytes start as zeros");
    SetWindowLongPtr(hwnd, 0, 99);
    CHECK_EQ(GetWindowLongPtr(hwnd, 0), 99, "... and keep what SetWindowLongPtr stores");
    CHECK_EQ(GetWindowLongPtr(hwnd, sizeof(LONG_PTR)), 0, "an index past cbWndExtra reads nothing");
    CHECK_EQ(GetLastError(), ERROR_INVALID_INDEX, "... and fails with ERROR_INVALID_INDEX");

    /* ---- bad input ---- */
    CHECK_EQ(WSAAsyncSelect((SOCKET)12345, hwnd, WM_SOCKET, FD_READ), SOCKET_ERROR, "WSAAsyncSelect on no socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");

    /* ---- a loopback echo driven by socket messages ---- */
    conv.listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(conv.listener, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind the listener");
    REQUIRE(listen(conv.listener, SOMAXCONN) == 0, "listen");
    REQUIRE(getsockname(conv.listener, (struct sockaddr *)&addr, &len) == 0, "getsockname");
    CHECK_EQ(WSAAsyncSelect(conv.listener, hwnd, WM_SOCKET, 0x7fff), SOCKET_ERROR, "unknown FD_ bits fail");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(WSAAsyncSelect(conv.listener, (HWND)(ULONG_PTR)0x4321, WM_SOCKET, FD_ACCEPT), SOCKET_ERROR,
             "a window handle that names no window fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    /* The accepted socket inherits FD_READ | FD_CLOSE and WM_SOCKET from the listener. */
    REQUIRE(WSAAsyncSelect(conv.listener, hwnd, WM_SOCKET, FD_ACCEPT | FD_READ | FD_CLOSE) == 0,
            "WSAAsyncSelect the listener");

    conv.client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(WSAAsyncSelect(conv.client, hwnd, WM_SOCKET, FD_CONNECT | FD_READ | FD_WRITE | FD_CLOSE) == 0,
            "WSAAsyncSelect the client");
    CHECK_EQ(connect(conv.client, (struct sockaddr *)&addr, sizeof(addr)), SOCKET_ERROR,
             "the selected socket is non-blocking: connect does not finish at once");
    CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "... WSAEWOULDBLOCK");

    CHECK(pump_until(&conv.pings), "the exchange ends: FD_CLOSE on the client posts WM_PING");
    CHECK_EQ(conv.errors, 0, "every notification has error 0");
    CHECK_EQ(conv.accepts, 1, "one FD_ACCEPT");
    CHECK_EQ(conv.connects, 1, "one FD_CONNECT");
    CHECK_EQ(conv.wrong_order, 0, "FD_CONNECT comes before the client's FD_WRITE");
    CHECK_EQ(conv.client_writes, 1, "one FD_WRITE (no send failed with WSAEWOULDBLOCK)");
    CHECK_EQ(conv.served_reads, 1, "the accepted socket got FD_READ through the inherited selection");
    CHECK_EQ(conv.served_closes, 1, "... and FD_CLOSE when the client shut down");
    CHECK_EQ(conv.client_reads, 1, "the client read the echo");
    CHECK(strcmp(conv.echoed, "hello, window") == 0, "the echo is what was sent");
    CHECK_EQ(conv.client_closes, 1, "one FD_CLOSE on the client");
    CHECK_EQ(conv.pings, 1, "the message posted from the window procedure ran");

    /* FD_READ is posted once until recv re-enables it. */
    {
        SOCKET a = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), b = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        struct sockaddr_in ba;
        int blen = sizeof(ba), reads = 0, other = 0;
        char buf[8];
        DWORD start;
        memset(&ba, 0, sizeof(ba));
        ba.sin_family = AF_INET;
        ba.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(bind(b, (struct sockaddr *)&ba, sizeof(ba)) == 0, "bind a datagram socket");
        getsockname(b, (struct sockaddr *)&ba, &blen);
        REQUIRE(WSAAsyncSelect(b, hwnd, WM_SOCKET + 1, FD_READ) == 0, "WSAAsyncSelect(FD_READ) a datagram socket");
        sendto(a, "1", 1, 0, (struct sockaddr *)&ba, sizeof(ba));
        sendto(a, "2", 1, 0, (struct sockaddr *)&ba, sizeof(ba));
        start = GetTickCount();
        while (GetTickCount() - start < 300) {
            if (PeekMessage(&msg, hwnd, WM_SOCKET + 1, WM_SOCKET + 1, PM_REMOVE)) {
                if (msg.wParam == (WPARAM)b && WSAGETSELECTEVENT(msg.lParam) == FD_READ)
                    ++reads;
                else
                    ++other;
            } else {
                Sleep(5);
            }
        }
        CHECK_EQ(reads, 1, "two datagrams, no recv: one FD_READ message");
        CHECK_EQ(other, 0, "... and nothing else");
        CHECK_EQ(recv(b, buf, sizeof(buf), 0), 1, "recv takes one datagram");
        reads = 0;
        start = GetTickCount();
        while (reads == 0 && GetTickCount() - start < 5000) {
            if (PeekMessage(&msg, hwnd, WM_SOCKET + 1, WM_SOCKET + 1, PM_REMOVE) && msg.wParam == (WPARAM)b)
                ++reads;
            else
                Sleep(5);
        }
        CHECK_EQ(reads, 1, "... and re-enables FD_READ: another message for the datagram left");
        CHECK_EQ(WSAAsyncSelect(b, hwnd, 0, 0), 0, "WSAAsyncSelect(s, hwnd, 0, 0) cancels");
        sendto(a, "3", 1, 0, (struct sockaddr *)&ba, sizeof(ba));
        Sleep(50);
        CHECK(!PeekMessage(&msg, hwnd, WM_SOCKET + 1, WM_SOCKET + 1, PM_REMOVE), "... no message after it");
        closesocket(a);
        closesocket(b);
    }

    /* ---- timers and posted messages ---- */
    conv.timer_ticks = 0;
    CHECK_EQ(SetTimer(hwnd, 7, 20, NULL), 7, "SetTimer on a window returns its id");
    while (conv.timer_ticks < 2 && GetMessage(&msg, NULL, 0, 0) > 0)
        DispatchMessage(&msg);
    CHECK_EQ(conv.timer_ticks, 2, "WM_TIMER reaches the window procedure, again and again");
    CHECK(KillTimer(hwnd, 7), "KillTimer");
    CHECK(!KillTimer(hwnd, 7), "... a second KillTimer fails");

    thread_timer = SetTimer(NULL, 0, 15, count_timer);
    CHECK(thread_timer != 0, "SetTimer without a window returns a new id");
    while (timer_proc_calls < 1 && GetMessage(&msg, NULL, 0, 0) > 0)
        DispatchMessage(&msg);
    CHECK_EQ(timer_proc_calls, 1, "DispatchMessage runs the TIMERPROC");
    KillTimer(NULL, thread_timer);

    CHECK(PostThreadMessage(GetCurrentThreadId(), WM_APP + 2, 11, 22), "PostThreadMessage to this thread");
    CHECK(PeekMessage(&msg, NULL, 0, 0, PM_NOREMOVE), "PeekMessage(PM_NOREMOVE) sees it");
    CHECK(GetMessage(&msg, NULL, 0, 0) > 0, "GetMessage takes it");
    CHECK(msg.hwnd == NULL && msg.message == WM_APP + 2 && msg.wParam == 11 && msg.lParam == 22,
          "... a thread message: no window, wParam and lParam as posted");
    CHECK(!PeekMessage(&msg, NULL, 0, 0, PM_REMOVE), "then the queue is empty");
    CHECK(!PostMessage((HWND)(ULONG_PTR)0x4321, WM_APP, 0, 0), "PostMessage to no window fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "... with ERROR_INVALID_WINDOW_HANDLE");

    /* ---- MsgWaitForMultipleObjects ---- */
    event = CreateEvent(NULL, TRUE, FALSE, NULL);
    handles[0] = event;
    CHECK_EQ(MsgWaitForMultipleObjects(1, handles, FALSE, 30, QS_ALLINPUT), WAIT_TIMEOUT, "nothing: WAIT_TIMEOUT");
    thread = CreateThread(NULL, 0, set_later, event, 0, NULL);
    CHECK_EQ(MsgWaitForMultipleObjects(1, handles, FALSE, 5000, QS_ALLINPUT), WAIT_OBJECT_0,
             "an event set by another thread: WAIT_OBJECT_0");
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ResetEvent(event);
    PostMessage(hwnd, WM_APP + 3, 0, 0);
    CHECK_EQ(MsgWaitForMultipleObjects(1, handles, FALSE, 5000, QS_ALLINPUT), WAIT_OBJECT_0 + 1,
             "a posted message: WAIT_OBJECT_0 + nCount");
    CHECK(PeekMessage(&msg, hwnd, WM_APP + 3, WM_APP + 3, PM_REMOVE), "... and the message is there");
    CloseHandle(event);

    /* ---- SendMessage from another thread, then WM_CLOSE and WM_QUIT ---- */
    conv.pings = 0;
    conv.ping_answer = 77;
    thread = CreateThread(NULL, 0, send_from_another_thread, hwnd, 0, NULL);
    REQUIRE(thread != NULL, "CreateThread");
    while (GetMessage(&msg, NULL, 0, 0) > 0)
        DispatchMessage(&msg);
    got_quit = msg.message == WM_QUIT;
    CHECK(got_quit, "GetMessage returns FALSE for WM_QUIT");
    CHECK_EQ(msg.wParam, 3, "... whose wParam is PostQuitMessage's exit code");
    WaitForSingleObject(thread, INFINITE);
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    CHECK_EQ(conv.pings, 1, "the message sent from another thread ran in the window's thread");
    CHECK_EQ(code, 77, "... and SendMessage returned the procedure's answer");
    CHECK_EQ(conv.destroyed, 1, "WM_CLOSE through DefWindowProc destroyed the window");
    CHECK(!IsWindow(hwnd), "... which is gone");
    CHECK(UnregisterClass(wc.lpszClassName, wc.hInstance), "UnregisterClass");

    closesocket(conv.listener);
    closesocket(conv.client);
    WSACleanup();
    return check_done();
}
