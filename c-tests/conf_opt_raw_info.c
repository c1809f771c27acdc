/* ws2mp-test: needs-root
 *
 * Raw IP sockets described as Windows describes them: SO_TYPE is SOCK_RAW and
 * SO_PROTOCOL_INFOW names a hidden raw entry (family, SOCK_RAW, protocol 0 with a maximum
 * offset of 255, 16-byte addresses, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, connectionless
 * message-oriented service flags) that WSAEnumProtocols does not list. Raw sockets need root.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    WSAPROTOCOL_INFOW info;
    WSAPROTOCOL_INFOA *all;
    SOCKET s;
    DWORD len = 0;
    int size, type, n, i;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = WSASocketA(AF_INET, SOCK_RAW, IPPROTO_ICMP, NULL, 0, 0);
    REQUIRE(s != INVALID_SOCKET, "a raw ICMP socket (as root)");
    type = 0xdead;
    size = sizeof type;
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &size) == 0 && type == SOCK_RAW, "SO_TYPE is SOCK_RAW");
    memset(&info, 0, sizeof info);
    size = sizeof info;
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &size), 0, "SO_PROTOCOL_INFOW on a raw socket");
    CHECK_EQ(info.iAddressFamily, AF_INET, "... AF_INET");
    CHECK_EQ(info.iSocketType, SOCK_RAW, "... SOCK_RAW");
    CHECK(info.iMaxSockAddr == 16 && info.iMinSockAddr == 16, "... 16-byte addresses");
    CHECK_EQ(info.iProtocol, 0, "... protocol 0");
    CHECK_EQ(info.iProtocolMaxOffset, 255, "... up to 255");
    CHECK_EQ(info.dwProviderFlags, PFL_MATCHES_PROTOCOL_ZERO | PFL_HIDDEN, "... a hidden entry matching protocol 0");
    CHECK_EQ(info.dwServiceFlags1,
             XP1_IFS_HANDLES | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT | XP1_MESSAGE_ORIENTED | XP1_CONNECTIONLESS,
             "... connectionless, message-oriented service flags");
    closesocket(s);

    WSAEnumProtocolsA(NULL, NULL, &len);
    all = (WSAPROTOCOL_INFOA *)malloc(len);
    n = WSAEnumProtocolsA(NULL, all, &len);
    for (i = 0; i < n; i++)
        CHECK(all[i].iSocketType != SOCK_RAW, "WSAEnumProtocols does not list the hidden raw entries");
    free(all);

    s = WSASocketA(AF_INET, SOCK_RAW, IPPROTO_TCP, NULL, 0, 0);
    REQUIRE(s != INVALID_SOCKET, "a raw socket for protocol 6");
    type = 0xdead;
    size = sizeof type;
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &size) == 0 && type == SOCK_RAW, "... is SOCK_RAW too");
    closesocket(s);
    WSACleanup();
    return check_done();
}
