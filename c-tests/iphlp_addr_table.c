/* The IP Helper calls programs use to list the host's IPv4 addresses and to pick an interface:
 * GetIpAddrTable (the size protocol, sorting, loopback with its mask), GetBestInterface toward
 * 127.0.0.1 (loopback's index) and GetNumberOfInterfaces. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

int main(void)
{
    PMIB_IPADDRTABLE table = NULL;
    ULONG size = 0;
    DWORD rc, i, loopback_index = 0, best = 0, count = 0;
    int found_loopback = 0, sorted = 1;
    IPAddr lo;

    CHECK_EQ(GetIpAddrTable(NULL, NULL, FALSE), ERROR_INVALID_PARAMETER, "a NULL size is refused");
    rc = GetIpAddrTable(NULL, &size, FALSE);
    CHECK_EQ(rc, ERROR_INSUFFICIENT_BUFFER, "GetIpAddrTable(NULL) asks for a buffer");
    CHECK(size >= sizeof(MIB_IPADDRTABLE), "and says how big");
    table = (PMIB_IPADDRTABLE)malloc(size);
    REQUIRE(table != NULL, "malloc");
    CHECK_EQ(GetIpAddrTable(table, &size, TRUE), NO_ERROR, "GetIpAddrTable fills the table");
    CHECK(table->dwNumEntries >= 1, "with at least one address");
    for (i = 0; i < table->dwNumEntries; i++) {
        struct in_addr a, m;
        char as[INET_ADDRSTRLEN], ms[INET_ADDRSTRLEN];
        a.s_addr = table->table[i].dwAddr;
        m.s_addr = table->table[i].dwMask;
        inet_ntop(AF_INET, &a, as, sizeof(as));
        inet_ntop(AF_INET, &m, ms, sizeof(ms));
        printf("# %s mask %s index %lu\n", as, ms, (unsigned long)table->table[i].dwIndex);
        if (table->table[i].dwAddr == htonl(INADDR_LOOPBACK)) {
            found_loopback = 1;
            loopback_index = table->table[i].dwIndex;
            CHECK(table->table[i].dwMask == htonl(0xFF000000u), "127.0.0.1 has the mask 255.0.0.0");
        }
        if (i > 0 && ntohl(table->table[i - 1].dwAddr) > ntohl(table->table[i].dwAddr))
            sorted = 0;
    }
    CHECK(found_loopback, "127.0.0.1 is listed, as on Windows");
    CHECK(sorted, "bOrder TRUE sorts by address");
    free(table);

    inet_pton(AF_INET, "127.0.0.1", &lo);
    CHECK_EQ(GetBestInterface(lo, &best), NO_ERROR, "GetBestInterface toward 127.0.0.1 succeeds without WSAStartup");
    CHECK_EQ(best, loopback_index, "and names loopback's interface");
    CHECK_EQ(GetNumberOfInterfaces(&count), NO_ERROR, "GetNumberOfInterfaces succeeds");
    CHECK(count >= 1, "and counts at least loopback");
    return check_done();
}
