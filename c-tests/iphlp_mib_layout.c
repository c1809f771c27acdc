/* The IP Helper MIB structures have Windows' sizes and field offsets (what a program that
 * walks the tables by hand, or shares them with Windows code, relies on), and the enums and
 * constants their values: tcpmib.h, udpmib.h, ifmib.h, ipmib.h and iprtrmib.h. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stddef.h>
#include "check.h"

/* The Windows SDK's names for the Vista and the Windows 2000 row (mingw-w64's tcpmib.h has
 * neither, nor the State member). */
static void sdk_row_names(void)
{
#ifndef __MINGW32__
    MIB_TCPROW_LH lh;
    MIB_TCPROW_W2K w2k;
    CHECK_EQ(sizeof(lh), 20, "MIB_TCPROW_LH is 20 bytes");
    CHECK_EQ(sizeof(w2k), 20, "MIB_TCPROW_W2K is 20 bytes");
    lh.dwState = MIB_TCP_STATE_LISTEN;
    CHECK_EQ(lh.State, MIB_TCP_STATE_LISTEN, "MIB_TCPROW's dwState and State are one field");
    w2k.dwState = MIB_TCP_STATE_ESTAB;
    CHECK_EQ(w2k.dwState, MIB_TCP_STATE_ESTAB, "MIB_TCPROW_W2K has dwState");
#endif
}

int main(void)
{
    sdk_row_names();
    CHECK_EQ(sizeof(MIB_TCPROW), 20, "MIB_TCPROW is 20 bytes");
    CHECK_EQ(offsetof(MIB_TCPROW, dwRemotePort), 16, "dwRemotePort is the fifth DWORD");
    CHECK_EQ(offsetof(MIB_TCPTABLE, table), 4, "MIB_TCPTABLE's rows follow dwNumEntries");
    CHECK_EQ(sizeof(MIB_TCPROW_OWNER_PID), 24, "MIB_TCPROW_OWNER_PID is 24 bytes");
    CHECK_EQ(offsetof(MIB_TCPROW_OWNER_PID, dwOwningPid), 20, "with dwOwningPid last");
    CHECK_EQ(sizeof(MIB_TCP6ROW), 52, "MIB_TCP6ROW is 52 bytes");
    CHECK_EQ(offsetof(MIB_TCP6ROW, dwLocalPort), 24, "MIB_TCP6ROW.dwLocalPort at 24");
    CHECK_EQ(offsetof(MIB_TCP6ROW, dwRemotePort), 48, "MIB_TCP6ROW.dwRemotePort at 48");
    CHECK_EQ(sizeof(MIB_TCP6ROW_OWNER_PID), 56, "MIB_TCP6ROW_OWNER_PID is 56 bytes");
    CHECK_EQ(offsetof(MIB_TCP6ROW_OWNER_PID, dwState), 48, "MIB_TCP6ROW_OWNER_PID.dwState at 48");
    CHECK_EQ(offsetof(MIB_TCP6TABLE_OWNER_PID, table), 4, "MIB_TCP6TABLE_OWNER_PID's rows at 4");
    CHECK_EQ(sizeof(MIB_TCPSTATS), 60, "MIB_TCPSTATS is 60 bytes");
    CHECK_EQ(offsetof(MIB_TCPSTATS, dwNumConns), 56, "dwNumConns last");

    CHECK_EQ(sizeof(MIB_UDPROW), 8, "MIB_UDPROW is 8 bytes");
    CHECK_EQ(sizeof(MIB_UDPROW_OWNER_PID), 12, "MIB_UDPROW_OWNER_PID is 12 bytes");
    CHECK_EQ(sizeof(MIB_UDP6ROW), 24, "MIB_UDP6ROW is 24 bytes");
    CHECK_EQ(sizeof(MIB_UDP6ROW_OWNER_PID), 28, "MIB_UDP6ROW_OWNER_PID is 28 bytes");
    CHECK_EQ(offsetof(MIB_UDP6ROW_OWNER_PID, dwOwningPid), 24, "with dwOwningPid at 24");
    CHECK_EQ(sizeof(MIB_UDPSTATS), 20, "MIB_UDPSTATS is 20 bytes");

    CHECK_EQ(sizeof(MIB_IFROW), 860, "MIB_IFROW is 860 bytes");
    CHECK_EQ(offsetof(MIB_IFROW, dwIndex), 512, "dwIndex follows the 256 WCHARs of wszName");
    CHECK_EQ(offsetof(MIB_IFROW, bPhysAddr), 532, "bPhysAddr at 532");
    CHECK_EQ(offsetof(MIB_IFROW, dwAdminStatus), 540, "dwAdminStatus at 540");
    CHECK_EQ(offsetof(MIB_IFROW, dwInOctets), 552, "dwInOctets at 552");
    CHECK_EQ(offsetof(MIB_IFROW, dwDescrLen), 600, "dwDescrLen at 600");
    CHECK_EQ(offsetof(MIB_IFROW, bDescr), 604, "bDescr at 604");
    CHECK_EQ(offsetof(MIB_IFTABLE, table), 4, "MIB_IFTABLE's rows at 4");

#if defined(_WIN64) || defined(__LP64__)
    CHECK_EQ(sizeof(IP_ADAPTER_ADDRESSES_LH), 448, "IP_ADAPTER_ADDRESSES_LH is 448 bytes (64-bit)");
    CHECK_EQ(sizeof(IP_ADAPTER_ADDRESSES_XP), 184, "IP_ADAPTER_ADDRESSES_XP is 184 bytes (64-bit)");
    CHECK_EQ(offsetof(IP_ADAPTER_ADDRESSES_XP, FirstPrefix), 176, "its FirstPrefix last, at 176");
    CHECK_EQ(sizeof(IP_ADAPTER_UNICAST_ADDRESS_LH), 64, "IP_ADAPTER_UNICAST_ADDRESS_LH is 64 bytes (64-bit)");
    CHECK_EQ(sizeof(IP_ADAPTER_UNICAST_ADDRESS_XP), 56, "IP_ADAPTER_UNICAST_ADDRESS_XP is 56 bytes (64-bit)");
    CHECK_EQ(sizeof(IP_ADAPTER_PREFIX_XP), 40, "IP_ADAPTER_PREFIX_XP is 40 bytes (64-bit)");
#endif

    CHECK_EQ(sizeof(MIB_IPFORWARDROW), 56, "MIB_IPFORWARDROW is 56 bytes");
    CHECK_EQ(offsetof(MIB_IPFORWARDROW, dwForwardType), 20, "dwForwardType at 20");
    CHECK_EQ(offsetof(MIB_IPFORWARDROW, dwForwardMetric1), 36, "dwForwardMetric1 at 36");
    CHECK_EQ(sizeof(MIB_IPSTATS), 92, "MIB_IPSTATS is 92 bytes");
    CHECK_EQ(offsetof(MIB_IPSTATS, dwNumRoutes), 88, "dwNumRoutes last");
    CHECK_EQ(sizeof(MIB_IPADDRROW), 24, "MIB_IPADDRROW is 24 bytes");
    CHECK_EQ(sizeof(MIB_IPNETROW), 24, "MIB_IPNETROW is 24 bytes");
    CHECK_EQ(sizeof(MIB_ICMP), 104, "MIB_ICMP is 104 bytes (two MIBICMPSTATS of 13 DWORDs)");
    CHECK_EQ(offsetof(MIB_ICMP, stats.icmpOutStats.dwDestUnreachs), 60, "icmpOutStats.dwDestUnreachs at 60");
    CHECK_EQ(offsetof(MIB_IPNETROW, dwAddr), 16, "MIB_IPNETROW.dwAddr follows the 8-byte bPhysAddr");
    CHECK_EQ(offsetof(MIB_IPNETTABLE, table), 4, "MIB_IPNETTABLE's rows at 4");
    CHECK(MIB_IPNET_TYPE_INVALID == 2 && MIB_IPNET_TYPE_DYNAMIC == 3 && MIB_IPNET_TYPE_STATIC == 4,
          "MIB_IPNET_TYPE values");

    CHECK(MIB_TCP_STATE_CLOSED == 1 && MIB_TCP_STATE_LISTEN == 2 && MIB_TCP_STATE_ESTAB == 5 &&
              MIB_TCP_STATE_TIME_WAIT == 11 && MIB_TCP_STATE_DELETE_TCB == 12,
          "MIB_TCP_STATE values");
    CHECK(TCP_TABLE_BASIC_LISTENER == 0 && TCP_TABLE_OWNER_PID_ALL == 5 && TCP_TABLE_OWNER_MODULE_ALL == 8,
          "TCP_TABLE_CLASS values");
    CHECK(UDP_TABLE_BASIC == 0 && UDP_TABLE_OWNER_PID == 1 && UDP_TABLE_OWNER_MODULE == 2, "UDP_TABLE_CLASS values");
    CHECK(IF_OPER_STATUS_NON_OPERATIONAL == 0 && IF_OPER_STATUS_OPERATIONAL == 5 && MIB_IF_OPER_STATUS_OPERATIONAL == 5,
          "the MIB_IFROW operational status values");
    CHECK(MIB_IF_ADMIN_STATUS_UP == 1 && MIB_IF_ADMIN_STATUS_DOWN == 2, "the administrative status values");
    CHECK(MIB_IPROUTE_TYPE_DIRECT == 3 && MIB_IPROUTE_TYPE_INDIRECT == 4, "MIB_IPFORWARD_TYPE values");
    CHECK(MIB_IPPROTO_LOCAL == 2 && MIB_IPPROTO_NETMGMT == 3 && MIB_IPPROTO_NT_STATIC == 10006,
          "MIB_IPFORWARD_PROTO values");
    CHECK(MIB_IP_FORWARDING == 1 && MIB_IP_NOT_FORWARDING == 2, "MIB_IPSTATS_FORWARDING values");
    CHECK(MIB_TCP_RTO_VANJ == 4 && MIB_TCP_MAXCONN_DYNAMIC == (ULONG)-1, "the TCP statistics constants");
    return check_done();
}
