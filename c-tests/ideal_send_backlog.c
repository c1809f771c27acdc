/* ws2mp-test: no-mingw */ /* mingw-w64's headers lack idealsendbacklogquery/notify, INETADDR_SETANY and MSVC's _int64 (the Windows SDK has them) */
/* The ideal send backlog, as Microsoft's isb sample uses it: a dual-stack listener built with
 * INETADDR_SETANY and SS_PORT, idealsendbacklogquery for the first value, an overlapped
 * idealsendbacklognotify posted with an event, then sends of that size while
 * WaitForMultipleObjects watches an exit event and the notification, totals kept in an
 * MSVC `_int64`. The notification stays pending while the backlog does not change and is
 * aborted when the socket is closed. Loopback only. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <windows.h>
#include <tchar.h>
#include <stdio.h>
#include "check.h"

int main(void)
{
    WSADATA wsd;
    SOCKADDR_STORAGE lAddr = {0};
    SOCKADDR_IN6 peer;
    SOCKET sl, sc, sa, su;
    WSAOVERLAPPED ov = {0};
    HANDLE hEvents[2];
    INT off = 0, len, rc, isb = 0;
    _int64 TotalBytes = 0;
    DWORD bytes = 0, flags = 0;
    static char buffer[1 << 16], sink[1 << 16];
    int received = 0;

    REQUIRE(WSAStartup(0x0202, &wsd) == 0, "WSAStartup");
    CHECK_EQ(sizeof(_int64), 8, "_int64 is MSVC's 64-bit integer");

    sl = socket(AF_INET6, SOCK_STREAM, 0);
    REQUIRE(sl != INVALID_SOCKET, "an IPv6 listener");
    CHECK_EQ(setsockopt(sl, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&off, sizeof off), 0, "... made dual-stack");
    lAddr.ss_family = AF_INET6;
    INETADDR_SETANY((PSOCKADDR)&lAddr);
    SS_PORT((PSOCKADDR)&lAddr) = htons(0);
    REQUIRE(bind(sl, (PSOCKADDR)&lAddr, sizeof lAddr) == 0, "... bound to in6addr_any");
    REQUIRE(listen(sl, 1) == 0, "... listening");
    len = sizeof(peer);
    REQUIRE(getsockname(sl, (SOCKADDR *)&peer, &len) == 0, "... its port");

    /* The originator connects over IPv4 to the dual-stack listener. */
    sc = socket(AF_INET, SOCK_STREAM, 0);
    {
        SOCKADDR_IN to = {0};
        to.sin_family = AF_INET;
        to.sin_port = peer.sin6_port;
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(sc, (SOCKADDR *)&to, sizeof(to)) == 0, "the originator connects to 127.0.0.1");
    }
    sa = accept(sl, NULL, NULL);
    REQUIRE(sa != INVALID_SOCKET, "the listener accepts");

    CHECK_EQ(idealsendbacklogquery(sa, (PULONG)&isb), 0, "idealsendbacklogquery succeeds");
    CHECK(isb > 0 && isb <= (int)sizeof(buffer), "... with a usable size");

    hEvents[0] = CreateEvent(NULL, TRUE, FALSE, NULL);
    hEvents[1] = ov.hEvent = CreateEvent(NULL, FALSE, FALSE, NULL);
    rc = idealsendbacklognotify(sa, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "idealsendbacklognotify is pending");

    FillMemory(buffer, sizeof(buffer), '@');
    rc = send(sa, buffer, isb, 0);
    CHECK_EQ(rc, isb, "a send of the ideal backlog");
    TotalBytes += (_int64)rc;
    _tprintf(TEXT("Last send completed with %d bytes. Total sent: %I64d\n"), rc, TotalBytes);
    CHECK_EQ(WaitForMultipleObjects(2, hEvents, FALSE, 1), WAIT_TIMEOUT, "no exit and no change within 1 ms");
    while (received < isb) {
        int got = recv(sc, sink, sizeof(sink), 0);
        if (got <= 0)
            break;
        received += got;
    }
    CHECK_EQ(received, isb, "the originator receives it all");

    /* Without an OVERLAPPED on a non-blocking socket there is nothing to wait for. */
    {
        u_long nb = 1;
        ioctlsocket(sa, FIONBIO, &nb);
        rc = idealsendbacklognotify(sa, NULL, NULL);
        CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "a non-blocking notify: WSAEWOULDBLOCK");
    }

    su = socket(AF_INET, SOCK_DGRAM, 0);
    rc = idealsendbacklogquery(su, (PULONG)&isb);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "a UDP socket has no send backlog");
    rc = idealsendbacklognotify(su, &ov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "... nor its notification");
    closesocket(su);

    closesocket(sa);
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "closing the socket ends the notification");
    CHECK(!WSAGetOverlappedResult(sa, &ov, &bytes, FALSE, &flags) || ov.Internal != 0,
          "... which did not succeed");

    CloseHandle(hEvents[0]);
    CloseHandle(hEvents[1]);
    closesocket(sc);
    closesocket(sl);
    WSACleanup();
    return check_done();
}
