/*
 * Helpers for the multicast tests: addresses, multipoint sockets written the Winsock way, and
 * (Linux, root) private network namespaces, so that no test multicasts through the machine's
 * real interfaces.
 *
 * A test that includes this header defines _GNU_SOURCE first (unshare/setns).
 */
#ifndef WS2MP_MCAST_H
#define WS2MP_MCAST_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdarg.h>
#ifdef __linux__
#include <sched.h>
#include <unistd.h>
#endif
#include "check.h"

/* WSA_FLAG_OVERLAPPED as well: overlapped calls on a socket made without it wait for their
 * result (ovl_multicast needs its receives left pending), as on Windows. */
#define LEAF_FLAGS (WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF | WSA_FLAG_OVERLAPPED)

/* The private namespace's addresses (see private_netns). */
#define NS_ADDR4 "10.55.0.1"
#define NS_ADDR6 "fd55::1"

/* Runs a shell command built like printf; true when it exits with status 0. */
static inline int run_cmd(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    int r;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    fflush(stdout);
    r = system(cmd);
    return r == 0;
}

#ifdef __linux__
/*
 * Moves this process into a network namespace of its own, which disappears when the process
 * exits, whatever way it exits. Inside: lo up, and a veth link mc0 (10.55.0.1/24, fd55::1/64)
 * that carries the multicast routes. Its peer mc0p has no addresses, so what is sent there
 * goes nowhere; the machine's real interfaces are in another namespace and never see it.
 * (Linux's lo is not used for multicast: IPv6 multicast does not work over it, and IPv4 over
 * it gets the source address 0.0.0.0.)
 */
static inline void private_netns(void)
{
    REQUIRE(unshare(CLONE_NEWNET) == 0, "unshare(CLONE_NEWNET) gives a private network namespace");
    REQUIRE(run_cmd("ip link set lo up"
                    " && ip link add mc0 type veth peer name mc0p"
                    " && echo 1 > /proc/sys/net/ipv6/conf/mc0p/disable_ipv6"
                    " && ip link set mc0 up && ip link set mc0p up"
                    " && ip addr add " NS_ADDR4 "/24 dev mc0"
                    " && ip -6 addr add " NS_ADDR6 "/64 dev mc0 nodad"
                    " && ip route add 224.0.0.0/4 dev mc0"),
            "the namespace's links and multicast routes are set up");
}

/*
 * How many sockets of this host are members of `group` (text form) on interface `dev` (NULL:
 * any), from /proc/net/igmp or /proc/net/igmp6: the kernel's own count, which closesocket must
 * bring back down.
 */
static inline int group_users_on(int af, const char *group, const char *dev)
{
    char line[256], want[64], current[32] = "";
    int users = 0;
    FILE *f;
    if (af == AF_INET) {
        struct in_addr a;
        inet_pton(AF_INET, group, &a);
        /* /proc/net/igmp prints the address as a host-order hex number of the raw value, under
         * a line that names the device. */
        snprintf(want, sizeof(want), "%08X", (unsigned)a.s_addr);
        f = fopen("/proc/net/igmp", "r");
        if (!f)
            return -1;
        while (fgets(line, sizeof(line), f)) {
            char hex[16], name[32];
            int idx, n;
            if (line[0] != '\t' && sscanf(line, "%d %31s", &idx, name) == 2)
                snprintf(current, sizeof(current), "%s", name);
            else if (sscanf(line, " %15s %d", hex, &n) == 2 && strcmp(hex, want) == 0 &&
                     (!dev || strcmp(dev, current) == 0))
                users += n;
        }
    } else {
        struct in6_addr a;
        int i;
        inet_pton(AF_INET6, group, &a);
        for (i = 0; i < 16; i++)
            snprintf(want + 2 * i, 3, "%02x", a.s6_addr[i]);
        f = fopen("/proc/net/igmp6", "r");
        if (!f)
            return -1;
        while (fgets(line, sizeof(line), f)) {
            int idx, n;
            char name[32], hex[40];
            if (sscanf(line, "%d %31s %39s %d", &idx, name, hex, &n) == 4 && strcmp(hex, want) == 0 &&
                (!dev || strcmp(dev, name) == 0))
                users += n;
        }
    }
    fclose(f);
    return users;
}

static inline int group_users(int af, const char *group)
{
    return group_users_on(af, group, NULL);
}
#endif

/* Fills `ss` with `ip`:`port` of family `af`; returns the address length. */
static inline int make_addr(SOCKADDR_STORAGE *ss, int af, const char *ip, unsigned short port)
{
    memset(ss, 0, sizeof(*ss));
    if (af == AF_INET) {
        struct sockaddr_in *sin = (struct sockaddr_in *)ss;
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        inet_pton(AF_INET, ip, &sin->sin_addr);
        return (int)sizeof(*sin);
    } else {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        inet_pton(AF_INET6, ip, &sin6->sin6_addr);
        return (int)sizeof(*sin6);
    }
}

static inline unsigned short addr_port(const SOCKADDR_STORAGE *ss)
{
    if (ss->ss_family == AF_INET)
        return ntohs(((const struct sockaddr_in *)ss)->sin_port);
    return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

/* The address part of `ss` as text. */
static inline const char *addr_text(const SOCKADDR_STORAGE *ss, char *buf, size_t len)
{
    const void *a = ss->ss_family == AF_INET ? (const void *)&((const struct sockaddr_in *)ss)->sin_addr
                                             : (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr;
    if (!inet_ntop(ss->ss_family, a, buf, (socklen_t)len))
        snprintf(buf, len, "?");
    return buf;
}

/* A UDP port that is free on the wildcard address right now. */
static inline unsigned short free_port(int af)
{
    SOCKADDR_STORAGE a;
    int len = make_addr(&a, af, af == AF_INET ? "0.0.0.0" : "::", 0);
    unsigned short port = 0;
    SOCKET s = socket(af, SOCK_DGRAM, 0);
    if (s != INVALID_SOCKET && bind(s, (struct sockaddr *)&a, len) == 0 &&
        getsockname(s, (struct sockaddr *)&a, &len) == 0)
        port = addr_port(&a);
    closesocket(s);
    return port;
}

/* A c_leaf | d_leaf UDP socket, as a multipoint program opens it. */
static inline SOCKET leaf_socket(int af)
{
    return WSASocket(af, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, LEAF_FLAGS);
}

static inline int set_loopback(SOCKET s, BOOL on)
{
    DWORD bytes = 0;
    return WSAIoctl(s, SIO_MULTIPOINT_LOOPBACK, &on, sizeof(on), NULL, 0, &bytes, NULL, NULL);
}

static inline int set_scope(SOCKET s, int scope)
{
    DWORD bytes = 0;
    return WSAIoctl(s, SIO_MULTICAST_SCOPE, &scope, sizeof(scope), NULL, 0, &bytes, NULL, NULL);
}

static inline int set_nonblocking(SOCKET s)
{
    u_long on = 1;
    return ioctlsocket(s, FIONBIO, &on);
}

/* A leaf socket that shares `port` (SO_REUSEADDR), bound to `bind_ip` (NULL: the wildcard
 * address), joined to `group` with `flags`, non-blocking. INVALID_SOCKET if a step fails. */
static inline SOCKET member(int af, const char *bind_ip, unsigned short port, const char *group,
                            DWORD flags)
{
    SOCKADDR_STORAGE local, g;
    int len, glen;
    BOOL on = TRUE;
    SOCKET s = leaf_socket(af);
    if (s == INVALID_SOCKET)
        return INVALID_SOCKET;
    len = make_addr(&local, af, bind_ip ? bind_ip : (af == AF_INET ? "0.0.0.0" : "::"), port);
    glen = make_addr(&g, af, group, port);
    if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof(on)) != 0 ||
        bind(s, (struct sockaddr *)&local, len) != 0 || set_nonblocking(s) != 0 ||
        WSAJoinLeaf(s, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL, flags) != s) {
        printf("# member(%s, port %u, %s): error %d\n", bind_ip ? bind_ip : "*", port, group,
               WSAGetLastError());
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* A sender-only leaf socket for `group`:`port`, left unbound (the join binds it), non-blocking. */
static inline SOCKET sender(int af, const char *group, unsigned short port)
{
    SOCKADDR_STORAGE g;
    int glen = make_addr(&g, af, group, port);
    SOCKET s = leaf_socket(af);
    if (s == INVALID_SOCKET || set_nonblocking(s) != 0 ||
        WSAJoinLeaf(s, (struct sockaddr *)&g, glen, NULL, NULL, NULL, NULL, JL_SENDER_ONLY) != s) {
        printf("# sender(%s, port %u): error %d\n", group, port, WSAGetLastError());
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* Waits up to `ms` for `s` to be readable (Winsock select). */
static inline int wait_readable(SOCKET s, int ms)
{
    fd_set r;
    struct timeval tv;
    FD_ZERO(&r);
    FD_SET(s, &r);
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return select(0, &r, NULL, NULL, &tv) == 1;
}

/* Receives one datagram (waiting up to `ms`) into `buf` as a C string; returns its length, or
 * -1 (with the Winsock error in *err) when nothing arrived. */
static inline int recv_text(SOCKET s, char *buf, int len, int ms, int *err)
{
    int n;
    *err = 0;
    if (ms > 0)
        wait_readable(s, ms);
    n = recv(s, buf, len - 1, 0);
    if (n < 0) {
        *err = WSAGetLastError();
        buf[0] = 0;
        return -1;
    }
    buf[n] = 0;
    return n;
}

#endif
