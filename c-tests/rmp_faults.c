/* ws2mp-test: posix */ /* network namespaces and fork */
/* ws2mp-test: needs-root timeout=90
 *
 * Rooted multipoint over a faulty link, between two private network namespaces joined by a
 * veth pair (10.66.0.1 here, the root; 10.66.0.2 in a child process, the leaf):
 * - 5% of the packets are dropped each way (nftables, `numgen random`), and halfway through the
 *   link goes down for one second: 3,000 numbered messages each way all arrive, in order, none
 *   lost, none duplicated (TCP carries the session through both);
 * - then the link is cut for longer than the heartbeat timeout (3 s here,
 *   WS2MP_RMP_HEARTBEAT_MS): both ends see FD_CLOSE with WSAECONNABORTED, in bounded time.
 * Needs the `nft` tool (package nftables); without it the loss part is reported as skipped.
 */
#define _GNU_SOURCE 1
#include "rmp.h"
#include "mcast.h"
#include <stdlib.h>
#include <sys/wait.h>

#define COUNT 3000
#define MSGLEN 200
#define HEARTBEAT_MS 3000

struct stream {
    SOCKET s;
    int sent;
};

static void fill(char *m, int seq)
{
    int i;
    memcpy(m, &seq, sizeof(seq));
    for (i = (int)sizeof(seq); i < MSGLEN; i++)
        m[i] = (char)(seq * 7 + i);
}

/* Sends COUNT numbered messages (blocking). */
static DWORD WINAPI send_stream(LPVOID arg)
{
    struct stream *st = (struct stream *)arg;
    char m[MSGLEN];
    int i;
    for (i = 0; i < COUNT; i++) {
        fill(m, i);
        if (send(st->s, m, MSGLEN, 0) != MSGLEN)
            break;
        st->sent++;
    }
    return 0;
}

/* Receives up to COUNT messages (blocking, SO_RCVTIMEO 20 s); returns how many arrived in order
 * before the first one out of order or missing. `at_half` runs once, halfway. */
static int receive_in_order(SOCKET s, void (*at_half)(void))
{
    char m[MSGLEN + 16], want[MSGLEN];
    DWORD tmo = 20000;
    int i;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&tmo, sizeof(tmo));
    for (i = 0; i < COUNT; i++) {
        int n = recv(s, m, sizeof(m), 0);
        fill(want, i);
        if (n != MSGLEN || memcmp(m, want, MSGLEN) != 0) {
            printf("# message %d: got %d bytes (error %d)\n", i, n, n < 0 ? WSAGetLastError() : 0);
            return i;
        }
        if (i == COUNT / 2 && at_half)
            at_half();
    }
    return i;
}

static void flap(void)
{
    printf("# the link goes down for 1 s\n");
    run_cmd("ip link set va down");
    Sleep(1000);
    run_cmd("ip link set va up");
}

/* Waits for FD_CLOSE on `s`; returns its error code (-1 if none within `ms`), the wait in *secs. */
static int wait_close(SOCKET s, DWORD ms, double *secs)
{
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    double t0 = rmp_now();
    int code = -1;
    WSAEventSelect(s, ev, FD_CLOSE);
    if (rmp_wait(s, ev, FD_CLOSE, ms, &ne) & FD_CLOSE)
        code = ne.iErrorCode[FD_CLOSE_BIT];
    *secs = rmp_now() - t0;
    WSAEventSelect(s, NULL, 0);
    WSACloseEvent(ev);
    return code;
}

struct report {
    int joined, received, sent, close_code;
    double close_secs;
};

/* The leaf, in its own namespace. */
static int leaf_process(int from_parent, int to_parent)
{
    WSADATA wsa;
    struct report r;
    struct stream st;
    struct sockaddr_in root;
    HANDLE th;
    char c;

    memset(&r, 0, sizeof(r));
    if (unshare(CLONE_NEWNET) != 0 || write(to_parent, "u", 1) != 1)
        return 1;
    if (read(from_parent, &root, sizeof(root)) != sizeof(root))
        return 2;
    if (!run_cmd("ip link set lo up && ip addr add 10.66.0.2/24 dev vb && ip link set vb up"))
        return 3;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 4;
    st.s = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    st.sent = 0;
    r.joined = WSAJoinLeaf(st.s, (struct sockaddr *)&root, sizeof(root), NULL, NULL, NULL, NULL, JL_BOTH) == st.s;
    if (r.joined) {
        th = CreateThread(NULL, 0, send_stream, &st, 0, NULL);
        r.received = receive_in_order(st.s, NULL);
        WaitForSingleObject(th, INFINITE);
        CloseHandle(th);
        r.sent = st.sent;
    }
    if (write(to_parent, &r, sizeof(r)) != sizeof(r))
        return 5;
    /* The parent cuts the link now. */
    if (read(from_parent, &c, 1) != 1)
        return 6;
    r.close_code = wait_close(st.s, 15000, &r.close_secs);
    if (write(to_parent, &r, sizeof(r)) != sizeof(r))
        return 7;
    closesocket(st.s);
    WSACleanup();
    return 0;
}

int main(void)
{
    WSADATA wsa;
    int down[2], up[2], status, got, have_nft, code;
    pid_t pid;
    char c;
    struct report r;
    struct stream st;
    struct sockaddr_in addr;
    SOCKET root, leaf_c;
    HANDLE th;
    double secs;

    setenv("WS2MP_RMP_HEARTBEAT_MS", "3000", 1);
    REQUIRE(unshare(CLONE_NEWNET) == 0, "unshare(CLONE_NEWNET): the root's private namespace");
    REQUIRE(pipe(down) == 0 && pipe(up) == 0, "pipes");
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(down[1]);
        close(up[0]);
        _exit(leaf_process(down[0], up[1]));
    }
    close(down[0]);
    close(up[1]);
    REQUIRE(read(up[0], &c, 1) == 1, "the leaf process has its own namespace");
    REQUIRE(run_cmd("ip link set lo up && ip link add va type veth peer name vb netns %d"
                    " && ip addr add 10.66.0.1/24 dev va && ip link set va up",
                    (int)pid),
            "a veth pair joins the two namespaces");
    have_nft = run_cmd("command -v nft >/dev/null");
    if (have_nft) {
        CHECK(run_cmd("nft add table inet lossy"
                      " && nft 'add chain inet lossy out { type filter hook output priority 0; }'"
                      " && nft 'add chain inet lossy in { type filter hook input priority 0; }'"
                      " && nft add rule inet lossy out oifname va numgen random mod 100 '<' 5 counter drop"
                      " && nft add rule inet lossy in iifname va numgen random mod 100 '<' 5 counter drop"),
              "5% of the packets are dropped each way");
    } else {
        printf("# SKIP packet loss: no nft tool (install nftables)\n");
    }

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("10.66.0.1");
    REQUIRE(root != INVALID_SOCKET && bind(root, (struct sockaddr *)&addr, sizeof(addr)) == 0 && listen(root, SOMAXCONN) == 0,
            "the root listens on 10.66.0.1");
    {
        int len = sizeof(addr);
        getsockname(root, (struct sockaddr *)&addr, &len);
    }
    REQUIRE(write(down[1], &addr, sizeof(addr)) == sizeof(addr), "the leaf is told where");
    leaf_c = accept(root, NULL, NULL);
    REQUIRE(leaf_c != INVALID_SOCKET, "the root admits the leaf");

    st.s = root;
    st.sent = 0;
    th = CreateThread(NULL, 0, send_stream, &st, 0, NULL);
    got = receive_in_order(root, flap);
    WaitForSingleObject(th, INFINITE);
    CloseHandle(th);
    CHECK_EQ(st.sent, COUNT, "the root sent every message");
    CHECK_EQ(got, COUNT, "the root received every leaf message, in order, through loss and a flap");
    REQUIRE(read(up[0], &r, sizeof(r)) == sizeof(r), "the leaf reports");
    CHECK(r.joined, "the leaf joined across the link");
    CHECK_EQ(r.sent, COUNT, "the leaf sent every message");
    CHECK_EQ(r.received, COUNT, "the leaf received every root message, in order");
    if (have_nft)
        CHECK(run_cmd("nft list table inet lossy | grep -Eq 'packets [1-9][0-9]* bytes'"),
              "packets were really dropped on the way");
    {
        u_long avail = 1;
        CHECK(ioctlsocket(root, FIONREAD, &avail) == 0 && avail == 0, "no message arrived twice");
    }

    /* The long cut. */
    REQUIRE(run_cmd("ip link set va down"), "the link is cut");
    REQUIRE(write(down[1], "c", 1) == 1, "the leaf is told");
    code = wait_close(leaf_c, 15000, &secs);
    CHECK_EQ(code, WSAECONNABORTED, "the root's socket for the leaf sees FD_CLOSE WSAECONNABORTED");
    CHECK(secs < HEARTBEAT_MS / 1000.0 + 3, "... within the heartbeat timeout (plus its period)");
    printf("# the root noticed after %.1f s\n", secs);
    REQUIRE(read(up[0], &r, sizeof(r)) == sizeof(r), "the leaf reports again");
    CHECK_EQ(r.close_code, WSAECONNABORTED, "the leaf sees FD_CLOSE WSAECONNABORTED");
    CHECK(r.close_secs < HEARTBEAT_MS / 1000.0 + 3, "... within the heartbeat timeout (plus its period)");
    printf("# the leaf noticed after %.1f s\n", r.close_secs);
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0, "the leaf process succeeded");

    closesocket(leaf_c);
    closesocket(root);
    WSACleanup();
    return check_done();
}
