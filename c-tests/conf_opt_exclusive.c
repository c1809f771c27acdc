/*
 * Binding a port two sockets want, with SO_EXCLUSIVEADDRUSE and SO_REUSEADDR, as Windows
 * decides it: an exclusive holder refuses everyone else with WSAEACCES (whatever address the
 * newcomer names), a second wildcard bind is WSAEADDRINUSE, the two options exclude each other
 * on one socket, and SO_REUSEADDR is FALSE on a new socket. (Windows also lets a wildcard
 * bind join a specific-address or dual-stack holder of the port; Linux refuses that, see
 * docs/PORTING.md, so those pairs are not here.)
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

enum { ANY4, LOOP4, ANY6, LOOP6, LOOP6_MAPPED };

static int family_of(int which)
{
    return which == ANY4 || which == LOOP4 ? AF_INET : AF_INET6;
}

static int fill(int which, u_short port, SOCKADDR_STORAGE *ss)
{
    memset(ss, 0, sizeof *ss);
    if (family_of(which) == AF_INET) {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)ss;
        sin->sin_family = AF_INET;
        sin->sin_port = port;
        sin->sin_addr.s_addr = htonl(which == ANY4 ? INADDR_ANY : INADDR_LOOPBACK);
        return sizeof *sin;
    } else {
        SOCKADDR_IN6 *sin6 = (SOCKADDR_IN6 *)ss;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = port;
        if (which == LOOP6)
            sin6->sin6_addr.s6_addr[15] = 1;
        if (which == LOOP6_MAPPED) {
            sin6->sin6_addr.s6_addr[10] = 0xff;
            sin6->sin6_addr.s6_addr[11] = 0xff;
            sin6->sin6_addr.s6_addr[12] = 127;
            sin6->sin6_addr.s6_addr[15] = 1;
        }
        return sizeof *sin6;
    }
}

/* A free TCP port on both families' loopback. */
static u_short free_port(void)
{
    SOCKET s = socket(AF_INET6, SOCK_STREAM, 0);
    SOCKADDR_IN6 a;
    int off = 0, len = sizeof a;
    setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&off, sizeof off);
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    bind(s, (SOCKADDR *)&a, sizeof a);
    getsockname(s, (SOCKADDR *)&a, &len);
    closesocket(s);
    return a.sin6_port;
}

struct pair {
    int first, first_excl, second, second_excl, error;
};

static const struct pair pairs[] = {
    {ANY4, 1, LOOP4, 0, WSAEACCES},
    {ANY6, 1, LOOP4, 0, WSAEACCES},
    {ANY4, 1, LOOP4, 1, WSAEACCES},
    {LOOP4, 0, ANY4, 1, WSAEADDRINUSE},
    {LOOP4, 0, ANY6, 1, WSAEADDRINUSE},
    {LOOP6, 0, ANY4, 1, 0},
    {LOOP6, 1, LOOP4, 1, 0},
    {LOOP6_MAPPED, 0, ANY4, 1, WSAEADDRINUSE},
    {ANY6, 1, ANY4, 0, WSAEACCES},
    {ANY4, 0, ANY4, 1, WSAEADDRINUSE},
    {ANY4, 0, ANY4, 0, WSAEADDRINUSE},
    {LOOP4, 1, LOOP4, 0, WSAEADDRINUSE},
    {LOOP4, 0, LOOP4, 1, WSAEADDRINUSE},
};

int main(void)
{
    WSADATA wsaData;
    SOCKET s[2];
    SOCKADDR_STORAGE ss;
    DWORD v;
    int i, j, len;
    char what[120];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* The two options on one socket. */
    s[0] = socket(AF_INET, SOCK_STREAM, 0);
    v = 0x1234;
    len = sizeof v;
    CHECK(getsockopt(s[0], SOL_SOCKET, SO_REUSEADDR, (char *)&v, &len) == 0 && v == 0, "SO_REUSEADDR starts FALSE");
    v = 1;
    CHECK_EQ(setsockopt(s[0], SOL_SOCKET, SO_REUSEADDR, (char *)&v, sizeof v), 0, "SO_REUSEADDR on");
    CHECK(setsockopt(s[0], SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&v, sizeof v) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "... then SO_EXCLUSIVEADDRUSE: WSAEINVAL");
    v = 0;
    setsockopt(s[0], SOL_SOCKET, SO_REUSEADDR, (char *)&v, sizeof v);
    v = 1;
    CHECK_EQ(setsockopt(s[0], SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&v, sizeof v), 0, "SO_REUSEADDR off, SO_EXCLUSIVEADDRUSE on");
    CHECK(setsockopt(s[0], SOL_SOCKET, SO_REUSEADDR, (char *)&v, sizeof v) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "... then SO_REUSEADDR: WSAEINVAL");
    closesocket(s[0]);

    for (i = 0; i < (int)(sizeof pairs / sizeof pairs[0]); i++) {
        const struct pair *p = &pairs[i];
        u_short port = free_port();
        int which[2], excl[2], rc;
        which[0] = p->first;
        which[1] = p->second;
        excl[0] = p->first_excl;
        excl[1] = p->second_excl;
        for (j = 0; j < 2; j++) {
            s[j] = socket(family_of(which[j]), SOCK_STREAM, 0);
            if (excl[j]) {
                v = 1;
                CHECK_EQ(setsockopt(s[j], SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&v, sizeof v), 0, "SO_EXCLUSIVEADDRUSE");
            }
            if (family_of(which[j]) == AF_INET6) {
                v = 0;
                CHECK_EQ(setsockopt(s[j], IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, sizeof v), 0, "dual-stack");
            }
        }
        len = fill(which[0], port, &ss);
        snprintf(what, sizeof what, "pair %d: the first bind succeeds", i);
        CHECK_EQ(bind(s[0], (SOCKADDR *)&ss, len), 0, what);
        len = fill(which[1], port, &ss);
        rc = bind(s[1], (SOCKADDR *)&ss, len);
        snprintf(what, sizeof what, "pair %d: the second bind gives %d", i, p->error);
        CHECK_EQ(rc == 0 ? 0 : WSAGetLastError(), p->error, what);
        closesocket(s[0]);
        closesocket(s[1]);
    }
    WSACleanup();
    return check_done();
}
