/* Rooted multipoint under a stream of random and mutated input over real connections: 6,000
 * connections to a listening root and to a listening c_leaf, each sending a seeded mix of
 * random bytes, valid frames and damaged frames (split into random-sized writes), some left
 * half-open, some reset. Meanwhile a joined leaf keeps receiving the root's messages in order.
 * Afterwards the process is healthy: new joins and invitations work.
 * ws2mp-test: timeout=120 */
#include "rmp.h"
#include <stdlib.h>

static unsigned long long g_rng = 0x5753504d55ULL;

static unsigned long long next_rand(void)
{
    unsigned long long z = (g_rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
    return n ? (unsigned)(next_rand() % n) : 0;
}

/* accept on a non-blocking listener, waiting up to 5 s. */
static SOCKET accept_wait(SOCKET l)
{
    double deadline = rmp_now() + 5;
    for (;;) {
        SOCKET x = accept(l, NULL, NULL);
        if (x != INVALID_SOCKET || WSAGetLastError() != WSAEWOULDBLOCK || rmp_now() > deadline)
            return x;
                    Sleep(5);
    }
}

static int put_frame(unsigned char *f, unsigned type, const unsigned char *body, unsigned len)
{
    f[0] = (unsigned char)(len >> 24);
    f[1] = (unsigned char)(len >> 16);
    f[2] = (unsigned char)(len >> 8);
    f[3] = (unsigned char)len;
    f[4] = (unsigned char)type;
    f[5] = f[6] = f[7] = 0;
    memcpy(f + 8, body, len);
    return (int)(8 + len);
}

/* A plausible HELLO (JOIN or INVITE), with random JL flags and data. */
static int put_hello(unsigned char *f, int invite)
{
    unsigned char b[16 + 64];
    unsigned data = below(64);
    unsigned i;
    memset(b, 0, sizeof(b));
    b[0] = 'W', b[1] = 'S', b[2] = 'M', b[3] = 'P';
    b[4] = below(10) ? 1 : (unsigned char)below(4);
    b[5] = (unsigned char)(1u << below(3));
    b[6] = (unsigned char)below(2);
    b[10] = 0x27, b[11] = 0x10;
    b[15] = (unsigned char)data;
    for (i = 0; i < data; i++)
        b[16 + i] = (unsigned char)next_rand();
    return put_frame(f, invite ? 0x02 : 0x01, b, 16 + data);
}

/* One connection's input: a mix, damaged now and then. Returns its length. */
static int garbage(unsigned char *buf, int cap, int invite)
{
    int n = 0;
    while (n < cap - 256) {
        unsigned kind = below(10), len, i;
        unsigned char body[160];
        if (kind < 3) {
            n += put_hello(buf + n, invite);
        } else if (kind < 6) {
            len = below(128);
            for (i = 0; i < len; i++)
                body[i] = (unsigned char)next_rand();
            n += put_frame(buf + n, (unsigned[]){0x03, 0x04, 0x10, 0x11, 0x20, 0x21, 0x7f}[below(7)], body, len);
        } else if (kind < 8) {
            len = below(64);
            for (i = 0; i < len; i++)
                buf[n + (int)i] = (unsigned char)next_rand();
            n += (int)len;
        } else {
            break;
        }
        if (below(4) == 0 && n > 0)
            buf[below((unsigned)n)] ^= (unsigned char)(1u << below(8));
    }
    return n;
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, leaf, c, lv;
    WSAEVENT eroot, elv;
    WSANETWORKEVENTS ne;
    struct sockaddr_in root_addr, lv_addr;
    static unsigned char buf[4096];
    unsigned seq = 0, next = 0;
    int i, len, bad_order = 0;
    u_long nb = 1;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &root_addr) == 0, "a root listens");
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_ACCEPT);
    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    ioctlsocket(leaf, FIONBIO, &nb);
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&root_addr, sizeof(root_addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf,
          "a good leaf joins");
    rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
    c = accept(root, NULL, NULL);
    REQUIRE(c != INVALID_SOCKET, "... admitted");
    lv = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    lv_addr = rmp_loopback(0);
    len = sizeof(lv_addr);
    REQUIRE(bind(lv, (struct sockaddr *)&lv_addr, sizeof(lv_addr)) == 0 && listen(lv, 64) == 0 &&
                getsockname(lv, (struct sockaddr *)&lv_addr, &len) == 0,
            "a c_leaf listens for invitations");
    elv = WSACreateEvent();
    WSAEventSelect(lv, elv, FD_ACCEPT);

    for (i = 0; i < 6000; i++) {
        int invite = i % 2, n, off = 0;
        struct sockaddr_in *to = invite ? &lv_addr : &root_addr;
        SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(s, (struct sockaddr *)to, sizeof(*to)) != 0) {
            closesocket(s);
            continue;
        }
        n = garbage(buf, sizeof(buf), invite);
        while (off < n) {
            int part = 1 + (int)below((unsigned)(n - off));
            if (send(s, (char *)buf + off, part, 0) != part)
                break;
            off += part;
        }
        if (below(3) == 0) {
            struct linger lg = {1, 0};
            setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof(lg)); /* reset */
        }
        closesocket(s);
        /* Admit or refuse whatever became a pending request, at random. */
        if (i % 50 == 0) {
            SOCKET x;
            ioctlsocket(root, FIONBIO, &nb);
            while ((x = accept(root, NULL, NULL)) != INVALID_SOCKET)
                closesocket(x);
            ioctlsocket(lv, FIONBIO, &nb);
            while ((x = accept(lv, NULL, NULL)) != INVALID_SOCKET)
                closesocket(x);
        }
        /* The good leaf keeps receiving, in order. */
        if (send(root, (char *)&seq, sizeof(seq), 0) == sizeof(seq))
            seq++;
        while (recv(leaf, (char *)buf, sizeof(buf), 0) == sizeof(unsigned)) {
            unsigned got;
            memcpy(&got, buf, sizeof(got));
            if (got != next)
                bad_order = 1;
            next = got + 1;
        }
    }
    {
        double deadline = rmp_now() + 5;
        while (next < seq && rmp_now() < deadline) {
            if (recv(leaf, (char *)buf, sizeof(buf), 0) == sizeof(unsigned)) {
                unsigned got;
                memcpy(&got, buf, sizeof(got));
                if (got != next)
                    bad_order = 1;
                next = got + 1;
            }
        }
    }
    CHECK(seq > 5900, "the root kept sending throughout");
    CHECK(next == seq && !bad_order, "the good leaf received every message, in order");
    CHECK_EQ(send(c, "still", 5, 0), 5, "its c_leaf socket still works");

    /* The process is healthy: a new join and a new invitation work. */
    {
        SOCKET l2 = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS), c2, c3, inv;
        Sleep(300);
        while ((c2 = accept(root, NULL, NULL)) != INVALID_SOCKET) /* leftovers */
            closesocket(c2);
        while ((c2 = accept(lv, NULL, NULL)) != INVALID_SOCKET)
            closesocket(c2);
        ioctlsocket(l2, FIONBIO, &nb);
        CHECK(WSAJoinLeaf(l2, (struct sockaddr *)&root_addr, sizeof(root_addr), NULL, NULL, NULL, NULL, JL_BOTH) == l2,
              "a new leaf joins after the storm");
        c2 = accept_wait(root);
        CHECK_EQ(c2 != INVALID_SOCKET ? 0 : WSAGetLastError(), 0, "... and is admitted");
        WSAEventSelect(root, eroot, FD_ACCEPT | FD_CONNECT);
        c3 = WSAJoinLeaf(root, (struct sockaddr *)&lv_addr, sizeof(lv_addr), NULL, NULL, NULL, NULL, JL_BOTH);
        CHECK(c3 != INVALID_SOCKET, "the root invites the listening c_leaf");
        inv = accept_wait(lv);
        CHECK_EQ(inv != INVALID_SOCKET ? 0 : WSAGetLastError(), 0, "... which accepts");
        /* The invited leaf is a member once the root has its answer (FD_CONNECT). */
        CHECK(rmp_wait(root, eroot, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
              "the root sees FD_CONNECT 0");
        CHECK_EQ(send(root, "fine", 4, 0), 4, "the root sends");
        CHECK_EQ(rmp_recv_wait(l2, (char *)buf, sizeof(buf), 5000, NULL), 4, "the new leaf receives");
        CHECK_EQ(rmp_recv_wait(inv, (char *)buf, sizeof(buf), 5000, NULL), 4, "the invited leaf receives");
        closesocket(l2);
        closesocket(c2);
        closesocket(c3);
        closesocket(inv);
    }
    closesocket(leaf);
    closesocket(c);
    closesocket(lv);
    closesocket(root);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}
