/* ws2mp-test: posix */ /* network namespaces, setns */
/* IcmpSendEcho the way tracert uses it, across a router: three network namespaces made by the
 * test (client - router - target, joined by veth pairs, forwarding on in the router). With TTL
 * 1 the router answers: IcmpSendEcho returns 1 reply with Status IP_TTL_EXPIRED_TRANSIT and
 * the router's address; with TTL 2 the target answers with IP_SUCCESS; a silent address times
 * out with IP_REQ_TIMED_OUT. The namespaces are removed at the end.
 * ws2mp-test: needs-root timeout=60 */
#define _GNU_SOURCE 1
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <icmpapi.h>
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
    sh("ip netns del tc%s 2>/dev/null; ip netns del tr%s 2>/dev/null; ip netns del tt%s 2>/dev/null");
}

int main(void)
{
    char path[128], reply[sizeof(ICMP_ECHO_REPLY) + 64], data[16] = "tracert probe";
    ICMP_ECHO_REPLY *r = (ICMP_ECHO_REPLY *)(void *)reply;
    IP_OPTION_INFORMATION opts;
    IPAddr target, router, silent;
    HANDLE icmp;
    DWORD n;
    int fd, ok;
    WSADATA wsa;

    snprintf(g_tag, sizeof(g_tag), "%d", (int)getpid() % 100000);
    atexit(cleanup);
    REQUIRE(sh("ip netns add tc%s && ip netns add tr%s && ip netns add tt%s") == 0, "three network namespaces");
    ok = sh("ip link add a%s type veth peer name ra%s && ip link add t%s type veth peer name rt%s && "
            "ip link set a%s netns tc%s && ip link set ra%s netns tr%s && "
            "ip link set rt%s netns tr%s && ip link set t%s netns tt%s") == 0;
    REQUIRE(ok, "two veth pairs: client-router, router-target");
    ok = sh("ip -n tc%s addr add 10.78.1.2/24 dev a%s && ip -n tr%s addr add 10.78.1.1/24 dev ra%s && "
            "ip -n tr%s addr add 10.78.2.1/24 dev rt%s && ip -n tt%s addr add 10.78.2.2/24 dev t%s && "
            "ip -n tc%s link set a%s up && ip -n tr%s link set ra%s up && ip -n tr%s link set rt%s up && "
            "ip -n tt%s link set t%s up") == 0;
    REQUIRE(ok, "addressed and up");
    ok = sh("ip netns exec tr%s sysctl -qw net.ipv4.ip_forward=1 && "
            "ip -n tc%s route add default via 10.78.1.1 && ip -n tt%s route add default via 10.78.2.1") == 0;
    REQUIRE(ok, "the router forwards; client and target route through it");

    snprintf(path, sizeof(path), "/var/run/netns/tc%s", g_tag);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0 && setns(fd, CLONE_NEWNET) == 0, "the test enters the client's namespace");
    close(fd);

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    inet_pton(AF_INET, "10.78.2.2", &target);
    inet_pton(AF_INET, "10.78.1.1", &router);
    inet_pton(AF_INET, "10.78.1.77", &silent);
    icmp = IcmpCreateFile();
    REQUIRE(icmp != INVALID_HANDLE_VALUE, "IcmpCreateFile");

    memset(&opts, 0, sizeof(opts));
    opts.Ttl = 1;
    n = IcmpSendEcho(icmp, target, data, sizeof(data), &opts, reply, sizeof(reply), 3000);
    CHECK_EQ(n, 1, "TTL 1: one reply");
    CHECK_EQ(r->Status, IP_TTL_EXPIRED_TRANSIT, "IP_TTL_EXPIRED_TRANSIT");
    CHECK(r->Address == router, "from the router");

    opts.Ttl = 2;
    n = IcmpSendEcho(icmp, target, data, sizeof(data), &opts, reply, sizeof(reply), 3000);
    CHECK_EQ(n, 1, "TTL 2: one reply");
    CHECK_EQ(r->Status, IP_SUCCESS, "IP_SUCCESS");
    CHECK(r->Address == target && r->DataSize == sizeof(data), "from the target, echoing the data");

    SetLastError(0);
    n = IcmpSendEcho(icmp, silent, data, sizeof(data), NULL, reply, sizeof(reply), 300);
    CHECK_EQ(n, 0, "a silent address: no reply");
    CHECK_EQ(GetLastError(), IP_REQ_TIMED_OUT, "IP_REQ_TIMED_OUT");

    IcmpCloseHandle(icmp);
    WSACleanup();
    return check_done();
}
