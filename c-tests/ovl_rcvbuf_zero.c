/*
 * SO_RCVBUF 0, Windows' "no buffering in the stack", in the shape of an RTP or market-data
 * receiver: an overlapped UDP socket sets SO_RCVBUF to 0 (it reads back 0), keeps 64
 * WSARecvFrom outstanding on a completion port, and a sender bursts 64 datagrams of 1,200
 * bytes at it. On Windows every datagram lands in a posted receive; here the system's minimum
 * buffer (a few KiB) must not be what the socket gets, or most of the burst is dropped.
 * The same for a TCP receiver: SO_RCVBUF 0 must not shrink the connection's window, so
 * 4 MiB still arrive whole through overlapped receives. And a 16 MiB SO_RCVBUF is granted
 * whole where the process may exceed the system's cap (root).
 */
#include "ovl_util.h"
#ifdef _WIN32
#define may_exceed_cap() 1 /* Windows has no cap */
#else
#include <unistd.h>
#define may_exceed_cap() (geteuid() == 0)
#endif

#define POSTED 64
#define DGRAM 1200

/* The C library's getsockopt, to look at the kernel's own buffer behind ws2mp. */
#define NATIVE_STR2(x) #x
#define NATIVE_STR(x) NATIVE_STR2(x)
int native_getsockopt(int fd, int level, int name, void *val, unsigned int *len)
    __asm__(NATIVE_STR(__USER_LABEL_PREFIX__) "getsockopt");

struct recv_op {
    WSAOVERLAPPED ov; /* first: the completion hands this address back */
    WSABUF wb;
    char buf[DGRAM + 100];
    SOCKADDR_IN from;
    int fromlen;
    DWORD flags;
};

static int kernel_rcvbuf(SOCKET s)
{
    int v = 0;
    unsigned int len = sizeof v;
    native_getsockopt((int)s, SOL_SOCKET, SO_RCVBUF, &v, &len);
    return v;
}

static int post(SOCKET s, struct recv_op *op)
{
    memset(&op->ov, 0, sizeof op->ov);
    op->wb.buf = op->buf;
    op->wb.len = sizeof op->buf;
    op->fromlen = sizeof op->from;
    op->flags = 0;
    if (WSARecvFrom(s, &op->wb, 1, NULL, &op->flags, (SOCKADDR *)&op->from, &op->fromlen, &op->ov, NULL) == 0)
        return 0;
    return WSAGetLastError() == WSA_IO_PENDING ? 0 : -1;
}

static void datagram_burst(void)
{
    static struct recv_op ops[POSTED];
    static char payload[DGRAM];
    struct sockaddr_in addr;
    SOCKET r = ovl_udp(&addr);
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    HANDLE port;
    DWORD zero = 0, got = 0xdead, bytes;
    int len = sizeof got, before, i, received = 0, intact = 1, posted = 1;
    ULONG_PTR key;
    LPOVERLAPPED done;

    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET, "an overlapped UDP receiver and a sender");
    before = kernel_rcvbuf(r);
    CHECK_EQ(setsockopt(r, SOL_SOCKET, SO_RCVBUF, (char *)&zero, sizeof zero), 0, "SO_RCVBUF 0 on the receiver");
    CHECK(getsockopt(r, SOL_SOCKET, SO_RCVBUF, (char *)&got, &len) == 0 && got == 0 && len == 4, "... reads back 0");
    CHECK(kernel_rcvbuf(r) >= before, "... and the system's buffer is not shrunk to its minimum");
    port = CreateIoCompletionPort((HANDLE)r, NULL, 7, 0);
    REQUIRE(port != NULL, "the receiver on a completion port");
    for (i = 0; i < POSTED; i++)
        posted &= post(r, &ops[i]) == 0;
    CHECK(posted, "64 WSARecvFrom outstanding");

    for (i = 0; i < POSTED; i++) {
        memset(payload, 'a' + i % 26, sizeof payload);
        payload[0] = (char)i;
        if (sendto(s, payload, sizeof payload, 0, (SOCKADDR *)&addr, sizeof addr) != DGRAM)
            break;
    }
    CHECK_EQ(i, POSTED, "the sender bursts 64 datagrams of 1,200 bytes");

    while (received < POSTED && GetQueuedCompletionStatus(port, &bytes, &key, &done, 2000)) {
        struct recv_op *op = (struct recv_op *)done;
        int n = (unsigned char)op->buf[0];
        if (bytes != DGRAM || key != 7 || op->buf[DGRAM - 1] != 'a' + n % 26)
            intact = 0;
        received++;
    }
    CHECK_EQ(received, POSTED, "every datagram of the burst completes a posted receive");
    CHECK(intact, "... each whole, with the socket's key");
    closesocket(s);
    closesocket(r);
    /* The receives closesocket cancelled come back before the port goes. */
    while (GetQueuedCompletionStatus(port, &bytes, &key, &done, 200))
        ;
    CloseHandle(port);
}

static DWORD WINAPI send_stream(LPVOID arg)
{
    static char chunk[65536];
    SOCKET c = (SOCKET)arg;
    int total = 0;
    memset(chunk, 'z', sizeof chunk);
    while (total < 4 << 20) {
        int n = send(c, chunk, sizeof chunk, 0);
        if (n <= 0)
            break;
        total += n;
    }
    shutdown(c, SD_SEND);
    return (DWORD)total;
}

static void stream_window(void)
{
    static char buf[65536];
    SOCKET c, sv;
    WSAOVERLAPPED ov;
    WSABUF wb;
    DWORD zero = 0, bytes, flags, sent = 0;
    HANDLE th;
    long long total = 0;
    int before;

    REQUIRE(ovl_tcp_pair(&c, &sv) == 0, "a TCP pair");
    before = kernel_rcvbuf(sv);
    CHECK_EQ(setsockopt(sv, SOL_SOCKET, SO_RCVBUF, (char *)&zero, sizeof zero), 0, "SO_RCVBUF 0 on the TCP receiver");
    CHECK(kernel_rcvbuf(sv) >= before, "... the connection's window is not shrunk");
    th = CreateThread(NULL, 0, send_stream, (LPVOID)c, 0, NULL);
    REQUIRE(th != NULL, "a sender thread writes 4 MiB");
    ovl_init(&ov);
    for (;;) {
        wb.buf = buf;
        wb.len = sizeof buf;
        flags = 0;
        if (WSARecv(sv, &wb, 1, NULL, &flags, &ov, NULL) != 0 && WSAGetLastError() != WSA_IO_PENDING)
            break;
        if (!WSAGetOverlappedResult(sv, &ov, &bytes, TRUE, &flags) || bytes == 0)
            break;
        total += bytes;
    }
    WaitForSingleObject(th, INFINITE);
    GetExitCodeThread(th, &sent);
    CloseHandle(th);
    CHECK_EQ(total, 4 << 20, "overlapped receives get all 4 MiB");
    CHECK_EQ(sent, 4 << 20, "... everything the sender sent");
    WSACloseEvent(ov.hEvent);
    closesocket(c);
    closesocket(sv);
}

/* A market-data receiver asks for 16 MiB. Windows gives it; Linux caps SO_RCVBUF at
 * net.core.rmem_max unless the process may exceed it (CAP_NET_ADMIN), which ws2mp then uses. */
static void large_buffer(void)
{
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    DWORD want = 16 << 20, got = 0;
    int len = sizeof got;
    REQUIRE(u != INVALID_SOCKET, "a UDP socket");
    CHECK_EQ(setsockopt(u, SOL_SOCKET, SO_RCVBUF, (char *)&want, sizeof want), 0, "SO_RCVBUF 16 MiB");
    CHECK(getsockopt(u, SOL_SOCKET, SO_RCVBUF, (char *)&got, &len) == 0 && got == want, "... reads back 16 MiB");
    if (may_exceed_cap())
        CHECK(kernel_rcvbuf(u) >= (int)want, "... and, for a privileged process, the system's buffer has it");
    else
        printf("# SKIPPED: the system's 16 MiB buffer needs root (CAP_NET_ADMIN); run as root to check it\n");
    closesocket(u);
}

int main(void)
{
    ovl_start();
    datagram_burst();
    stream_window();
    large_buffer();
    WSACleanup();
    return check_done();
}
