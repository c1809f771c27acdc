/* Run-time lookups of Winsock functions, as programs that probe for newer APIs do them:
 * GetModuleHandle / LoadLibrary of the Winsock DLLs (any case, with or without ".dll") and
 * GetProcAddress of ws2mp's exports, including names POSIX also uses ("send"), which find
 * the Winsock-signature functions. */
#include <winsock2.h>
#include <windows.h>
#include <iphlpapi.h>
#include "check.h"

typedef int(WSAAPI *LPFN_SEND)(SOCKET, const char *, int, int);
typedef int(WSAAPI *LPFN_RECV)(SOCKET, char *, int, int);
typedef int(WSAAPI *LPFN_WSAGETLASTERROR)(void);
typedef DWORD(WINAPI *LPFN_GETCURRENTTHREADID)(void);

int __cdecl main(void)
{
    WSADATA wsa;
    HMODULE ws2, lib, k32;
    LPFN_SEND send_fn;
    LPFN_RECV recv_fn;
    LPFN_WSAGETLASTERROR last_error_fn;
    LPFN_GETCURRENTTHREADID tid_fn;
    SOCKET pair[2];
    char buf[8];
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    ws2 = GetModuleHandle("ws2_32.dll");
    REQUIRE(ws2 != NULL, "GetModuleHandle(\"ws2_32.dll\")");
    CHECK(GetModuleHandleA("WS2_32") == ws2, "any case, without .dll, is the same module");
    lib = LoadLibraryA("Mswsock.dll");
    CHECK(lib != NULL, "LoadLibrary(\"Mswsock.dll\")");
    CHECK(LoadLibraryA("wsock32") != NULL, "LoadLibrary(\"wsock32\")");
    {
        static const WCHAR wname[] = {'w', 's', '2', '_', '3', '2', '.', 'd', 'l', 'l', 0};
        CHECK(GetModuleHandleW(wname) == ws2, "GetModuleHandleW(L\"ws2_32.dll\")");
        CHECK(LoadLibraryW(wname) == ws2, "LoadLibraryW(L\"ws2_32.dll\")");
    }
    CHECK(GetModuleHandleA(NULL) != NULL, "GetModuleHandle(NULL) names the program");

    send_fn = (LPFN_SEND)(void (*)(void))GetProcAddress(ws2, "send");
    recv_fn = (LPFN_RECV)(void (*)(void))GetProcAddress(ws2, "recv");
    last_error_fn = (LPFN_WSAGETLASTERROR)(void (*)(void))GetProcAddress(ws2, "WSAGetLastError");
    REQUIRE(send_fn != NULL && recv_fn != NULL && last_error_fn != NULL, "GetProcAddress finds send, recv, WSAGetLastError");
    CHECK(GetProcAddress(ws2, "WSAEventSelect") != NULL, "... and WSAEventSelect");
    CHECK(GetProcAddress(lib, "WSARecv") != NULL, "... and WSARecv through mswsock");

    {
        SOCKET l;
        struct sockaddr_in a;
        int len = sizeof(a);
        l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        memset(&a, 0, sizeof(a));
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(l, (struct sockaddr *)&a, sizeof(a));
        getsockname(l, (struct sockaddr *)&a, &len);
        listen(l, 1);
        pair[0] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        connect(pair[0], (struct sockaddr *)&a, sizeof(a));
        pair[1] = accept(l, NULL, NULL);
        closesocket(l);
    }
    CHECK_EQ(send_fn(pair[0], "abc", 3, 0), 3, "the looked-up send is Winsock's send");
    CHECK_EQ(recv_fn(pair[1], buf, sizeof(buf), 0), 3, "the looked-up recv receives it");
    CHECK_EQ(send_fn((SOCKET)~(SOCKET)0 - 1, "x", 1, 0), SOCKET_ERROR, "the looked-up send fails on a bad socket");
    CHECK_EQ(last_error_fn(), WSAENOTSOCK, "... with Winsock's error, read through the looked-up WSAGetLastError");
    closesocket(pair[0]);
    closesocket(pair[1]);

    k32 = GetModuleHandleA("kernel32.dll");
    tid_fn = (LPFN_GETCURRENTTHREADID)(void (*)(void))GetProcAddress(k32, "GetCurrentThreadId");
    CHECK(tid_fn != NULL && tid_fn() == GetCurrentThreadId(), "kernel32's GetCurrentThreadId is found too");
    {
        /* IP Helper's GetAdaptersAddresses, looked up the way programs that must also run
         * without it do. */
        typedef ULONG(WINAPI * LPFN_GAA)(ULONG, ULONG, PVOID, PIP_ADAPTER_ADDRESSES, PULONG);
        HMODULE iph = LoadLibraryA("iphlpapi.dll");
        LPFN_GAA gaa = (LPFN_GAA)(void (*)(void))GetProcAddress(iph, "GetAdaptersAddresses");
        ULONG size = 0;
        CHECK(iph != NULL && gaa != NULL, "iphlpapi.dll's GetAdaptersAddresses is found");
        CHECK(gaa != NULL && gaa(AF_UNSPEC, 0, NULL, NULL, &size) == ERROR_BUFFER_OVERFLOW && size > 0,
              "... and asks for a buffer when given none");
        if (iph != NULL)
            FreeLibrary(iph);
    }

    SetLastError(0);
    CHECK(GetProcAddress(ws2, "NoSuchFunction") == NULL, "an unknown name is not found");
    CHECK_EQ(GetLastError(), ERROR_PROC_NOT_FOUND, "... ERROR_PROC_NOT_FOUND");
    SetLastError(0);
    CHECK(GetProcAddress(ws2, (LPCSTR)(UINT_PTR)5) == NULL, "ordinals are not supported");
    CHECK_EQ(GetLastError(), ERROR_PROC_NOT_FOUND, "... ERROR_PROC_NOT_FOUND");
    SetLastError(0);
    CHECK(LoadLibraryA("user32.dll") == NULL, "other DLLs cannot be loaded");
    CHECK_EQ(GetLastError(), ERROR_MOD_NOT_FOUND, "... ERROR_MOD_NOT_FOUND");
    SetLastError(0);
    CHECK(GetProcAddress(NULL, "send") == NULL, "GetProcAddress(NULL, ...) fails");
    CHECK_EQ(FreeLibrary(lib), TRUE, "FreeLibrary returns TRUE");
    SetLastError(0);
    CHECK_EQ(FreeLibrary(NULL), FALSE, "FreeLibrary(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
    WSACleanup();
    return check_done();
}
