/* A route printer over the IP Helper API: GetIpForwardTable (size 0, malloc, call again)
 * with its size and error rules, rows sorted by destination when bOrder is TRUE, each row
 * consistent (destination within its mask, a known interface, indirect routes through a
 * next hop, unused metrics MIB_IPROUTE_METRIC_UNUSED); SendARP's rules without sending a
 * packet: an address the neighbour cache does not hold is ERROR_BAD_NET_NAME, a source that
 * is not this host's ERROR_NOT_FOUND, and an entry of /proc/net/arp (when it has one) is
 * returned with its length, and GetIpNetTable lists it as MIB_IPNET_TYPE_DYNAMIC or _STATIC. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static void print_row(const MIB_IPFORWARDROW *r)
{
    struct in_addr d, m, g;
    char ds[16], ms[16];
    d.s_addr = r->dwForwardDest;
    m.s_addr = r->dwForwardMask;
    g.s_addr = r->dwForwardNextHop;
    strcpy(ds, inet_ntoa(d));
    strcpy(ms, inet_ntoa(m));
    printf("# %-15s %-15s %-15s if %lu type %lu proto %lu metric %lu\n", ds, ms, inet_ntoa(g),
           (unsigned long)r->dwForwardIfIndex, (unsigned long)r->dwForwardType, (unsigned long)r->dwForwardProto,
           (unsigned long)r->dwForwardMetric1);
}

/* The first complete entry of the neighbour cache as text ("a.b.c.d" and "xx:xx:..."). */
static int cached_neighbour(char ip[32], unsigned char mac[8], int *maclen)
{
    char line[256], hw[64], flags[16];
    FILE *f = fopen("/proc/net/arp", "r");
    int ok = 0;
    if (f == NULL)
        return 0;
    if (fgets(line, sizeof(line), f) == NULL) {
        fclose(f);
        return 0;
    }
    while (!ok && fgets(line, sizeof(line), f) != NULL) {
        unsigned int b[8];
        int n;
        if (sscanf(line, "%31s %*s %15s %63s", ip, flags, hw) != 3 || strcmp(flags, "0x2") != 0)
            continue;
        n = sscanf(hw, "%x:%x:%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &b[6], &b[7]);
        if (n >= 6) {
            int i;
            for (i = 0; i < n; i++)
                mac[i] = (unsigned char)b[i];
            *maclen = n;
            ok = 1;
        }
    }
    fclose(f);
    return ok;
}

int main(void)
{
    ULONG size = 0, small = 4, maclen;
    PMIB_IPFORWARDTABLE t;
    DWORD i, rc;
    int sorted = 1, consistent = 1;
    ULONG mac[2];
    IPAddr far_away, not_mine, neighbour;
    char ip[32];
    unsigned char want[8];
    int want_len = 0, listed = 0;
    PMIB_IPNETTABLE net;
    MIB_IPSTATS stats;

    CHECK_EQ(sizeof(MIB_IPFORWARDROW), 56, "MIB_IPFORWARDROW has Windows' size");
    CHECK_EQ(GetIpForwardTable(NULL, NULL, TRUE), ERROR_INVALID_PARAMETER,
             "GetIpForwardTable with a NULL size is ERROR_INVALID_PARAMETER");
    rc = GetIpForwardTable(NULL, &size, TRUE);
    if (rc == ERROR_NO_DATA) {
        printf("# NOTE: this host has no IPv4 routes (ERROR_NO_DATA): the route table was NOT checked\n");
        fprintf(stderr, "iphlp_route_table: no IPv4 routes on this host; the route checks did not run\n");
    } else {
        CHECK_EQ(rc, ERROR_INSUFFICIENT_BUFFER, "GetIpForwardTable(NULL, &0) asks for a buffer");
        size += 4 * sizeof(MIB_IPFORWARDROW);
        t = (PMIB_IPFORWARDTABLE)malloc(size);
        REQUIRE(t != NULL, "malloc");
        CHECK_EQ(GetIpForwardTable(t, &small, TRUE), ERROR_INSUFFICIENT_BUFFER, "4 bytes are too small");
        CHECK(small > 4, "and the size needed is given");
        CHECK_EQ(GetIpForwardTable(t, &size, TRUE), NO_ERROR, "GetIpForwardTable fills the table");
        CHECK(t->dwNumEntries >= 1, "with at least one route");
        printf("# Destination     Netmask         Gateway\n");
        for (i = 0; i < t->dwNumEntries; i++) {
            MIB_IPFORWARDROW *r = &t->table[i];
            print_row(r);
            if (i > 0 && ntohl(t->table[i - 1].dwForwardDest) > ntohl(r->dwForwardDest))
                sorted = 0;
            if ((r->dwForwardDest & r->dwForwardMask) != r->dwForwardDest || r->dwForwardIfIndex == 0 ||
                (r->dwForwardType != MIB_IPROUTE_TYPE_DIRECT && r->dwForwardType != MIB_IPROUTE_TYPE_INDIRECT) ||
                (r->dwForwardType == MIB_IPROUTE_TYPE_INDIRECT && r->dwForwardNextHop == 0) ||
                r->dwForwardMetric2 != MIB_IPROUTE_METRIC_UNUSED)
                consistent = 0;
        }
        CHECK(sorted, "bOrder TRUE sorts the rows by destination");
        CHECK(consistent, "every row is consistent (dest within mask, an interface, a type, a next hop when indirect)");
        CHECK_EQ(GetIpStatistics(&stats), NO_ERROR, "GetIpStatistics");
        CHECK(stats.dwNumRoutes >= 1, "dwNumRoutes counts the routes");
        free(t);
    }

    /* SendARP: the rules, without a packet sent. */
    inet_pton(AF_INET, "198.51.100.77", &far_away);
    inet_pton(AF_INET, "203.0.113.5", &not_mine);
    maclen = sizeof(mac);
    CHECK_EQ(SendARP(far_away, 0, NULL, &maclen), ERROR_INVALID_PARAMETER, "SendARP with a NULL buffer is ERROR_INVALID_PARAMETER");
    CHECK_EQ(SendARP(far_away, 0, mac, NULL), ERROR_INVALID_PARAMETER, "SendARP with a NULL length is ERROR_INVALID_PARAMETER");
    CHECK_EQ(SendARP(far_away, not_mine, mac, &maclen), ERROR_NOT_FOUND,
             "a source address that is not this host's is ERROR_NOT_FOUND");
    CHECK_EQ(SendARP(far_away, 0, mac, &maclen), ERROR_BAD_NET_NAME,
             "an address the neighbour cache does not hold is ERROR_BAD_NET_NAME");
    if (cached_neighbour(ip, want, &want_len)) {
        inet_pton(AF_INET, ip, &neighbour);
        maclen = 2;
        CHECK_EQ(SendARP(neighbour, 0, mac, &maclen), ERROR_BUFFER_OVERFLOW,
                 "a 2-byte buffer for a cached neighbour is ERROR_BUFFER_OVERFLOW");
        maclen = sizeof(mac);
        memset(mac, 0, sizeof(mac));
        CHECK_EQ(SendARP(neighbour, 0, mac, &maclen), NO_ERROR, "SendARP finds a cached neighbour");
        printf("# %s is at %02x:%02x:%02x:%02x:%02x:%02x\n", ip, ((unsigned char *)mac)[0], ((unsigned char *)mac)[1],
               ((unsigned char *)mac)[2], ((unsigned char *)mac)[3], ((unsigned char *)mac)[4], ((unsigned char *)mac)[5]);
        CHECK_EQ(maclen, want_len, "with the hardware address's length");
        CHECK(memcmp(mac, want, (size_t)want_len) == 0, "and the address /proc/net/arp shows");
        size = 0;
        CHECK_EQ(GetIpNetTable(NULL, NULL, TRUE), ERROR_INVALID_PARAMETER,
                 "GetIpNetTable with a NULL size is ERROR_INVALID_PARAMETER");
        CHECK_EQ(GetIpNetTable(NULL, &size, TRUE), ERROR_INSUFFICIENT_BUFFER, "GetIpNetTable(NULL, &0) asks for a buffer");
        size += 4 * sizeof(MIB_IPNETROW);
        net = (PMIB_IPNETTABLE)malloc(size);
        REQUIRE(net != NULL, "malloc");
        CHECK_EQ(GetIpNetTable(net, &size, TRUE), NO_ERROR, "GetIpNetTable fills the table");
        sorted = 1;
        for (i = 0; i < net->dwNumEntries; i++) {
            MIB_IPNETROW *r = &net->table[i];
            struct in_addr a;
            a.s_addr = r->dwAddr;
            printf("# arp %-15s if %lu len %lu type %lu\n", inet_ntoa(a), (unsigned long)r->dwIndex,
                   (unsigned long)r->dwPhysAddrLen, (unsigned long)r->dwType);
            if (r->dwAddr == neighbour && r->dwPhysAddrLen == (DWORD)want_len &&
                memcmp(r->bPhysAddr, want, (size_t)want_len) == 0 && r->dwIndex != 0 &&
                (r->dwType == MIB_IPNET_TYPE_DYNAMIC || r->dwType == MIB_IPNET_TYPE_STATIC))
                listed = 1;
            if (i > 0 && ntohl(net->table[i - 1].dwAddr) > ntohl(r->dwAddr))
                sorted = 0;
        }
        CHECK(listed, "GetIpNetTable lists the neighbour with its address, interface and a resolved type");
        CHECK(sorted, "bOrder TRUE sorts the neighbours by address");
        free(net);
    } else {
        printf("# NOTE: the neighbour cache has no complete entry: SendARP's success path and GetIpNetTable were NOT checked\n");
    }
    return check_done();
}
