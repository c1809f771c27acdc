/* ws2mp-test: posix */ /* a private network namespace (unshare) */
/* ws2mp-test: needs-root
 *
 * Receive-side multicast loopback on a loopback-only host: a private network namespace whose
 * only interface is lo, carrying the IPv4 multicast route (ip route add 224.0.0.0/4 dev lo).
 * There the kernel sends multicast from source 0.0.0.0 (lo's 127.0.0.1 may not be the source
 * of a datagram that could leave the host), and a datagram from 0.0.0.0, or one that arrived on
 * lo, was sent by this host: a receiver with SIO_MULTIPOINT_LOOPBACK (or IP_MULTICAST_LOOP)
 * FALSE must not see it, whatever the sender's setting; with TRUE it does. Also: recvfrom,
 * FIONREAD and select agree with recv on the receiver that drops it, and a 0-byte datagram
 * (not an end-of-file) still names its sender.
 */
#define _GNU_SOURCE 1
#include "mcast.h"

#define GROUP "239.255.11.1"

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

/* A namespace of our own with lo only, the multicast route on lo. */
static void lo_only_netns(void)
{
    REQUIRE(unshare(CLONE_NEWNET) == 0, "unshare(CLONE_NEWNET) gives a private network namespace");
    REQUIRE(run_cmd("ip link set lo up && ip route add 224.0.0.0/4 dev lo"),
            "lo is up and carries the IPv4 multicast route (no other interface)");
}

static int nothing_for(SOCKET s)
{
    char buf[64];
    int err;
    Sleep(100);
    return recv_text(s, buf, sizeof(buf), 0, &err) < 0 && err == WSAEWOULDBLOCK;
}

static void matrix(void)
{
    int sl, rl;
    for (sl = 1; sl >= 0; sl--) {
        for (rl = 1; rl >= 0; rl--) {
            unsigned short port = free_port(AF_INET);
            SOCKET w = member(AF_INET, NULL, port, GROUP, JL_RECEIVER_ONLY);
            SOCKET r = member(AF_INET, NULL, port, GROUP, JL_RECEIVER_ONLY);
            SOCKET s = member(AF_INET, NULL, port, GROUP, JL_BOTH);
            SOCKADDR_IN from;
            char buf[64], text[32], src[64];
            int err, n, len = sizeof(from);

            REQUIRE(w != INVALID_SOCKET && r != INVALID_SOCKET && s != INVALID_SOCKET,
                    "witness, receiver and sender (a member too) join on lo");
            CHECK_EQ(set_loopback(r, rl), 0, WHAT("receiver loopback %s", rl ? "TRUE" : "FALSE"));
            CHECK_EQ(set_loopback(s, sl), 0, WHAT("sender loopback %s", sl ? "TRUE" : "FALSE"));
            snprintf(text, sizeof(text), "lo s%d r%d", sl, rl);
            CHECK_EQ(send(s, text, (int)strlen(text), 0), (int)strlen(text), WHAT("s=%d r=%d: the sender sends", sl, rl));
            wait_readable(w, 2000);
            n = recvfrom(w, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &len);
            CHECK(n == (int)strlen(text) && memcmp(buf, text, (size_t)n) == 0, "the witness (loopback TRUE) has it");
            inet_ntop(AF_INET, &from.sin_addr, src, sizeof(src));
            printf("# the datagram's source as received: %s\n", src);
            if (rl) {
                n = recv_text(r, buf, sizeof(buf), 2000, &err);
                CHECK(n > 0 && strcmp(buf, text) == 0,
                      WHAT("a receiver with loopback TRUE gets it (sender loopback %s)", sl ? "TRUE" : "FALSE"));
            } else {
                CHECK(nothing_for(r),
                      WHAT("a receiver with loopback FALSE does not get it (sender loopback %s)", sl ? "TRUE" : "FALSE"));
            }
            if (sl) {
                n = recv_text(s, buf, sizeof(buf), 2000, &err);
                CHECK(n > 0 && strcmp(buf, text) == 0, "a sender with loopback TRUE gets its own datagram");
            } else {
                CHECK(nothing_for(s), "a sender with loopback FALSE does not get its own datagram");
            }
            closesocket(w);
            closesocket(r);
            closesocket(s);
        }
    }
}

/* Plain sockets with setsockopt(IP_MULTICAST_LOOP), and every way of looking at the one that
 * drops the datagram. */
static void plain_sockets(void)
{
    unsigned short port = free_port(AF_INET);
    SOCKET on = socket(AF_INET, SOCK_DGRAM, 0), off = socket(AF_INET, SOCK_DGRAM, 0), both[2];
    SOCKADDR_STORAGE local, g;
    SOCKADDR_IN from;
    int len = make_addr(&local, AF_INET, "0.0.0.0", port);
    int glen = make_addr(&g, AF_INET, GROUP, port);
    BOOL yes = TRUE;
    DWORD v;
    u_long avail = 99;
    fd_set rs;
    struct timeval tv = {0, 200000};
    char buf[64];
    int err, i, flen = sizeof(from);

    both[0] = on;
    both[1] = off;
    for (i = 0; i < 2; i++) {
        struct ip_mreq m;
        SOCKET s = both[i];
        int ok = setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&yes, sizeof(yes)) == 0 &&
                 bind(s, (struct sockaddr *)&local, len) == 0 && set_nonblocking(s) == 0;
        m.imr_multiaddr = ((struct sockaddr_in *)&g)->sin_addr;
        m.imr_interface.s_addr = htonl(INADDR_ANY);
        ok = ok && setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof(m)) == 0;
        v = i == 0 ? 1 : 0;
        ok = ok && setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, (char *)&v, sizeof(v)) == 0;
        REQUIRE(ok, WHAT("plain socket with IP_MULTICAST_LOOP %s: bound and joined", i == 0 ? "ON" : "OFF"));
    }
    CHECK_EQ(sendto(off, "from OFF", 8, 0, (struct sockaddr *)&g, glen), 8, "the loop-OFF socket sends");
    CHECK(recv_text(on, buf, sizeof(buf), 2000, &err) > 0 && strcmp(buf, "from OFF") == 0,
          "... the loop-ON socket receives it");
    CHECK(nothing_for(off), "... the loop-OFF sender does not see its own datagram");
    CHECK_EQ(sendto(on, "from ON", 7, 0, (struct sockaddr *)&g, glen), 7, "the loop-ON socket sends");
    CHECK(recv_text(on, buf, sizeof(buf), 2000, &err) > 0 && strcmp(buf, "from ON") == 0,
          "... and receives its own datagram");
    Sleep(100);
    CHECK(ioctlsocket(off, FIONREAD, &avail) == 0 && avail == 0, "the loop-OFF socket: FIONREAD says 0");
    FD_ZERO(&rs);
    FD_SET(off, &rs);
    CHECK_EQ(select(0, &rs, NULL, NULL, &tv), 0, "... select does not report it readable");
    CHECK(recvfrom(off, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEWOULDBLOCK,
          "... recvfrom has nothing (WSAEWOULDBLOCK)");
    closesocket(on);
    closesocket(off);
}

/* A 0-byte multicast datagram is not an end-of-file: the receive calls return 0 bytes and name
 * the sender (fromlen sizeof(SOCKADDR_IN)), on a receiver bound to lo's address (whose
 * datagrams go through ws2mp's receive filter) as on one bound to the wildcard address. */
static void empty_datagrams(void)
{
    unsigned short port = free_port(AF_INET);
    SOCKET r = member(AF_INET, NULL, port, GROUP, JL_RECEIVER_ONLY);
    SOCKET rb = member(AF_INET, "127.0.0.1", port, GROUP, JL_RECEIVER_ONLY);
    SOCKET s = member(AF_INET, NULL, port, GROUP, JL_BOTH);
    SOCKADDR_IN from;
    SOCKADDR_STORAGE ss;
    WSABUF wb;
    DWORD got, flags;
    char buf[8];
    int len, i;

    REQUIRE(r != INVALID_SOCKET && rb != INVALID_SOCKET && s != INVALID_SOCKET,
            "receivers on the wildcard address and on 127.0.0.1, and a sender, join");
    for (i = 0; i < 4; i++) {
        if (i == 2) {
            closesocket(r);
            r = rb; /* the same calls on the receiver bound to an interface address */
        }
        CHECK_EQ(send(s, buf, 0, 0), 0, WHAT("empty datagram %d is sent", i + 1));
        wait_readable(r, 2000);
        if (i % 2 == 0) {
            memset(&from, 0xA5, sizeof(from));
            len = sizeof(from);
            CHECK_EQ(recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len), 0, "recvfrom returns 0 bytes");
            CHECK(len == (int)sizeof(SOCKADDR_IN) && from.sin_family == AF_INET, "... and names the sender (fromlen 16)");
        } else {
            memset(&ss, 0xA5, sizeof(ss));
            len = sizeof(ss);
            wb.buf = buf;
            wb.len = sizeof(buf);
            got = 99;
            flags = 0;
            CHECK_EQ(WSARecvFrom(r, &wb, 1, &got, &flags, (struct sockaddr *)&ss, &len, NULL, NULL), 0, "WSARecvFrom succeeds");
            CHECK(got == 0 && len == (int)sizeof(SOCKADDR_IN) && ss.ss_family == AF_INET,
                  "... with 0 bytes, naming the sender (fromlen 16)");
        }
    }
    closesocket(r);
    closesocket(s);
}

int main(void)
{
    WSADATA wsa;

    lo_only_netns();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    matrix();
    plain_sockets();
    empty_datagrams();
    WSACleanup();
    return check_done();
}
