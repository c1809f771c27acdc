/*
 * The usual "netstat -ano" clone: GetExtendedTcpTable and GetExtendedUdpTable with the
 * owner-PID classes, asked for their size first and retried while the table grows, then one
 * line per endpoint with the state names netstat prints. To check itself, it listens on
 * 127.0.0.1 first and fails unless that listener is in the table under its own process id.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>

#define MALLOC(x) HeapAlloc(GetProcessHeap(), 0, (x))
#define FREE(x) HeapFree(GetProcessHeap(), 0, (x))

static const char *StateName(DWORD state)
{
    switch (state) {
    case MIB_TCP_STATE_CLOSED: return "CLOSED";
    case MIB_TCP_STATE_LISTEN: return "LISTENING";
    case MIB_TCP_STATE_SYN_SENT: return "SYN_SENT";
    case MIB_TCP_STATE_SYN_RCVD: return "SYN_RECEIVED";
    case MIB_TCP_STATE_ESTAB: return "ESTABLISHED";
    case MIB_TCP_STATE_FIN_WAIT1: return "FIN_WAIT_1";
    case MIB_TCP_STATE_FIN_WAIT2: return "FIN_WAIT_2";
    case MIB_TCP_STATE_CLOSE_WAIT: return "CLOSE_WAIT";
    case MIB_TCP_STATE_CLOSING: return "CLOSING";
    case MIB_TCP_STATE_LAST_ACK: return "LAST_ACK";
    case MIB_TCP_STATE_TIME_WAIT: return "TIME_WAIT";
    default: return "UNKNOWN";
    }
}

/* A table of the class asked for, or NULL (the error printed). */
static void *FetchTable(BOOL tcp, int tableClass)
{
    DWORD dwSize = 0, dwRetVal = ERROR_INSUFFICIENT_BUFFER;
    void *table = NULL;
    int tries;
    for (tries = 0; tries < 5 && dwRetVal == ERROR_INSUFFICIENT_BUFFER; tries++) {
        if (table != NULL)
            FREE(table);
        table = dwSize ? MALLOC(dwSize) : NULL;
        if (dwSize && table == NULL) {
            printf("Error allocating memory\n");
            return NULL;
        }
        dwRetVal = tcp ? GetExtendedTcpTable(table, &dwSize, TRUE, AF_INET, (TCP_TABLE_CLASS)tableClass, 0)
                       : GetExtendedUdpTable(table, &dwSize, TRUE, AF_INET, (UDP_TABLE_CLASS)tableClass, 0);
    }
    if (dwRetVal != NO_ERROR) {
        printf("GetExtended%sTable failed with %lu\n", tcp ? "Tcp" : "Udp", (unsigned long)dwRetVal);
        if (table != NULL)
            FREE(table);
        return NULL;
    }
    return table;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET ListenSocket;
    struct sockaddr_in service;
    int len = sizeof(service), found = 0;
    u_short myPort;
    PMIB_TCPTABLE_OWNER_PID pTcpTable;
    PMIB_UDPTABLE_OWNER_PID pUdpTable;
    DWORD i;
    char szLocal[32], szRemote[32];
    struct in_addr IpAddr;

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        printf("WSAStartup failed\n");
        return 1;
    }
    ListenSocket = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    service.sin_family = AF_INET;
    service.sin_addr.s_addr = inet_addr("127.0.0.1");
    service.sin_port = 0;
    if (bind(ListenSocket, (SOCKADDR *)&service, sizeof(service)) == SOCKET_ERROR ||
        listen(ListenSocket, SOMAXCONN) == SOCKET_ERROR ||
        getsockname(ListenSocket, (SOCKADDR *)&service, &len) == SOCKET_ERROR) {
        printf("listen failed with error: %d\n", WSAGetLastError());
        return 1;
    }
    myPort = ntohs(service.sin_port);

    pTcpTable = (PMIB_TCPTABLE_OWNER_PID)FetchTable(TRUE, TCP_TABLE_OWNER_PID_ALL);
    if (pTcpTable == NULL)
        return 1;
    printf("  Proto  Local Address          Foreign Address        State           PID\n");
    for (i = 0; i < pTcpTable->dwNumEntries; i++) {
        MIB_TCPROW_OWNER_PID *row = &pTcpTable->table[i];
        IpAddr.S_un.S_addr = (u_long)row->dwLocalAddr;
        sprintf(szLocal, "%s:%d", inet_ntoa(IpAddr), ntohs((u_short)row->dwLocalPort));
        IpAddr.S_un.S_addr = (u_long)row->dwRemoteAddr;
        sprintf(szRemote, "%s:%d", inet_ntoa(IpAddr),
                row->dwState == MIB_TCP_STATE_LISTEN ? 0 : ntohs((u_short)row->dwRemotePort));
        printf("  TCP    %-22s %-22s %-15s %lu\n", szLocal, szRemote, StateName(row->dwState),
               (unsigned long)row->dwOwningPid);
        if (row->dwState == MIB_TCP_STATE_LISTEN && ntohs((u_short)row->dwLocalPort) == myPort &&
            row->dwOwningPid == GetCurrentProcessId())
            found = 1;
    }
    FREE(pTcpTable);

    pUdpTable = (PMIB_UDPTABLE_OWNER_PID)FetchTable(FALSE, UDP_TABLE_OWNER_PID);
    if (pUdpTable == NULL)
        return 1;
    for (i = 0; i < pUdpTable->dwNumEntries; i++) {
        IpAddr.S_un.S_addr = (u_long)pUdpTable->table[i].dwLocalAddr;
        sprintf(szLocal, "%s:%d", inet_ntoa(IpAddr), ntohs((u_short)pUdpTable->table[i].dwLocalPort));
        printf("  UDP    %-22s %-22s %-15s %lu\n", szLocal, "*:*", "", (unsigned long)pUdpTable->table[i].dwOwningPid);
    }
    FREE(pUdpTable);

    closesocket(ListenSocket);
    WSACleanup();
    if (!found) {
        printf("our listener on port %d (pid %lu) is not in the table\n", myPort, (unsigned long)GetCurrentProcessId());
        return 1;
    }
    printf("found our listener on 127.0.0.1:%d\n", myPort);
    return 0;
}
