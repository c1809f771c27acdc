/*
 * What an accepted socket inherits from its listener, as Windows shows it: SO_REUSEADDR,
 * SO_KEEPALIVE, SO_OOBINLINE, SO_SNDBUF and SO_RCVBUF (the values set, even tiny ones),
 * SO_SNDTIMEO and SO_RCVTIMEO (milliseconds), TCP_NODELAY and SO_LINGER all read back on the
 * accepted socket as they were set on the listener before it listened.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

struct opt {
    const char *name;
    int level, optname, value;
};

int main(void)
{
    static const struct opt opts[] = {
        {"SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, 1},
        {"SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, 1},
        {"SO_OOBINLINE", SOL_SOCKET, SO_OOBINLINE, 1},
        {"SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, 0x123},
        {"SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, 0x123},
        {"SO_SNDTIMEO", SOL_SOCKET, SO_SNDTIMEO, 0x123},
        {"SO_RCVTIMEO", SOL_SOCKET, SO_RCVTIMEO, 0x123},
        {"TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, 1},
    };
    WSADATA wsaData;
    SOCKET listener, client, server;
    SOCKADDR_IN addr;
    struct linger lg;
    char what[96];
    int len, value;
    unsigned i;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
        snprintf(what, sizeof what, "set %s on the listener", opts[i].name);
        CHECK_EQ(setsockopt(listener, opts[i].level, opts[i].optname, (const char *)&opts[i].value, sizeof(int)), 0, what);
    }
    lg.l_onoff = 1;
    lg.l_linger = 555;
    CHECK_EQ(setsockopt(listener, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg)), 0, "set SO_LINGER {1, 555}");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof(addr);
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == 0 && getsockname(listener, (SOCKADDR *)&addr, &len) == 0 &&
                listen(listener, 1) == 0,
            "the listener listens");
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    server = accept(listener, NULL, NULL);
    REQUIRE(server != INVALID_SOCKET, "accept");

    for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
        value = 0;
        len = sizeof(value);
        snprintf(what, sizeof what, "the accepted socket's %s is the listener's", opts[i].name);
        CHECK(getsockopt(server, opts[i].level, opts[i].optname, (char *)&value, &len) == 0 && value == opts[i].value, what);
        if (value != opts[i].value)
            printf("# got %#x\n", value);
    }
    memset(&lg, 0, sizeof(lg));
    len = sizeof(lg);
    CHECK(getsockopt(server, SOL_SOCKET, SO_LINGER, (char *)&lg, &len) == 0 && lg.l_onoff == 1 && lg.l_linger == 555,
          "the accepted socket's SO_LINGER is {1, 555}");

    lg.l_onoff = 0;
    setsockopt(server, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    closesocket(server);
    closesocket(client);
    lg.l_onoff = 0;
    setsockopt(listener, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    closesocket(listener);
    WSACleanup();
    return check_done();
}
