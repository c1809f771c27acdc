/* Rooted multipoint back-pressure: a leaf that does not read makes the root's sends fail with
 * WSAEWOULDBLOCK (the root is then not writable for select), FD_WRITE follows once the leaf
 * reads, and nothing is lost or reordered; a blocking root waits instead; a leaf stuck past the
 * stall timeout (2 s here, WS2MP_RMP_STALL_MS) is evicted (FD_CLOSE WSAECONNABORTED at the
 * root) and the others carry on.
 * ws2mp-test: timeout=120 */
#include "rmp.h"
#include <stdlib.h>

#define SIZE 16384

static char g_msg[SIZE];

static void stamp(char *m, unsigned seq)
{
    memcpy(m, &seq, sizeof(seq));
}

static unsigned seq_of(const char *m)
{
    unsigned s;
    memcpy(&s, m, sizeof(s));
    return s;
}

static SOCKET admit(SOCKET root, WSAEVENT eroot, struct sockaddr_in *addr)
{
    WSANETWORKEVENTS ne;
    SOCKET leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    u_long nb = 1;
    ioctlsocket(leaf, FIONBIO, &nb);
    if (WSAJoinLeaf(leaf, (struct sockaddr *)addr, sizeof(*addr), NULL, NULL, NULL, NULL, JL_BOTH) != leaf)
        return INVALID_SOCKET;
    if (eroot)
        rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
    if (accept(root, NULL, NULL) == INVALID_SOCKET)
        return INVALID_SOCKET;
    {
        /* Wait until the leaf is in (its first receive would fail with WSAENOTCONN before). */
        double deadline = rmp_now() + 5;
        char b;
        while (recv(leaf, &b, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN && rmp_now() < deadline) {
            Sleep(5);
        }
    }
    return leaf;
}

/* Receives everything waiting on `leaf` for `ms`; checks the sequence. Returns the count. */
static long drain(SOCKET leaf, unsigned *next, DWORD ms, int *in_order)
{
    static char buf[SIZE + 16];
    long count = 0;
    double deadline = rmp_now() + ms / 1000.0;
    while (rmp_now() < deadline) {
        int n = recv(leaf, buf, sizeof(buf), 0);
        if (n == SIZE) {
            if (*next == ~0u)
                *next = seq_of(buf); /* a leaf that joined later starts where it joined */
            if (seq_of(buf) != *next)
                *in_order = 0;
            (*next)++;
            count++;
            deadline = rmp_now() + ms / 1000.0;
        } else {
            Sleep(2);
        }
    }
    return count;
}

struct sender {
    SOCKET root;
    int result;
    LONG done; /* set by the sending thread, read by the main thread: Interlocked */
};

static DWORD WINAPI blocking_send(LPVOID p)
{
    struct sender *s = p;
    s->result = send(s->root, g_msg, SIZE, 0);
    InterlockedExchange(&s->done, 1);
    return 0;
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, a, b, cb;
    WSAEVENT eroot, ecb;
    WSANETWORKEVENTS ne;
    struct sockaddr_in addr;
    fd_set wr;
    struct timeval tv;
    unsigned sent = 0, next_a = 0, next_b = ~0u, i;
    int in_order = 1, n;
    long got;

    rmp_set_env("WS2MP_RMP_STALL_MS", "2000");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    memset(g_msg, 'q', sizeof(g_msg));

    /* ---- WSAEWOULDBLOCK, then FD_WRITE once the leaf reads ------------------------------- */
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &addr) == 0, "root listens");
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_ACCEPT | FD_WRITE);
    a = admit(root, eroot, &addr);
    REQUIRE(a != INVALID_SOCKET, "a leaf joined");
    rmp_wait(root, eroot, FD_WRITE, 1000, &ne);
    {
        /* Send until a WSAEWOULDBLOCK is not followed by FD_WRITE for 500 ms: every buffer on
         * the way (root queue, TCP, the leaf's pair) is full. */
        int blocked = 0, rounds = 0;
        while (!blocked && sent < 100000) {
            stamp(g_msg, sent);
            n = send(root, g_msg, SIZE, 0);
            if (n == SIZE) {
                sent++;
                continue;
            }
            if (WSAGetLastError() != WSAEWOULDBLOCK)
                break;
            rounds++;
            blocked = !(rmp_wait(root, eroot, FD_WRITE, 500, &ne) & FD_WRITE);
        }
        CHECK(blocked, "a leaf that does not read: the root's sends end in WSAEWOULDBLOCK with no FD_WRITE");
        CHECK(sent > 16 && rounds >= 1, "... after the buffers along the way filled");
    }
    FD_ZERO(&wr);
    FD_SET(root, &wr);
    tv.tv_sec = 0;
    tv.tv_usec = 200000;
    CHECK_EQ(select(0, NULL, &wr, NULL, &tv), 0, "select: the root is not writable");
    got = drain(a, &next_a, 500, &in_order);
    CHECK_EQ(got, (long)sent, "the leaf then receives every message sent");
    CHECK(in_order, "... in order");
    CHECK(rmp_wait(root, eroot, FD_WRITE, 5000, &ne) & FD_WRITE, "the root sees FD_WRITE");
    stamp(g_msg, sent);
    CHECK_EQ(send(root, g_msg, SIZE, 0), SIZE, "... and sends again");
    sent++;
    got = drain(a, &next_a, 300, &in_order);
    CHECK(got == 1 && in_order, "... which arrives");

    /* ---- a stuck leaf is evicted after the stall timeout; the other carries on -------------- */
    b = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    {
        u_long nb = 1;
        ioctlsocket(b, FIONBIO, &nb);
    }
    CHECK(WSAJoinLeaf(b, (struct sockaddr *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH) == b, "a second leaf joins");
    rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
    cb = accept(root, NULL, NULL);
    REQUIRE(cb != INVALID_SOCKET, "... admitted");
    ecb = WSACreateEvent();
    WSAEventSelect(cb, ecb, FD_CLOSE);
    {
        double t0 = rmp_now(), evicted_at = 0;
        long extra = 0;
        /* The root keeps sending as FD_WRITE allows; leaf A keeps reading, leaf B never does. */
        while (rmp_now() - t0 < 30) {
            WSANETWORKEVENTS cne;
            stamp(g_msg, sent);
            n = send(root, g_msg, SIZE, 0);
            if (n == SIZE) {
                sent++;
                continue;
            }
            extra += drain(a, &next_a, 20, &in_order);
            memset(&cne, 0, sizeof(cne));
            if (WSAEnumNetworkEvents(cb, ecb, &cne) == 0 && (cne.lNetworkEvents & FD_CLOSE)) {
                evicted_at = rmp_now();
                CHECK_EQ(cne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED, "the stuck leaf's c_leaf socket sees FD_CLOSE WSAECONNABORTED");
                break;
            }
        }
        CHECK(evicted_at > 0, "the stuck leaf is evicted");
        CHECK(evicted_at - t0 >= 1.9 && evicted_at - t0 < 15, "... after the stall timeout (2 s) and not much later");
        (void)extra;
    }
    for (i = 0; i < 3; i++) {
        stamp(g_msg, sent);
        if (send(root, g_msg, SIZE, 0) == SIZE)
            sent++;
        drain(a, &next_a, 100, &in_order);
    }
    drain(a, &next_a, 500, &in_order);
    CHECK(next_a == sent && in_order, "the reading leaf got every message, in order, before and after the eviction");
    {
        WSAEVENT eb = WSACreateEvent();
        WSAEventSelect(b, eb, FD_READ | FD_CLOSE);
        got = drain(b, &next_b, 500, &in_order);
        CHECK(got > 0 && in_order, "the evicted leaf can still read what reached it, in order");
        CHECK(rmp_wait(b, eb, FD_CLOSE, 5000, &ne) & FD_CLOSE, "... then sees FD_CLOSE");
        CHECK(ne.iErrorCode[FD_CLOSE_BIT] == WSAECONNRESET, "... with WSAECONNRESET (the root reset the link)");
    }
    closesocket(a);
    closesocket(b);
    closesocket(cb);
    closesocket(root);

    /* ---- a root that loops its own messages back and does not read is pushed back too ------ */
    {
        SOCKET proot = rmp_socket(AF_INET, 0, RMP_PEER_ROOT_FLAGS);
        WSAEVENT ep = WSACreateEvent();
        unsigned count = 0, back = 0;
        static char rbuf[SIZE + 16];
        REQUIRE(proot != INVALID_SOCKET && rmp_listen(proot, &addr) == 0, "a peer-data root (loopback on by default)");
        WSAEventSelect(proot, ep, FD_WRITE | FD_READ);
        rmp_wait(proot, ep, FD_WRITE, 1000, &ne);
        while (count < 100000 && send(proot, g_msg, SIZE, 0) == SIZE)
            count++;
        CHECK(count < 100000 && WSAGetLastError() == WSAEWOULDBLOCK, "sending to itself without reading ends in WSAEWOULDBLOCK");
        while (recv(proot, rbuf, sizeof(rbuf), 0) == SIZE)
            back++;
        {
            double deadline = rmp_now() + 2;
            while (back < count && rmp_now() < deadline) {
                if (recv(proot, rbuf, sizeof(rbuf), 0) == SIZE)
                    back++;
            }
        }
        CHECK_EQ(back, count, "every looped-back message is there to read");
        CHECK(rmp_wait(proot, ep, FD_WRITE, 5000, &ne) & FD_WRITE, "FD_WRITE once it read them");
        closesocket(proot);
    }

    /* ---- a blocking root waits for room instead -------------------------------------------- */
    {
        struct sender s;
        HANDLE t;
        SOCKET broot = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS), leaf;
        unsigned next = 0;
        REQUIRE(broot != INVALID_SOCKET && rmp_listen(broot, &addr) == 0, "a blocking root listens");
        leaf = admit(broot, NULL, &addr);
        REQUIRE(leaf != INVALID_SOCKET, "a leaf joined it");
        memset(&s, 0, sizeof(s));
        s.root = broot;
        for (sent = 0;; sent++) {
            stamp(g_msg, sent);
            InterlockedExchange(&s.done, 0);
            t = CreateThread(NULL, 0, blocking_send, &s, 0, NULL);
            /* A send still running after half a second is blocked. */
            if (t == NULL || WaitForSingleObject(t, 500) == WAIT_TIMEOUT || sent > 100000)
                break;
            CloseHandle(t);
        }
        REQUIRE(t != NULL, "CreateThread starts each sending thread");
        CHECK(InterlockedCompareExchange(&s.done, 0, 0) == 0, "a blocking send waits while the leaf does not read");
        in_order = 1;
        got = drain(leaf, &next, 500, &in_order);
        WaitForSingleObject(t, INFINITE);
        CloseHandle(t);
        CHECK(InterlockedCompareExchange(&s.done, 0, 0) == 1 && s.result == SIZE, "... and completes once it reads");
        got += drain(leaf, &next, 500, &in_order);
        CHECK(got == (long)sent + 1 && in_order, "every message arrived, in order");
        closesocket(leaf);
        closesocket(broot);
    }
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}
