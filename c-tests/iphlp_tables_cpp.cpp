/* The IP Helper tables from C++: <iphlpapi.h> compiles as C++ and the calls take the typed
 * table pointers and the enum table classes a C++ netstat passes. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdlib.h>
#include "check.h"

int main()
{
    DWORD size = 0;
    ULONG usize = 0;
    CHECK_EQ(GetExtendedTcpTable(NULL, &size, TRUE, AF_INET, TCP_TABLE_OWNER_PID_ALL, 0), ERROR_INSUFFICIENT_BUFFER,
             "GetExtendedTcpTable from C++ asks for a buffer");
    PMIB_TCPTABLE_OWNER_PID t = static_cast<PMIB_TCPTABLE_OWNER_PID>(malloc(size + 16 * sizeof(MIB_TCPROW_OWNER_PID)));
    size += 16 * sizeof(MIB_TCPROW_OWNER_PID);
    CHECK_EQ(GetExtendedTcpTable(t, &size, TRUE, AF_INET, TCP_TABLE_OWNER_PID_ALL, 0), NO_ERROR,
             "and fills a MIB_TCPTABLE_OWNER_PID");
    free(t);
    CHECK_EQ(GetIfTable(NULL, &usize, FALSE), ERROR_INSUFFICIENT_BUFFER, "GetIfTable from C++ asks for a buffer");
    PMIB_IFTABLE ift = static_cast<PMIB_IFTABLE>(malloc(usize));
    CHECK_EQ(GetIfTable(ift, &usize, FALSE), NO_ERROR, "and fills a MIB_IFTABLE");
    CHECK(ift->dwNumEntries >= 1, "with loopback at least");
    MIB_IFROW row = MIB_IFROW();
    row.dwIndex = ift->table[0].dwIndex;
    CHECK_EQ(GetIfEntry(&row), NO_ERROR, "GetIfEntry takes a MIB_IFROW *");
    free(ift);
    MIB_UDPSTATS us;
    CHECK_EQ(GetUdpStatistics(&us), NO_ERROR, "GetUdpStatistics takes a MIB_UDPSTATS *");
    return check_done();
}
