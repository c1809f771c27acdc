/*
 * Cancelling a pending receive just before or just after data arrives loses nothing: the receive either
 * completes with the data (it was already received) or is cancelled and the data goes to the
 * next receive, in stream order. The same with two receives pending when the first is
 * cancelled. A receive that completed never has its buffer written afterwards: bytes past
 * the reported count keep the program's filler. closesocket as data arrives completes the
 * receive once, with the data or ERROR_CONNECTION_ABORTED. Each round is repeated, as the outcome
 * depends on timing (with io_uring the first receive is in the kernel's hands).
 */
#include "ovl_util.h"

#define ROUNDS 200

/* Reads exactly n bytes with plain recv (the socket has a receive timeout). */
static int recv_exact(SOCKET s, char *p, int n)
{
    int got = 0;
    while (got < n) {
        int r = recv(s, p + got, n - got, 0);
        if (r <= 0)
            return got;
        got += r;
    }
    return got;
}

int main(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov[2];
    WSABUF wb[2];
    char buf[2][8], msg[16], stream[32];
    DWORD flags = 0, got;
    DWORD timeout = 2000;
    int i, k, lost = 0, misordered = 0, overwritten = 0, completed = 0, cancelled = 0;

    ovl_start();
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof(timeout));
    for (k = 0; k < 2; k++)
        ovl_init(&ov[k]);

    /* One receive; data sent, then the receive cancelled at once. */
    for (i = 0; i < ROUNDS; i++) {
        int n;
        sprintf(msg, "%04d", i % 10000);
        WSAResetEvent(ov[0].hEvent);
        memset(buf[0], '#', sizeof(buf[0]));
        wb[0].buf = buf[0];
        wb[0].len = 4;
        if (WSARecv(b, &wb[0], 1, NULL, &flags, &ov[0], NULL) != SOCKET_ERROR || WSAGetLastError() != WSA_IO_PENDING) {
            lost++;
            continue;
        }
        /* Odd rounds cancel first: the data then goes to the next receive. */
        if (i & 1) {
            CancelIoEx((HANDLE)b, &ov[0]);
            send(a, msg, 4, 0);
        } else {
            send(a, msg, 4, 0);
            CancelIoEx((HANDLE)b, &ov[0]);
        }
        if (!ovl_signalled(ov[0].hEvent, 2000)) {
            lost++;
            break;
        }
        if (GetOverlappedResult((HANDLE)b, &ov[0], &got, FALSE)) {
            completed++;
            if (got != 4 || memcmp(buf[0], msg, 4) != 0)
                lost++;
        } else {
            cancelled++;
            if (GetLastError() != ERROR_OPERATION_ABORTED || got != 0)
                lost++;
            if (memcmp(buf[0] + 4, "####", 4) != 0)
                overwritten++;
            n = recv_exact(b, buf[1], 4);
            if (n != 4 || memcmp(buf[1], msg, 4) != 0)
                lost++;
        }
        if (memcmp(buf[0] + 4, "####", 4) != 0)
            overwritten++;
    }
    printf("# one receive: %d completed with the data, %d cancelled\n", completed, cancelled);
    CHECK_EQ(lost, 0, "cancelling a receive as data arrives loses and reorders nothing");
    CHECK_EQ(overwritten, 0, "... and nothing is written past the count");

    /* Two receives; data sent, then the first cancelled: the stream stays whole, in order. */
    completed = cancelled = 0;
    for (i = 0; i < ROUNDS; i++) {
        int len = 0, first_ok;
        sprintf(msg, "%04dB%03d", i % 10000, i % 1000);
        for (k = 0; k < 2; k++) {
            WSAResetEvent(ov[k].hEvent);
            memset(buf[k], '#', sizeof(buf[k]));
            wb[k].buf = buf[k];
            wb[k].len = 4;
            if (WSARecv(b, &wb[k], 1, NULL, &flags, &ov[k], NULL) != SOCKET_ERROR ||
                WSAGetLastError() != WSA_IO_PENDING)
                lost++;
        }
        if (i & 1) {
            CancelIoEx((HANDLE)b, &ov[0]);
            send(a, msg, 4, 0);
        } else {
            send(a, msg, 4, 0);
            CancelIoEx((HANDLE)b, &ov[0]);
        }
        if (!ovl_signalled(ov[0].hEvent, 2000)) {
            lost++;
            break;
        }
        first_ok = GetOverlappedResult((HANDLE)b, &ov[0], &got, FALSE);
        if (first_ok) {
            completed++;
            memcpy(stream + len, buf[0], got);
            len += (int)got;
        } else {
            cancelled++;
        }
        send(a, msg + 4, 4, 0);
        if (!ovl_signalled(ov[1].hEvent, 2000) || !GetOverlappedResult((HANDLE)b, &ov[1], &got, FALSE)) {
            lost++;
            break;
        }
        memcpy(stream + len, buf[1], got);
        len += (int)got;
        if (memcmp(buf[1] + got, "####", 4) != 0 && got <= 4)
            overwritten++;
        /* What is left of the 8 bytes is read plainly. */
        len += recv_exact(b, stream + len, 8 - len);
        if (len != 8)
            lost++;
        else if (memcmp(stream, msg, 8) != 0)
            misordered++;
    }
    printf("# two receives: the first %d times completed, %d times cancelled\n", completed, cancelled);
    CHECK_EQ(lost, 0, "cancelling the first of two receives as data arrives loses nothing");
    CHECK_EQ(misordered, 0, "... and keeps the stream's order");
    CHECK_EQ(overwritten, 0, "... and nothing is written past the count");

    closesocket(a);
    closesocket(b);

    /* closesocket as data arrives: the receive completes once, with the data or aborted. */
    completed = cancelled = 0;
    for (i = 0; i < 50; i++) {
        REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
        WSAResetEvent(ov[0].hEvent);
        memset(buf[0], '#', sizeof(buf[0]));
        wb[0].buf = buf[0];
        wb[0].len = 4;
        if (WSARecv(b, &wb[0], 1, NULL, &flags, &ov[0], NULL) != SOCKET_ERROR || WSAGetLastError() != WSA_IO_PENDING)
            lost++;
        send(a, "data", 4, 0);
        closesocket(b);
        if (!ovl_signalled(ov[0].hEvent, 2000)) {
            lost++;
            closesocket(a);
            break;
        }
        if (GetOverlappedResult((HANDLE)b, &ov[0], &got, FALSE)) {
            completed++;
            if (got != 4 || memcmp(buf[0], "data", 4) != 0)
                lost++;
        } else {
            cancelled++;
            if (GetLastError() != ERROR_CONNECTION_ABORTED || got != 0)
                lost++;
        }
        if (memcmp(buf[0] + 4, "####", 4) != 0)
            overwritten++;
        closesocket(a);
    }
    printf("# closesocket: %d completed with the data, %d aborted\n", completed, cancelled);
    CHECK_EQ(lost, 0, "closesocket as data arrives: the receive has the data or ERROR_CONNECTION_ABORTED");
    CHECK_EQ(overwritten, 0, "... and nothing is written past the count");

    for (k = 0; k < 2; k++)
        WSACloseEvent(ov[k].hEvent);
    WSACleanup();
    return check_done();
}
