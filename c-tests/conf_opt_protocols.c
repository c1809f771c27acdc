/*
 * The catalog as Windows' own programs query it: WSAEnumProtocolsA/W's size probe (NULL buffer
 * or a zero length: WSAENOBUFS and the size needed), every entry named, the TCP and UDP
 * entries' service flags exactly Windows', a protocol filter with unknown numbers in it
 * (only TCP and UDP come back), and SO_PROTOCOL_INFOA/W on TCP/UDP sockets of both families:
 * the same entry in both character sets, naming the socket's family, type and protocol.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

#define TCP_FLAGS (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA | XP1_IFS_HANDLES)
#define UDP_FLAGS (XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES)

static void check_flags(int af, int version, int type, int proto, DWORD flags)
{
    DWORD want = 0;
    if (type == SOCK_STREAM && proto == IPPROTO_TCP)
        want = TCP_FLAGS;
    if (type == SOCK_DGRAM && proto == IPPROTO_UDP)
        want = UDP_FLAGS;
    if ((af == AF_INET || af == AF_INET6) && version == 2 && want)
        CHECK_EQ(flags & ~(DWORD)XP1_QOS_SUPPORTED, want, "TCP/UDP entry has Windows' service flags");
}

int main(void)
{
    WSADATA wsaData;
    DWORD len = 0;
    int n, i, j, found;
    int filter[] = {0xdead, IPPROTO_TCP, 0xcafe, IPPROTO_UDP, 0xbeef, 0};
    WSAPROTOCOL_INFOA one, *all;
    WSAPROTOCOL_INFOW onew, *allw;
    static const int kinds[4][3] = {
        {AF_INET, SOCK_STREAM, IPPROTO_TCP},
        {AF_INET, SOCK_DGRAM, IPPROTO_UDP},
        {AF_INET6, SOCK_STREAM, IPPROTO_TCP},
        {AF_INET6, SOCK_DGRAM, IPPROTO_UDP},
    };

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* ANSI. */
    CHECK(WSAEnumProtocolsA(NULL, NULL, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS,
          "WSAEnumProtocolsA(NULL buffer): WSAENOBUFS");
    len = 0;
    CHECK(WSAEnumProtocolsA(NULL, &one, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS,
          "WSAEnumProtocolsA(length 0): WSAENOBUFS");
    CHECK(len >= sizeof one && len % sizeof one == 0, "... and the length needed, whole entries");
    all = (WSAPROTOCOL_INFOA *)HeapAlloc(GetProcessHeap(), 0, len);
    n = WSAEnumProtocolsA(NULL, all, &len);
    CHECK(n > 0, "WSAEnumProtocolsA lists the catalog");
    for (i = 0; i < n; i++) {
        CHECK(strlen(all[i].szProtocol) > 0, "every entry has a name");
        check_flags(all[i].iAddressFamily, all[i].iVersion, all[i].iSocketType, all[i].iProtocol, all[i].dwServiceFlags1);
    }
    HeapFree(GetProcessHeap(), 0, all);
    CHECK(WSAEnumProtocolsA(filter, NULL, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS,
          "WSAEnumProtocolsA(filter, NULL): WSAENOBUFS");
    all = (WSAPROTOCOL_INFOA *)HeapAlloc(GetProcessHeap(), 0, len);
    n = WSAEnumProtocolsA(filter, all, &len);
    CHECK(n >= 2, "the filter keeps at least TCP and UDP");
    for (i = found = 0; i < n; i++)
        for (j = 0; j < (int)(sizeof filter / sizeof filter[0]); j++)
            if (all[i].iProtocol == filter[j]) {
                found |= 1 << j;
                break;
            }
    CHECK_EQ(found, 0x0A, "... and only TCP and UDP");
    HeapFree(GetProcessHeap(), 0, all);

    /* Unicode. */
    len = 0;
    CHECK(WSAEnumProtocolsW(NULL, NULL, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS,
          "WSAEnumProtocolsW(NULL buffer): WSAENOBUFS");
    len = 0;
    CHECK(WSAEnumProtocolsW(NULL, &onew, &len) == SOCKET_ERROR && WSAGetLastError() == WSAENOBUFS,
          "WSAEnumProtocolsW(length 0): WSAENOBUFS");
    allw = (WSAPROTOCOL_INFOW *)HeapAlloc(GetProcessHeap(), 0, len);
    n = WSAEnumProtocolsW(NULL, allw, &len);
    CHECK(n > 0, "WSAEnumProtocolsW lists the catalog");
    for (i = 0; i < n; i++) {
        CHECK(allw[i].szProtocol[0] != 0, "every entry has a name");
        check_flags(allw[i].iAddressFamily, allw[i].iVersion, allw[i].iSocketType, allw[i].iProtocol, allw[i].dwServiceFlags1);
    }
    HeapFree(GetProcessHeap(), 0, allw);

    /* SO_PROTOCOL_INFOA/W. */
    for (i = 0; i < 4; i++) {
        SOCKET s = socket(kinds[i][0], kinds[i][1], kinds[i][2]);
        int size;
        char name[WSAPROTOCOL_LEN + 1];
        REQUIRE(s != INVALID_SOCKET, "socket");
        one.szProtocol[0] = 0;
        size = sizeof one;
        CHECK(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&one, &size) == 0 && size == (int)sizeof one,
              "SO_PROTOCOL_INFOA fills the structure");
        onew.szProtocol[0] = 0;
        size = sizeof onew;
        CHECK(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&onew, &size) == 0 && size == (int)sizeof onew,
              "SO_PROTOCOL_INFOW fills the structure");
        CHECK(one.szProtocol[0] != 0 && onew.szProtocol[0] != 0, "... both named");
        for (j = 0; j <= WSAPROTOCOL_LEN && onew.szProtocol[j]; j++)
            name[j] = (char)onew.szProtocol[j];
        name[j] = 0;
        CHECK(strcmp(name, one.szProtocol) == 0, "... the same name in both");
        CHECK(memcmp(&one, &onew, offsetof(WSAPROTOCOL_INFOA, szProtocol)) == 0, "... the same entry in both");
        CHECK_EQ(one.iAddressFamily, kinds[i][0], "... the socket's family");
        CHECK_EQ(one.iSocketType, kinds[i][1], "... the socket's type");
        CHECK_EQ(one.iProtocol, kinds[i][2], "... the socket's protocol");
        closesocket(s);
    }
    WSACleanup();
    return check_done();
}
