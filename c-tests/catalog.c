/*
 * The protocol catalog, the way a legacy program discovers and uses it: WSAEnumProtocolsA/W
 * (buffer-size rule, protocol filter, the XP1 flags of the TCP/UDP entries), getsockopt
 * SO_PROTOCOL_INFOA/W, WSASocket(FROM_PROTOCOL_INFO, ...) on an entry picked by its flags, and
 * WSASocket's multipoint-flag, group and no-inherit rules (docs/WINDOWS.md §3, §7).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#ifndef _WIN32
#include <fcntl.h>
#endif
#include "check.h"

#define TCP_XP1 (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE | XP1_EXPEDITED_DATA | XP1_IFS_HANDLES)
#define UDP_XP1 (XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST | XP1_SUPPORT_MULTIPOINT | XP1_IFS_HANDLES)

static WSAPROTOCOL_INFOA *find_entry(WSAPROTOCOL_INFOA *infos, int n, int af, int type, int proto)
{
    int i;
    for (i = 0; i < n; i++)
        if (infos[i].iAddressFamily == af && infos[i].iSocketType == type && infos[i].iProtocol == proto)
            return &infos[i];
    return NULL;
}

static void check_ip_entry(const WSAPROTOCOL_INFOA *e, DWORD xp1, int sockaddr_len, const char *name)
{
    char what[160];
    REQUIRE(e != NULL, name);
    snprintf(what, sizeof what, "%s: dwServiceFlags1 is %#x (docs/WINDOWS.md 7.3)", name, (unsigned)xp1);
    CHECK_EQ(e->dwServiceFlags1, xp1, what);
    snprintf(what, sizeof what, "%s: iMinSockAddr/iMaxSockAddr are %d", name, sockaddr_len);
    CHECK(e->iMinSockAddr == sockaddr_len && e->iMaxSockAddr == sockaddr_len, what);
    snprintf(what, sizeof what, "%s: PFL_MATCHES_PROTOCOL_ZERO", name);
    CHECK(e->dwProviderFlags & PFL_MATCHES_PROTOCOL_ZERO, what);
    snprintf(what, sizeof what, "%s: a base protocol (ChainLen 1), version 2", name);
    CHECK(e->ProtocolChain.ChainLen == BASE_PROTOCOL && e->iVersion == 2, what);
    snprintf(what, sizeof what, "%s: has a name", name);
    CHECK(e->szProtocol[0] != '\0', what);
}

/* WSASocket with these flags: 0 if it succeeds, else the error. */
static int try_flags(int af, int type, DWORD flags)
{
    SOCKET s = WSASocketA(af, type, 0, NULL, 0, flags);
    int err = s == INVALID_SOCKET ? WSAGetLastError() : 0;
    if (s != INVALID_SOCKET)
        closesocket(s);
    return err;
}

/* Whether a child process would inherit `s`: the handle flag on Windows, the absence of
 * FD_CLOEXEC where SOCKET is a file descriptor. */
static int inheritable(SOCKET s)
{
#ifdef _WIN32
    DWORD flags = 0;
    return GetHandleInformation((HANDLE)s, &flags) && (flags & HANDLE_FLAG_INHERIT);
#else
    return !(fcntl((int)s, F_GETFD) & FD_CLOEXEC);
#endif
}

int main(void)
{
    WSADATA wsaData;
    WSAPROTOCOL_INFOA *infos, info, *e;
    WSAPROTOCOL_INFOW *winfos, winfo;
    DWORD len, need;
    int n, i, optlen, err;
    int udp_only[] = {IPPROTO_UDP, 0};
    SOCKET s;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    CHECK_EQ(sizeof(WSAPROTOCOL_INFOA), 372, "WSAPROTOCOL_INFOA is 372 bytes");
    CHECK_EQ(sizeof(WSAPROTOCOL_INFOW), 628, "WSAPROTOCOL_INFOW is 628 bytes");

    /* The buffer-size rule: ask with no buffer, get WSAENOBUFS and the size needed. */
    len = 0;
    CHECK_EQ(WSAEnumProtocolsA(NULL, NULL, &len), SOCKET_ERROR, "WSAEnumProtocolsA without a buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAENOBUFS, "... with WSAENOBUFS");
    CHECK(len >= 4 * sizeof(WSAPROTOCOL_INFOA) && len % sizeof(WSAPROTOCOL_INFOA) == 0,
          "... and sets the needed size to a whole number (>= 4) of 372-byte entries");
    need = len;
    infos = (WSAPROTOCOL_INFOA *)malloc(need);
    REQUIRE(infos != NULL, "malloc");
    memset(infos, 0xAB, need);
    len = need - 1;
    CHECK_EQ(WSAEnumProtocolsA(NULL, infos, &len), SOCKET_ERROR, "a buffer one byte short fails");
    CHECK_EQ(WSAGetLastError(), WSAENOBUFS, "... with WSAENOBUFS");
    CHECK_EQ(len, need, "... and reports the same needed size");
    CHECK_EQ((unsigned char)infos[0].szProtocol[0], 0xAB, "... and writes no entry");
    len = need;
    n = WSAEnumProtocolsA(NULL, infos, &len);
    CHECK_EQ(n, (int)(need / sizeof(WSAPROTOCOL_INFOA)), "with room for all, it returns the number of entries");

    /* The four IP entries. */
    check_ip_entry(find_entry(infos, n, AF_INET, SOCK_STREAM, IPPROTO_TCP), TCP_XP1, sizeof(struct sockaddr_in), "TCP/IP");
    check_ip_entry(find_entry(infos, n, AF_INET, SOCK_DGRAM, IPPROTO_UDP), UDP_XP1, sizeof(struct sockaddr_in), "UDP/IP");
    check_ip_entry(find_entry(infos, n, AF_INET6, SOCK_STREAM, IPPROTO_TCP), TCP_XP1, sizeof(struct sockaddr_in6), "TCP/IPv6");
    check_ip_entry(find_entry(infos, n, AF_INET6, SOCK_DGRAM, IPPROTO_UDP), UDP_XP1, sizeof(struct sockaddr_in6), "UDP/IPv6");
    CHECK_EQ(find_entry(infos, n, AF_INET, SOCK_STREAM, IPPROTO_TCP)->dwMessageSize, 0, "TCP's dwMessageSize is 0 (stream)");
    CHECK(find_entry(infos, n, AF_INET, SOCK_DGRAM, IPPROTO_UDP)->dwMessageSize >= 65467, "UDP's dwMessageSize is the largest datagram");
    for (i = 0; i < n; i++) {
        if (infos[i].dwServiceFlags1 & XP1_SUPPORT_MULTIPOINT)
            continue;
        CHECK(!(infos[i].dwServiceFlags1 & (XP1_MULTIPOINT_CONTROL_PLANE | XP1_MULTIPOINT_DATA_PLANE)),
              "no entry sets a plane bit without XP1_SUPPORT_MULTIPOINT");
    }
    for (i = 0; i < n; i++)
        CHECK(!(infos[i].dwProviderFlags & PFL_HIDDEN), "no hidden entry is listed");

    /* Filtering by a 0-terminated protocol list. */
    len = 0;
    CHECK_EQ(WSAEnumProtocolsA(udp_only, NULL, &len), SOCKET_ERROR, "filtered enumeration without a buffer fails");
    CHECK_EQ(len, 2 * sizeof(WSAPROTOCOL_INFOA), "... and needs room for the two UDP entries only");
    memset(infos, 0, need);
    n = WSAEnumProtocolsA(udp_only, infos, &len);
    CHECK_EQ(n, 2, "{IPPROTO_UDP, 0} selects two entries");
    CHECK(n == 2 && infos[0].iProtocol == IPPROTO_UDP && infos[1].iProtocol == IPPROTO_UDP, "... both UDP");
    CHECK(n == 2 && infos[0].iAddressFamily != infos[1].iAddressFamily, "... one per address family");

    /* The UTF-16 form: the same entries, 628 bytes each, names widened. */
    len = 0;
    CHECK_EQ(WSAEnumProtocolsW(NULL, NULL, &len), SOCKET_ERROR, "WSAEnumProtocolsW without a buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAENOBUFS, "... with WSAENOBUFS");
    CHECK_EQ(len, need / 372 * 628, "... needing 628 bytes per entry");
    winfos = (WSAPROTOCOL_INFOW *)malloc(len);
    REQUIRE(winfos != NULL, "malloc");
    n = WSAEnumProtocolsW(NULL, winfos, &len);
    CHECK_EQ(n, (int)(need / 372), "WSAEnumProtocolsW lists as many entries as the A form");
    len = need;
    REQUIRE(WSAEnumProtocolsA(NULL, infos, &len) == n, "WSAEnumProtocolsA again");
    for (i = 0; i < n; i++) {
        int k, same = 1;
        for (k = 0; k < 256 && (infos[i].szProtocol[k] || winfos[i].szProtocol[k]); k++)
            if ((WCHAR)(unsigned char)infos[i].szProtocol[k] != winfos[i].szProtocol[k])
                same = 0;
        CHECK(same && winfos[i].dwCatalogEntryId == infos[i].dwCatalogEntryId &&
                  winfos[i].dwServiceFlags1 == infos[i].dwServiceFlags1,
              "W entry matches the A entry (id, flags, UTF-16 name)");
    }

    /* getsockopt(SO_PROTOCOL_INFO) describes the socket's entry. */
    s = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s != INVALID_SOCKET, "socket(AF_INET, SOCK_STREAM, 0)");
    optlen = sizeof(info);
    memset(&info, 0, sizeof info);
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &optlen), 0, "getsockopt(SO_PROTOCOL_INFOA)");
    CHECK_EQ(optlen, 372, "... writes 372 bytes");
    e = find_entry(infos, n, AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(e && info.dwCatalogEntryId == e->dwCatalogEntryId && info.iProtocol == IPPROTO_TCP &&
              strcmp(info.szProtocol, e->szProtocol) == 0,
          "... the TCP/IP entry (protocol 0 picked TCP)");
    optlen = sizeof(info) - 1;
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &optlen), SOCKET_ERROR, "optlen 371 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    optlen = sizeof(winfo);
    memset(&winfo, 0, sizeof winfo);
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&winfo, &optlen), 0, "getsockopt(SO_PROTOCOL_INFOW)");
    CHECK_EQ(optlen, 628, "... writes 628 bytes");
    CHECK(e && winfo.dwCatalogEntryId == e->dwCatalogEntryId && winfo.szProtocol[0] == (WCHAR)e->szProtocol[0],
          "... the same entry, UTF-16 name");
    optlen = 372;
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&winfo, &optlen), SOCKET_ERROR, "SO_PROTOCOL_INFOW with optlen 372 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    closesocket(s);

    s = WSASocketA(AF_INET6, SOCK_DGRAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(s != INVALID_SOCKET, "WSASocket(AF_INET6, SOCK_DGRAM, 0)");
    optlen = sizeof(info);
    CHECK_EQ(getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFO, (char *)&info, &optlen), 0, "getsockopt(SO_PROTOCOL_INFO) on UDP/IPv6");
    CHECK(info.iAddressFamily == AF_INET6 && info.iProtocol == IPPROTO_UDP && (info.dwServiceFlags1 & XP1_SUPPORT_MULTIPOINT),
          "... the UDP/IPv6 entry (protocol 0 picked UDP)");
    closesocket(s);

    /* The protocol-independent way: pick the entry by its flags, create from it. */
    e = NULL;
    for (i = 0; i < n; i++) {
        if (infos[i].iAddressFamily == AF_INET && (infos[i].dwServiceFlags1 & XP1_SUPPORT_MULTIPOINT) &&
            !(infos[i].dwServiceFlags1 & XP1_MULTIPOINT_CONTROL_PLANE) &&
            !(infos[i].dwServiceFlags1 & XP1_MULTIPOINT_DATA_PLANE)) {
            e = &infos[i];
            break;
        }
    }
    REQUIRE(e != NULL, "an IPv4 entry with non-rooted multipoint (IP multicast) is listed");
    CHECK_EQ(e->iProtocol, IPPROTO_UDP, "... it is UDP");
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, e, 0,
                   WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF | WSA_FLAG_OVERLAPPED);
    CHECK(s != INVALID_SOCKET, "WSASocket(FROM_PROTOCOL_INFO x3, &info, 0, C_LEAF|D_LEAF) succeeds");
    optlen = sizeof(info);
    CHECK(s != INVALID_SOCKET && getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&info, &optlen) == 0 &&
              info.dwCatalogEntryId == e->dwCatalogEntryId,
          "... and the socket reports that entry");
    closesocket(s);
    s = WSASocketA(AF_INET, FROM_PROTOCOL_INFO, 0, e, 0, 0);
    CHECK(s != INVALID_SOCKET, "af given, type FROM_PROTOCOL_INFO, protocol 0 with &info succeeds");
    closesocket(s);
    /* Arguments other than 0 override the structure's fields (Windows). */
    s = WSASocketA(AF_INET6, SOCK_DGRAM, IPPROTO_UDP, e, 0, 0);
    CHECK(s != INVALID_SOCKET, "WSASocket with &info but another af makes a socket of the arguments' triple");
    closesocket(s);
    len = 0;
    WSAEnumProtocolsW(udp_only, NULL, &len);
    REQUIRE(WSAEnumProtocolsW(udp_only, winfos, &len) == 2, "WSAEnumProtocolsW({UDP, 0})");
    s = WSASocketW(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &winfos[1], 0,
                   WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
    CHECK(s != INVALID_SOCKET, "WSASocketW(FROM_PROTOCOL_INFO x3, &winfo, C_LEAF|D_LEAF) succeeds");
    optlen = sizeof(winfo);
    CHECK(s != INVALID_SOCKET && getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&winfo, &optlen) == 0 &&
              winfo.dwCatalogEntryId == winfos[1].dwCatalogEntryId,
          "... and the socket reports that entry");
    closesocket(s);
    info = *e;
    info.dwCatalogEntryId = 0xDEADBEEF;
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    CHECK(s == INVALID_SOCKET, "a protocol info naming no catalog entry fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    s = WSASocketA(FROM_PROTOCOL_INFO, SOCK_DGRAM, 0, NULL, 0, 0);
    CHECK(s == INVALID_SOCKET, "FROM_PROTOCOL_INFO without a protocol info fails");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... as the unknown family -1: WSAEAFNOSUPPORT");

    /* Multipoint flags (§3.2). */
    CHECK_EQ(try_flags(AF_INET, SOCK_DGRAM, WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF), 0,
             "UDP/IP: C_LEAF|D_LEAF is legal");
    CHECK_EQ(try_flags(AF_INET6, SOCK_DGRAM, WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF | WSA_FLAG_OVERLAPPED), 0,
             "UDP/IPv6: C_LEAF|D_LEAF|OVERLAPPED is legal");
    {
        static const struct {
            DWORD flags;
            const char *what;
        } bad_udp[] = {
            {WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT, "UDP: C_ROOT|D_ROOT -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF, "UDP: C_ROOT|D_LEAF -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_ROOT, "UDP: C_LEAF|D_ROOT -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_C_LEAF, "UDP: C_LEAF alone -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_D_LEAF, "UDP: D_LEAF alone -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_C_ROOT, "UDP: C_ROOT alone -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_D_ROOT, "UDP: D_ROOT alone -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF, "UDP: both C flags -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF, "UDP: both D flags -> WSAEINVAL"},
            {WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF, "UDP: all four -> WSAEINVAL"},
        };
        static const DWORD any_tcp[] = {
            WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF,
            WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT,
            WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF,
            WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_ROOT,
            WSA_FLAG_MULTIPOINT_C_LEAF,
            WSA_FLAG_MULTIPOINT_D_ROOT,
        };
        size_t k;
        for (k = 0; k < sizeof bad_udp / sizeof bad_udp[0]; k++) {
            CHECK_EQ(try_flags(AF_INET, SOCK_DGRAM, bad_udp[k].flags), WSAEINVAL, bad_udp[k].what);
            CHECK_EQ(try_flags(AF_INET6, SOCK_DGRAM, bad_udp[k].flags), WSAEINVAL, "... and on UDP/IPv6");
        }
        for (k = 0; k < sizeof any_tcp / sizeof any_tcp[0]; k++) {
            CHECK_EQ(try_flags(AF_INET, SOCK_STREAM, any_tcp[k]), WSAEINVAL, "TCP/IP: any multipoint flag -> WSAEINVAL");
            CHECK_EQ(try_flags(AF_INET6, SOCK_STREAM, any_tcp[k]), WSAEINVAL, "TCP/IPv6: any multipoint flag -> WSAEINVAL");
        }
    }
    CHECK_EQ(try_flags(AF_INET, SOCK_STREAM, WSA_FLAG_OVERLAPPED), 0, "TCP with WSA_FLAG_OVERLAPPED only is legal");
    CHECK_EQ(try_flags(AF_INET, SOCK_DGRAM, 0x8000), WSAEINVAL, "an undefined flag bit -> WSAEINVAL");

    /* Groups: only g == 0. */
    s = WSASocketA(AF_INET, SOCK_DGRAM, 0, NULL, SG_UNCONSTRAINED_GROUP, 0);
    err = WSAGetLastError();
    CHECK(s == INVALID_SOCKET && err == WSAEINVAL, "g = SG_UNCONSTRAINED_GROUP -> WSAEINVAL");
    s = WSASocketA(AF_INET, SOCK_STREAM, 0, NULL, SG_CONSTRAINED_GROUP, 0);
    err = WSAGetLastError();
    CHECK(s == INVALID_SOCKET && err == WSAEINVAL, "g = SG_CONSTRAINED_GROUP -> WSAEINVAL");
    s = WSASocketA(AF_INET, SOCK_STREAM, 0, NULL, 12345, 0);
    err = WSAGetLastError();
    CHECK(s == INVALID_SOCKET && err == WSAEINVAL, "g = an unknown group id -> WSAEINVAL");

    /* WSA_FLAG_NO_HANDLE_INHERIT is close-on-exec; without it the socket is inheritable. */
    s = WSASocketA(AF_INET, SOCK_STREAM, 0, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
    REQUIRE(s != INVALID_SOCKET, "WSASocket(..., WSA_FLAG_NO_HANDLE_INHERIT)");
    CHECK(!inheritable(s), "... sets FD_CLOEXEC (not inheritable)");
    closesocket(s);
    s = WSASocketA(AF_INET, SOCK_DGRAM, 0, NULL, 0, 0);
    REQUIRE(s != INVALID_SOCKET, "WSASocket(..., 0)");
    CHECK(inheritable(s), "without the flag FD_CLOEXEC is clear (inheritable)");
    closesocket(s);
    s = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s != INVALID_SOCKET, "socket()");
    CHECK(inheritable(s), "socket() creates an inheritable socket");
    closesocket(s);

    free(infos);
    free(winfos);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}
