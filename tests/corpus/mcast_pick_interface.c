/*
 * The usual "pick the interface for multicast" program: GetAdaptersAddresses with the
 * grow-and-retry buffer loop, choose an adapter (by name from the command line; by default
 * the loopback adapter, so the traffic stays on this machine), take its first IPv4 address,
 * join a group there, send to the group through that interface, and receive the datagram.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>

#define GROUP "239.255.77.1"
#define PORT 5299
#define WORKING_BUFFER_SIZE 15000
#define MAX_TRIES 3

static int pick_interface(const char *wanted, struct in_addr *out)
{
    ULONG outBufLen = WORKING_BUFFER_SIZE;
    ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
    PIP_ADAPTER_ADDRESSES pAddresses = NULL, pCurr;
    DWORD dwRetVal;
    int iterations = 0, found = 0;

    do {
        pAddresses = (IP_ADAPTER_ADDRESSES *)malloc(outBufLen);
        if (pAddresses == NULL)
            return 0;
        dwRetVal = GetAdaptersAddresses(AF_INET, flags, NULL, pAddresses, &outBufLen);
        if (dwRetVal == ERROR_BUFFER_OVERFLOW) {
            free(pAddresses);
            pAddresses = NULL;
        }
        iterations++;
    } while (dwRetVal == ERROR_BUFFER_OVERFLOW && iterations < MAX_TRIES);

    if (dwRetVal != NO_ERROR) {
        printf("GetAdaptersAddresses failed with error %lu\n", (unsigned long)dwRetVal);
        free(pAddresses);
        return 0;
    }
    for (pCurr = pAddresses; pCurr != NULL; pCurr = pCurr->Next) {
        PIP_ADAPTER_UNICAST_ADDRESS pUnicast = pCurr->FirstUnicastAddress;
        int chosen = wanted ? strcmp(pCurr->AdapterName, wanted) == 0
                            : pCurr->IfType == IF_TYPE_SOFTWARE_LOOPBACK;
        printf("adapter %s: index %lu, type %lu, mtu %lu, status %d%s\n", pCurr->AdapterName,
               (unsigned long)pCurr->IfIndex, (unsigned long)pCurr->IfType, (unsigned long)pCurr->Mtu,
               (int)pCurr->OperStatus, chosen ? " (chosen)" : "");
        if (!chosen || found || pCurr->OperStatus != IfOperStatusUp)
            continue;
        for (; pUnicast != NULL; pUnicast = pUnicast->Next) {
            if (pUnicast->Address.lpSockaddr->sa_family == AF_INET) {
                *out = ((SOCKADDR_IN *)pUnicast->Address.lpSockaddr)->sin_addr;
                found = 1;
                break;
            }
        }
    }
    free(pAddresses);
    return found;
}

int main(int argc, char **argv)
{
    WSADATA wsd;
    SOCKET rx, tx;
    SOCKADDR_IN local, group;
    struct ip_mreq mreq;
    struct in_addr ifaddr;
    DWORD ttl = 1, timeout = 2000;
    char buf[128];
    int n;

    if (WSAStartup(MAKEWORD(2, 2), &wsd) != 0)
        return 1;
    if (!pick_interface(argc > 1 ? argv[1] : NULL, &ifaddr)) {
        printf("no usable interface\n");
        return 1;
    }
    printf("using interface %s\n", inet_ntoa(ifaddr));

    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ZeroMemory(&local, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_port = htons(PORT);
    local.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(rx, (SOCKADDR *)&local, sizeof(local)) == SOCKET_ERROR) {
        printf("bind failed: %d\n", WSAGetLastError());
        return 1;
    }
    mreq.imr_multiaddr.s_addr = inet_addr(GROUP);
    mreq.imr_interface = ifaddr;
    if (setsockopt(rx, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&mreq, sizeof(mreq)) == SOCKET_ERROR) {
        printf("IP_ADD_MEMBERSHIP failed: %d\n", WSAGetLastError());
        return 1;
    }
    setsockopt(rx, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout));

    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    if (setsockopt(tx, IPPROTO_IP, IP_MULTICAST_IF, (char *)&ifaddr, sizeof(ifaddr)) == SOCKET_ERROR ||
        setsockopt(tx, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&ttl, sizeof(ttl)) == SOCKET_ERROR) {
        printf("multicast options failed: %d\n", WSAGetLastError());
        return 1;
    }
    group = local;
    group.sin_addr.s_addr = inet_addr(GROUP);
    if (sendto(tx, "ping", 4, 0, (SOCKADDR *)&group, sizeof(group)) != 4) {
        printf("sendto failed: %d\n", WSAGetLastError());
        return 1;
    }
    n = recv(rx, buf, sizeof(buf) - 1, 0);
    if (n != 4) {
        printf("recv failed: %d\n", WSAGetLastError());
        return 1;
    }
    buf[n] = '\0';
    printf("received \"%s\" from group %s\n", buf, GROUP);
    setsockopt(rx, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&mreq, sizeof(mreq));
    closesocket(tx);
    closesocket(rx);
    WSACleanup();
    return 0;
}
