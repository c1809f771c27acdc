/*
 * protocol_browser: lists the Winsock protocol catalog and picks providers by their XP1_*
 * bits, the protocol-independent way multipoint programs are written:
 *   WSAEnumProtocols (sizing the buffer first), decode each entry, then
 *   WSASocket(FROM_PROTOCOL_INFO, ..., &info, 0, flags) for the entry a role needs.
 *
 * Builds unchanged with ws2mp (include/compat) and with mingw-w64 against Windows' headers
 * (x86_64-w64-mingw32-gcc protocol_browser.c -lws2_32). Exits 0 when a multicast-capable
 * provider was found and a c_leaf|d_leaf socket could be created from it.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>

static const char *family_name(int af)
{
    if (af == AF_INET)
        return "IPv4";
    if (af == AF_INET6)
        return "IPv6";
    return "other";
}

static void print_entry(const WSAPROTOCOL_INFOA *p)
{
    DWORD f = p->dwServiceFlags1;
    printf("  [%lu] %-28s %-4s type=%d proto=%d msgsize=%lu\n", (unsigned long)p->dwCatalogEntryId,
           p->szProtocol, family_name(p->iAddressFamily), p->iSocketType, p->iProtocol,
           (unsigned long)p->dwMessageSize);
    printf("        %s%s%s%s%s%s\n", (f & XP1_CONNECTIONLESS) ? "connectionless " : "connection-oriented ",
           (f & XP1_GUARANTEED_DELIVERY) ? "reliable " : "",
           (f & XP1_MESSAGE_ORIENTED) ? "messages " : "stream ",
           (f & XP1_SUPPORT_BROADCAST) ? "broadcast " : "",
           (f & XP1_CONNECT_DATA) ? "connect-data " : "",
           (f & XP1_QOS_SUPPORTED) ? "qos " : "");
    if (f & XP1_SUPPORT_MULTIPOINT) {
        printf("        multipoint: control plane %s, data plane %s\n",
               (f & XP1_MULTIPOINT_CONTROL_PLANE) ? "rooted" : "non-rooted",
               (f & XP1_MULTIPOINT_DATA_PLANE) ? "rooted" : "non-rooted");
    }
}

/* Finds the first entry whose multipoint bits match the wanted planes. */
static WSAPROTOCOL_INFOA *find_multipoint(WSAPROTOCOL_INFOA *list, int n, int af, int rooted_control,
                                          int rooted_data)
{
    int i;
    for (i = 0; i < n; i++) {
        DWORD f = list[i].dwServiceFlags1;
        if (list[i].iAddressFamily != af || !(f & XP1_SUPPORT_MULTIPOINT))
            continue;
        if (!!(f & XP1_MULTIPOINT_CONTROL_PLANE) != rooted_control)
            continue;
        if (!!(f & XP1_MULTIPOINT_DATA_PLANE) != rooted_data)
            continue;
        return &list[i];
    }
    return NULL;
}

static int try_socket(WSAPROTOCOL_INFOA *info, DWORD flags, const char *role)
{
    WSAPROTOCOL_INFOA back;
    int len = sizeof(back);
    SOCKET s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, info, 0, flags);
    if (s == INVALID_SOCKET) {
        printf("  %-22s on %-24s -> WSASocket failed: %d\n", role, info->szProtocol, WSAGetLastError());
        return 0;
    }
    if (getsockopt(s, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&back, &len) != 0 ||
        back.dwCatalogEntryId != info->dwCatalogEntryId) {
        printf("  %-22s on %-24s -> SO_PROTOCOL_INFO does not name the entry\n", role, info->szProtocol);
        closesocket(s);
        return 0;
    }
    printf("  %-22s on %-24s -> socket created\n", role, info->szProtocol);
    closesocket(s);
    return 1;
}

int main(void)
{
    WSADATA wsa;
    WSAPROTOCOL_INFOA *list;
    WSAPROTOCOL_INFOA *mcast, *rooted, *rooted_ctl;
    DWORD size = 0;
    int n, i, ok = 1;

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        printf("WSAStartup failed\n");
        return 1;
    }
    /* First call with no buffer: learn the size needed. */
    if (WSAEnumProtocolsA(NULL, NULL, &size) != SOCKET_ERROR || WSAGetLastError() != WSAENOBUFS) {
        printf("WSAEnumProtocols did not ask for a buffer\n");
        return 1;
    }
    list = (WSAPROTOCOL_INFOA *)malloc(size);
    n = WSAEnumProtocolsA(NULL, list, &size);
    if (n == SOCKET_ERROR) {
        printf("WSAEnumProtocols failed: %d\n", WSAGetLastError());
        return 1;
    }
    printf("%d protocol entries:\n", n);
    for (i = 0; i < n; i++)
        print_entry(&list[i]);

    printf("\nchoosing providers by their multipoint bits:\n");
    mcast = find_multipoint(list, n, AF_INET, 0, 0);
    rooted = find_multipoint(list, n, AF_INET, 1, 1);
    rooted_ctl = find_multipoint(list, n, AF_INET, 1, 0);
    if (mcast == NULL) {
        printf("  no IP multicast provider (non-rooted control and data)\n");
        ok = 0;
    } else {
        ok &= try_socket(mcast, WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF, "multicast c_leaf|d_leaf");
        /* A non-rooted provider has no root: WSASocket must refuse c_root. */
        if (WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, mcast, 0,
                       WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF) != INVALID_SOCKET ||
            WSAGetLastError() != WSAEINVAL) {
            printf("  c_root on a non-rooted provider was not refused with WSAEINVAL\n");
            ok = 0;
        } else {
            printf("  %-22s on %-24s -> refused (WSAEINVAL), as it must be\n", "c_root", mcast->szProtocol);
        }
    }
    if (rooted != NULL)
        ok &= try_socket(rooted, WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT, "rooted c_root|d_root");
    else
        printf("  no provider with a rooted control and data plane\n");
    if (rooted_ctl != NULL)
        ok &= try_socket(rooted_ctl, WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF, "rooted-control c_root");
    else
        printf("  no provider with a rooted control plane and non-rooted data plane\n");

    free(list);
    WSACleanup();
    printf("\n%s\n", ok ? "protocol browser: OK" : "protocol browser: FAILED");
    return ok ? 0 : 1;
}
