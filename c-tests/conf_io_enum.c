/*
 * WSAEnumNetworkEvents right after WSAEventSelect, repeated, as a Windows event loop starts:
 * a bound but unconnected TCP socket records nothing; a bound UDP socket and a connected TCP
 * socket record FD_WRITE the first time only (selecting again does not record it again), with
 * the event handle or without it; iErrorCode slots of events not reported are left untouched.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

static void pair(SOCKET *a, SOCKET *b)
{
    SOCKADDR_IN addr;
    int len = sizeof(addr);
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(l, (SOCKADDR *)&addr, sizeof(addr));
    getsockname(l, (SOCKADDR *)&addr, &len);
    listen(l, 1);
    *a = socket(AF_INET, SOCK_STREAM, 0);
    connect(*a, (SOCKADDR *)&addr, sizeof(addr));
    *b = accept(l, NULL, NULL);
    closesocket(l);
}

int main(void)
{
    WSADATA wsaData;
    WSANETWORKEVENTS ne;
    SOCKADDR_IN addr;
    SOCKET s, s2;
    WSAEVENT ev;
    int kind, round, pass, k, untouched;
    static const char *names[] = {"unconnected TCP", "bound UDP", "connected TCP"};
    char what[128];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");

    for (pass = 0; pass < 2; pass++) {
        for (kind = 0; kind < 3; kind++) {
            s2 = INVALID_SOCKET;
            if (kind == 2) {
                pair(&s, &s2);
            } else {
                s = socket(AF_INET, kind == 0 ? SOCK_STREAM : SOCK_DGRAM, 0);
                bind(s, (SOCKADDR *)&addr, sizeof(addr));
            }
            ev = WSACreateEvent();
            for (round = 0; round < 5; round++) {
                CHECK_EQ(WSAEventSelect(s, ev, FD_READ | FD_WRITE), 0, "WSAEventSelect FD_READ|FD_WRITE");
                memset(&ne, 0xAB, sizeof(ne));
                CHECK_EQ(WSAEnumNetworkEvents(s, pass == 0 ? ev : NULL, &ne), 0, "WSAEnumNetworkEvents");
                snprintf(what, sizeof(what), "%s, %s event, selection %d: %s", names[kind],
                         pass == 0 ? "with" : "without", round + 1,
                         kind > 0 && round == 0 ? "FD_WRITE" : "nothing");
                CHECK_EQ(ne.lNetworkEvents, kind > 0 && round == 0 ? FD_WRITE : 0, what);
                untouched = 1;
                for (k = 0; k < FD_MAX_EVENTS; k++) {
                    if (ne.lNetworkEvents & (1 << k)) {
                        if (ne.iErrorCode[k] != 0)
                            untouched = 0;
                    } else if (ne.iErrorCode[k] != (int)0xABABABAB) {
                        untouched = 0;
                    }
                }
                CHECK(untouched, "... codes 0 for reported events, others untouched");
            }
            closesocket(s);
            if (s2 != INVALID_SOCKET)
                closesocket(s2);
            WSACloseEvent(ev);
        }
    }
    WSACleanup();
    return check_done();
}
