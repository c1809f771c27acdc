/* An interface monitor over the IP Helper API: GetIfTable (size 0, malloc, call again) lists
 * loopback as IF_TYPE_SOFTWARE_LOOPBACK, up and operational, under the index GetBestInterface
 * gives for 127.0.0.1; GetIfEntry by that index returns the same row, and its octet counters
 * grow by what the test sends over loopback; the size and error rules; rows sorted by index;
 * GetIpStatistics. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static void blast(void)
{
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in sa;
    int len = (int)sizeof(sa), i;
    char buf[1000];
    memset(&sa, 0, sizeof(sa));
    memset(buf, 'x', sizeof(buf));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(u, (struct sockaddr *)&sa, sizeof(sa));
    getsockname(u, (struct sockaddr *)&sa, &len);
    for (i = 0; i < 20; i++) {
        sendto(u, buf, sizeof(buf), 0, (struct sockaddr *)&sa, sizeof(sa));
        recv(u, buf, sizeof(buf), 0);
    }
    closesocket(u);
}

int main(void)
{
    WSADATA wsa;
    ULONG size = 0, small = 4;
    PMIB_IFTABLE t;
    MIB_IFROW lo, row, again;
    DWORD i, lo_index = 0;
    int found = 0, sorted = 1;
    IPAddr loop = htonl(INADDR_LOOPBACK);
    MIB_IPSTATS ip;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    CHECK_EQ(sizeof(MIB_IFROW), 860, "MIB_IFROW has Windows' size");
    REQUIRE(GetBestInterface(loop, &lo_index) == NO_ERROR, "GetBestInterface names loopback's index");

    CHECK_EQ(GetIfTable(NULL, NULL, TRUE), ERROR_INVALID_PARAMETER, "GetIfTable with a NULL size is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetIfTable(NULL, &size, TRUE), ERROR_INSUFFICIENT_BUFFER, "GetIfTable(NULL, &0) asks for a buffer");
    CHECK(size >= sizeof(MIB_IFTABLE), "at least one row's worth");
    t = (PMIB_IFTABLE)malloc(size);
    REQUIRE(t != NULL, "malloc");
    CHECK_EQ(GetIfTable(t, &small, TRUE), ERROR_INSUFFICIENT_BUFFER, "4 bytes are too small");
    CHECK_EQ(small, size, "and the size needed is the same");
    CHECK_EQ(GetIfTable(t, &size, TRUE), NO_ERROR, "GetIfTable fills the table");
    memset(&lo, 0, sizeof(lo));
    for (i = 0; i < t->dwNumEntries; i++) {
        MIB_IFROW *r = &t->table[i];
        printf("# %lu: %.*s type %lu mtu %lu speed %lu admin %lu oper %lu in %lu out %lu\n",
               (unsigned long)r->dwIndex, (int)r->dwDescrLen, (const char *)r->bDescr, (unsigned long)r->dwType,
               (unsigned long)r->dwMtu, (unsigned long)r->dwSpeed, (unsigned long)r->dwAdminStatus,
               (unsigned long)r->dwOperStatus, (unsigned long)r->dwInOctets, (unsigned long)r->dwOutOctets);
        if (r->dwIndex == lo_index) {
            found = 1;
            lo = *r;
        }
        if (i > 0 && t->table[i - 1].dwIndex > r->dwIndex)
            sorted = 0;
    }
    CHECK(sorted, "bOrder TRUE sorts by index");
    REQUIRE(found, "loopback's index is in the table");
    CHECK_EQ(lo.dwType, IF_TYPE_SOFTWARE_LOOPBACK, "loopback's dwType is IF_TYPE_SOFTWARE_LOOPBACK (24)");
    CHECK_EQ(lo.dwType, MIB_IF_TYPE_LOOPBACK, "which is MIB_IF_TYPE_LOOPBACK");
    CHECK_EQ(lo.dwAdminStatus, MIB_IF_ADMIN_STATUS_UP, "loopback is administratively up");
    CHECK_EQ(lo.dwOperStatus, IF_OPER_STATUS_OPERATIONAL, "and operational");
    CHECK(lo.dwMtu >= 576, "with a real MTU");
    CHECK_EQ(lo.dwPhysAddrLen, 0, "loopback has no hardware address (dwPhysAddrLen 0, as on Windows)");
    CHECK(lo.dwDescrLen >= 2 && lo.bDescr[lo.dwDescrLen - 1] == '\0', "bDescr holds a name, dwDescrLen counts its NUL");
    CHECK(lo.wszName[0] != 0, "wszName holds a name");
    free(t);

    CHECK_EQ(GetIfEntry(NULL), ERROR_INVALID_PARAMETER, "GetIfEntry(NULL) is ERROR_INVALID_PARAMETER");
    memset(&row, 0, sizeof(row));
    row.dwIndex = 0x7FFFFF00u;
    CHECK_EQ(GetIfEntry(&row), ERROR_INVALID_DATA, "GetIfEntry of an index no interface has is ERROR_INVALID_DATA");
    memset(&row, 0, sizeof(row));
    row.dwIndex = lo_index;
    CHECK_EQ(GetIfEntry(&row), NO_ERROR, "GetIfEntry by loopback's index");
    CHECK_EQ(row.dwIndex, lo_index, "keeps the index");
    CHECK_EQ(row.dwType, lo.dwType, "the same type as the table's row");
    CHECK_EQ(row.dwMtu, lo.dwMtu, "the same MTU");
    CHECK(memcmp(row.wszName, lo.wszName, sizeof(row.wszName)) == 0, "the same wszName");
    CHECK(row.dwDescrLen == lo.dwDescrLen && memcmp(row.bDescr, lo.bDescr, lo.dwDescrLen) == 0, "the same bDescr");
    blast();
    memset(&again, 0, sizeof(again));
    again.dwIndex = lo_index;
    CHECK_EQ(GetIfEntry(&again), NO_ERROR, "GetIfEntry after sending 20 kB over loopback");
    CHECK((DWORD)(again.dwOutOctets - row.dwOutOctets) >= 20000, "dwOutOctets grew by at least what was sent");
    CHECK((DWORD)(again.dwInOctets - row.dwInOctets) >= 20000, "dwInOctets grew by at least what was received");
    CHECK((DWORD)(again.dwOutUcastPkts - row.dwOutUcastPkts) >= 20, "dwOutUcastPkts counts the 20 datagrams");

    CHECK_EQ(GetIpStatistics(NULL), ERROR_INVALID_PARAMETER, "GetIpStatistics(NULL) is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetIpStatistics(&ip), NO_ERROR, "GetIpStatistics succeeds");
    printf("# forwarding %lu ttl %lu in %lu out %lu if %lu addr %lu routes %lu\n", (unsigned long)ip.dwForwarding,
           (unsigned long)ip.dwDefaultTTL, (unsigned long)ip.dwInReceives, (unsigned long)ip.dwOutRequests,
           (unsigned long)ip.dwNumIf, (unsigned long)ip.dwNumAddr, (unsigned long)ip.dwNumRoutes);
    CHECK(ip.dwForwarding == MIB_IP_FORWARDING || ip.dwForwarding == MIB_IP_NOT_FORWARDING,
          "dwForwarding is MIB_IP_FORWARDING or MIB_IP_NOT_FORWARDING");
    CHECK(ip.dwDefaultTTL >= 1 && ip.dwDefaultTTL <= 255, "dwDefaultTTL is a TTL");
    CHECK(ip.dwNumIf >= 1 && ip.dwNumAddr >= 1, "dwNumIf and dwNumAddr count at least loopback and 127.0.0.1");
    CHECK(ip.dwInDelivers >= 20, "dwInDelivers counts at least the test's datagrams");
    WSACleanup();
    return check_done();
}
