/* ws2mp-test: posix needs-root */ /* a private network namespace (unshare) */
/*
 * LAN discovery the old way: list the interfaces with SIO_GET_INTERFACE_LIST, take each
 * broadcast-capable interface's iiBroadcastAddress, and send an announcement there with
 * SO_BROADCAST. The namespace's address is added without a broadcast address (`ip addr add
 * 10.55.0.1/24`, no `brd`), as many hosts are configured: the broadcast address reported must
 * still be the subnet's (10.55.0.255), never the interface's own address, and a listener on
 * the port hears the announcement.
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
    u_long bcast = 0;

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
        if (addr != inet_addr(NS_ADDR4))
            continue;
        found = 1;
        CHECK(list[i].iiFlags & IFF_BROADCAST, "the namespace's Ethernet-like link is IFF_BROADCAST");
        bcast = list[i].iiBroadcastAddress.AddressIn.sin_addr.s_addr;
        CHECK(bcast != addr, "its broadcast address is not the interface's own address");
        CHECK(bcast == ((addr & mask) | ~mask), "its broadcast address is the subnet's, 10.55.0.255");
    }
    CHECK(found, "the interface with " NS_ADDR4 " is listed");
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
    to.sin_addr.s_addr = bcast;
    CHECK_EQ(sendto(announcer, "HELLO", 5, 0, (SOCKADDR *)&to, sizeof(to)), 5,
             "the announcement goes to the reported broadcast address");
    CHECK(wait_readable(listener, 2000), "the listener has it");
    n = recvfrom(listener, buf, sizeof(buf), 0, (SOCKADDR *)&from, &len);
    CHECK(n == 5 && memcmp(buf, "HELLO", 5) == 0, "the listener receives the announcement");

    closesocket(announcer);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
