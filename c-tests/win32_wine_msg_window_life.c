/* The life of a lobby server's hidden window, as the program sees it through its window
 * procedure. On Windows:
 * - Class names are case-insensitive: registering "LobbyWnd" after "lobbywnd" fails with
 *   ERROR_CLASS_ALREADY_EXISTS; UnregisterClass of an unknown class fails with
 *   ERROR_CLASS_DOES_NOT_EXIST, and of a class that still has windows with
 *   ERROR_CLASS_HAS_WINDOWS.
 * - WM_NCCREATE and WM_CREATE both carry a CREATESTRUCT whose lpCreateParams is CreateWindowEx's
 *   last argument (programs keep their per-window state pointer in GWLP_USERDATA from there);
 *   WM_NCCREATE answering FALSE or WM_CREATE answering -1 makes CreateWindowEx return NULL.
 * - SetWindowLongPtr(GWLP_USERDATA) returns the previous value; on a handle that names no
 *   window it fails with ERROR_INVALID_WINDOW_HANDLE.
 * - DefWindowProc answers TRUE to WM_NCCREATE, WM_QUERYENDSESSION (a hidden server window
 *   that passes it on does not block a log-off) and WM_QUERYOPEN, and 0 to a private message.
 *   It keeps the window's text: the title CreateWindowEx gave (taken at WM_NCCREATE), then what
 *   SetWindowText sends (WM_SETTEXT); GetWindowText copies at most nMaxCount - 1 characters and
 *   a NUL and returns how many it copied, GetWindowTextLength the whole length; both fail with
 *   ERROR_INVALID_WINDOW_HANDLE for a handle that names no window. Lobby servers show their
 *   state in the title and read it back.
 * - A socket whose WSAAsyncSelect window was destroyed posts nothing (the messages would go to
 *   no window); a new WSAAsyncSelect towards a live window posts FD_READ for the data that
 *   arrived meanwhile.
 * (Wine's user32 class.c, win.c and msg.c tests and ws2_32 sock.c test_WSAAsyncSelect show
 * these on Windows.) */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define WM_SOCKET (WM_APP + 1)

struct lobby {
    int refuse_nccreate;
    int refuse_create;
    int nccreates, creates, params_ok;
    int socket_messages, reads;
};

static LRESULT CALLBACK lobby_proc(HWND hwnd, UINT message, WPARAM wParam, LPARAM lParam)
{
    struct lobby *lobby;
    CREATESTRUCT *cs;

    switch (message) {
    case WM_NCCREATE:
        cs = (CREATESTRUCT *)lParam;
        lobby = (struct lobby *)cs->lpCreateParams;
        SetWindowLongPtr(hwnd, GWLP_USERDATA, (LONG_PTR)lobby);
        lobby->nccreates++;
        if (lobby->refuse_nccreate)
            return FALSE;
        break;
    case WM_CREATE:
        cs = (CREATESTRUCT *)lParam;
        lobby = (struct lobby *)GetWindowLongPtr(hwnd, GWLP_USERDATA);
        lobby->creates++;
        if (cs->lpCreateParams == lobby)
            lobby->params_ok++;
        if (lobby->refuse_create)
            return -1;
        return 0;
    case WM_SOCKET:
        lobby = (struct lobby *)GetWindowLongPtr(hwnd, GWLP_USERDATA);
        lobby->socket_messages++;
        if (WSAGETSELECTEVENT(lParam) == FD_READ)
            lobby->reads++;
        return 0;
    }
    return DefWindowProc(hwnd, message, wParam, lParam);
}

static void pump(DWORD ms)
{
    MSG msg;
    DWORD t0 = GetTickCount();
    while (GetTickCount() - t0 < ms) {
        while (PeekMessage(&msg, NULL, 0, 0, PM_REMOVE))
            DispatchMessage(&msg);
        Sleep(5);
    }
}

int main(void)
{
    WSADATA wsa;
    WNDCLASS wc;
    struct lobby first, second, refused;
    HWND hwnd, live, untitled;
    char title[64];
    WCHAR wide[16];
    SOCKET listener, client, served;
    struct sockaddr_in addr;
    int len = sizeof(addr);

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    memset(&first, 0, sizeof(first));
    memset(&second, 0, sizeof(second));
    memset(&refused, 0, sizeof(refused));

    /* ---- Classes. */
    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = lobby_proc;
    wc.hInstance = GetModuleHandle(NULL);
    wc.lpszClassName = TEXT("lobbywnd");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass");
    wc.lpszClassName = TEXT("LobbyWnd");
    SetLastError(0);
    CHECK(RegisterClass(&wc) == 0, "the same name in other case is the same class");
    CHECK_EQ(GetLastError(), ERROR_CLASS_ALREADY_EXISTS, "... ERROR_CLASS_ALREADY_EXISTS");
    SetLastError(0);
    CHECK(!UnregisterClass(TEXT("no such lobby class"), wc.hInstance), "UnregisterClass of no class fails");
    CHECK_EQ(GetLastError(), ERROR_CLASS_DOES_NOT_EXIST, "... with ERROR_CLASS_DOES_NOT_EXIST");

    /* ---- Creation, lpCreateParams, refusals. */
    hwnd = CreateWindowEx(0, TEXT("LOBBYWND"), TEXT("lobby"), WS_OVERLAPPEDWINDOW, 0, 0, 10, 10, NULL, NULL,
                          wc.hInstance, &first);
    REQUIRE(hwnd != NULL, "CreateWindowEx finds the class in any case");
    CHECK(first.nccreates == 1 && first.creates == 1, "WM_NCCREATE and WM_CREATE ran once each");
    CHECK_EQ(first.params_ok, 1, "WM_CREATE's lpCreateParams is CreateWindowEx's last argument");
    CHECK(GetWindowLongPtr(hwnd, GWLP_USERDATA) == (LONG_PTR)&first, "GWLP_USERDATA holds what WM_NCCREATE stored");
    SetLastError(0);
    CHECK(!UnregisterClass(TEXT("lobbywnd"), wc.hInstance), "UnregisterClass while a window exists fails");
    CHECK_EQ(GetLastError(), ERROR_CLASS_HAS_WINDOWS, "... with ERROR_CLASS_HAS_WINDOWS");

    refused.refuse_nccreate = 1;
    CHECK(CreateWindowEx(0, TEXT("lobbywnd"), NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, &refused) == NULL,
          "WM_NCCREATE answering FALSE: CreateWindowEx returns NULL");
    CHECK(refused.nccreates == 1 && refused.creates == 0, "... and WM_CREATE never came");
    memset(&refused, 0, sizeof(refused));
    refused.refuse_create = 1;
    CHECK(CreateWindowEx(0, TEXT("lobbywnd"), NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, &refused) == NULL,
          "WM_CREATE answering -1: CreateWindowEx returns NULL");
    CHECK(refused.nccreates == 1 && refused.creates == 1, "... after both messages ran");

    /* ---- GWLP_USERDATA. */
    CHECK(SetWindowLongPtr(hwnd, GWLP_USERDATA, 0x1234) == (LONG_PTR)&first,
          "SetWindowLongPtr(GWLP_USERDATA) returns the previous value");
    CHECK(SetWindowLongPtr(hwnd, GWLP_USERDATA, (LONG_PTR)&first) == 0x1234, "... each time");
    SetLastError(0);
    CHECK(SetWindowLongPtr((HWND)(ULONG_PTR)0x7654, GWLP_USERDATA, 1) == 0, "on no window it fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "... with ERROR_INVALID_WINDOW_HANDLE");

    /* ---- DefWindowProc's answers. */
    CHECK_EQ(DefWindowProc(hwnd, WM_QUERYENDSESSION, 0, 0), TRUE, "DefWindowProc(WM_QUERYENDSESSION) is TRUE");
    CHECK_EQ(SendMessage(hwnd, WM_QUERYENDSESSION, 0, 0), TRUE, "... also through the window procedure");
    CHECK_EQ(DefWindowProc(hwnd, WM_QUERYOPEN, 0, 0), TRUE, "DefWindowProc(WM_QUERYOPEN) is TRUE");
    CHECK_EQ(DefWindowProc(hwnd, WM_APP + 77, 1, 2), 0, "a private message is 0");

    /* ---- The window text DefWindowProc keeps. */
    CHECK_EQ(GetWindowTextLengthA(hwnd), 5, "GetWindowTextLength is the title's length");
    memset(title, 'x', sizeof(title));
    CHECK_EQ(GetWindowTextA(hwnd, title, 3), 2, "GetWindowText into 3 characters copies 2");
    CHECK(memcmp(title, "lo", 3) == 0, "... and a NUL");
    CHECK_EQ(GetWindowTextA(hwnd, title, sizeof(title)), 5, "into a large buffer: the whole title");
    CHECK(strcmp(title, "lobby") == 0, "... which is CreateWindowEx's");
    CHECK(SetWindowTextA(hwnd, "lobby: 3 players"), "SetWindowText");
    CHECK_EQ(SendMessageA(hwnd, WM_GETTEXTLENGTH, 0, 0), 16, "WM_GETTEXTLENGTH gives the new length");
    CHECK_EQ(SendMessageA(hwnd, WM_GETTEXT, sizeof(title), (LPARAM)title), 16, "WM_GETTEXT copies it");
    CHECK(strcmp(title, "lobby: 3 players") == 0, "... the text SetWindowText gave");
    CHECK_EQ(GetWindowTextA(hwnd, title, 0), 0, "GetWindowText into 0 characters copies nothing");
    SetLastError(0);
    CHECK_EQ(GetWindowTextA((HWND)(ULONG_PTR)0x7654, title, sizeof(title)), 0, "GetWindowText of no window is 0");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "... with ERROR_INVALID_WINDOW_HANDLE");
    SetLastError(0);
    CHECK_EQ(GetWindowTextLengthA((HWND)(ULONG_PTR)0x7654), 0, "GetWindowTextLength of no window is 0");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "... with ERROR_INVALID_WINDOW_HANDLE");
    SetLastError(0);
    CHECK(!SetWindowTextA((HWND)(ULONG_PTR)0x7654, "x"), "SetWindowText of no window fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_WINDOW_HANDLE, "... with ERROR_INVALID_WINDOW_HANDLE");
    untitled = CreateWindowExA(0, "Static", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(untitled != NULL, "CreateWindowEx of a STATIC window with no title");
    strcpy(title, "old");
    CHECK_EQ(GetWindowTextA(untitled, title, sizeof(title)), 0, "a window with no title has no text");
    CHECK_EQ(title[0], 0, "... and GetWindowText leaves an empty string");
    CHECK(SetWindowTextA(untitled, "status"), "SetWindowText on it");
    CHECK_EQ(GetWindowTextLengthA(untitled), 6, "... its DefWindowProc keeps the text");
    CHECK(DestroyWindow(untitled), "DestroyWindow (STATIC)");
    untitled = CreateWindowExW(0, L"Static", L"caf\u00e9", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, NULL);
    REQUIRE(untitled != NULL, "CreateWindowExW with a UTF-16 title");
    CHECK_EQ(GetWindowTextLengthW(untitled), 4, "GetWindowTextLengthW counts UTF-16 characters");
    CHECK_EQ(GetWindowTextW(untitled, wide, 16), 4, "GetWindowTextW copies them");
    CHECK(wide[0] == 'c' && wide[3] == 0xE9 && wide[4] == 0, "... as they were given");
    CHECK(DestroyWindow(untitled), "DestroyWindow (W)");

    /* ---- WSAAsyncSelect towards a window that is destroyed. */
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(listener != INVALID_SOCKET && client != INVALID_SOCKET, "socket");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind");
    REQUIRE(listen(listener, 1) == 0, "listen");
    REQUIRE(getsockname(listener, (struct sockaddr *)&addr, &len) == 0, "getsockname");
    REQUIRE(connect(client, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    served = accept(listener, NULL, NULL);
    REQUIRE(served != INVALID_SOCKET, "accept");

    CHECK_EQ(WSAAsyncSelect(served, hwnd, WM_SOCKET, FD_READ | FD_CLOSE), 0, "WSAAsyncSelect to the window");
    CHECK(DestroyWindow(hwnd), "DestroyWindow");
    CHECK(UnregisterClass(TEXT("lobbywnd"), wc.hInstance), "with its last window gone, UnregisterClass works");
    CHECK_EQ(send(client, "hi", 2, 0), 2, "the client sends");
    pump(200);
    CHECK_EQ(first.socket_messages, 0, "no notification reached the destroyed window");

    wc.lpszClassName = TEXT("lobbywnd2");
    REQUIRE(RegisterClass(&wc) != 0, "RegisterClass (second)");
    live = CreateWindowEx(0, TEXT("lobbywnd2"), NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, NULL, &second);
    REQUIRE(live != NULL, "CreateWindowEx (second)");
    CHECK_EQ(WSAAsyncSelect(served, live, WM_SOCKET, FD_READ | FD_CLOSE), 0, "WSAAsyncSelect to a live window");
    pump(200);
    CHECK_EQ(second.reads, 1, "FD_READ for the data that waited");
    CHECK_EQ(second.socket_messages, 1, "... and nothing else");

    closesocket(served);
    closesocket(client);
    closesocket(listener);
    CHECK(DestroyWindow(live), "DestroyWindow (second)");
    CHECK(UnregisterClass(TEXT("lobbywnd2"), wc.hInstance), "UnregisterClass");
    WSACleanup();
    return check_done();
}
