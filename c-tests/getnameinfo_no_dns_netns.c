/* ws2mp-test: posix needs-root */ /* a private network namespace (unshare) */
/*
 * A traceroute-style tool names each hop with getnameinfo and no flags, the way "Network
 * Programming for Microsoft Windows"' resolve.cpp ReverseLookup does, then prints it. In a
 * network namespace where no DNS server can be reached (no default route), the reverse lookup
 * of a hop's address fails: Windows then gives the address in numeric form, IPv4 and IPv6,
 * ANSI and wide; only NI_NAMEREQD turns the failed lookup into an error. One of the host's own
 * addresses is still named by the host name.
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <string.h>

static int hop_name(const char *text, int flags, char *name, int size)
{
    SOCKADDR_STORAGE ss;
    int len = sizeof ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_family = strchr(text, ':') ? AF_INET6 : AF_INET;
    if (WSAStringToAddressA((char *)text, ss.ss_family, NULL, (SOCKADDR *)&ss, &len) != 0)
        return -1;
    return getnameinfo((SOCKADDR *)&ss, len, name, size, NULL, 0, flags);
}

int main(void)
{
    WSADATA wsaData;
    char name[NI_MAXHOST], host[256];
    WCHAR wname[NI_MAXHOST];
    SOCKADDR_IN6 a6;
    int rc;

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    rc = hop_name("10.55.0.7", 0, name, sizeof name);
    CHECK_EQ(rc, 0, "getnameinfo of a hop no DNS server can name succeeds");
    CHECK(strcmp(name, "10.55.0.7") == 0, "... with the address in numeric form");

    rc = hop_name("fd55::7", 0, name, sizeof name);
    CHECK_EQ(rc, 0, "the same for an IPv6 hop");
    CHECK(strcmp(name, "fd55::7") == 0, "... in Windows' numeric IPv6 form");

    WSASetLastError(0);
    rc = hop_name("10.55.0.7", NI_NAMEREQD, name, sizeof name);
    CHECK(rc != 0 && rc != WSAEINVAL, "with NI_NAMEREQD the failed lookup is an error");
    CHECK_EQ(WSAGetLastError(), rc, "... which is also the last error");

    memset(&a6, 0, sizeof a6);
    a6.sin6_family = AF_INET6;
    REQUIRE(inet_pton(AF_INET6, "fd55::7", &a6.sin6_addr) == 1, "inet_pton");
    rc = GetNameInfoW((SOCKADDR *)&a6, sizeof a6, wname, NI_MAXHOST, NULL, 0, 0);
    CHECK_EQ(rc, 0, "GetNameInfoW of that hop succeeds");
    CHECK(lstrcmpW(wname, L"fd55::7") == 0, "... with the numeric form as a wide string");

    REQUIRE(gethostname(host, sizeof host) == 0, "gethostname");
    rc = hop_name(NS_ADDR4, 0, name, sizeof name);
    CHECK_EQ(rc, 0, "getnameinfo of this host's own address");
    CHECK(strcmp(name, host) == 0, "... still gives the host name");

    WSACleanup();
    return check_done();
}
