/* ws2mp-test: no-mingw */ /* mingw-w64's <string.h> defines strcasecmp as _stricmp, which Windows' SDK does not: the program's own strcasecmp becomes a second _stricmp there */
/*
 * A log collector ported to Windows the usual way: the POSIX calls its parser and poller were
 * written with are defined by the program itself over Microsoft's (strcasecmp and strncasecmp
 * over _stricmp and _strnicmp, localtime_r and gmtime_r over localtime_s and gmtime_s, poll
 * over WSAPoll). On Windows those functions are the program's alone. With ws2mp, _stricmp,
 * localtime_s, GetLocalTime and WSAPoll must not land in them (each would call itself until
 * the stack ran out, or WSAPoll would be handed the system's descriptors and fail).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "check.h"

static int g_own_calls;

int strcasecmp(const char *a, const char *b)
{
    g_own_calls++;
    return _stricmp(a, b);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
    g_own_calls++;
    return _strnicmp(a, b, n);
}

struct tm *localtime_r(const time_t *t, struct tm *result)
{
    g_own_calls++;
    return localtime_s(result, t) == 0 ? result : NULL;
}

struct tm *gmtime_r(const time_t *t, struct tm *result)
{
    g_own_calls++;
    return gmtime_s(result, t) == 0 ? result : NULL;
}

int poll(struct pollfd *fds, unsigned long count, int timeout)
{
    g_own_calls++;
    return WSAPoll(fds, count, timeout);
}

int main(void)
{
    WSADATA wsa;
    SOCKET rx, tx;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    WSAPOLLFD pfd;
    SYSTEMTIME st;
    struct tm local, utc;
    time_t now = time(NULL);
    char buf[64];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    CHECK_EQ(strcasecmp("Content-Length", "content-length"), 0, "the program's strcasecmp");
    CHECK(strcasecmp("Host", "Hosts") < 0, "... orders a prefix first");
    CHECK_EQ(strncasecmp("GET /index", "get /other", 5), 0, "the program's strncasecmp");
    CHECK(strncasecmp("abc", "ABD", 3) < 0, "... sees the third character");
    CHECK_EQ(g_own_calls, 4, "each call ran the program's function once");
    CHECK(_stricmp("b", "A") > 0, "_stricmp itself");

    g_own_calls = 0;
    REQUIRE(localtime_r(&now, &local) == &local, "the program's localtime_r");
    REQUIRE(gmtime_r(&now, &utc) == &utc, "the program's gmtime_r");
    CHECK_EQ(g_own_calls, 2, "... each ran once");
    GetSystemTime(&st);
    CHECK(st.wYear == utc.tm_year + 1900 || st.wMonth == 1, "GetSystemTime's year as gmtime_r's");
    GetLocalTime(&st);
    CHECK(st.wYear == local.tm_year + 1900 || st.wMonth == 1, "GetLocalTime's year as localtime_r's");
    CHECK_EQ(g_own_calls, 2, "GetSystemTime and GetLocalTime call none of the program's functions");
    CHECK_EQ(ctime_s(buf, sizeof(buf), &now), 0, "ctime_s");
    CHECK(strlen(buf) == 25, "... one line of 24 characters and a newline");

    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind");
    REQUIRE(getsockname(rx, (struct sockaddr *)&addr, &len) == 0, "getsockname");

    g_own_calls = 0;
    pfd.fd = rx;
    pfd.events = POLLRDNORM;
    pfd.revents = 0;
    CHECK_EQ(poll(&pfd, 1, 20), 0, "the program's poll: nothing yet");
    CHECK_EQ(sendto(tx, "line", 4, 0, (struct sockaddr *)&addr, sizeof(addr)), 4, "sendto");
    pfd.revents = 0;
    CHECK_EQ(poll(&pfd, 1, 5000), 1, "... then the datagram");
    CHECK(pfd.revents & POLLRDNORM, "... readable");
    CHECK_EQ(g_own_calls, 2, "... the program's function ran twice, and only that");
    CHECK_EQ(recv(rx, buf, sizeof(buf), 0), 4, "recv");

    closesocket(rx);
    closesocket(tx);
    WSACleanup();
    return check_done();
}
