/* ws2mp-test: posix needs-root */ /* a private network namespace (unshare) */
/*
 * LAN discovery the old way: list the interfaces with SIO_GET_INTERFACE_LIST, take each
 * broadcast-capable interface's iiBroadcastAddress, and send an announcement there with
 * SO_BROADCAST. Windows reports the limited broadcast address, 255.255.255.255, for every
 * broadcast interface, so careful programs compute the subnet's as
 * (addr & mask) | (bcast & ~mask); both reach a listener. The namespace's address is added
 * without a broadcast address (`ip addr add 10.55.0.1/24`, no `brd`), as many hosts are
 * configured. The loopback interface is up, loopback and multicast, not broadcast (Windows 7
 * and later), with no broadcast address.
 */
#define _GNU_SOURCE 1
#include "mcast.h"

int main(void)
{
    WSADATA wsa;
    INTERFACE_INFO list[32];
    DWORD size = 0;
    SOCKET probe, listener, announcer;
    SOCKADDR_IN local, to, from;
    BOOL on = TRUE;
    int i, n, found = 0, len = sizeof(from);
    char buf[64];
    unsigned short port;
    u_long bcast = 0, subnet = 0;
    int looped = 0;

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    probe = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(probe != INVALID_SOCKET, "a UDP socket to ask with");
    CHECK_EQ(WSAIoctl(probe, SIO_GET_INTERFACE_LIST, NULL, 0, list, sizeof(list), &size, NULL, NULL), 0,
             "SIO_GET_INTERFACE_LIST");
    n = (int)(size / sizeof(INTERFACE_INFO));
    for (i = 0; i < n; i++) {
        u_long addr = list[i].iiAddress.AddressIn.sin_addr.s_addr;
        u_long mask = list[i].iiNetmask.AddressIn.sin_addr.s_addr;
        if (addr == htonl(INADDR_LOOPBACK)) {
            looped = 1;
            CHECK_EQ(list[i].iiFlags, IFF_UP | IFF_LOOPBACK | IFF_MULTICAST, "loopback: up, loopback, multicast");
            CHECK_EQ(list[i].iiBroadcastAddress.AddressIn.sin_addr.s_addr, 0, "... and no broadcast address");
            continue;
        }
        if (addr != inet_addr(NS_ADDR4))
            continue;
        found = 1;
        CHECK(list[i].iiFlags & IFF_BROADCAST, "the namespace's Ethernet-like link is IFF_BROADCAST");
        bcast = list[i].iiBroadcastAddress.AddressIn.sin_addr.s_addr;
        CHECK_EQ(list[i].iiBroadcastAddress.AddressIn.sin_family, AF_INET, "its broadcast address is an AF_INET one");
        CHECK_EQ(bcast, INADDR_BROADCAST, "its broadcast address is 255.255.255.255, as Windows reports");
        subnet = (addr & mask) | (bcast & ~mask);
        CHECK_EQ(subnet, inet_addr("10.55.0.255"), "the subnet's, computed from it, is 10.55.0.255");
    }
    CHECK(found, "the interface with " NS_ADDR4 " is listed");
    CHECK(looped, "the loopback interface is listed");
    closesocket(probe);

    /* The listener of the discovery port, on every address. */
    port = free_port(AF_INET);
    listener = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&local, 0, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_port = htons(port);
    REQUIRE(listener != INVALID_SOCKET && bind(listener, (SOCKADDR *)&local, sizeof(local)) == 0,
            "a listener binds the discovery port on INADDR_ANY");

    announcer = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(announcer != INVALID_SOCKET, "an announcer socket");
    CHECK_EQ(setsockopt(announcer, SOL_SOCKET, SO_BROADCAST, (char *)&on, sizeof(on)), 0, "SO_BROADCAST");
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    for (i = 0; i < 2; i++) {
        to.sin_addr.s_addr = i == 0 ? bcast : subnet;
        CHECK_EQ(sendto(announcer, "HELLO", 5, 0, (SOCKADDR *)&to, sizeof(to)), 5,
                 i == 0 ? "the announcement goes to the reported broadcast address"
                        : "the announcement goes to the subnet's broadcast address");
        CHECK(wait_readable(listener, 2000), "the listener has it");
        len = sizeof(from);
        n = recvfrom(listener, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len);
        CHECK(n == 5 && memcmp(buf, "HELLO", 5) == 0, "the listener receives the announcement");
    }

    closesocket(announcer);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
