/* A non-blocking TCP send takes the whole buffer, as on Windows (Wine's conformance tests:
 * "Windows will never send less than buffer_size bytes here"; the stack buffers beyond
 * SO_SNDBUF), or fails with WSAEWOULDBLOCK while earlier data still waits: a legacy client
 * that ignores the count loses nothing when its peer reads slowly. The bytes arrive in order;
 * closesocket with data still buffered sends it, then closes gracefully; shutdown(SD_SEND)
 * sends it before the FIN; SO_LINGER {1, 0} drops it and resets the connection; WSASend's
 * buffer list is taken whole too. */
#include "event_util.h"
#include <stdlib.h>
#include <string.h>

#define BIG (8 * 1024 * 1024)

static unsigned char pattern(int i)
{
    return (unsigned char)((i * 7 + (i >> 13)) & 0xff);
}

/* Reads until the end of the stream (or an error) on a blocking socket; checks the pattern.
 * Returns the byte count, or -1 - count after a failure (WSAGetLastError() tells which). */
static int read_all(SOCKET s, int *bad_at)
{
    static char buf[65536];
    int got = 0, n, i;
    *bad_at = -1;
    for (;;) {
        n = recv(s, buf, sizeof(buf), 0);
        if (n == 0)
            return got;
        if (n < 0)
            return -1 - got;
        for (i = 0; i < n; i++)
            if (*bad_at < 0 && (unsigned char)buf[i] != pattern(got + i))
                *bad_at = got + i;
        got += n;
    }
}

static SOCKET nonblocking_client(SOCKET *server)
{
    SOCKET c;
    u_long on = 1;
    REQUIRE(tcp_pair(&c, server) == 0, "loopback TCP pair");
    REQUIRE(ioctlsocket(c, FIONBIO, &on) == 0, "FIONBIO on the client");
    return c;
}

int main(void)
{
    SOCKET c, s;
    char *data = malloc(BIG), small[16];
    int i, n, bad_at, total;
    struct linger abortive = {1, 0};

    start_winsock();
    REQUIRE(data != NULL, "8 MB buffer");
    for (i = 0; i < BIG; i++)
        data[i] = (char)pattern(i);

    /* 1. One send of 8 MB, nobody reading yet: the whole buffer is taken. */
    c = nonblocking_client(&s);
    CHECK_EQ(send(c, data, BIG, 0), BIG, "non-blocking send of 8 MB returns the whole length");
    n = send(c, data, 1000, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          "the next send fails with WSAEWOULDBLOCK while the 8 MB wait");
    /* closesocket with data buffered: sent in the background, then a graceful close. */
    CHECK_EQ(closesocket(c), 0, "closesocket with data still buffered");
    n = read_all(s, &bad_at);
    CHECK_EQ(n, BIG, "the reader gets all 8 MB, then the end of the stream (graceful close)");
    CHECK_EQ(bad_at, -1, "... every byte in order");
    closesocket(s);

    /* 2. The bytes of several sends keep their order. */
    c = nonblocking_client(&s);
    total = 0;
    for (i = 0; i < 64; i++) {
        n = send(c, data + total, 256 * 1024, 0);
        if (n == SOCKET_ERROR) {
            CHECK_EQ(WSAGetLastError(), WSAEWOULDBLOCK, "a send that cannot be taken: WSAEWOULDBLOCK");
            break;
        }
        CHECK_EQ(n, 256 * 1024, "each accepted send is taken whole");
        total += n;
    }
    CHECK(i < 64, "the sender meets WSAEWOULDBLOCK before 16 MB");
    /* 3. shutdown(SD_SEND) with data buffered: the data, then the FIN. */
    CHECK_EQ(shutdown(c, SD_SEND), 0, "shutdown(SD_SEND) with data buffered");
    n = send(c, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "send after SD_SEND: WSAESHUTDOWN");
    n = read_all(s, &bad_at);
    CHECK_EQ(n, total, "the reader gets every byte sent before shutdown, then the end of the stream");
    CHECK_EQ(bad_at, -1, "... in order");
    /* Receiving still works on the half-closed client. */
    CHECK_EQ(send(s, "bye", 3, 0), 3, "the server answers");
    {
        long long deadline = now_ms() + 5000;
        n = -1;
        while (now_ms() < deadline) {
            n = recv(c, small, sizeof(small), 0);
            if (n >= 0 || WSAGetLastError() != WSAEWOULDBLOCK)
                break;
            sleep_ms(5);
        }
        CHECK_EQ(n, 3, "the client still receives after SD_SEND");
    }
    closesocket(c);
    closesocket(s);

    /* 4. Abortive close (SO_LINGER {1, 0}) drops what is buffered and resets the connection. */
    c = nonblocking_client(&s);
    CHECK_EQ(send(c, data, BIG, 0), BIG, "8 MB taken");
    CHECK_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&abortive, sizeof(abortive)), 0,
             "SO_LINGER {1, 0}");
    CHECK_EQ(closesocket(c), 0, "abortive closesocket");
    n = read_all(s, &bad_at);
    CHECK(n < 0 && -1 - n < BIG, "the reader does not get all 8 MB");
    CHECK_EQ(WSAGetLastError(), WSAECONNRESET, "... but a reset");
    CHECK_EQ(bad_at, -1, "what did arrive is in order");
    closesocket(s);

    /* 5. WSASend of two buffers (gather) is taken whole too, both in order. */
    c = nonblocking_client(&s);
    {
        WSABUF two[2];
        DWORD sent = 0;
        two[0].buf = data;
        two[0].len = BIG / 2;
        two[1].buf = data + BIG / 2;
        two[1].len = BIG / 2;
        CHECK_EQ(WSASend(c, two, 2, &sent, 0, NULL, NULL), 0, "non-blocking WSASend of 2 x 4 MB");
        CHECK_EQ((int)sent, BIG, "... reports all 8 MB sent");
    }
    closesocket(c);
    n = read_all(s, &bad_at);
    CHECK_EQ(n, BIG, "the reader gets both buffers");
    CHECK_EQ(bad_at, -1, "... in order");
    closesocket(s);

    /* 6. Bad input keeps Windows' errors. */
    c = nonblocking_client(&s);
    n = send(c, NULL, 100, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "send from a NULL buffer: WSAEFAULT");
    CHECK_EQ(send(c, data, BIG, 0), BIG, "8 MB taken");
    n = send(c, NULL, 100, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "send from a NULL buffer while data waits: still WSAEFAULT");
    n = send(c, data, 1, MSG_PARTIAL);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAEOPNOTSUPP, "MSG_PARTIAL: WSAEOPNOTSUPP");
    closesocket(c);
    n = read_all(s, &bad_at);
    CHECK_EQ(n, BIG, "the 8 MB still arrive");
    closesocket(s);

    free(data);
    WSACleanup();
    return check_done();
}
