/* Shared body of crt_wtoi_tchar_buffer.c and crt_wtoi_tchar_buffer_cpp.cpp: a UNICODE window
 * program's socket handler. It receives "x,y" as bytes, widens them into a TCHAR buffer with
 * MultiByteToWideChar, cuts the buffer with _tcstok_s and turns each token into a number with
 * _wtoi. On Windows TCHAR is WCHAR is wchar_t there, so _wtoi (and _wtol, _wtoi64, _wtof) take
 * such a buffer; a Visual Studio project builds with UNICODE, so board games, chat clients and
 * settings dialogs read numbers this way. The wchar_t forms stay as they were (L"..."). */
#include <winsock2.h>
#include <windows.h>
#include <tchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static int tokens_from_socket(void)
{
    WSADATA wsa;
    SOCKET lst, cli, srv;
    struct sockaddr_in a;
    int alen = (int)sizeof a;
    char text[64], got[64];
    TCHAR wide[64];
    TCHAR *tok, *next = NULL;
    int x, y, n, wn, vals[3], count = 0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    lst = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(lst != INVALID_SOCKET, "listener");
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(lst, (struct sockaddr *)&a, sizeof a) == 0, "bind to an ephemeral port");
    REQUIRE(getsockname(lst, (struct sockaddr *)&a, &alen) == 0, "its port");
    REQUIRE(listen(lst, 1) == 0, "listen");
    cli = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(cli, (struct sockaddr *)&a, sizeof a) == 0, "connect on loopback");
    srv = accept(lst, NULL, NULL);
    REQUIRE(srv != INVALID_SOCKET, "accept");

    /* Numbers that change from run to run: the port the system chose. */
    x = ntohs(a.sin_port) % 500 + 50;
    y = -(ntohs(a.sin_port) % 300 + 1);
    n = sprintf(text, "%d, %d,%d", x, y, x * 1000);
    REQUIRE(send(cli, text, n + 1, 0) == n + 1, "the move sent with its NUL");
    n = recv(srv, got, (int)sizeof got, 0);
    REQUIRE(n == (int)strlen(text) + 1, "the move received");

    wn = MultiByteToWideChar(CP_ACP, 0, got, -1, wide, (int)(sizeof wide / sizeof wide[0]));
    CHECK_EQ(wn, n, "MultiByteToWideChar widens the text and its NUL");

    for (tok = _tcstok_s(wide, _T(","), &next); tok != NULL && count < 3;
         tok = _tcstok_s(NULL, _T(","), &next))
        vals[count++] = _wtoi(tok);
    CHECK_EQ(count, 3, "three tokens");
    CHECK_EQ(vals[0], x, "_wtoi of the first TCHAR token");
    CHECK_EQ(vals[1], y, "_wtoi skips the leading space and takes the sign");
    CHECK_EQ(vals[2], x * 1000, "_wtoi of the last token");

    closesocket(srv);
    closesocket(cli);
    closesocket(lst);
    WSACleanup();
    return 0;
}

static void other_forms(void)
{
    char text[64];
    TCHAR wide[64];
    long long big = 4294967296LL + (long long)(GetTickCount() % 1000);
    long long got64;
    double half;

    sprintf(text, "  %lld tail", big);
    MultiByteToWideChar(CP_ACP, 0, text, -1, wide, (int)(sizeof wide / sizeof wide[0]));
    got64 = _wtoi64(wide);
    CHECK(got64 == big, "_wtoi64 of a TCHAR buffer past 32 bits, stopping at the first non-digit");
    CHECK_EQ(_wtol(wide + 2), (long)big, "_wtol of a TCHAR pointer into the buffer");

    sprintf(text, "%d.5", (int)(big % 7));
    MultiByteToWideChar(CP_ACP, 0, text, -1, wide, (int)(sizeof wide / sizeof wide[0]));
    half = _wtof(wide);
    CHECK(half == (double)(big % 7) + 0.5, "_wtof of a TCHAR buffer");

    wide[0] = 'x';
    wide[1] = 0;
    CHECK_EQ(_wtoi(wide), 0, "no digits: 0");

    CHECK_EQ(_wtoi(L"  -42"), -42, "the wchar_t form still takes an L\"\" literal");
}
