/* A port lister over the IP Helper API: GetUdpTable and GetExtendedUdpTable (size 0, malloc,
 * call again) list a UDP socket the test binds on 127.0.0.1, with its port in network byte
 * order and GetCurrentProcessId() as its owner; the IPv6 tables with a socket on ::1; the size
 * and error rules; GetUdpStatistics counts the test's datagram, and GetIcmpStatistics the port
 * unreachable a datagram to a closed loopback port draws (sent and received: loopback). */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET u, u6;
    struct sockaddr_in sa;
    int len = (int)sizeof(sa), found = 0, six = 0, sorted = 1;
    u_short port;
    DWORD loop = htonl(INADDR_LOOPBACK), i, pid = GetCurrentProcessId(), xsize = 0;
    ULONG size = 0;
    PMIB_UDPTABLE t;
    PMIB_UDPTABLE_OWNER_PID o;
    MIB_UDPSTATS before, after;
    MIB_ICMP icmp0, icmp1;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = loop;
    REQUIRE(bind(u, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind a UDP socket on 127.0.0.1");
    getsockname(u, (struct sockaddr *)&sa, &len);
    port = ntohs(sa.sin_port);

    CHECK_EQ(GetUdpTable(NULL, NULL, TRUE), ERROR_INVALID_PARAMETER, "GetUdpTable with a NULL size is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetUdpTable(NULL, &size, TRUE), ERROR_INSUFFICIENT_BUFFER, "GetUdpTable(NULL, &0) asks for a buffer");
    CHECK(size >= sizeof(DWORD) + sizeof(MIB_UDPROW), "for at least one row");
    size += 10 * sizeof(MIB_UDPROW);
    t = (PMIB_UDPTABLE)malloc(size);
    REQUIRE(t != NULL, "malloc");
    CHECK_EQ(GetUdpTable(t, &size, TRUE), NO_ERROR, "GetUdpTable fills the table");
    printf("# Proto  Local Address\n");
    for (i = 0; i < t->dwNumEntries; i++) {
        struct in_addr a;
        a.s_addr = t->table[i].dwLocalAddr;
        printf("#  UDP   %s:%u\n", inet_ntoa(a), ntohs((u_short)t->table[i].dwLocalPort));
        if (t->table[i].dwLocalAddr == loop && ntohs((u_short)t->table[i].dwLocalPort) == port)
            found = 1;
        if (i > 0 && (ntohl(t->table[i - 1].dwLocalAddr) > ntohl(t->table[i].dwLocalAddr) ||
                      (t->table[i - 1].dwLocalAddr == t->table[i].dwLocalAddr &&
                       ntohs((u_short)t->table[i - 1].dwLocalPort) > ntohs((u_short)t->table[i].dwLocalPort))))
            sorted = 0;
    }
    CHECK(found, "the bound socket is listed with 127.0.0.1 and its port");
    CHECK(sorted, "bOrder TRUE sorts by local address then port");
    free(t);

    CHECK_EQ(GetExtendedUdpTable(NULL, NULL, FALSE, AF_INET, UDP_TABLE_OWNER_PID, 0), ERROR_INVALID_PARAMETER,
             "GetExtendedUdpTable with a NULL size is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetExtendedUdpTable(NULL, &xsize, FALSE, AF_INET, (UDP_TABLE_CLASS)7, 0), ERROR_INVALID_PARAMETER,
             "an unknown UDP table class is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetExtendedUdpTable(NULL, &xsize, FALSE, AF_INET, UDP_TABLE_OWNER_MODULE, 0), ERROR_NOT_SUPPORTED,
             "UDP_TABLE_OWNER_MODULE is not provided: ERROR_NOT_SUPPORTED");
    xsize = 0;
    CHECK_EQ(GetExtendedUdpTable(NULL, &xsize, FALSE, AF_INET, UDP_TABLE_OWNER_PID, 0), ERROR_INSUFFICIENT_BUFFER,
             "UDP_TABLE_OWNER_PID asks for a buffer");
    xsize += 10 * sizeof(MIB_UDPROW_OWNER_PID);
    o = (PMIB_UDPTABLE_OWNER_PID)malloc(xsize);
    REQUIRE(o != NULL, "malloc");
    CHECK_EQ(GetExtendedUdpTable(o, &xsize, FALSE, AF_INET, UDP_TABLE_OWNER_PID, 0), NO_ERROR,
             "UDP_TABLE_OWNER_PID fills a MIB_UDPTABLE_OWNER_PID");
    found = 0;
    for (i = 0; i < o->dwNumEntries; i++)
        if (o->table[i].dwLocalAddr == loop && ntohs((u_short)o->table[i].dwLocalPort) == port)
            found = o->table[i].dwOwningPid == pid ? 1 : -1;
    CHECK_EQ(found, 1, "the bound socket's dwOwningPid is GetCurrentProcessId()");
    free(o);

    u6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    if (u6 != INVALID_SOCKET) {
        struct sockaddr_in6 s6;
        memset(&s6, 0, sizeof(s6));
        s6.sin6_family = AF_INET6;
        s6.sin6_addr = in6addr_loopback;
        len = (int)sizeof(s6);
        six = bind(u6, (struct sockaddr *)&s6, sizeof(s6)) == 0 && getsockname(u6, (struct sockaddr *)&s6, &len) == 0;
        if (six) {
            PMIB_UDP6TABLE_OWNER_PID o6;
            PMIB_UDP6TABLE b6;
            u_short p6 = ntohs(s6.sin6_port);
            xsize = 0;
            CHECK_EQ(GetExtendedUdpTable(NULL, &xsize, FALSE, AF_INET6, UDP_TABLE_OWNER_PID, 0), ERROR_INSUFFICIENT_BUFFER,
                     "AF_INET6 UDP_TABLE_OWNER_PID asks for a buffer");
            xsize += 10 * sizeof(MIB_UDP6ROW_OWNER_PID);
            o6 = (PMIB_UDP6TABLE_OWNER_PID)malloc(xsize);
            REQUIRE(o6 != NULL, "malloc");
            CHECK_EQ(GetExtendedUdpTable(o6, &xsize, FALSE, AF_INET6, UDP_TABLE_OWNER_PID, 0), NO_ERROR,
                     "and fills a MIB_UDP6TABLE_OWNER_PID");
            found = 0;
            for (i = 0; i < o6->dwNumEntries; i++)
                if (memcmp(o6->table[i].ucLocalAddr, &in6addr_loopback, 16) == 0 &&
                    ntohs((u_short)o6->table[i].dwLocalPort) == p6 && o6->table[i].dwOwningPid == pid)
                    found = 1;
            CHECK(found, "the [::1] socket is listed, owned by this process");
            free(o6);
            size = 0;
            CHECK_EQ(GetUdp6Table(NULL, &size, FALSE), ERROR_INSUFFICIENT_BUFFER, "GetUdp6Table asks for a buffer");
            size += 10 * sizeof(MIB_UDP6ROW);
            b6 = (PMIB_UDP6TABLE)malloc(size);
            REQUIRE(b6 != NULL, "malloc");
            CHECK_EQ(GetUdp6Table(b6, &size, FALSE), NO_ERROR, "GetUdp6Table fills a MIB_UDP6TABLE");
            found = 0;
            for (i = 0; i < b6->dwNumEntries; i++)
                if (memcmp(&b6->table[i].dwLocalAddr, &in6addr_loopback, 16) == 0 &&
                    ntohs((u_short)b6->table[i].dwLocalPort) == p6)
                    found = 1;
            CHECK(found, "GetUdp6Table lists the [::1] socket");
            free(b6);
        }
        closesocket(u6);
    }
    if (!six)
        printf("# NOTE: no IPv6 loopback on this host: the AF_INET6 tables were NOT checked\n");

    CHECK_EQ(GetUdpStatistics(NULL), ERROR_INVALID_PARAMETER, "GetUdpStatistics(NULL) is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetUdpStatistics(&before), NO_ERROR, "GetUdpStatistics succeeds");
    CHECK(sendto(u, "ping", 4, 0, (struct sockaddr *)&sa, sizeof(sa)) == 4, "send a datagram to the socket itself");
    {
        char buf[8];
        CHECK(recv(u, buf, sizeof(buf), 0) == 4, "and receive it");
    }
    CHECK_EQ(GetUdpStatistics(&after), NO_ERROR, "GetUdpStatistics again");
    CHECK((DWORD)(after.dwOutDatagrams - before.dwOutDatagrams) >= 1, "dwOutDatagrams counts the datagram sent");
    CHECK((DWORD)(after.dwInDatagrams - before.dwInDatagrams) >= 1, "dwInDatagrams counts the datagram received");
    CHECK(after.dwNumAddrs >= 1, "dwNumAddrs counts at least the test's socket");

    /* A datagram to a port nobody has (the test's socket, closed) draws a port unreachable. */
    CHECK_EQ(GetIcmpStatistics(NULL), ERROR_INVALID_PARAMETER, "GetIcmpStatistics(NULL) is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetIcmpStatistics(&icmp0), NO_ERROR, "GetIcmpStatistics succeeds");
    {
        SOCKET gone = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        struct sockaddr_in closed;
        len = (int)sizeof(closed);
        memset(&closed, 0, sizeof(closed));
        closed.sin_family = AF_INET;
        closed.sin_addr.s_addr = loop;
        bind(gone, (struct sockaddr *)&closed, sizeof(closed));
        getsockname(gone, (struct sockaddr *)&closed, &len);
        closesocket(gone);
        CHECK(sendto(u, "lost", 4, 0, (struct sockaddr *)&closed, sizeof(closed)) == 4, "send to a closed port");
        Sleep(200);
    }
    CHECK_EQ(GetIcmpStatistics(&icmp1), NO_ERROR, "GetIcmpStatistics again");
    printf("# ICMP destination unreachable: out %lu -> %lu, in %lu -> %lu\n",
           (unsigned long)icmp0.stats.icmpOutStats.dwDestUnreachs, (unsigned long)icmp1.stats.icmpOutStats.dwDestUnreachs,
           (unsigned long)icmp0.stats.icmpInStats.dwDestUnreachs, (unsigned long)icmp1.stats.icmpInStats.dwDestUnreachs);
    CHECK((DWORD)(icmp1.stats.icmpOutStats.dwDestUnreachs - icmp0.stats.icmpOutStats.dwDestUnreachs) >= 1,
          "icmpOutStats.dwDestUnreachs counts the port unreachable sent");
    CHECK((DWORD)(icmp1.stats.icmpInStats.dwDestUnreachs - icmp0.stats.icmpInStats.dwDestUnreachs) >= 1,
          "icmpInStats.dwDestUnreachs counts it received");
    CHECK((DWORD)(icmp1.stats.icmpOutStats.dwMsgs - icmp0.stats.icmpOutStats.dwMsgs) >= 1, "icmpOutStats.dwMsgs too");

    closesocket(u);
    WSACleanup();
    return check_done();
}
