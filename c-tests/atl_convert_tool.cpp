/* ws2mp-test: no-mingw */ /* mingw-w64 ships no <atlconv.h> (ATL comes with Visual Studio) */
/* A Unicode console tool of the ATL era: its _tmain takes TCHAR arguments, and where a Winsock
 * call wants a char string it writes USES_CONVERSION once and then getaddrinfo(T2A(argv[1]),
 * ...); answers go back through A2T into TCHAR text. <atlconv.h> gives these macros: A2W and
 * W2A convert between the ANSI code page and UTF-16 into stack memory that lasts until the
 * function returns, NULL gives NULL, the T forms follow UNICODE and OLECHAR is WCHAR. Such a
 * program did not compile: the header was missing. The tool here resolves and connects to a
 * loopback listener named by a TCHAR argument. */
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <tchar.h>
#include <atlconv.h>
#include <string.h>
#include "check.h"

static int same_w(LPCWSTR a, const char *ascii)
{
    size_t i = 0;
    for (; ascii[i] != '\0'; i++)
        if (a[i] != (WCHAR)(unsigned char)ascii[i])
            return 0;
    return a[i] == 0;
}

/* The tool's body: argv[1] is the host, argv[2] the port, both TCHAR. */
static int run(int argc, TCHAR **argv, SOCKET *out, TCHAR *peer, int peer_len)
{
    USES_CONVERSION;
    addrinfo hints, *res = NULL;
    SOCKET s;
    LPCTSTR text;

    if (argc < 3)
        return -1;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(T2A(argv[1]), T2A(argv[2]), &hints, &res) != 0)
        return -2;
    s = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (connect(s, res->ai_addr, (int)res->ai_addrlen) != 0) {
        freeaddrinfo(res);
        closesocket(s);
        return -3;
    }
    text = A2CT(inet_ntoa(((SOCKADDR_IN *)res->ai_addr)->sin_addr));
    lstrcpyn(peer, text, peer_len);
    freeaddrinfo(res);
    *out = s;
    return 0;
}

int main(void)
{
    USES_CONVERSION;
    WSADATA wsa;
    SOCKET listener, client = INVALID_SOCKET;
    SOCKADDR_IN a;
    int alen = sizeof(a);
    char port[16];
    TCHAR host_arg[] = {'1', '2', '7', '.', '0', '.', '0', '.', '1', 0};
    TCHAR port_arg[16];
    TCHAR prog[] = {'t', 'o', 'o', 'l', 0};
    TCHAR *argv[4];
    TCHAR peer[32];
    LPWSTR w;
    LPSTR n;
    int i;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (SOCKADDR *)&a, sizeof(a)) == 0, "the listener binds");
    listen(listener, 1);
    getsockname(listener, (SOCKADDR *)&a, &alen);
    sprintf(port, "%u", ntohs(a.sin_port));

    /* A2W of the port text: the tool's TCHAR argument, as a wmain would get it. */
    w = A2W(port);
    REQUIRE(w != NULL, "A2W converts");
    for (i = 0; w[i] != 0 && i < 15; i++)
        port_arg[i] = w[i];
    port_arg[i] = 0;
    CHECK(same_w(port_arg, port), "digit for digit");

    argv[0] = prog;
    argv[1] = host_arg;
    argv[2] = port_arg;
    argv[3] = NULL;
    CHECK_EQ(run(3, argv, &client, peer, 32), 0, "getaddrinfo(T2A(argv[1]), T2A(argv[2])) connects");
    CHECK(same_w(peer, "127.0.0.1"), "A2CT gives the peer's address as TCHAR text");
    if (client != INVALID_SOCKET)
        closesocket(client);

    n = W2A(host_arg);
    CHECK(n != NULL && strcmp(n, "127.0.0.1") == 0, "W2A gives the char string");
    CHECK(strcmp(T2A(host_arg), "127.0.0.1") == 0, "T2A is W2A with UNICODE");
    CHECK(strcmp(OLE2A(host_arg), "127.0.0.1") == 0, "OLE2A takes a WCHAR (OLECHAR) string");

    /* Non-ASCII text goes through the ANSI code page, UTF-8 here. */
    w = A2W("caf\xc3\xa9 \xe4\xbd\xa0");
    CHECK(w[3] == 0xE9 && w[5] == 0x4F60 && w[6] == 0, "UTF-8 becomes its characters");
    n = W2A(w);
    CHECK(strcmp(n, "caf\xc3\xa9 \xe4\xbd\xa0") == 0, "and W2A brings the same bytes back");

    CHECK(A2W((const char *)NULL) == NULL, "A2W(NULL) is NULL");
    CHECK(W2A((LPCWSTR)NULL) == NULL, "W2A(NULL) is NULL");
    CHECK(A2W("")[0] == 0, "an empty string stays empty");

    closesocket(listener);
    WSACleanup();
    return check_done();
}
