/* ws2mp-test: needs-root
 *
 * A UDP datagram built by hand on a raw IPv6 socket, as "Network Programming for Microsoft
 * Windows" rawudp sample (iphdrinc) does: socket(AF_INET6, SOCK_RAW, 3) (a protocol the stack
 * leaves alone), IPV6_HDRINCL, its own IPv6 and UDP headers with the pseudo-header checksum,
 * then sendto the destination's getaddrinfo address, UDP port included. Windows ignores the
 * port of a raw socket's destination; Linux took it for the protocol to send and refused the
 * send with EINVAL (WSAEINVAL). The datagram must reach a UDP socket on ::1, by sendto and by
 * WSASendTo, and a raw IPv4 socket with IP_HDRINCL given a port must send too. Raw sockets
 * need root.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

#include <pshpack1.h>
typedef struct {
    unsigned int vertcflow;
    unsigned short payloadlen;
    unsigned char nexthdr;
    unsigned char hoplimit;
    struct in6_addr src;
    struct in6_addr dst;
} V6HDR;
typedef struct {
    unsigned char verlen, tos;
    unsigned short totallen, id, offset;
    unsigned char ttl, proto;
    unsigned short checksum;
    unsigned int src, dst;
} V4HDR;
typedef struct {
    unsigned short sport, dport, len, sum;
} UDPHDR;
#include <poppack.h>

static USHORT sum16(const unsigned char *p, int n, unsigned long acc)
{
    for (; n > 1; p += 2, n -= 2)
        acc += (unsigned long)((p[0] << 8) | p[1]);
    if (n)
        acc += (unsigned long)(p[0] << 8);
    while (acc >> 16)
        acc = (acc & 0xffff) + (acc >> 16);
    return (USHORT)acc;
}

/* IPv6 header, UDP header and payload into pkt; the UDP checksum over the pseudo-header. */
static int build_v6(char *pkt, const SOCKADDR_IN6 *src, const SOCKADDR_IN6 *dst, const char *msg)
{
    V6HDR *ip = (V6HDR *)pkt;
    UDPHDR *udp = (UDPHDR *)(pkt + sizeof(V6HDR));
    int len = (int)strlen(msg);
    unsigned char pseudo[40 + 8 + 64];
    unsigned long acc;

    ip->vertcflow = htonl(6u << 28);
    ip->payloadlen = htons((USHORT)(sizeof(UDPHDR) + len));
    ip->nexthdr = IPPROTO_UDP;
    ip->hoplimit = 8;
    ip->src = src->sin6_addr;
    ip->dst = dst->sin6_addr;
    udp->sport = src->sin6_port;
    udp->dport = dst->sin6_port;
    udp->len = htons((USHORT)(sizeof(UDPHDR) + len));
    udp->sum = 0;
    memcpy(pkt + sizeof(V6HDR) + sizeof(UDPHDR), msg, len);
    memset(pseudo, 0, sizeof pseudo);
    memcpy(pseudo, &ip->src, 16);
    memcpy(pseudo + 16, &ip->dst, 16);
    pseudo[34] = (unsigned char)((sizeof(UDPHDR) + len) >> 8);
    pseudo[35] = (unsigned char)(sizeof(UDPHDR) + len);
    pseudo[39] = IPPROTO_UDP;
    acc = sum16(pseudo, 40, 0);
    udp->sum = htons((USHORT)~sum16((unsigned char *)udp, (int)sizeof(UDPHDR) + len, acc));
    return (int)(sizeof(V6HDR) + sizeof(UDPHDR)) + len;
}

static int build_v4(char *pkt, USHORT sport, USHORT dport, const char *msg)
{
    V4HDR *ip = (V4HDR *)pkt;
    UDPHDR *udp = (UDPHDR *)(pkt + sizeof(V4HDR));
    int len = (int)strlen(msg);

    memset(ip, 0, sizeof *ip);
    ip->verlen = (4 << 4) | (sizeof(V4HDR) / 4);
    ip->totallen = htons((USHORT)(sizeof(V4HDR) + sizeof(UDPHDR) + len));
    ip->ttl = 8;
    ip->proto = IPPROTO_UDP;
    ip->src = htonl(INADDR_LOOPBACK);
    ip->dst = htonl(INADDR_LOOPBACK);
    ip->checksum = htons((USHORT)~sum16((unsigned char *)ip, sizeof *ip, 0));
    udp->sport = sport;
    udp->dport = dport;
    udp->len = htons((USHORT)(sizeof(UDPHDR) + len));
    udp->sum = 0; /* optional over IPv4 */
    memcpy(pkt + sizeof(V4HDR) + sizeof(UDPHDR), msg, len);
    return (int)(sizeof(V4HDR) + sizeof(UDPHDR)) + len;
}

static int receive(SOCKET r, char *buf, int size)
{
    DWORD timeout = 3000;
    int n;
    setsockopt(r, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof timeout);
    n = recv(r, buf, size - 1, 0);
    if (n >= 0)
        buf[n] = '\0';
    return n;
}

int main(void)
{
    WSADATA wsd;
    struct addrinfo hints, *src = NULL, *dst = NULL;
    SOCKET r, s;
    SOCKADDR_IN6 bound;
    SOCKADDR_IN v4;
    WSABUF wb;
    DWORD sent = 0;
    char pkt[256], buf[256], port[16];
    int len, optval = 1, blen = sizeof bound;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsd) == 0, "WSAStartup");

    r = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    memset(&bound, 0, sizeof bound);
    bound.sin6_family = AF_INET6;
    bound.sin6_addr = in6addr_loopback;
    REQUIRE(bind(r, (SOCKADDR *)&bound, sizeof bound) == 0, "a UDP receiver on ::1");
    getsockname(r, (SOCKADDR *)&bound, &blen);
    sprintf(port, "%u", ntohs(bound.sin6_port));

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET6;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    REQUIRE(getaddrinfo("::1", "4000", &hints, &src) == 0, "the source address");
    REQUIRE(getaddrinfo("::1", port, &hints, &dst) == 0, "the destination, with its UDP port");

    s = socket(AF_INET6, SOCK_RAW, 3);
    REQUIRE(s != INVALID_SOCKET, "socket(AF_INET6, SOCK_RAW, 3) (as root)");
    CHECK_EQ(setsockopt(s, IPPROTO_IPV6, IPV6_HDRINCL, (char *)&optval, sizeof optval), 0, "IPV6_HDRINCL");

    len = build_v6(pkt, (SOCKADDR_IN6 *)src->ai_addr, (SOCKADDR_IN6 *)dst->ai_addr, "by sendto");
    CHECK_EQ(sendto(s, pkt, len, 0, dst->ai_addr, (int)dst->ai_addrlen), len,
             "sendto a destination with a port sends the whole packet");
    CHECK_EQ(receive(r, buf, sizeof buf), 9, "the UDP socket receives the payload");
    CHECK(strcmp(buf, "by sendto") == 0, "... as sent");

    len = build_v6(pkt, (SOCKADDR_IN6 *)src->ai_addr, (SOCKADDR_IN6 *)dst->ai_addr, "by WSASendTo");
    wb.buf = pkt;
    wb.len = (ULONG)len;
    CHECK_EQ(WSASendTo(s, &wb, 1, &sent, 0, dst->ai_addr, (int)dst->ai_addrlen, NULL, NULL), 0, "WSASendTo too");
    CHECK_EQ((int)sent, len, "... all of it");
    CHECK_EQ(receive(r, buf, sizeof buf), 12, "the second datagram arrives");
    CHECK(strcmp(buf, "by WSASendTo") == 0, "... as sent");
    closesocket(s);
    closesocket(r);

    /* IPv4: the port of a raw destination was already ignored; keep it so. */
    r = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&v4, 0, sizeof v4);
    v4.sin_family = AF_INET;
    v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(r, (SOCKADDR *)&v4, sizeof v4) == 0, "a UDP receiver on 127.0.0.1");
    blen = sizeof v4;
    getsockname(r, (SOCKADDR *)&v4, &blen);
    s = socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "socket(AF_INET, SOCK_RAW, IPPROTO_UDP)");
    CHECK_EQ(setsockopt(s, IPPROTO_IP, IP_HDRINCL, (char *)&optval, sizeof optval), 0, "IP_HDRINCL");
    len = build_v4(pkt, htons(4000), v4.sin_port, "v4 raw");
    CHECK_EQ(sendto(s, pkt, len, 0, (SOCKADDR *)&v4, sizeof v4), len, "an IPv4 raw sendto with a port");
    CHECK_EQ(receive(r, buf, sizeof buf), 6, "... arrives");
    closesocket(s);
    closesocket(r);

    freeaddrinfo(src);
    freeaddrinfo(dst);
    WSACleanup();
    return check_done();
}
