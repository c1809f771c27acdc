/*
 * Rooted multipoint at scale (issue 5): 10,000 leaves (in other processes) join one root.
 *   joins per second (target >= 2,000): leaf-initiated blocking joins from 16 threads, admitted
 *     by a blocking accept loop at the root; from the first join to the last admission.
 *   user-space memory per idle leaf (target <= 16 KiB): heap in use (mallinfo2) before and
 *     after, divided by 10,000, measured at the root and in the leaves' process after the
 *     session sat idle for 3 s (heartbeats flowing). Kernel memory (socket buffers) is not
 *     user space and is not counted.
 *   descriptors the root holds per joined leaf (counted in /proc/self/fd before and after).
 * Prints RESULT rmp_scale_joins_per_s, rmp_scale_root_bytes_per_idle_leaf,
 * rmp_scale_leaf_bytes_per_idle_leaf, rmp_scale_root_fds_per_leaf. Each leaf is three
 * descriptors on each side (its TCP connection and the two ends of its socket's pair), so the
 * root needs RLIMIT_NOFILE above 30,000: the benchmark raises the limit, and when the hard limit
 * does not allow it (no CAP_SYS_RESOURCE) it runs as many leaves as fit and says so in the
 * RESULT line. The leaves are spread over as many forked processes as their descriptors need,
 * so only the root's descriptors limit the count.
 */
#include "bench.h"
#include "net.h"
#include "ws2mp.h"
#include <arpa/inet.h>
#include <dirent.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define WANTED 10000
#define THREADS 16
#define PER_LEAF_FDS 3
#define SPARE_FDS 300

static struct sockaddr_in g_root_addr;
static SOCKET g_leaf[WANTED];
static long g_count; /* leaves of this (leaves') process */

static SOCKET rmp_socket(uint32_t flags)
{
    /* The caller's own buffer: several threads enumerate at once. */
    WSAPROTOCOL_INFOA e[32];
    uint32_t len = sizeof(e);
    int n = WSAEnumProtocolsA(NULL, e, &len), i;
    for (i = 0; i < n; i++)
        if (e[i].iAddressFamily == AF_INET && (e[i].dwServiceFlags1 & XP1_MULTIPOINT_DATA_PLANE))
            return WSASocketA(-1, -1, -1, &e[i], 0, flags);
    die("no rooted entry");
    return INVALID_SOCKET;
}

/* Raises RLIMIT_NOFILE towards `n`; returns the limit in effect. */
static rlim_t raise_nofile(rlim_t n)
{
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_max < n)
        rl.rlim_max = n; /* needs CAP_SYS_RESOURCE */
    rl.rlim_cur = n;
    if (setrlimit(RLIMIT_NOFILE, &rl)) {
        getrlimit(RLIMIT_NOFILE, &rl);
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    getrlimit(RLIMIT_NOFILE, &rl);
    return rl.rlim_cur;
}

/* Resident set size in bytes (heap and everything else the process touched). */
static double rss(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (double)resident * (double)sysconf(_SC_PAGESIZE);
}

/* Open descriptors of this process (-1 where /proc is not mounted). */
static long open_fds(void)
{
    long n = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n - 3; /* ".", ".." and the directory's own descriptor */
}

static void *joiner(void *p)
{
    long t = (long)p, i;
    for (i = t; i < g_count; i += THREADS) {
        g_leaf[i] = rmp_socket(WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
        if (g_leaf[i] == INVALID_SOCKET)
        {
            fprintf(stderr, "error %d at leaf %ld\n", WSAGetLastError(), i);
            die("leaf socket (RLIMIT_NOFILE?)");
        }
        if (WSAJoinLeaf(g_leaf[i], (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), NULL, NULL, NULL, NULL,
                        JL_BOTH) != g_leaf[i])
            die("WSAJoinLeaf");
    }
    return NULL;
}

/* The leaves' process: joins, reports its heap per leaf after an idle period, waits to end. */
static void leaves(int ctl, int report, long count)
{
    WSADATA wsa;
    pthread_t t[THREADS];
    struct mallinfo2 before, after;
    double per_leaf[2], rss0;
    long i;
    char c;
    g_count = count;
    raise_nofile((rlim_t)count * PER_LEAF_FDS + SPARE_FDS);
    read_full(ctl, &g_root_addr, sizeof(g_root_addr));
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup (leaves)");
    /* Warm-up join: shared tables and the engine exist before measuring. */
    g_leaf[0] = rmp_socket(WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
    if (WSAJoinLeaf(g_leaf[0], (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), NULL, NULL, NULL, NULL, JL_BOTH) !=
        g_leaf[0])
        die("warm-up join");
    closesocket(g_leaf[0]);
    before = mallinfo2();
    rss0 = rss();
    for (i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, joiner, (void *)i);
    for (i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    sleep(3);
    after = mallinfo2();
    per_leaf[0] = (double)(after.uordblks - before.uordblks) / (double)count;
    per_leaf[1] = (rss() - rss0) / (double)count;
    if (write(report, per_leaf, sizeof(per_leaf)) != sizeof(per_leaf))
        die("pipe");
    read_full(ctl, &c, 1);
    for (i = 0; i < count; i++)
        closesocket(g_leaf[i]);
    WSACleanup();
    _exit(0);
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, *c;
    int ctl[8][2], report[8][2], len = sizeof(g_root_addr), procs, p;
    long leaves_total, per_proc, i;
    struct mallinfo2 before, after;
    double t0, t1, leaf_bytes = 0, leaf_rss = 0, b[2], rss0, rss1;
    long fds0, fds1;
    pid_t pid[8];
    rlim_t limit = raise_nofile(WANTED * PER_LEAF_FDS + SPARE_FDS);

    /* As many leaves as the root's descriptors allow (all 10,000 when the limit was raised). */
    leaves_total = ((long)limit - SPARE_FDS) / PER_LEAF_FDS;
    if (leaves_total > WANTED)
        leaves_total = WANTED;
    per_proc = leaves_total;
    procs = 1;
    while (per_proc * PER_LEAF_FDS + SPARE_FDS > (long)limit || per_proc > leaves_total / procs + 1) {
        procs++;
        per_proc = (leaves_total + procs - 1) / procs;
    }
    if (procs > 8)
        die("too many leaf processes");
    for (p = 0; p < procs; p++) {
        long count = p == procs - 1 ? leaves_total - per_proc * (procs - 1) : per_proc;
        if (pipe(ctl[p]) || pipe(report[p]))
            die("pipe");
        fflush(stdout);
        pid[p] = fork();
        if (pid[p] == 0)
            leaves(ctl[p][0], report[p][1], count);
    }
    if (WSAStartup(0x0202, &wsa))
        die("WSAStartup");
    c = calloc((size_t)leaves_total + procs, sizeof(SOCKET));
    root = rmp_socket(WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT);
    memset(&g_root_addr, 0, sizeof(g_root_addr));
    g_root_addr.sin_family = AF_INET;
    g_root_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (ws2mp_bind(root, (struct sockaddr *)&g_root_addr, sizeof(g_root_addr)) || ws2mp_listen(root, 0x7fffffff) ||
        ws2mp_getsockname(root, (struct sockaddr *)&g_root_addr, &len))
        die("root listener");
    /* One warm-up leaf per process, admitted before measuring. */
    for (p = 0; p < procs; p++) {
        if (write(ctl[p][1], &g_root_addr, sizeof(g_root_addr)) != sizeof(g_root_addr))
            die("pipe");
        c[leaves_total + p] = ws2mp_accept(root, NULL, NULL);
    }
    before = mallinfo2();
    rss0 = rss();
    fds0 = open_fds();
    t0 = 0;
    for (i = 0; i < leaves_total; i++) {
        c[i] = ws2mp_accept(root, NULL, NULL);
        if (c[i] == INVALID_SOCKET)
            die("accept");
        if (i == 0)
            t0 = now_s();
    }
    t1 = now_s();
    for (p = 0; p < procs; p++) {
        read_full(report[p][0], b, sizeof(b));
        leaf_bytes += b[0] / procs;
        leaf_rss += b[1] / procs;
    }
    after = mallinfo2();
    rss1 = rss();
    fds1 = open_fds();
    printf("RESULT rmp_scale_joins_per_s leaves=%ld%s seconds=%.2f rate=%.0f\n", leaves_total,
           leaves_total < WANTED ? " (RLIMIT_NOFILE hard limit)" : "", t1 - t0, (leaves_total - 1) / (t1 - t0));
    printf("RESULT rmp_scale_root_bytes_per_idle_leaf heap=%.0f rss=%.0f\n",
           (double)(after.uordblks - before.uordblks) / (double)leaves_total, (rss1 - rss0) / (double)leaves_total);
    printf("RESULT rmp_scale_leaf_bytes_per_idle_leaf heap=%.0f rss=%.0f (%d leaf processes)\n", leaf_bytes, leaf_rss,
           procs);
    if (fds0 >= 0 && fds1 >= 0)
        printf("RESULT rmp_scale_root_fds_per_leaf fds=%.2f (%ld descriptors for %ld leaves)\n",
               (double)(fds1 - fds0) / (double)leaves_total, fds1 - fds0, leaves_total);
    fflush(stdout);
    for (p = 0; p < procs; p++)
        if (write(ctl[p][1], "x", 1) != 1)
            die("pipe");
    for (p = 0; p < procs; p++)
        waitpid(pid[p], NULL, 0);
    for (i = 0; i < leaves_total + procs; i++)
        closesocket(c[i]);
    closesocket(root);
    WSACleanup();
    return 0;
}
