/* GetNetworkParams the way programs that print their network settings (ipconfig /all's top
 * part) or pick a DNS server for their own queries call it: a FIXED_INFO-sized buffer first,
 * grown on ERROR_BUFFER_OVERFLOW, then the host and domain names, the DNS server list walked
 * through Next, the node type and the routing/proxy/DNS flags. */
#include <winsock2.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    FIXED_INFO *info;
    ULONG len = sizeof(FIXED_INFO), need = 0;
    DWORD rc;
    IP_ADDR_STRING *server;
    char host[256], *dot;
    int servers = 0, dotted = 0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    info = (FIXED_INFO *)malloc(sizeof(FIXED_INFO));
    REQUIRE(info != NULL, "malloc");
    rc = GetNetworkParams(info, &len);
    if (rc == ERROR_BUFFER_OVERFLOW) {
        free(info);
        info = (FIXED_INFO *)malloc(len);
        REQUIRE(info != NULL, "malloc of the size asked for");
        rc = GetNetworkParams(info, &len);
    }
    REQUIRE(rc == NO_ERROR, "GetNetworkParams succeeds with the size it asked for");

    printf("# Host Name: %s\n", info->HostName);
    printf("# Domain Name: %s\n", info->DomainName);
    printf("# DNS Servers:\n");
    for (server = &info->DnsServerList; server != NULL; server = server->Next) {
        if (server->IpAddress.String[0] == '\0')
            continue;
        printf("#\t%s\n", server->IpAddress.String);
        servers++;
        dotted += inet_addr(server->IpAddress.String) != INADDR_NONE;
    }
    switch (info->NodeType) {
    case BROADCAST_NODETYPE: printf("# Node Type: Broadcast\n"); break;
    case PEER_TO_PEER_NODETYPE: printf("# Node Type: Peer to Peer\n"); break;
    case MIXED_NODETYPE: printf("# Node Type: Mixed\n"); break;
    case HYBRID_NODETYPE: printf("# Node Type: Hybrid\n"); break;
    default: printf("# Node Type: unknown %u\n", info->NodeType); break;
    }
    printf("# DHCP scope name: %s\n", info->ScopeId);
    printf("# Routing: %s, ARP proxy: %s, DNS: %s\n", info->EnableRouting ? "enabled" : "disabled",
           info->EnableProxy ? "enabled" : "disabled", info->EnableDns ? "enabled" : "disabled");

    REQUIRE(gethostname(host, sizeof(host)) == 0, "gethostname");
    dot = strchr(host, '.');
    if (dot != NULL)
        *dot = '\0';
    CHECK(strcmp(info->HostName, host) == 0, "HostName is the host name up to its first dot");
    CHECK(dot == NULL || strcmp(info->DomainName, dot + 1) == 0, "DomainName is what follows it");
    CHECK_EQ(dotted, servers, "every DNS server is a dotted IPv4 address");
    CHECK(info->NodeType == BROADCAST_NODETYPE || info->NodeType == PEER_TO_PEER_NODETYPE ||
              info->NodeType == MIXED_NODETYPE || info->NodeType == HYBRID_NODETYPE,
          "NodeType is one of the four");
    CHECK(info->EnableRouting <= 1 && info->EnableProxy <= 1 && info->EnableDns <= 1, "the flags are 0 or 1");

    CHECK_EQ(GetNetworkParams(NULL, &need), ERROR_BUFFER_OVERFLOW, "a NULL buffer: ERROR_BUFFER_OVERFLOW");
    CHECK_EQ(need, len, "... with the size needed");
    need = sizeof(FIXED_INFO) - 1;
    CHECK_EQ(GetNetworkParams(info, &need), ERROR_BUFFER_OVERFLOW, "a buffer smaller than FIXED_INFO: ERROR_BUFFER_OVERFLOW");
    CHECK_EQ(GetNetworkParams(info, NULL), ERROR_INVALID_PARAMETER, "a NULL size: ERROR_INVALID_PARAMETER");

    free(info);
    WSACleanup();
    return check_done();
}
