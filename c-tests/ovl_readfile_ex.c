/* ReadFileEx and WriteFileEx on sockets with completion routines, as a routine-driven legacy
 * server writes them: the call returns TRUE (pending or completed at once) and the routine
 * runs on the issuing thread only in an alertable wait (SleepEx, WaitForSingleObjectEx),
 * which then returns WAIT_IO_COMPLETION; it gets a Win32 error code (0,
 * ERROR_OPERATION_ABORTED after CancelIo, ERROR_CONNECTION_ABORTED after closesocket, ERROR_MORE_DATA for a truncated
 * datagram), the byte count and the OVERLAPPED, whose hEvent the program may use for its own
 * data; a read posted from inside a routine keeps a ping-pong going; a NULL OVERLAPPED is
 * ERROR_INVALID_PARAMETER and a handle that is not a socket ERROR_INVALID_HANDLE. */
#include "ovl_util.h"

#define ROUNDS 200

struct op {
    OVERLAPPED ov; /* first: the routine gets &ov back */
    int runs;
    DWORD error, bytes;
    DWORD thread;
};

static void CALLBACK done(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    struct op *op = (struct op *)ov->hEvent; /* the program's own pointer, not an event */
    op->runs++;
    op->error = error;
    op->bytes = bytes;
    op->thread = GetCurrentThreadId();
}

static void op_init(struct op *op)
{
    memset(op, 0, sizeof(*op));
    op->ov.hEvent = (HANDLE)op;
}

/* Sleeps alertably until the op's routine ran (at most 5 s). */
static void run_routines(struct op *op)
{
    int i;
    for (i = 0; i < 50 && op->runs == 0; i++)
        SleepEx(100, TRUE);
}

/* The ping-pong: each side's read routine writes the byte back and posts the next read. */
struct side {
    OVERLAPPED rov, wov;
    SOCKET s;
    char rbyte, wbyte;
    int rounds, failed;
};

static void CALLBACK side_read(DWORD error, DWORD bytes, LPOVERLAPPED ov);

static void CALLBACK side_wrote(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    struct side *sd = (struct side *)ov->hEvent;
    if (error != 0 || bytes != 1)
        sd->failed = 1;
}

static void side_post(struct side *sd)
{
    sd->rov.hEvent = (HANDLE)sd;
    if (!ReadFileEx((HANDLE)sd->s, &sd->rbyte, 1, &sd->rov, side_read))
        sd->failed = 1;
}

static void CALLBACK side_read(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    struct side *sd = (struct side *)ov->hEvent;
    if (error != 0 || bytes != 1) {
        sd->failed = 1;
        return;
    }
    sd->rounds++;
    if (sd->rounds >= ROUNDS)
        return;
    sd->wbyte = sd->rbyte;
    sd->wov.hEvent = (HANDLE)sd;
    if (!WriteFileEx((HANDLE)sd->s, &sd->wbyte, 1, &sd->wov, side_wrote))
        sd->failed = 1;
    side_post(sd);
}

static struct side x, y; /* static: a routine may still run after ping_pong returns */

static void ping_pong(SOCKET a, SOCKET b)
{
    DWORD start = GetTickCount();

    memset(&x, 0, sizeof(x));
    memset(&y, 0, sizeof(y));
    x.s = a;
    y.s = b;
    side_post(&x);
    side_post(&y);
    x.wbyte = 'p';
    x.wov.hEvent = (HANDLE)&x;
    CHECK_EQ(WriteFileEx((HANDLE)a, &x.wbyte, 1, &x.wov, side_wrote), TRUE, "first ping written");
    /* y reads first and stops after its ROUNDS-th read, so x reads ROUNDS - 1 times. */
    while (GetTickCount() - start < 20000 && x.rounds + y.rounds < 2 * ROUNDS - 1 && !x.failed && !y.failed)
        SleepEx(100, TRUE);
    CHECK(!x.failed && !y.failed, "ping-pong of ReadFileEx/WriteFileEx posted from their routines");
    CHECK_EQ(y.rounds, ROUNDS, "... every round completed");
    CHECK_EQ(x.rounds, ROUNDS - 1, "... both ways");
    /* x's last read is still pending: cancel it and let its routine run. */
    CancelIo((HANDLE)a);
    SleepEx(100, TRUE);
    CHECK(x.failed, "... and the cancelled last read reports its failure to the routine");
}

int main(void)
{
    SOCKET a, b;
    struct op r, w;
    char buf[32];
    BOOL ok;
    DWORD rc;

    ovl_start();
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");

    /* A pending read: TRUE at once, the routine only in an alertable wait. */
    op_init(&r);
    CHECK_EQ(ReadFileEx((HANDLE)b, buf, sizeof(buf), &r.ov, done), TRUE, "ReadFileEx with nothing to read: TRUE");
    CHECK_EQ(send(a, "hello", 5, 0), 5, "peer sends");
    Sleep(200);
    CHECK_EQ(r.runs, 0, "the routine does not run outside an alertable wait");
    CHECK(HasOverlappedIoCompleted(&r.ov), "... though the read completed");
    rc = SleepEx(5000, TRUE);
    CHECK_EQ(rc, WAIT_IO_COMPLETION, "SleepEx(TRUE) returns WAIT_IO_COMPLETION");
    CHECK_EQ(r.runs, 1, "... after running the routine once");
    CHECK_EQ(r.error, 0, "... with error 0");
    CHECK_EQ(r.bytes, 5, "... and 5 bytes");
    CHECK_EQ(r.thread, GetCurrentThreadId(), "... on the issuing thread");
    CHECK(memcmp(buf, "hello", 5) == 0, "the bytes are in the buffer");

    /* A write completes at once: TRUE, and its routine still runs. */
    op_init(&w);
    CHECK_EQ(WriteFileEx((HANDLE)a, "world", 5, &w.ov, done), TRUE, "WriteFileEx: TRUE");
    CHECK_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION, "SleepEx runs its routine");
    CHECK_EQ(w.runs, 1, "... once");
    CHECK_EQ(w.error, 0, "... error 0");
    CHECK_EQ(w.bytes, 5, "... 5 bytes");

    /* Data waiting: ReadFileEx completes at once; WaitForSingleObjectEx runs the routine. */
    Sleep(100);
    op_init(&r);
    CHECK_EQ(ReadFileEx((HANDLE)b, buf, sizeof(buf), &r.ov, done), TRUE, "ReadFileEx with data waiting: TRUE");
    {
        HANDLE never = CreateEventA(NULL, TRUE, FALSE, NULL);
        CHECK_EQ(WaitForSingleObjectEx(never, 5000, TRUE), WAIT_IO_COMPLETION,
                 "WaitForSingleObjectEx(bAlertable TRUE) returns WAIT_IO_COMPLETION");
        CloseHandle(never);
    }
    CHECK_EQ(r.runs, 1, "... having run the routine");
    CHECK_EQ(r.bytes, 5, "... 5 bytes");
    CHECK(memcmp(buf, "world", 5) == 0, "... the bytes written");

    /* CancelIo: the routine gets ERROR_OPERATION_ABORTED. */
    op_init(&r);
    CHECK_EQ(ReadFileEx((HANDLE)b, buf, sizeof(buf), &r.ov, done), TRUE, "ReadFileEx pending");
    CHECK_EQ(CancelIo((HANDLE)b), TRUE, "CancelIo");
    run_routines(&r);
    CHECK_EQ(r.runs, 1, "the cancelled read's routine runs");
    CHECK_EQ(r.error, ERROR_OPERATION_ABORTED, "... with ERROR_OPERATION_ABORTED");
    CHECK_EQ(r.bytes, 0, "... and 0 bytes");

    ping_pong(a, b);

    /* Errors. */
    ok = ReadFileEx((HANDLE)b, buf, sizeof(buf), NULL, done);
    CHECK(!ok && GetLastError() == ERROR_INVALID_PARAMETER, "ReadFileEx without an OVERLAPPED: ERROR_INVALID_PARAMETER");
    ok = WriteFileEx((HANDLE)a, "x", 1, NULL, done);
    CHECK(!ok && GetLastError() == ERROR_INVALID_PARAMETER, "WriteFileEx without an OVERLAPPED: ERROR_INVALID_PARAMETER");
    op_init(&r);
    ok = ReadFileEx(INVALID_HANDLE_VALUE, buf, sizeof(buf), &r.ov, done);
    CHECK(!ok && GetLastError() == ERROR_INVALID_HANDLE, "ReadFileEx on INVALID_HANDLE_VALUE: ERROR_INVALID_HANDLE");
    ok = WriteFileEx(GetCurrentThread(), "x", 1, &r.ov, done);
    CHECK(!ok && GetLastError() == ERROR_INVALID_HANDLE, "WriteFileEx on a thread handle: ERROR_INVALID_HANDLE");
    SleepEx(0, TRUE);
    CHECK_EQ(r.runs, 0, "a call that failed runs no routine");

    /* closesocket with a read pending: the routine gets ERROR_CONNECTION_ABORTED (closing
     * ends the connection). */
    op_init(&r);
    CHECK_EQ(ReadFileEx((HANDLE)b, buf, sizeof(buf), &r.ov, done), TRUE, "ReadFileEx pending");
    closesocket(b);
    run_routines(&r);
    CHECK_EQ(r.runs, 1, "the routine of a read pending at closesocket runs");
    CHECK_EQ(r.error, ERROR_CONNECTION_ABORTED, "... with ERROR_CONNECTION_ABORTED");
    closesocket(a);

    /* A datagram longer than the buffer: ERROR_MORE_DATA with the buffer's size. */
    {
        struct sockaddr_in ra, sa;
        SOCKET ru = ovl_udp(&ra), su = ovl_udp(&sa);
        REQUIRE(ru != INVALID_SOCKET && su != INVALID_SOCKET, "two UDP sockets");
        op_init(&r);
        CHECK_EQ(ReadFileEx((HANDLE)ru, buf, 4, &r.ov, done), TRUE, "ReadFileEx on a UDP socket");
        CHECK_EQ(sendto(su, "0123456789", 10, 0, (struct sockaddr *)&ra, sizeof(ra)), 10, "a 10-byte datagram");
        run_routines(&r);
        CHECK_EQ(r.runs, 1, "the routine runs");
        CHECK_EQ(r.error, ERROR_MORE_DATA, "... with ERROR_MORE_DATA");
        CHECK_EQ(r.bytes, 4, "... and the buffer's 4 bytes");
        closesocket(ru);
        closesocket(su);
    }

    WSACleanup();
    return check_done();
}
