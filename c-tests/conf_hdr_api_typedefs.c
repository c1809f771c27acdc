/* ws2mp-test: no-mingw */ /* casting mingw-w64's FARPROC (INT_PTR (*)()) to the LPFN_ types is a -Wcast-function-type error there */
/*
 * A program that loads Winsock itself, as some legacy code does: INCL_WINSOCK_API_TYPEDEFS
 * gives the LPFN_* types of the API, LoadLibrary("ws2_32.dll") and GetProcAddress find the
 * functions, and calls through the pointers work.
 */
#define INCL_WINSOCK_API_TYPEDEFS 1
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

int main(void)
{
    HMODULE ws2 = LoadLibraryA("ws2_32.dll");
    LPFN_WSASTARTUP start;
    LPFN_WSACLEANUP cleanup;
    LPFN_SOCKET make;
    LPFN_BIND bind_fn;
    LPFN_GETSOCKNAME name_fn;
    LPFN_SETSOCKOPT setopt;
    LPFN_GETSOCKOPT getopt_fn;
    LPFN_CLOSESOCKET close_fn;
    LPFN_WSAGETLASTERROR last;
    WSADATA wsaData;
    SOCKADDR_IN a;
    SOCKET s;
    int len, v;

    REQUIRE(ws2 != NULL, "LoadLibrary(ws2_32.dll)");
    start = (LPFN_WSASTARTUP)GetProcAddress(ws2, "WSAStartup");
    cleanup = (LPFN_WSACLEANUP)GetProcAddress(ws2, "WSACleanup");
    make = (LPFN_SOCKET)GetProcAddress(ws2, "socket");
    bind_fn = (LPFN_BIND)GetProcAddress(ws2, "bind");
    name_fn = (LPFN_GETSOCKNAME)GetProcAddress(ws2, "getsockname");
    setopt = (LPFN_SETSOCKOPT)GetProcAddress(ws2, "setsockopt");
    getopt_fn = (LPFN_GETSOCKOPT)GetProcAddress(ws2, "getsockopt");
    close_fn = (LPFN_CLOSESOCKET)GetProcAddress(ws2, "closesocket");
    last = (LPFN_WSAGETLASTERROR)GetProcAddress(ws2, "WSAGetLastError");
    REQUIRE(start && cleanup && make && bind_fn && name_fn && setopt && getopt_fn && close_fn && last,
            "GetProcAddress finds every function");
    CHECK_EQ(start(MAKEWORD(2, 2), &wsaData), 0, "WSAStartup through its pointer");
    s = make(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "socket through its pointer");
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(bind_fn(s, (SOCKADDR *)&a, sizeof a), 0, "bind through its pointer");
    len = sizeof a;
    CHECK(name_fn(s, (SOCKADDR *)&a, &len) == 0 && a.sin_port != 0, "getsockname through its pointer");
    v = 1;
    CHECK_EQ(setopt(s, SOL_SOCKET, SO_BROADCAST, (const char *)&v, sizeof v), 0, "setsockopt through its pointer");
    v = 0;
    len = sizeof v;
    CHECK(getopt_fn(s, SOL_SOCKET, SO_BROADCAST, (char *)&v, &len) == 0 && v == 1, "getsockopt through its pointer");
    CHECK(make(AF_INET, 0xdead, 0) == INVALID_SOCKET && last() == WSAESOCKTNOSUPPORT, "WSAGetLastError through its pointer");
    CHECK_EQ(close_fn(s), 0, "closesocket through its pointer");
    CHECK_EQ(cleanup(), 0, "WSACleanup through its pointer");
    FreeLibrary(ws2);
    return check_done();
}
