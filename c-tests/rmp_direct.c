/* Rooted multipoint in lockstep, the shape of a request/answer conference in one thread: the
 * root sends, each leaf receives with a blocking recv, a leaf answers and the root receives
 * with a blocking recv. Every message arrives whole and in order. After such blocking
 * receives (which read the connection themselves), the next message is still reported at once
 * to every other way of waiting: select and WSAPoll with a zero timeout, FIONREAD,
 * WSAEventSelect's FD_READ, a close of the other side, and an idle pause longer than the
 * heartbeat timeout does not end the membership.
 * ws2mp-test: timeout=90 */
#include "rmp.h"
#include <stdlib.h>

#define LEAVES 3
#define ROUNDS 300

static SOCKET root, leaf[LEAVES];

static void pause_ms(int ms)
{
    Sleep((DWORD)ms);
}

static void blocking(SOCKET s)
{
    u_long off = 0;
    WSAEventSelect(s, NULL, 0);
    ioctlsocket(s, FIONBIO, &off);
}

static void setup(void)
{
    struct sockaddr_in addr;
    WSANETWORKEVENTS ne;
    WSAEVENT eroot = WSACreateEvent(), ev = WSACreateEvent();
    BOOL off = FALSE;
    DWORD got;
    int i;

    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &addr) == 0, "a root listens");
    WSAEventSelect(root, eroot, FD_ACCEPT);
    for (i = 0; i < LEAVES; i++) {
        leaf[i] = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
        WSAEventSelect(leaf[i], ev, FD_CONNECT);
        REQUIRE(WSAJoinLeaf(leaf[i], (SOCKADDR *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf[i],
                "a leaf asks to join");
        rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
        REQUIRE(accept(root, NULL, NULL) != INVALID_SOCKET, "the root admits it");
        REQUIRE(rmp_wait(leaf[i], ev, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
                "the leaf joined");
        blocking(leaf[i]);
        WSAIoctl(leaf[i], SIO_MULTIPOINT_LOOPBACK, &off, sizeof(off), NULL, 0, &got, NULL, NULL);
    }
    blocking(root);
    REQUIRE(WSAIoctl(root, SIO_MULTIPOINT_LOOPBACK, &off, sizeof(off), NULL, 0, &got, NULL, NULL) == 0,
            "the root does not receive its own messages");
    WSACloseEvent(eroot);
    WSACloseEvent(ev);
}

static void lockstep(void)
{
    char out[64], in[64];
    int r, i, bad = 0, n;
    printf("# lockstep fan-out\n");
    for (r = 0; r < ROUNDS; r++) {
        n = sprintf(out, "round %d", r);
        if (send(root, out, n, 0) != n)
            bad++;
        for (i = 0; i < LEAVES; i++) {
            memset(in, 0, sizeof(in));
            if (recv(leaf[i], in, sizeof(in), 0) != n || memcmp(in, out, (size_t)n) != 0)
                bad++;
        }
    }
    CHECK_EQ(bad, 0, "every leaf received every round, whole and in order, with blocking recv");

    printf("# round trips\n");
    bad = 0;
    for (r = 0; r < ROUNDS; r++) {
        struct sockaddr_in from, mine;
        int flen = sizeof(from), mlen = sizeof(mine);
        n = sprintf(out, "question %d", r);
        if (send(root, out, n, 0) != n)
            bad++;
        for (i = 0; i < LEAVES; i++)
            if (recv(leaf[i], in, sizeof(in), 0) != n)
                bad++;
        n = sprintf(out, "answer %d", r);
        if (send(leaf[r % LEAVES], out, n, 0) != n)
            bad++;
        memset(in, 0, sizeof(in));
        if (recvfrom(root, in, sizeof(in), 0, (SOCKADDR *)&from, &flen) != n || memcmp(in, out, (size_t)n) != 0)
            bad++;
        getsockname(leaf[r % LEAVES], (SOCKADDR *)&mine, &mlen);
        if (!rmp_same_addr(&from, &mine))
            bad++;
    }
    CHECK_EQ(bad, 0, "every answer reached the root with blocking recvfrom, naming its leaf");

    /* Two leaves answer at once: the root's next blocking receive reads both links in one
     * pass; the first answer is not overwritten by the second, and each arrives once. */
    {
        char a[16], b[16];
        int na, nb;
        DWORD tmo = 2000, none = 0;
        setsockopt(root, SOL_SOCKET, SO_RCVTIMEO, (char *)&tmo, sizeof(tmo));
        CHECK_EQ(send(leaf[1], "one", 3, 0), 3, "two leaves answer at once: the first");
        CHECK_EQ(send(leaf[2], "two", 3, 0), 3, "... the second");
        pause_ms(20); /* both arrived; the root still reads its links itself (a tick is 100 ms) */
        memset(a, 0, sizeof(a));
        memset(b, 0, sizeof(b));
        na = recv(root, a, sizeof(a), 0);
        nb = recv(root, b, sizeof(b), 0);
        CHECK(na == 3 && nb == 3 &&
                  ((strcmp(a, "one") == 0 && strcmp(b, "two") == 0) || (strcmp(a, "two") == 0 && strcmp(b, "one") == 0)),
              "the root receives both answers, once each");
        setsockopt(root, SOL_SOCKET, SO_RCVTIMEO, (char *)&none, sizeof(none));
    }

    /* A peek then a receive see the same message. */
    CHECK_EQ(send(root, "peek", 4, 0), 4, "the root sends once more");
    memset(in, 0, sizeof(in));
    CHECK_EQ(recv(leaf[0], in, sizeof(in), MSG_PEEK), 4, "a blocking MSG_PEEK sees it");
    CHECK_EQ(recv(leaf[0], in, sizeof(in), 0), 4, "... and recv takes it");
    CHECK(memcmp(in, "peek", 4) == 0, "... the same bytes");
    for (i = 1; i < LEAVES; i++)
        recv(leaf[i], in, sizeof(in), 0);
}

/* After blocking receives: the other ways of waiting see the next message at once. */
static void other_waits(void)
{
    char in[64];
    fd_set rs;
    struct timeval zero = {0, 0};
    WSAPOLLFD pfd;
    u_long avail = 0;
    WSANETWORKEVENTS ne;
    WSAEVENT ev;
    int i;

    printf("# other waits after blocking receives\n");
    CHECK_EQ(send(root, "sel", 3, 0), 3, "the root sends");
    pause_ms(30);
    FD_ZERO(&rs);
    FD_SET(leaf[0], &rs);
    CHECK_EQ(select(0, &rs, NULL, NULL, &zero), 1, "select with a zero timeout reports the leaf readable");
    CHECK_EQ(recv(leaf[0], in, sizeof(in), 0), 3, "... and recv gets the message");

    pfd.fd = leaf[1];
    pfd.events = POLLRDNORM;
    pfd.revents = 0;
    CHECK_EQ(WSAPoll(&pfd, 1, 0), 1, "WSAPoll with a zero timeout reports another leaf readable");
    CHECK(pfd.revents & POLLRDNORM, "... POLLRDNORM");
    CHECK_EQ(recv(leaf[1], in, sizeof(in), 0), 3, "... and recv gets the message");

    CHECK_EQ(ioctlsocket(leaf[2], FIONREAD, &avail), 0, "FIONREAD on the third leaf");
    CHECK_EQ((long)avail, 3, "... reports the message's size");
    CHECK_EQ(recv(leaf[2], in, sizeof(in), 0), 3, "... and recv gets it");

    /* The root's side: a leaf answers while the root last received with a blocking recv. */
    CHECK_EQ(send(leaf[0], "ans", 3, 0), 3, "a leaf answers");
    pause_ms(30);
    FD_ZERO(&rs);
    FD_SET(root, &rs);
    CHECK_EQ(select(0, &rs, NULL, NULL, &zero), 1, "select with a zero timeout reports the root readable");
    CHECK_EQ(recv(root, in, sizeof(in), 0), 3, "... and recv gets the answer");

    /* An event selection made after blocking receives gets FD_READ for the next message. */
    for (i = 0; i < 3; i++) {
        CHECK_EQ(send(root, "evt", 3, 0), 3, "the root sends");
        CHECK_EQ(recv(leaf[0], in, sizeof(in), 0), 3, "the leaf receives with a blocking recv");
        recv(leaf[1], in, sizeof(in), 0);
        recv(leaf[2], in, sizeof(in), 0);
    }
    ev = WSACreateEvent();
    CHECK_EQ(WSAEventSelect(leaf[0], ev, FD_READ | FD_CLOSE), 0, "then WSAEventSelect(FD_READ)");
    CHECK_EQ(send(root, "evt2", 4, 0), 4, "the root sends again");
    CHECK(rmp_wait(leaf[0], ev, FD_READ, 2000, &ne) & FD_READ, "FD_READ is reported");
    CHECK_EQ(recv(leaf[0], in, sizeof(in), 0), 4, "... and recv gets the message");
    recv(leaf[1], in, sizeof(in), 0);
    recv(leaf[2], in, sizeof(in), 0);
    blocking(leaf[0]);
    WSACloseEvent(ev);
}

/* An idle pause longer than the heartbeat timeout after blocking receives, then more traffic. */
static void idle_then_close(void)
{
    char in[64];
    double t0;
    int i, ok = 1;
    printf("# idle after blocking receives\n");
    pause_ms(1500);
    CHECK_EQ(send(root, "late", 4, 0), 4, "after 1.5 s idle (5 heartbeat timeouts) the root still sends");
    for (i = 0; i < LEAVES; i++)
        if (recv(leaf[i], in, sizeof(in), 0) != 4)
            ok = 0;
    CHECK(ok, "... and every leaf receives it: the memberships lived");
    CHECK_EQ(send(leaf[1], "back", 4, 0), 4, "a leaf answers");
    CHECK_EQ(recv(root, in, sizeof(in), 0), 4, "... and the root receives it");

    /* A leaf that received with blocking recvs leaves: the root's side of it ends promptly. */
    t0 = rmp_now();
    CHECK_EQ(closesocket(root), 0, "the root closes");
    CHECK_EQ(recv(leaf[0], in, sizeof(in), 0), 0, "a leaf blocked in recv reads end-of-file");
    CHECK(rmp_now() - t0 < 2.0, "... promptly");
    for (i = 0; i < LEAVES; i++)
        closesocket(leaf[i]);
}

int main(void)
{
    WSADATA wsa;
#ifdef _WIN32
    _putenv("WS2MP_RMP_HEARTBEAT_MS=300");
#else
    setenv("WS2MP_RMP_HEARTBEAT_MS", "300", 1);
#endif
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    setup();
    lockstep();
    other_waits();
    idle_then_close();
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}
