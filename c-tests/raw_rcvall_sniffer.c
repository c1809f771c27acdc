/* ws2mp-test: posix needs-root */ /* a private network namespace (unshare), raw sockets */
/*
 * A packet sniffer the Windows way: socket(AF_INET, SOCK_RAW, IPPROTO_IP), bind it to one of
 * the host's addresses, WSAIoctl(SIO_RCVALL, RCVALL_ON), then recv whole IP packets (IP header
 * first) of that address's interface, in both directions. Also SIO_RCVALL_MCAST (multicast
 * packets only) and SIO_RCVALL_IGMPMCAST (IGMP only, on an IPPROTO_IGMP raw socket), as the
 * "Network Programming for Microsoft Windows" rcvall sample uses them; RCVALL_OFF; and the
 * refusals (not bound, a UDP socket, an unknown value).
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <mstcpip.h>

#define GROUP "239.255.13.1"
#define MARK "ws2mp-sniff"

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

static SOCKET sniffer(int protocol, const char *ip, DWORD code)
{
    SOCKADDR_IN a;
    DWORD on = RCVALL_ON, bytes = 0;
    u_long nb = 1;
    SOCKET s = WSASocket(AF_INET, SOCK_RAW, protocol, NULL, 0, 0);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr(ip);
    if (s == INVALID_SOCKET || bind(s, (SOCKADDR *)&a, sizeof(a)) != 0 ||
        WSAIoctl(s, code, &on, sizeof(on), NULL, 0, &bytes, NULL, NULL) != 0 || ioctlsocket(s, FIONBIO, &nb) != 0) {
        printf("# sniffer(%d, %s): error %d\n", protocol, ip, WSAGetLastError());
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* Counts the captured packets, within `ms`, of IP protocol `proto` to destination `dst` (0:
 * any) whose payload holds MARK (proto 17) or any (other protocols). */
static int count_packets(SOCKET s, int proto, u_long dst, int ms)
{
    unsigned char pkt[2048];
    int n, count = 0;
    DWORD until = GetTickCount() + (DWORD)ms;
    while ((int)(until - GetTickCount()) > 0) {
        if (!wait_readable(s, 50))
            continue;
        n = recv(s, (char *)pkt, sizeof(pkt), 0);
        if (n < 20 || (pkt[0] >> 4) != 4 || pkt[9] != proto)
            continue;
        if (dst && memcmp(&pkt[16], &dst, 4) != 0)
            continue;
        if (proto == IPPROTO_UDP) {
            int hl = (pkt[0] & 15) * 4;
            if (n < hl + 8 + (int)strlen(MARK) || memcmp(&pkt[hl + 8], MARK, strlen(MARK)) != 0)
                continue;
        }
        count++;
    }
    return count;
}

static void send_udp(const char *ip, unsigned short port)
{
    SOCKADDR_IN to;
    BOOL on = TRUE;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    u_long iface = inet_addr(NS_ADDR4);
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = inet_addr(ip);
    setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&on, sizeof(on));
    setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, (char *)&iface, sizeof(iface));
    CHECK_EQ(sendto(s, MARK, (int)strlen(MARK), 0, (SOCKADDR *)&to, sizeof(to)), (int)strlen(MARK),
             WHAT("a datagram to %s", ip));
    closesocket(s);
}

int main(void)
{
    WSADATA wsa;
    SOCKET s, lo, all, mc, igmp, udp, sink;
    SOCKADDR_IN a, from;
    DWORD on = RCVALL_ON, off = RCVALL_OFF, bad = 7, bytes = 0;
    int len, n;
    unsigned char pkt[2048];
    unsigned short port;
    struct ip_mreq mreq;

    private_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* The refusals. */
    s = WSASocket(AF_INET, SOCK_RAW, IPPROTO_IP, NULL, 0, 0);
    REQUIRE(s != INVALID_SOCKET, "a raw IPPROTO_IP socket, as Windows sniffers open");
    CHECK_EQ(WSAIoctl(s, SIO_RCVALL, &on, sizeof(on), NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "SIO_RCVALL before bind fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    CHECK_EQ(bind(s, (SOCKADDR *)&a, sizeof(a)), 0, "the raw socket binds 127.0.0.1");
    CHECK_EQ(WSAIoctl(s, SIO_RCVALL, &bad, sizeof(bad), NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "an RCVALL value Windows does not know fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    closesocket(s);
    udp = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK_EQ(WSAIoctl(udp, SIO_RCVALL, &on, sizeof(on), NULL, 0, &bytes, NULL, NULL), SOCKET_ERROR,
             "SIO_RCVALL on a UDP socket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    closesocket(udp);

    /* Loopback: each packet once, with its IP header; the sender is the packet's source. */
    port = free_port(AF_INET);
    sink = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    a.sin_port = htons(port);
    REQUIRE(sink != INVALID_SOCKET && bind(sink, (SOCKADDR *)&a, sizeof(a)) == 0, "a receiver on 127.0.0.1");
    lo = sniffer(IPPROTO_IP, "127.0.0.1", SIO_RCVALL);
    REQUIRE(lo != INVALID_SOCKET, "a sniffer on 127.0.0.1 (SIO_RCVALL)");
    len = sizeof(a);
    CHECK(getsockname(lo, (SOCKADDR *)&a, &len) == 0 && a.sin_family == AF_INET &&
              a.sin_addr.s_addr == inet_addr("127.0.0.1"),
          "getsockname still reports 127.0.0.1");
    send_udp("127.0.0.1", port);
    CHECK(wait_readable(lo, 2000), "the sniffer has a packet");
    len = sizeof(from);
    memset(&from, 0, sizeof(from));
    n = recvfrom(lo, (char *)pkt, sizeof(pkt), 0, (SOCKADDR *)&from, &len);
    CHECK(n >= 20 + 8 + (int)strlen(MARK) && (pkt[0] >> 4) == 4 && pkt[9] == IPPROTO_UDP,
          "recvfrom gives a whole IPv4 UDP packet, IP header first");
    CHECK(from.sin_family == AF_INET && from.sin_addr.s_addr == inet_addr("127.0.0.1") && len == (int)sizeof(SOCKADDR_IN),
          "recvfrom names the packet's IP source as the sender");
    send_udp("127.0.0.1", port);
    CHECK_EQ(count_packets(lo, IPPROTO_UDP, 0, 500), 1, "on loopback each packet is captured once");

    /* RCVALL_OFF: nothing more. */
    CHECK_EQ(WSAIoctl(lo, SIO_RCVALL, &off, sizeof(off), NULL, 0, &bytes, NULL, NULL), 0, "RCVALL_OFF");
    send_udp("127.0.0.1", port);
    CHECK_EQ(count_packets(lo, IPPROTO_UDP, 0, 300), 0, "after RCVALL_OFF no packet is captured");
    len = sizeof(a);
    CHECK(getsockname(lo, (SOCKADDR *)&a, &len) == 0 && a.sin_addr.s_addr == inet_addr("127.0.0.1"),
          "and the socket is still bound to 127.0.0.1");
    closesocket(lo);

    /* The namespace's link: packets the host sends are captured too; SIO_RCVALL_MCAST keeps
     * the multicast ones only. */
    all = sniffer(IPPROTO_IP, NS_ADDR4, SIO_RCVALL);
    mc = sniffer(IPPROTO_UDP, NS_ADDR4, SIO_RCVALL_MCAST);
    REQUIRE(all != INVALID_SOCKET && mc != INVALID_SOCKET, "SIO_RCVALL and SIO_RCVALL_MCAST sniffers on " NS_ADDR4);
    send_udp("10.55.0.255", port);
    send_udp(GROUP, port);
    CHECK_EQ(count_packets(all, IPPROTO_UDP, 0, 500), 2, "SIO_RCVALL: the outgoing broadcast and multicast are captured");
    CHECK_EQ(count_packets(mc, IPPROTO_UDP, inet_addr("10.55.0.255"), 300), 0, "SIO_RCVALL_MCAST: no broadcast");
    send_udp(GROUP, port);
    CHECK_EQ(count_packets(mc, IPPROTO_UDP, inet_addr(GROUP), 500), 1, "SIO_RCVALL_MCAST: the multicast packet");
    closesocket(all);
    closesocket(mc);

    /* IGMP: a join sends a membership report on the link. */
    igmp = sniffer(IPPROTO_IGMP, NS_ADDR4, SIO_RCVALL_IGMPMCAST);
    REQUIRE(igmp != INVALID_SOCKET, "an SIO_RCVALL_IGMPMCAST sniffer on an IPPROTO_IGMP raw socket");
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    mreq.imr_multiaddr.s_addr = inet_addr(GROUP);
    mreq.imr_interface.s_addr = inet_addr(NS_ADDR4);
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&mreq, sizeof(mreq)), 0, "a socket joins the group");
    CHECK(count_packets(igmp, IPPROTO_IGMP, 0, 3000) >= 1, "the IGMP membership report is captured");
    send_udp(GROUP, port);
    CHECK_EQ(count_packets(igmp, IPPROTO_UDP, 0, 300), 0, "SIO_RCVALL_IGMPMCAST: no UDP");
    closesocket(s);
    closesocket(igmp);
    closesocket(sink);
    WSACleanup();
    return check_done();
}
