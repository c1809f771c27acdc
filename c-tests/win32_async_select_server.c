/* The WSAAsyncSelect echo server of the Winsock books, as it is usually written: main() makes a
 * worker window (a WNDCLASS with GetStockObject's brush, LoadIcon, LoadCursor, a (WNDPROC)
 * cast, CreateWindow with WS_OVERLAPPEDWINDOW and no parent), selects the listener for
 * FD_ACCEPT | FD_CLOSE, and runs GetMessage / TranslateMessage / DispatchMessage; the window
 * procedure accepts, selects each client for FD_READ | FD_WRITE | FD_CLOSE, reads with WSARecv
 * into a per-socket record, echoes with WSASend, and frees the record on FD_CLOSE. Three client
 * threads with blocking sockets talk to it over loopback and check their echoes. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define WM_SOCKET (WM_USER + 1)
#define DATA_BUFSIZE 8192
#define CLIENTS 3

typedef struct _SOCKET_INFORMATION {
    BOOL RecvPosted;
    CHAR Buffer[DATA_BUFSIZE];
    WSABUF DataBuf;
    SOCKET Socket;
    DWORD BytesSEND;
    DWORD BytesRECV;
    struct _SOCKET_INFORMATION *Next;
} SOCKET_INFORMATION, *LPSOCKET_INFORMATION;

static LPSOCKET_INFORMATION SocketInfoList;
static SOCKET Listen;
static int Accepted, Closed, Errors;
static struct sockaddr_in ServerAddr;

static void CreateSocketInformation(SOCKET s)
{
    LPSOCKET_INFORMATION SI = (LPSOCKET_INFORMATION)GlobalAlloc(GPTR, sizeof(SOCKET_INFORMATION));
    if (SI == NULL) {
        printf("# GlobalAlloc() failed with error %lu\n", (unsigned long)GetLastError());
        return;
    }
    SI->Socket = s;
    SI->RecvPosted = FALSE;
    SI->BytesSEND = 0;
    SI->BytesRECV = 0;
    SI->Next = SocketInfoList;
    SocketInfoList = SI;
}

static LPSOCKET_INFORMATION GetSocketInformation(SOCKET s)
{
    SOCKET_INFORMATION *SI = SocketInfoList;
    while (SI) {
        if (SI->Socket == s)
            return SI;
        SI = SI->Next;
    }
    return NULL;
}

static void FreeSocketInformation(SOCKET s)
{
    SOCKET_INFORMATION *SI = SocketInfoList, *PrevSI = NULL;
    while (SI) {
        if (SI->Socket == s) {
            if (PrevSI)
                PrevSI->Next = SI->Next;
            else
                SocketInfoList = SI->Next;
            closesocket(SI->Socket);
            GlobalFree(SI);
            return;
        }
        PrevSI = SI;
        SI = SI->Next;
    }
}

static LRESULT CALLBACK WindowProc(HWND hwnd, UINT uMsg, WPARAM wParam, LPARAM lParam)
{
    SOCKET Accept;
    LPSOCKET_INFORMATION SocketInfo;
    DWORD RecvBytes, SendBytes, Flags;

    if (uMsg != WM_SOCKET)
        return DefWindowProc(hwnd, uMsg, wParam, lParam);
    if (WSAGETSELECTERROR(lParam)) {
        printf("# socket failed with error %d\n", WSAGETSELECTERROR(lParam));
        ++Errors;
        FreeSocketInformation(wParam);
        return 0;
    }
    switch (WSAGETSELECTEVENT(lParam)) {
    case FD_ACCEPT:
        if ((Accept = accept(wParam, NULL, NULL)) == INVALID_SOCKET) {
            printf("# accept() failed with error %d\n", WSAGetLastError());
            ++Errors;
            break;
        }
        ++Accepted;
        CreateSocketInformation(Accept);
        WSAAsyncSelect(Accept, hwnd, WM_SOCKET, FD_READ | FD_WRITE | FD_CLOSE);
        break;
    case FD_READ:
        SocketInfo = GetSocketInformation(wParam);
        /* Read only when the buffer is empty: a pending echo goes first. */
        if (SocketInfo == NULL)
            return 0;
        if (SocketInfo->BytesRECV != 0) {
            SocketInfo->RecvPosted = TRUE;
            return 0;
        }
        SocketInfo->DataBuf.buf = SocketInfo->Buffer;
        SocketInfo->DataBuf.len = DATA_BUFSIZE;
        Flags = 0;
        if (WSARecv(SocketInfo->Socket, &SocketInfo->DataBuf, 1, &RecvBytes, &Flags, NULL, NULL) == SOCKET_ERROR) {
            if (WSAGetLastError() != WSAEWOULDBLOCK) {
                printf("# WSARecv() failed with error %d\n", WSAGetLastError());
                ++Errors;
                FreeSocketInformation(wParam);
                return 0;
            }
        } else {
            SocketInfo->BytesRECV = RecvBytes;
        }
        /* Fall through: echo what arrived. */
        /* FALLTHROUGH */
    case FD_WRITE:
        SocketInfo = GetSocketInformation(wParam);
        if (SocketInfo != NULL && SocketInfo->BytesRECV > SocketInfo->BytesSEND) {
            SocketInfo->DataBuf.buf = SocketInfo->Buffer + SocketInfo->BytesSEND;
            SocketInfo->DataBuf.len = SocketInfo->BytesRECV - SocketInfo->BytesSEND;
            if (WSASend(SocketInfo->Socket, &SocketInfo->DataBuf, 1, &SendBytes, 0, NULL, NULL) == SOCKET_ERROR) {
                if (WSAGetLastError() != WSAEWOULDBLOCK) {
                    printf("# WSASend() failed with error %d\n", WSAGetLastError());
                    ++Errors;
                    FreeSocketInformation(wParam);
                    return 0;
                }
            } else {
                SocketInfo->BytesSEND += SendBytes;
            }
        }
        if (SocketInfo != NULL && SocketInfo->BytesSEND == SocketInfo->BytesRECV) {
            SocketInfo->BytesSEND = 0;
            SocketInfo->BytesRECV = 0;
            /* Data that arrived while the echo was pending: ask for FD_READ again. */
            if (SocketInfo->RecvPosted) {
                SocketInfo->RecvPosted = FALSE;
                PostMessage(hwnd, WM_SOCKET, wParam, FD_READ);
            }
        }
        break;
    case FD_CLOSE:
        FreeSocketInformation(wParam);
        if (++Closed == CLIENTS)
            PostQuitMessage(0);
        break;
    }
    return 0;
}

static HWND MakeWorkerWindow(void)
{
    WNDCLASS wndclass;
    const CHAR *ProviderClass = "AsyncSelect";
    HWND Window;

    wndclass.style = CS_HREDRAW | CS_VREDRAW;
    wndclass.lpfnWndProc = (WNDPROC)WindowProc;
    wndclass.cbClsExtra = 0;
    wndclass.cbWndExtra = 0;
    wndclass.hInstance = NULL;
    wndclass.hIcon = LoadIcon(NULL, IDI_APPLICATION);
    wndclass.hCursor = LoadCursor(NULL, IDC_ARROW);
    wndclass.hbrBackground = (HBRUSH)GetStockObject(WHITE_BRUSH);
    wndclass.lpszMenuName = NULL;
    wndclass.lpszClassName = ProviderClass;
    if (RegisterClass(&wndclass) == 0) {
        printf("# RegisterClass() failed with error %lu\n", (unsigned long)GetLastError());
        return NULL;
    }
    if ((Window = CreateWindow(ProviderClass, "", WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT, CW_USEDEFAULT,
                               CW_USEDEFAULT, NULL, NULL, NULL, NULL)) == NULL) {
        printf("# CreateWindow() failed with error %lu\n", (unsigned long)GetLastError());
        return NULL;
    }
    return Window;
}

/* A client: sends lines of its own and checks that each comes back. */
static DWORD WINAPI Client(LPVOID arg)
{
    int id = (int)(INT_PTR)arg, i, got, n;
    char line[64], echo[64];
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET || connect(s, (struct sockaddr *)&ServerAddr, sizeof(ServerAddr)) == SOCKET_ERROR)
        return 1;
    for (i = 0; i < 20; i++) {
        n = sprintf(line, "client %d line %d", id, i);
        if (send(s, line, n, 0) != n)
            return 2;
        got = 0;
        while (got < n) {
            int r = recv(s, echo + got, n - got, 0);
            if (r <= 0)
                return 3;
            got += r;
        }
        if (memcmp(line, echo, (size_t)n) != 0)
            return 4;
    }
    closesocket(s);
    return 0;
}

int main(void)
{
    MSG msg;
    DWORD Ret, code;
    HWND Window;
    WSADATA wsaData;
    HANDLE threads[CLIENTS];
    int i, len = sizeof(ServerAddr), clients_ok = 0;

    REQUIRE((Window = MakeWorkerWindow()) != NULL, "the worker window is made");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    REQUIRE((Listen = socket(PF_INET, SOCK_STREAM, 0)) != INVALID_SOCKET, "socket");
    WSAAsyncSelect(Listen, Window, WM_SOCKET, FD_ACCEPT | FD_CLOSE);
    ServerAddr.sin_family = AF_INET;
    ServerAddr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ServerAddr.sin_port = 0;
    REQUIRE(bind(Listen, (PSOCKADDR)&ServerAddr, sizeof(ServerAddr)) != SOCKET_ERROR, "bind");
    REQUIRE(getsockname(Listen, (PSOCKADDR)&ServerAddr, &len) == 0, "getsockname");
    REQUIRE(listen(Listen, 5) != SOCKET_ERROR, "listen");

    for (i = 0; i < CLIENTS; i++)
        threads[i] = CreateThread(NULL, 0, Client, (LPVOID)(INT_PTR)i, 0, NULL);

    while ((Ret = GetMessage(&msg, NULL, 0, 0)) != 0) {
        if (Ret == (DWORD)-1) {
            printf("# GetMessage() failed with error %lu\n", (unsigned long)GetLastError());
            break;
        }
        TranslateMessage(&msg);
        DispatchMessage(&msg);
    }
    CHECK(Ret == 0, "the message loop ends with WM_QUIT after the last client closed");
    for (i = 0; i < CLIENTS; i++) {
        WaitForSingleObject(threads[i], INFINITE);
        GetExitCodeThread(threads[i], &code);
        CloseHandle(threads[i]);
        clients_ok += code == 0;
    }
    CHECK_EQ(clients_ok, CLIENTS, "every client got each of its 20 lines back");
    CHECK_EQ(Accepted, CLIENTS, "one FD_ACCEPT per client");
    CHECK_EQ(Closed, CLIENTS, "one FD_CLOSE per client");
    CHECK_EQ(Errors, 0, "no notification carried an error, no call failed");
    CHECK(SocketInfoList == NULL, "every socket record was freed");
    closesocket(Listen);
    DestroyWindow(Window);
    WSACleanup();
    return check_done();
}
