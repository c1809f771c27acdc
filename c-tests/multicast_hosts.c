/* ws2mp-test: posix */ /* processes in private network namespaces */
/* ws2mp-test: needs-root timeout=90
 *
 * Multicast between hosts, IPv4 and IPv6: three network namespaces ("hosts") on a bridge in a
 * fourth ("the switch"), all created by this test and deleted when it ends, however it ends
 * (an interrupted run's leftovers are swept at the next start). Nothing touches the machine's
 * own interfaces.
 *
 * h1 runs a sender whose socket is also a member, a second member and a witness member; the
 * two members have SIO_MULTIPOINT_LOOPBACK FALSE. h2 and h3 run one member each (h3's is bound
 * to h3's own address). h1 sends with scope 3, then 1, then 0:
 * - h2 and h3 receive the scope 3 and scope 1 datagrams; the TTL / hop limit on the wire,
 *   read at h2 with IP_RECVTTL / IPV6_RECVHOPLIMIT, is the scope;
 * - nobody outside h1 receives the scope 0 datagram; h1's witness (loopback TRUE) gets all three;
 * - h1's members with loopback FALSE receive nothing, while the other hosts' members do.
 */
#define _GNU_SOURCE 1
#include "mcast.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#define PORT 40123
#define HOSTS 3

struct family {
    int af;
    const char *name;
    const char *group;
    const char *addr_fmt; /* host i's address */
};

static const struct family families[2] = {
    {AF_INET, "IPv4", "239.255.30.1", "10.77.0.%d"},
    {AF_INET6, "IPv6", "ff15::30:1", "fd77::%d"},
};

static char ns_switch[64], ns_host[HOSTS][64];
static pid_t children[8];
static int nchildren;
static pid_t parent_pid;

static char what[256];
#define WHAT(...) (snprintf(what, sizeof(what), __VA_ARGS__), what)

/* ---- namespaces -------------------------------------------------------------------------- */

static void cleanup(void)
{
    int i;
    if (getpid() != parent_pid)
        return;
    for (i = 0; i < nchildren; i++)
        if (children[i] > 0)
            kill(children[i], SIGKILL);
    for (i = 0; i < HOSTS; i++)
        if (ns_host[i][0])
            run_cmd("ip netns del %s 2>/dev/null", ns_host[i]);
    if (ns_switch[0])
        run_cmd("ip netns del %s 2>/dev/null", ns_switch);
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Deletes namespaces left by runs of this test whose process is gone. */
static void sweep_stale(void)
{
    char line[256];
    FILE *f = popen("ip netns list 2>/dev/null", "r");
    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        int pid;
        char name[128];
        if (sscanf(line, "%127s", name) == 1 && sscanf(name, "ws2mp-mh%d-", &pid) == 1 &&
            kill(pid, 0) != 0 && errno == ESRCH) {
            printf("# removing a stale namespace %s\n", name);
            run_cmd("ip netns del %s 2>/dev/null", name);
        }
    }
    pclose(f);
}

static int setup_network(void)
{
    int i;
    snprintf(ns_switch, sizeof(ns_switch), "ws2mp-mh%d-sw", (int)parent_pid);
    if (!run_cmd("ip netns add %s", ns_switch) ||
        !run_cmd("ip -n %s link add br0 type bridge mcast_snooping 0 && ip -n %s link set br0 up", ns_switch, ns_switch))
        return 0;
    for (i = 0; i < HOSTS; i++) {
        snprintf(ns_host[i], sizeof(ns_host[i]), "ws2mp-mh%d-h%d", (int)parent_pid, i + 1);
        if (!run_cmd("ip netns add %s", ns_host[i]))
            return 0;
        if (!run_cmd("ip -n %s link add p%d type veth peer name eth0 netns %s"
                     " && ip -n %s link set p%d master br0 && ip -n %s link set p%d up",
                     ns_switch, i + 1, ns_host[i], ns_switch, i + 1, ns_switch, i + 1))
            return 0;
        if (!run_cmd("ip -n %s link set lo up && ip -n %s link set eth0 up"
                     " && ip -n %s addr add 10.77.0.%d/24 dev eth0"
                     " && ip -n %s -6 addr add fd77::%d/64 dev eth0 nodad"
                     " && ip -n %s route add 224.0.0.0/4 dev eth0",
                     ns_host[i], ns_host[i], ns_host[i], i + 1, ns_host[i], i + 1, ns_host[i]))
            return 0;
    }
    return 1;
}

/* Moves the calling process into host `h`'s namespace. */
static int enter_host(int h)
{
    char path[128];
    int fd, ok;
    snprintf(path, sizeof(path), "/var/run/netns/%s", ns_host[h]);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ok = setns(fd, CLONE_NEWNET) == 0;
    close(fd);
    return ok;
}

/* ---- the roles (child processes) ----------------------------------------------------------- */

struct child {
    pid_t pid;
    int ctl;     /* parent → child: one byte per command */
    int results; /* child → parent: text until EOF */
};

/* Reports one line to the parent. */
static void report(int fd, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n > 0 && write(fd, line, (size_t)n) != n)
        _exit(3);
}

static void wait_command(int ctl)
{
    char c;
    if (read(ctl, &c, 1) != 1)
        _exit(4);
}

/* Drains what `s` receives (through Winsock) for `ms`, one "tag payload source" line each. */
static void drain(int out, const char *tag, SOCKET s, int ms)
{
    char buf[128], src[64];
    SOCKADDR_STORAGE from;
    int fromlen, n;
    while (wait_readable(s, ms)) {
        fromlen = sizeof(from);
        n = recvfrom(s, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fromlen);
        if (n < 0)
            continue;
        buf[n] = 0;
        report(out, "%s %s %s\n", tag, buf, addr_text(&from, src, sizeof(src)));
        ms = 100;
    }
}

/* h1: a sender that is also a member, another member (both loopback FALSE), a witness. */
static void role_h1(const struct family *f, int ctl, int out)
{
    SOCKET w = member(f->af, NULL, PORT, f->group, JL_RECEIVER_ONLY);
    SOCKET l = member(f->af, NULL, PORT, f->group, JL_RECEIVER_ONLY);
    SOCKET s = member(f->af, NULL, PORT, f->group, JL_BOTH);
    static const int scopes[3] = {3, 1, 0};
    int i;

    if (w == INVALID_SOCKET || l == INVALID_SOCKET || s == INVALID_SOCKET || set_loopback(l, FALSE) != 0 ||
        set_loopback(s, FALSE) != 0) {
        report(out, "setup failed %d\n", WSAGetLastError());
        _exit(2);
    }
    report(out, "ready\n");
    wait_command(ctl);
    for (i = 0; i < 3; i++) {
        char text[32];
        snprintf(text, sizeof(text), "scope%d", scopes[i]);
        if (set_scope(s, scopes[i]) != 0 || send(s, text, (int)strlen(text), 0) != (int)strlen(text))
            report(out, "send failed %d\n", WSAGetLastError());
    }
    drain(out, "witness", w, 1000);
    drain(out, "member", l, 200);
    drain(out, "sender", s, 200);
}

/* h2: a wildcard member; reads the TTL / hop limit of each datagram with raw recvmsg. */
static void role_h2(const struct family *f, int ctl, int out)
{
    SOCKET r = member(f->af, NULL, PORT, f->group, JL_RECEIVER_ONLY);
    int on = 1;
    int ok = r != INVALID_SOCKET &&
             (f->af == AF_INET ? setsockopt(r, IPPROTO_IP, IP_RECVTTL, (char *)&on, sizeof(on))
                               : setsockopt(r, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, (char *)&on, sizeof(on))) == 0;
    if (!ok) {
        report(out, "setup failed %d\n", WSAGetLastError());
        _exit(2);
    }
    report(out, "ready\n");
    for (;;) {
        struct pollfd p[2] = {{(int)r, POLLIN, 0}, {ctl, POLLIN, 0}};
        char buf[128];
        union {
            struct cmsghdr align;
            char bytes[256];
        } control;
        struct iovec iov = {buf, sizeof(buf) - 1};
        struct msghdr msg;
        struct cmsghdr *c;
        ssize_t n;
        int ttl = -1;

        if (poll(p, 2, 5000) <= 0 || (p[1].revents && !p[0].revents))
            break;
        memset(&msg, 0, sizeof(msg));
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.bytes;
        msg.msg_controllen = sizeof(control.bytes);
        n = recvmsg((int)r, &msg, MSG_DONTWAIT);
        if (n < 0)
            continue;
        buf[n] = 0;
        for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) ||
                (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT))
                memcpy(&ttl, CMSG_DATA(c), sizeof(ttl));
        }
        report(out, "h2 %s ttl=%d\n", buf, ttl);
    }
}

/* h3: a member bound to h3's own address, receiving through Winsock. */
static void role_h3(const struct family *f, int ctl, int out)
{
    char addr[64];
    SOCKET r;
    SOCKADDR_STORAGE name;
    int len = sizeof(name);
    struct pollfd p;

    snprintf(addr, sizeof(addr), f->addr_fmt, 3);
    r = member(f->af, addr, PORT, f->group, JL_RECEIVER_ONLY);
    if (r == INVALID_SOCKET || getsockname(r, (struct sockaddr *)&name, &len) != 0) {
        report(out, "setup failed %d\n", WSAGetLastError());
        _exit(2);
    }
    report(out, "bound %s\n", addr_text(&name, addr, sizeof(addr)));
    report(out, "ready\n");
    p.fd = ctl;
    p.events = POLLIN;
    while (poll(&p, 1, 0) == 0)
        drain(out, "h3", r, 100);
    drain(out, "h3", r, 0);
}

static struct child spawn(int host, const struct family *f)
{
    struct child c;
    int ctl[2], res[2];
    c.pid = -1;
    c.ctl = c.results = -1;
    if (pipe(ctl) != 0 || pipe(res) != 0)
        return c;
    fflush(stdout);
    c.pid = fork();
    if (c.pid == 0) {
        WSADATA wsa;
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        close(ctl[1]);
        close(res[0]);
        if (!enter_host(host) || WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
            _exit(5);
        if (host == 0)
            role_h1(f, ctl[0], res[1]);
        else if (host == 1)
            role_h2(f, ctl[0], res[1]);
        else
            role_h3(f, ctl[0], res[1]);
        WSACleanup();
        _exit(0);
    }
    close(ctl[0]);
    close(res[1]);
    c.ctl = ctl[1];
    c.results = res[0];
    if (c.pid > 0)
        children[nchildren++] = c.pid;
    return c;
}

/* Reads the child's output until its "ready" line (or EOF); appends it to `log`. */
static int read_until(struct child *c, char *log, size_t cap, const char *until)
{
    size_t len = strlen(log);
    while (len + 1 < cap) {
        ssize_t n = read(c->results, log + len, cap - len - 1);
        if (n <= 0)
            break;
        len += (size_t)n;
        log[len] = 0;
        if (until && strstr(log, until))
            return 1;
    }
    log[len] = 0;
    return until == NULL;
}

static int has_line(const char *log, const char *line)
{
    const char *p = log;
    size_t n = strlen(line);
    while ((p = strstr(p, line)) != NULL) {
        if ((p == log || p[-1] == '\n') && (p[n] == '\n' || p[n] == 0))
            return 1;
        p += n;
    }
    return 0;
}

static int count_prefix(const char *log, const char *prefix)
{
    int k = 0;
    const char *p = log;
    size_t n = strlen(prefix);
    while (*p) {
        if (strncmp(p, prefix, n) == 0)
            k++;
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return k;
}

static void scenario(const struct family *f)
{
    struct child c[HOSTS];
    static char log[HOSTS][4096];
    char src[64], line[160], addr3[64];
    int i, status;

    snprintf(src, sizeof(src), f->addr_fmt, 1);
    snprintf(addr3, sizeof(addr3), f->addr_fmt, 3);
    for (i = HOSTS - 1; i >= 0; i--) {
        log[i][0] = 0;
        c[i] = spawn(i, f);
        REQUIRE(c[i].pid > 0, WHAT("%s: host %d's process starts", f->name, i + 1));
        CHECK(read_until(&c[i], log[i], sizeof(log[i]), "ready\n"),
              WHAT("%s: host %d's member joined (%s)", f->name, i + 1, log[i]));
    }
    snprintf(line, sizeof(line), "bound %s", addr3);
    CHECK(has_line(log[2], line), WHAT("%s: h3's member reports its bound address", f->name));

    CHECK_EQ(write(c[0].ctl, "g", 1), 1, WHAT("%s: h1 sends scope 3, 1, 0", f->name));
    read_until(&c[0], log[0], sizeof(log[0]), NULL);
    waitpid(c[0].pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, WHAT("%s: h1 finished", f->name));
    usleep(300 * 1000);
    for (i = 1; i < HOSTS; i++) {
        CHECK_EQ(write(c[i].ctl, "s", 1), 1, WHAT("%s: host %d stops", f->name, i + 1));
        read_until(&c[i], log[i], sizeof(log[i]), NULL);
        waitpid(c[i].pid, &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, WHAT("%s: host %d finished", f->name, i + 1));
    }
    for (i = 0; i < HOSTS; i++) {
        char *p, *save = NULL;
        static char copy[4096];
        snprintf(copy, sizeof(copy), "%s", log[i]);
        for (p = strtok_r(copy, "\n", &save); p; p = strtok_r(NULL, "\n", &save))
            printf("# %s h%d: %s\n", f->name, i + 1, p);
        close(c[i].ctl);
        close(c[i].results);
    }
    nchildren = 0;

    CHECK(has_line(log[1], "h2 scope3 ttl=3"), WHAT("%s: h2 receives the scope 3 datagram with TTL 3 on the wire", f->name));
    CHECK(has_line(log[1], "h2 scope1 ttl=1"), WHAT("%s: h2 receives the scope 1 datagram with TTL 1", f->name));
    CHECK_EQ(count_prefix(log[1], "h2 "), 2, WHAT("%s: h2 receives nothing else (scope 0 stays on h1)", f->name));
    snprintf(line, sizeof(line), "h3 scope3 %s", src);
    CHECK(has_line(log[2], line), WHAT("%s: h3's member bound to %s receives scope 3 from %s", f->name, addr3, src));
    snprintf(line, sizeof(line), "h3 scope1 %s", src);
    CHECK(has_line(log[2], line), WHAT("%s: ... and scope 1", f->name));
    CHECK_EQ(count_prefix(log[2], "h3 "), 2, WHAT("%s: ... and nothing else", f->name));
    for (i = 0; i < 3; i++) {
        static const int scopes[3] = {3, 1, 0};
        snprintf(line, sizeof(line), "witness scope%d %s", scopes[i], src);
        CHECK(has_line(log[0], line), WHAT("%s: h1's witness (loopback TRUE) receives scope %d", f->name, scopes[i]));
    }
    CHECK_EQ(count_prefix(log[0], "member "), 0, WHAT("%s: h1's member with loopback FALSE receives nothing", f->name));
    CHECK_EQ(count_prefix(log[0], "sender "), 0, WHAT("%s: h1's sender with loopback FALSE does not see its own", f->name));
    CHECK_EQ(count_prefix(log[0], "send failed"), 0, WHAT("%s: every send succeeded", f->name));
}

int main(void)
{
    int i;

    parent_pid = getpid();
    sweep_stale();
    atexit(cleanup);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGALRM, on_signal);
    signal(SIGABRT, on_signal);
    alarm(80);
    REQUIRE(setup_network(), "namespaces h1, h2, h3 on a bridge (in its own namespace) are set up");
    for (i = 0; i < 2; i++)
        scenario(&families[i]);
    cleanup();
    memset(ns_host, 0, sizeof(ns_host));
    ns_switch[0] = 0;
    CHECK(!run_cmd("ip netns list | grep -q ws2mp-mh%d-", (int)parent_pid), "the test's namespaces are gone");
    return check_done();
}
