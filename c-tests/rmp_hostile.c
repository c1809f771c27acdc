/* Rooted multipoint against hostile or broken peers: port-scanner garbage, an oversized length,
 * a bad magic, a wrong version (REJECT WSAEPROTONOSUPPORT), DATA before admission, an oversized
 * DATA and an unknown frame from a joined peer, a connection that never says HELLO, and a flood
 * of connections. Each drops that connection with a log line; the process and the other leaves
 * carry on.
 * ws2mp-test: timeout=90 */
#include "rmp.h"
#include <stdlib.h>
#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

static struct sockaddr_in g_root_addr;

static void header(unsigned char *h, unsigned len, unsigned char type)
{
    h[0] = (unsigned char)(len >> 24);
    h[1] = (unsigned char)(len >> 16);
    h[2] = (unsigned char)(len >> 8);
    h[3] = (unsigned char)len;
    h[4] = type;
    h[5] = h[6] = h[7] = 0;
}

/* A HELLO_JOIN frame (24 bytes) with the given magic and version. */
static int hello(unsigned char *f, unsigned magic, unsigned char version)
{
    header(f, 16, 0x01);
    memset(f + 8, 0, 16);
    f[8] = (unsigned char)(magic >> 24);
    f[9] = (unsigned char)(magic >> 16);
    f[10] = (unsigned char)(magic >> 8);
    f[11] = (unsigned char)magic;
    f[12] = version;
    f[13] = JL_BOTH;
    f[14] = 0;                      /* rooted data */
    f[16] = 0x00, f[17] = 0x00, f[18] = 0x27, f[19] = 0x10; /* 10,000 ms */
    return 24;
}

/* A raw TCP connection to the root (ws2mp's own TCP, non-blocking after connect). */
static SOCKET raw_connect(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    u_long nb = 1;
    if (connect(s, (struct sockaddr *)&g_root_addr, sizeof(g_root_addr)) != 0)
        return INVALID_SOCKET;
    ioctlsocket(s, FIONBIO, &nb);
    return s;
}

/* Sends `len` bytes; then waits up to `ms` for the root to close the connection. Returns 1 if it
 * did (EOF or reset), copying what arrived before into `got`. */
static int dropped(SOCKET s, const void *buf, int len, DWORD ms, unsigned char *got, int *got_len)
{
    double deadline = rmp_now() + ms / 1000.0;
    int total = 0;
    if (len > 0 && send(s, buf, len, 0) != len)
        return 0;
    while (rmp_now() < deadline) {
        unsigned char tmp[256];
        int n = recv(s, (char *)tmp, sizeof(tmp), 0);
        if (n == 0 || (n < 0 && WSAGetLastError() != WSAEWOULDBLOCK)) {
            if (got_len)
                *got_len = total;
            return 1;
        }
        if (n > 0) {
            if (got && total + n <= 256)
                memcpy(got + total, tmp, n);
            total += n;
            continue;
        }
                    Sleep(5);
    }
    return 0;
}

static int leaves_fine(SOCKET root, SOCKET *leaf, int n)
{
    char buf[16];
    int i;
    if (send(root, "alive", 5, 0) != 5)
        return 0;
    for (i = 0; i < n; i++)
        if (rmp_recv_wait(leaf[i], buf, sizeof(buf), 5000, NULL) != 5)
            return 0;
    return 1;
}

int main(void)
{
    WSADATA wsa;
    SOCKET root, leaf[2], c[2], s, flood[160], cbad;
    WSAEVENT eroot, ecbad;
    WSANETWORKEVENTS ne;
    unsigned char f[128], got[256];
    int i, n, got_len;
#ifndef _WIN32
    int log_pipe[2], saved_stderr;
    char logs[65536];
    ssize_t log_len;
#endif
    u_long nb = 1;

    rmp_set_env("WS2MP_LOG", "warn");
#ifndef _WIN32
    /* ws2mp's log goes to stderr: a pipe there captures it. */
    REQUIRE(pipe(log_pipe) == 0, "a pipe to capture ws2mp's log");
    fcntl(log_pipe[0], F_SETFL, fcntl(log_pipe[0], F_GETFL) | O_NONBLOCK);
    fcntl(log_pipe[1], F_SETFL, fcntl(log_pipe[1], F_GETFL) | O_NONBLOCK);
    saved_stderr = dup(2);
    dup2(log_pipe[1], 2);
#endif

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &g_root_addr) == 0, "root listens");
    eroot = WSACreateEvent();
    WSAEventSelect(root, eroot, FD_ACCEPT | FD_READ);
    for (i = 0; i < 2; i++) {
        leaf[i] = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
        CHECK(ioctlsocket(leaf[i], FIONBIO, &nb) == 0 && nb == 1, "FIONBIO on a fresh c_leaf (the argument is left alone)");
        CHECK(WSAJoinLeaf(leaf[i], (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf[i],
              "a good leaf starts joining");
        rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
        c[i] = accept(root, NULL, NULL);
        REQUIRE(c[i] != INVALID_SOCKET, "... and is admitted");
    }
    REQUIRE(leaves_fine(root, leaf, 2), "two good leaves receive the root's data");

    /* Port-scanner garbage: "GET " read as a length is far above the limit. */
    s = raw_connect();
    CHECK(dropped(s, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27, 3000, NULL, NULL), "HTTP garbage: the connection is dropped");
    closesocket(s);
    /* An oversized length in a well-formed header. */
    s = raw_connect();
    header(f, 0x7fffffff, 0x10);
    CHECK(dropped(s, f, 8, 3000, NULL, NULL), "a 2 GiB frame length: dropped at once (nothing allocated)");
    closesocket(s);
    /* Non-zero reserved header bits. */
    s = raw_connect();
    n = hello(f, 0x57534D50, 1);
    f[6] = 1;
    CHECK(dropped(s, f, n, 3000, NULL, NULL), "reserved header bits set: dropped");
    closesocket(s);
    /* A HELLO with a bad magic. */
    s = raw_connect();
    n = hello(f, 0x12345678, 1);
    CHECK(dropped(s, f, n, 3000, NULL, NULL), "a HELLO with a bad magic: dropped");
    closesocket(s);
    /* A HELLO of version 2: REJECT WSAEPROTONOSUPPORT, then close. */
    s = raw_connect();
    n = hello(f, 0x57534D50, 2);
    got_len = 0;
    CHECK(dropped(s, f, n, 3000, got, &got_len), "a version-2 HELLO: the connection is closed");
    CHECK(got_len == 12 && got[4] == 0x04 && ((got[8] << 24) | (got[9] << 16) | (got[10] << 8) | got[11]) == WSAEPROTONOSUPPORT,
          "... after a REJECT with WSAEPROTONOSUPPORT");
    closesocket(s);
    /* An unknown frame type before the HELLO. */
    s = raw_connect();
    header(f, 0, 0x7e);
    CHECK(dropped(s, f, 8, 3000, NULL, NULL), "an unknown frame type: dropped");
    closesocket(s);
    /* DATA while the request is pending: the request is withdrawn with the connection. */
    s = raw_connect();
    n = hello(f, 0x57534D50, 1);
    header(f + n, 2, 0x10);
    f[n + 8] = 'h', f[n + 9] = 'i';
    CHECK(dropped(s, f, n + 10, 3000, NULL, NULL), "DATA before admission: dropped");
    closesocket(s);
            Sleep(100);
    rmp_wait(root, eroot, FD_ACCEPT, 100, &ne);
    CHECK(accept(root, NULL, NULL) == INVALID_SOCKET && WSAGetLastError() == WSAEWOULDBLOCK,
          "... and no join request is left for the program");
    CHECK(leaves_fine(root, leaf, 2), "the good leaves are unaffected");

    /* A raw peer that is admitted, then misbehaves. */
    s = raw_connect();
    n = hello(f, 0x57534D50, 1);
    CHECK_EQ(send(s, (char *)f, n, 0), n, "a raw peer sends a valid HELLO");
    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "the root sees its join request");
    cbad = accept(root, NULL, NULL);
    CHECK(cbad != INVALID_SOCKET, "... and admits it");
    ecbad = WSACreateEvent();
    WSAEventSelect(cbad, ecbad, FD_CLOSE);
    header(f, 70000, 0x10);
    CHECK(dropped(s, f, 8, 3000, NULL, NULL), "a joined peer announcing a 70,000-byte DATA: dropped");
    CHECK(rmp_wait(cbad, ecbad, FD_CLOSE, 5000, &ne) & FD_CLOSE, "its c_leaf socket sees FD_CLOSE");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNABORTED, "... with WSAECONNABORTED");
    closesocket(s);
    closesocket(cbad);
    CHECK(leaves_fine(root, leaf, 2), "the good leaves are unaffected");

    /* A connection that never says HELLO is dropped after the handshake timeout (5 s). */
    s = raw_connect();
    CHECK(!dropped(s, NULL, 0, 3500, NULL, NULL), "a silent connection is kept for a while");
    CHECK(dropped(s, NULL, 0, 4000, NULL, NULL), "... and dropped after the 5 s handshake timeout");
    closesocket(s);

    /* A flood of connections: at most 128 handshakes are in progress; the rest wait in the
     * kernel's listen queue (as past a TCP backlog), and none is closed at once. */
    for (i = 0; i < 160; i++)
        flood[i] = raw_connect();
    {
        int closed = 0;
        Sleep(500);
        for (i = 0; i < 160; i++) {
            char b;
            n = recv(flood[i], &b, 1, 0);
            if (n == 0 || (n < 0 && WSAGetLastError() != WSAEWOULDBLOCK))
                closed++;
        }
        CHECK_EQ(closed, 0, "beyond 128 pending handshakes, connections wait instead of being closed");
    }
    for (i = 0; i < 160; i++)
        closesocket(flood[i]);
    CHECK(leaves_fine(root, leaf, 2), "the good leaves are unaffected by the flood");
    {
        SOCKET late = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
        Sleep(300);
        ioctlsocket(late, FIONBIO, &nb);
        CHECK(WSAJoinLeaf(late, (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), NULL, NULL, NULL, NULL, JL_BOTH) == late,
              "after the flood a leaf asks to join");
        CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "... and the root sees it");
        s = accept(root, NULL, NULL);
        CHECK(s != INVALID_SOCKET, "... and admits it");
        closesocket(s);
        closesocket(late);
    }

#ifndef _WIN32
    /* The log names every drop. */
    fflush(stderr);
    log_len = read(log_pipe[0], logs, sizeof(logs) - 1);
    logs[log_len > 0 ? log_len : 0] = 0;
    dup2(saved_stderr, 2);
    CHECK(strstr(logs, "frame length") != NULL, "log: the oversized length is named");
    CHECK(strstr(logs, "bad magic") != NULL, "log: the bad magic is named");
    CHECK(strstr(logs, "unknown frame type") != NULL, "log: the unknown type is named");
    CHECK(strstr(logs, "handshakes already in progress") != NULL, "log: the flood is named");
    CHECK(strstr(logs, "no HELLO within the handshake timeout") != NULL, "log: the silent connection is named");
    fputs(logs, stderr);
#endif

    closesocket(leaf[0]);
    closesocket(leaf[1]);
    closesocket(c[0]);
    closesocket(c[1]);
    closesocket(root);
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
    return check_done();
}
