/* Windows has no getifaddrs, so programs ported to it from POSIX often bring their own: a
 * struct ifaddrs and getifaddrs/freeifaddrs built on WSAIoctl(SIO_GET_INTERFACE_LIST), under
 * #ifdef _WIN32 (a multicast or discovery server that looks for its LAN address this way). On
 * Windows these names are the program's alone. Linked with ws2mp they must stay so: ws2mp's
 * own interface enumeration (behind SIO_GET_INTERFACE_LIST, GetAdaptersAddresses, ...) must not
 * end up in the program's function, which here would call SIO_GET_INTERFACE_LIST again without
 * end. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

struct ifaddrs {
    struct ifaddrs *ifa_next;
    char *ifa_name;
    unsigned int ifa_flags;
    struct sockaddr *ifa_addr;
    struct sockaddr *ifa_netmask;
    void *ifa_data;
};

static int getifaddrs_calls;
static int freeifaddrs_calls;

int getifaddrs(struct ifaddrs **ifpp);
void freeifaddrs(struct ifaddrs *ifp);

int getifaddrs(struct ifaddrs **ifpp)
{
    INTERFACE_INFO list[32];
    DWORD bytes = 0;
    SOCKET s;
    size_t i, n;
    struct ifaddrs **tail = ifpp;

    ++getifaddrs_calls;
    *ifpp = NULL;
    if (getifaddrs_calls > 3)
        return -1; /* called again from inside: stop before the stack runs out */
    s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s == INVALID_SOCKET)
        return -1;
    if (WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, list, sizeof(list), &bytes, NULL, NULL) != 0) {
        closesocket(s);
        return -1;
    }
    closesocket(s);
    n = bytes / sizeof(INTERFACE_INFO);
    for (i = 0; i < n; i++) {
        struct ifaddrs *ifp = (struct ifaddrs *)calloc(1, sizeof(*ifp));
        struct sockaddr_in *addr = (struct sockaddr_in *)calloc(1, sizeof(*addr));
        if (ifp == NULL || addr == NULL) {
            free(ifp);
            free(addr);
            return -1;
        }
        memcpy(addr, &list[i].iiAddress.AddressIn, sizeof(*addr));
        ifp->ifa_flags = list[i].iiFlags;
        ifp->ifa_addr = (struct sockaddr *)addr;
        *tail = ifp;
        tail = &ifp->ifa_next;
    }
    return 0;
}

void freeifaddrs(struct ifaddrs *ifp)
{
    ++freeifaddrs_calls;
    while (ifp != NULL) {
        struct ifaddrs *next = ifp->ifa_next;
        free(ifp->ifa_addr);
        free(ifp);
        ifp = next;
    }
}

int main(void)
{
    WSADATA wsa;
    struct ifaddrs *ifap = NULL, *ifa;
    int found_loopback = 0, count = 0;
    char text[INET_ADDRSTRLEN];
    SOCKET s;
    INTERFACE_INFO list[32];
    DWORD bytes = 0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup succeeds");

    CHECK_EQ(getifaddrs(&ifap), 0, "the program's getifaddrs lists the interfaces");
    CHECK_EQ(getifaddrs_calls, 1,
             "the program's getifaddrs ran once: SIO_GET_INTERFACE_LIST did not call it back");
    for (ifa = ifap; ifa != NULL; ifa = ifa->ifa_next) {
        struct sockaddr_in *sin = (struct sockaddr_in *)ifa->ifa_addr;
        ++count;
        if (ifa->ifa_addr->sa_family == AF_INET &&
            inet_ntop(AF_INET, &sin->sin_addr, text, sizeof(text)) != NULL) {
            printf("# %s flags 0x%x\n", text, ifa->ifa_flags);
            if (strcmp(text, "127.0.0.1") == 0 && (ifa->ifa_flags & IFF_LOOPBACK))
                found_loopback = 1;
        }
    }
    CHECK(count >= 1, "at least one interface is listed");
    CHECK(found_loopback, "127.0.0.1 is listed with IFF_LOOPBACK");
    freeifaddrs(ifap);
    CHECK_EQ(freeifaddrs_calls, 1, "the program's freeifaddrs ran once, for its own list");

    /* The Winsock call on its own does not reach the program's functions either. */
    s = socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(s != INVALID_SOCKET, "socket succeeds");
    CHECK_EQ(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, list, sizeof(list), &bytes, NULL, NULL), 0,
             "SIO_GET_INTERFACE_LIST succeeds");
    CHECK(bytes >= sizeof(INTERFACE_INFO), "and lists at least one interface");
    CHECK_EQ(getifaddrs_calls, 1, "without calling the program's getifaddrs");
    CHECK_EQ(freeifaddrs_calls, 1, "or its freeifaddrs");
    closesocket(s);
    WSACleanup();
    return check_done();
}
