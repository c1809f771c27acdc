/* A netstat clone over the IP Helper API: GetTcpTable and GetExtendedTcpTable the way legacy
 * tools call them (size 0 to learn the size, malloc, call again), checked against sockets the
 * test owns on loopback: a listener on 127.0.0.1 is MIB_TCP_STATE_LISTEN with its port, a
 * connected pair is two MIB_TCP_STATE_ESTAB rows with both endpoints, the owner PID is
 * GetCurrentProcessId(); the size and error rules; the IPv6 tables with a listener on ::1;
 * GetTcpStatistics. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static const char *state_name(DWORD s)
{
    switch (s) {
    case MIB_TCP_STATE_LISTEN: return "LISTENING";
    case MIB_TCP_STATE_ESTAB: return "ESTABLISHED";
    case MIB_TCP_STATE_TIME_WAIT: return "TIME_WAIT";
    case MIB_TCP_STATE_CLOSE_WAIT: return "CLOSE_WAIT";
    case MIB_TCP_STATE_SYN_SENT: return "SYN_SENT";
    default: return "OTHER";
    }
}

static int same(DWORD addr, u_short port, DWORD row_addr, DWORD row_port)
{
    return addr == row_addr && port == ntohs((u_short)row_port);
}

int main(void)
{
    WSADATA wsa;
    SOCKET lsn, cli, srv, lsn6;
    struct sockaddr_in sa, ca;
    int len = (int)sizeof(sa), six = 0;
    u_short lport, cport;
    DWORD loop = htonl(INADDR_LOOPBACK), i, pid = GetCurrentProcessId();
    ULONG size = 0, small;
    DWORD xsize = 0;
    PMIB_TCPTABLE tcp;
    PMIB_TCPTABLE_OWNER_PID owned;
    int listen_row = 0, cli_row = 0, srv_row = 0, sorted = 1, owner_ok = 0, only_listeners = 1, no_listeners = 1;
    MIB_TCPSTATS stats;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    lsn = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = loop;
    REQUIRE(bind(lsn, (struct sockaddr *)&sa, sizeof(sa)) == 0 && listen(lsn, 4) == 0, "listen on 127.0.0.1");
    getsockname(lsn, (struct sockaddr *)&sa, &len);
    lport = ntohs(sa.sin_port);
    cli = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(cli, (struct sockaddr *)&sa, sizeof(sa)) == 0, "connect to it");
    srv = accept(lsn, NULL, NULL);
    REQUIRE(srv != INVALID_SOCKET, "accept");
    len = (int)sizeof(ca);
    getsockname(cli, (struct sockaddr *)&ca, &len);
    cport = ntohs(ca.sin_port);

    /* ---- GetTcpTable ---- */
    CHECK_EQ(GetTcpTable(NULL, NULL, TRUE), ERROR_INVALID_PARAMETER, "GetTcpTable with a NULL size is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetTcpTable(NULL, &size, TRUE), ERROR_INSUFFICIENT_BUFFER, "GetTcpTable(NULL, &0) asks for a buffer");
    CHECK(size >= sizeof(DWORD) + 3 * sizeof(MIB_TCPROW), "the size it asks for holds the test's three sockets");
    size += 10 * sizeof(MIB_TCPROW); /* room for connections opened meanwhile */
    tcp = (PMIB_TCPTABLE)malloc(size);
    REQUIRE(tcp != NULL, "malloc");
    small = sizeof(DWORD);
    CHECK_EQ(GetTcpTable(tcp, &small, TRUE), ERROR_INSUFFICIENT_BUFFER, "a 4-byte buffer is too small");
    CHECK(small > sizeof(DWORD), "and *SizePointer then says how much is needed");
    CHECK_EQ(GetTcpTable(tcp, &size, TRUE), NO_ERROR, "GetTcpTable fills the table");
    printf("# Proto  Local Address          Foreign Address        State\n");
    for (i = 0; i < tcp->dwNumEntries; i++) {
        MIB_TCPROW *r = &tcp->table[i];
        struct in_addr la, ra;
        char l[32], f[32];
        la.s_addr = r->dwLocalAddr;
        ra.s_addr = r->dwRemoteAddr;
        snprintf(l, sizeof(l), "%s:%u", inet_ntoa(la), ntohs((u_short)r->dwLocalPort));
        snprintf(f, sizeof(f), "%s:%u", inet_ntoa(ra), ntohs((u_short)r->dwRemotePort));
        printf("#  TCP   %-22s %-22s %s\n", l, f, state_name(r->dwState));
        if (same(loop, lport, r->dwLocalAddr, r->dwLocalPort) && r->dwState == MIB_TCP_STATE_LISTEN &&
            r->dwRemoteAddr == 0 && r->dwRemotePort == 0)
            listen_row = 1;
        if (same(loop, cport, r->dwLocalAddr, r->dwLocalPort) && same(loop, lport, r->dwRemoteAddr, r->dwRemotePort) &&
            r->dwState == MIB_TCP_STATE_ESTAB)
            cli_row = 1;
        if (same(loop, lport, r->dwLocalAddr, r->dwLocalPort) && same(loop, cport, r->dwRemoteAddr, r->dwRemotePort) &&
            r->dwState == MIB_TCP_STATE_ESTAB)
            srv_row = 1;
        if (i > 0) {
            MIB_TCPROW *p = &tcp->table[i - 1];
            if (ntohl(p->dwLocalAddr) > ntohl(r->dwLocalAddr) ||
                (p->dwLocalAddr == r->dwLocalAddr && ntohs((u_short)p->dwLocalPort) > ntohs((u_short)r->dwLocalPort)))
                sorted = 0;
        }
    }
    CHECK(listen_row, "the listener is a LISTEN row on 127.0.0.1 with its port (remote 0.0.0.0:0)");
    CHECK(cli_row, "the client is an ESTAB row from its port to the listener's");
    CHECK(srv_row, "the accepted socket is an ESTAB row from the listener's port to the client's");
    CHECK(sorted, "bOrder TRUE sorts by local address then local port");
    free(tcp);

    /* ---- GetExtendedTcpTable ---- */
    CHECK_EQ(GetExtendedTcpTable(NULL, NULL, TRUE, AF_INET, TCP_TABLE_OWNER_PID_ALL, 0), ERROR_INVALID_PARAMETER,
             "GetExtendedTcpTable with a NULL size is ERROR_INVALID_PARAMETER");
    xsize = 0;
    CHECK_EQ(GetExtendedTcpTable(NULL, &xsize, TRUE, AF_INET, (TCP_TABLE_CLASS)99, 0), ERROR_INVALID_PARAMETER,
             "an unknown table class is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetExtendedTcpTable(NULL, &xsize, TRUE, 1234, TCP_TABLE_OWNER_PID_ALL, 0), ERROR_INVALID_PARAMETER,
             "an unknown family is ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetExtendedTcpTable(NULL, &xsize, TRUE, AF_INET, TCP_TABLE_OWNER_PID_ALL, 1), ERROR_INVALID_PARAMETER,
             "a non-zero Reserved is ERROR_INVALID_PARAMETER");
    xsize = 0;
    CHECK_EQ(GetExtendedTcpTable(NULL, &xsize, TRUE, AF_INET, TCP_TABLE_OWNER_PID_ALL, 0), ERROR_INSUFFICIENT_BUFFER,
             "GetExtendedTcpTable(NULL) asks for a buffer");
    CHECK(xsize >= sizeof(DWORD) + 3 * sizeof(MIB_TCPROW_OWNER_PID), "big enough for three owner-PID rows");
    xsize += 10 * sizeof(MIB_TCPROW_OWNER_PID);
    owned = (PMIB_TCPTABLE_OWNER_PID)malloc(xsize);
    REQUIRE(owned != NULL, "malloc");
    CHECK_EQ(GetExtendedTcpTable(owned, &xsize, TRUE, AF_INET, TCP_TABLE_OWNER_PID_ALL, 0), NO_ERROR,
             "TCP_TABLE_OWNER_PID_ALL fills a MIB_TCPTABLE_OWNER_PID");
    for (i = 0; i < owned->dwNumEntries; i++) {
        MIB_TCPROW_OWNER_PID *r = &owned->table[i];
        if (same(loop, lport, r->dwLocalAddr, r->dwLocalPort) && r->dwState == MIB_TCP_STATE_LISTEN) {
            printf("# listener 127.0.0.1:%u owned by pid %lu (this process: %lu)\n", lport,
                   (unsigned long)r->dwOwningPid, (unsigned long)pid);
            owner_ok = r->dwOwningPid == pid;
        }
    }
    CHECK(owner_ok, "the listener's dwOwningPid is GetCurrentProcessId()");
    xsize = (DWORD)(sizeof(DWORD) + 0 * sizeof(MIB_TCPROW_OWNER_PID)); /* too small on purpose */
    CHECK_EQ(GetExtendedTcpTable(owned, &xsize, FALSE, AF_INET, TCP_TABLE_OWNER_PID_LISTENER, 0), ERROR_INSUFFICIENT_BUFFER,
             "TCP_TABLE_OWNER_PID_LISTENER in 4 bytes is ERROR_INSUFFICIENT_BUFFER");
    free(owned);
    owned = (PMIB_TCPTABLE_OWNER_PID)malloc(xsize + 10 * sizeof(MIB_TCPROW_OWNER_PID));
    REQUIRE(owned != NULL, "malloc");
    xsize += 10 * sizeof(MIB_TCPROW_OWNER_PID);
    CHECK_EQ(GetExtendedTcpTable(owned, &xsize, FALSE, AF_INET, TCP_TABLE_OWNER_PID_LISTENER, 0), NO_ERROR,
             "TCP_TABLE_OWNER_PID_LISTENER with the size it asked for");
    listen_row = 0;
    for (i = 0; i < owned->dwNumEntries; i++) {
        if (owned->table[i].dwState != MIB_TCP_STATE_LISTEN)
            only_listeners = 0;
        if (same(loop, lport, owned->table[i].dwLocalAddr, owned->table[i].dwLocalPort))
            listen_row = 1;
    }
    CHECK(only_listeners && listen_row, "_LISTENER lists only listeners, ours among them");
    free(owned);
    xsize = 0;
    GetExtendedTcpTable(NULL, &xsize, FALSE, AF_INET, TCP_TABLE_BASIC_CONNECTIONS, 0);
    xsize += 10 * sizeof(MIB_TCPROW);
    tcp = (PMIB_TCPTABLE)malloc(xsize);
    REQUIRE(tcp != NULL, "malloc");
    CHECK_EQ(GetExtendedTcpTable(tcp, &xsize, FALSE, AF_INET, TCP_TABLE_BASIC_CONNECTIONS, 0), NO_ERROR,
             "TCP_TABLE_BASIC_CONNECTIONS fills a MIB_TCPTABLE");
    cli_row = 0;
    for (i = 0; i < tcp->dwNumEntries; i++) {
        if (tcp->table[i].dwState == MIB_TCP_STATE_LISTEN)
            no_listeners = 0;
        if (same(loop, cport, tcp->table[i].dwLocalAddr, tcp->table[i].dwLocalPort))
            cli_row = 1;
    }
    CHECK(no_listeners && cli_row, "_CONNECTIONS lists no listener, and our client");
    free(tcp);
    xsize = 0;
    CHECK_EQ(GetExtendedTcpTable(NULL, &xsize, FALSE, AF_INET, TCP_TABLE_OWNER_MODULE_ALL, 0), ERROR_NOT_SUPPORTED,
             "TCP_TABLE_OWNER_MODULE_ALL is not provided: ERROR_NOT_SUPPORTED");

    /* ---- IPv6 ---- */
    lsn6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    if (lsn6 != INVALID_SOCKET) {
        struct sockaddr_in6 s6;
        memset(&s6, 0, sizeof(s6));
        s6.sin6_family = AF_INET6;
        s6.sin6_addr = in6addr_loopback;
        len = (int)sizeof(s6);
        if (bind(lsn6, (struct sockaddr *)&s6, sizeof(s6)) == 0 && listen(lsn6, 1) == 0 &&
            getsockname(lsn6, (struct sockaddr *)&s6, &len) == 0)
            six = 1;
        if (six) {
            u_short p6 = ntohs(s6.sin6_port);
            PMIB_TCP6TABLE_OWNER_PID t6;
            PMIB_TCP6TABLE b6;
            int found = 0;
            xsize = 0;
            CHECK_EQ(GetExtendedTcpTable(NULL, &xsize, TRUE, AF_INET6, TCP_TABLE_OWNER_PID_LISTENER, 0),
                     ERROR_INSUFFICIENT_BUFFER, "AF_INET6 owner-PID table: asks for a buffer");
            xsize += 10 * sizeof(MIB_TCP6ROW_OWNER_PID);
            t6 = (PMIB_TCP6TABLE_OWNER_PID)malloc(xsize);
            REQUIRE(t6 != NULL, "malloc");
            CHECK_EQ(GetExtendedTcpTable(t6, &xsize, TRUE, AF_INET6, TCP_TABLE_OWNER_PID_LISTENER, 0), NO_ERROR,
                     "AF_INET6 TCP_TABLE_OWNER_PID_LISTENER fills a MIB_TCP6TABLE_OWNER_PID");
            for (i = 0; i < t6->dwNumEntries; i++) {
                MIB_TCP6ROW_OWNER_PID *r = &t6->table[i];
                if (memcmp(r->ucLocalAddr, &in6addr_loopback, 16) == 0 && ntohs((u_short)r->dwLocalPort) == p6 &&
                    r->dwState == MIB_TCP_STATE_LISTEN && r->dwOwningPid == pid)
                    found = 1;
            }
            CHECK(found, "the [::1] listener is there, LISTEN, owned by this process");
            free(t6);
            CHECK_EQ(GetExtendedTcpTable(NULL, &xsize, TRUE, AF_INET6, TCP_TABLE_BASIC_ALL, 0), ERROR_INVALID_PARAMETER,
                     "the BASIC classes are IPv4 only: ERROR_INVALID_PARAMETER with AF_INET6");
            size = 0;
            CHECK_EQ(GetTcp6Table(NULL, &size, TRUE), ERROR_INSUFFICIENT_BUFFER, "GetTcp6Table asks for a buffer");
            size += 10 * sizeof(MIB_TCP6ROW);
            b6 = (PMIB_TCP6TABLE)malloc(size);
            REQUIRE(b6 != NULL, "malloc");
            CHECK_EQ(GetTcp6Table(b6, &size, TRUE), NO_ERROR, "GetTcp6Table fills a MIB_TCP6TABLE");
            found = 0;
            for (i = 0; i < b6->dwNumEntries; i++)
                if (memcmp(&b6->table[i].LocalAddr, &in6addr_loopback, 16) == 0 &&
                    ntohs((u_short)b6->table[i].dwLocalPort) == p6 && b6->table[i].State == MIB_TCP_STATE_LISTEN)
                    found = 1;
            CHECK(found, "GetTcp6Table lists the [::1] listener as LISTEN");
            free(b6);
        }
        closesocket(lsn6);
    }
    if (!six)
        printf("# NOTE: no IPv6 loopback on this host: the AF_INET6 tables were NOT checked\n");

    /* ---- GetTcpStatistics ---- */
    CHECK_EQ(GetTcpStatistics(NULL), ERROR_INVALID_PARAMETER, "GetTcpStatistics(NULL) is ERROR_INVALID_PARAMETER");
    memset(&stats, 0, sizeof(stats));
    CHECK_EQ(GetTcpStatistics(&stats), NO_ERROR, "GetTcpStatistics succeeds");
    printf("# active opens %lu, passive opens %lu, established %lu, connections %lu\n",
           (unsigned long)stats.dwActiveOpens, (unsigned long)stats.dwPassiveOpens,
           (unsigned long)stats.dwCurrEstab, (unsigned long)stats.dwNumConns);
    CHECK(stats.dwCurrEstab >= 2, "dwCurrEstab counts at least the test's connected pair");
    CHECK(stats.dwNumConns >= 3, "dwNumConns counts at least the test's three TCP sockets");
    CHECK(stats.dwActiveOpens >= 1 && stats.dwPassiveOpens >= 1, "the opens include the test's connection");

    closesocket(srv);
    closesocket(cli);
    closesocket(lsn);
    WSACleanup();
    return check_done();
}
