/* ws2mp-test: posix */ /* network namespaces, setns */
/* GetRTTAndHopCount the way a "how far is that server" utility calls it: an IPAddr from
 * inet_addr, ULONG counts and a MaxHops of 64, TRUE then "Hops" and "RTT" printed. Three network
 * namespaces made by the test (client - router - target, joined by veth pairs, forwarding on in
 * the router): the target is 2 hops away, the router 1, 127.0.0.1 1; an address the target
 * routes back and nobody owns gives FALSE with IP_REQ_TIMED_OUT after MaxHops tries (2 here,
 * to keep it short); NULL counts and a MaxHops of 0 are ERROR_INVALID_PARAMETER and leave the
 * counts alone. The namespaces are removed at the end.
 * ws2mp-test: needs-root timeout=60 */
#define _GNU_SOURCE 1
#include <winsock2.h>
#include <iphlpapi.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"

static char g_tag[16];

static int sh(const char *fmt)
{
    char cmd[2048];
    /* Every %s in fmt is the tag. */
    snprintf(cmd, sizeof(cmd), fmt, g_tag, g_tag, g_tag, g_tag, g_tag, g_tag, g_tag, g_tag, g_tag, g_tag,
             g_tag, g_tag, g_tag, g_tag, g_tag, g_tag, g_tag, g_tag);
    return system(cmd);
}

static void cleanup(void)
{
    sh("ip netns del hc%s 2>/dev/null; ip netns del hr%s 2>/dev/null; ip netns del ht%s 2>/dev/null");
}

int main(void)
{
    char path[128];
    ULONG hopCount = 0, maxHops = 64, rtt = 0;
    IPAddr ipaddr;
    int fd, ok;

    snprintf(g_tag, sizeof(g_tag), "%d", (int)getpid() % 100000);
    atexit(cleanup);
    REQUIRE(sh("ip netns add hc%s && ip netns add hr%s && ip netns add ht%s") == 0, "three network namespaces");
    ok = sh("ip link add a%s type veth peer name ra%s && ip link add t%s type veth peer name rt%s && "
            "ip link set a%s netns hc%s && ip link set ra%s netns hr%s && "
            "ip link set rt%s netns hr%s && ip link set t%s netns ht%s") == 0;
    REQUIRE(ok, "two veth pairs: client-router, router-target");
    ok = sh("ip -n hc%s addr add 10.79.1.2/24 dev a%s && ip -n hr%s addr add 10.79.1.1/24 dev ra%s && "
            "ip -n hr%s addr add 10.79.2.1/24 dev rt%s && ip -n ht%s addr add 10.79.2.2/24 dev t%s && "
            "ip -n hc%s link set a%s up && ip -n hr%s link set ra%s up && ip -n hr%s link set rt%s up && "
            "ip -n ht%s link set t%s up && ip -n hc%s link set lo up") == 0;
    REQUIRE(ok, "addressed and up");
    ok = sh("ip netns exec hr%s sysctl -qw net.ipv4.ip_forward=1 && "
            "ip -n hc%s route add default via 10.79.1.1 && ip -n ht%s route add default via 10.79.2.1 && "
            "ip -n hr%s route add 10.79.3.0/24 via 10.79.2.2") == 0;
    REQUIRE(ok, "the router forwards (10.79.3.0/24 to the target, which does not own it)");

    snprintf(path, sizeof(path), "/var/run/netns/hc%s", g_tag);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0 && setns(fd, CLONE_NEWNET) == 0, "the test enters the client's namespace");
    close(fd);

    ipaddr = inet_addr("10.79.2.2");
    CHECK_EQ(GetRTTAndHopCount(ipaddr, &hopCount, maxHops, &rtt), TRUE, "the target answers");
    CHECK_EQ(hopCount, 2, "2 hops away");
    CHECK(rtt < 1000, "a round trip of a few milliseconds");

    hopCount = 0;
    CHECK_EQ(GetRTTAndHopCount(inet_addr("10.79.1.1"), &hopCount, maxHops, &rtt), TRUE, "the router answers");
    CHECK_EQ(hopCount, 1, "1 hop away");
    hopCount = 0;
    CHECK_EQ(GetRTTAndHopCount(inet_addr("127.0.0.1"), &hopCount, maxHops, &rtt), TRUE, "loopback answers");
    CHECK_EQ(hopCount, 1, "1 hop");

    hopCount = 77;
    rtt = 88;
    SetLastError(0);
    CHECK_EQ(GetRTTAndHopCount(inet_addr("10.79.3.9"), &hopCount, 2, &rtt), FALSE,
             "nobody answers for that address within 2 hops");
    CHECK_EQ(GetLastError(), IP_REQ_TIMED_OUT, "IP_REQ_TIMED_OUT");
    CHECK(hopCount == 77 && rtt == 88, "the counts are left alone");

    SetLastError(0);
    CHECK_EQ(GetRTTAndHopCount(ipaddr, NULL, maxHops, &rtt), FALSE, "a NULL HopCount fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK_EQ(GetRTTAndHopCount(ipaddr, &hopCount, maxHops, NULL), FALSE, "a NULL RTT fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK_EQ(GetRTTAndHopCount(ipaddr, &hopCount, 0, &rtt), FALSE, "a MaxHops of 0 fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER");
    CHECK(hopCount == 77 && rtt == 88, "the counts are left alone");
    return check_done();
}
