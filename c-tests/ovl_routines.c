/* Completion routines driven from SleepEx(..., TRUE) loops, as a legacy routine-based server
 * writes them: a receive posted from inside a completion routine completes whether the thread
 * comes back to SleepEx (a ping-pong between two threads), leaves it and only looks at the
 * operation (WSAGetOverlappedResult without waiting), or waits with WSAGetOverlappedResult(..., TRUE); a
 * closesocket from another thread and a QueueUserAPC both reach a thread sleeping in SleepEx
 * with such a receive pending. */
#include "ovl_util.h"

#define ROUNDS 300

struct side {
    WSAOVERLAPPED rov, sov;
    SOCKET s;
    char rbyte, sbyte;
    WSABUF rbuf, sbuf;
    int got, sends_out, failed, initiator;
};

static void CALLBACK sent(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    struct side *sd = (struct side *)ov->hEvent;
    (void)flags;
    sd->sends_out--;
    if (err != 0 || bytes != 1)
        sd->failed = 1;
}

static void CALLBACK received(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags);

static int post_recv(struct side *sd)
{
    DWORD fl = 0;
    memset(&sd->rov, 0, sizeof(sd->rov));
    sd->rov.hEvent = (WSAEVENT)sd;
    sd->rbuf.len = 1;
    sd->rbuf.buf = &sd->rbyte;
    if (WSARecv(sd->s, &sd->rbuf, 1, NULL, &fl, &sd->rov, received) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        return -1;
    return 0;
}

static void post_send(struct side *sd)
{
    memset(&sd->sov, 0, sizeof(sd->sov));
    sd->sov.hEvent = (WSAEVENT)sd;
    sd->sbuf.len = 1;
    sd->sbuf.buf = &sd->sbyte;
    sd->sends_out++;
    if (WSASend(sd->s, &sd->sbuf, 1, NULL, 0, &sd->sov, sent) == SOCKET_ERROR &&
        WSAGetLastError() != WSA_IO_PENDING)
        sd->failed = 1;
}

static void CALLBACK received(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    struct side *sd = (struct side *)ov->hEvent;
    (void)flags;
    if (err != 0 || bytes != 1) {
        sd->failed = 1;
        return;
    }
    sd->got++;
    if (sd->got < ROUNDS && post_recv(sd) != 0)
        sd->failed = 1;
    if (!sd->initiator || sd->got < ROUNDS) {
        sd->sbyte = sd->rbyte;
        post_send(sd);
    }
}

static void run_side(struct side *sd)
{
    DWORD start = GetTickCount();
    if (post_recv(sd) != 0) {
        sd->failed = 1;
        return;
    }
    if (sd->initiator) {
        sd->sbyte = 'p';
        post_send(sd);
    }
    while ((sd->got < ROUNDS || sd->sends_out > 0) && !sd->failed && GetTickCount() - start < 20000)
        SleepEx(INFINITE, TRUE);
}

static DWORD WINAPI echo_side(LPVOID arg)
{
    run_side(arg);
    return 0;
}

static void ping_pong(void)
{
    SOCKET a, b;
    struct side sa, sb;
    HANDLE t;
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "a connected pair");
    memset(&sa, 0, sizeof(sa));
    memset(&sb, 0, sizeof(sb));
    sa.s = a;
    sa.initiator = 1;
    sb.s = b;
    t = CreateThread(NULL, 0, echo_side, &sb, 0, NULL);
    REQUIRE(t != NULL, "CreateThread");
    run_side(&sa);
    CHECK_EQ(WaitForSingleObject(t, 20000), WAIT_OBJECT_0, "the other side finishes");
    CloseHandle(t);
    CHECK(!sa.failed && !sb.failed, "every completion reports success and one byte");
    CHECK_EQ(sa.got, ROUNDS, "the initiator got every byte back");
    CHECK_EQ(sb.got, ROUNDS, "the echoing side got every byte");
    closesocket(a);
    closesocket(b);
}

/* A receive posted from a completion routine, then the thread stops sleeping alertably. */
static WSAOVERLAPPED g_ov2;
static char g_buf2[8];
static int g_posted2, g_ran2, g_ran_first;
static DWORD g_err2;
static SOCKET g_s;

static void CALLBACK second_done(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    g_err2 = err;
    (void)bytes;
    (void)ov;
    (void)flags;
    g_ran2++;
}

static void CALLBACK first_done(DWORD err, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    WSABUF wb;
    DWORD fl = 0;
    (void)err;
    (void)bytes;
    (void)ov;
    (void)flags;
    g_ran_first++;
    wb.buf = g_buf2;
    wb.len = sizeof(g_buf2);
    memset(&g_ov2, 0, sizeof(g_ov2));
    g_posted2 = WSARecv(g_s, &wb, 1, NULL, &fl, &g_ov2, second_done) == SOCKET_ERROR &&
                WSAGetLastError() == WSA_IO_PENDING;
}

static SOCKET g_peer;
static DWORD WINAPI send_later(LPVOID arg)
{
    Sleep(100);
    send(g_peer, (const char *)arg, 3, 0);
    return 0;
}

/* Posts the first receive, sends a byte, runs its routine in SleepEx: the routine posts the
 * second receive (pending). */
static void first_round(SOCKET a, SOCKET b, WSAOVERLAPPED *ov1, char *buf1)
{
    WSABUF wb;
    DWORD fl = 0;
    g_s = b;
    g_ran_first = g_ran2 = g_posted2 = 0;
    wb.buf = buf1;
    wb.len = 1;
    memset(ov1, 0, sizeof(*ov1));
    CHECK(WSARecv(b, &wb, 1, NULL, &fl, ov1, first_done) == SOCKET_ERROR &&
              WSAGetLastError() == WSA_IO_PENDING,
          "the first receive is pending");
    send(a, "1", 1, 0);
    while (!g_ran_first)
        if (SleepEx(5000, TRUE) != WAIT_IO_COMPLETION)
            break;
    CHECK_EQ(g_ran_first, 1, "the first routine ran in SleepEx");
    CHECK(g_posted2, "the routine posted a second receive, pending");
}

static void left_alone(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov1;
    char buf1[1];
    DWORD start, bytes = 0, fl = 0;
    HANDLE t;
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "a connected pair");
    g_peer = a;

    /* The thread leaves SleepEx and only polls the operation (WSAGetOverlappedResult without
     * waiting: WSA_IO_INCOMPLETE while it is pending). */
    first_round(a, b, &ov1, buf1);
    send(a, "two", 3, 0);
    start = GetTickCount();
    while (!WSAGetOverlappedResult(b, &g_ov2, &bytes, FALSE, &fl) && WSAGetLastError() == WSA_IO_INCOMPLETE &&
           GetTickCount() - start < 5000)
        Sleep(1);
    CHECK(WSAGetOverlappedResult(b, &g_ov2, &bytes, FALSE, &fl),
          "the second receive completes while the thread does not sleep alertably");
    CHECK_EQ(bytes, 3, "... with the three bytes");
    CHECK_EQ(g_ran2, 0, "... its routine waits for an alertable wait");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "SleepEx(0, TRUE) runs it");
    CHECK_EQ(g_ran2, 1, "... once");

    /* The thread waits for it with WSAGetOverlappedResult(..., TRUE). */
    first_round(a, b, &ov1, buf1);
    t = CreateThread(NULL, 0, send_later, "abc", 0, NULL);
    CHECK(WSAGetOverlappedResult(b, &g_ov2, &bytes, TRUE, &fl), "WSAGetOverlappedResult(..., TRUE) waits for it");
    CHECK_EQ(bytes, 3, "... three bytes");
    CHECK_EQ(memcmp(g_buf2, "abc", 3), 0, "... the bytes sent");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "its routine runs in the next alertable wait");

    /* The thread sleeps again: data sent meanwhile completes the receive in that sleep. */
    first_round(a, b, &ov1, buf1);
    t = CreateThread(NULL, 0, send_later, "xyz", 0, NULL);
    start = GetTickCount();
    CHECK_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION, "a later SleepEx runs the second routine");
    CHECK(GetTickCount() - start < 4000, "... as soon as the data arrives");
    CHECK_EQ(g_ran2, 1, "... once");
    CHECK_EQ(memcmp(g_buf2, "xyz", 3), 0, "... with the bytes sent");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);

    closesocket(a);
    closesocket(b);
}

/* Another thread closes the socket, or queues an APC, while the thread sleeps with a receive
 * posted from a routine pending. */
static DWORD WINAPI close_later(LPVOID arg)
{
    Sleep(100);
    closesocket((SOCKET)(UINT_PTR)arg);
    return 0;
}

static int g_apc_ran;
static void CALLBACK an_apc(ULONG_PTR arg)
{
    (void)arg;
    g_apc_ran++;
}

static DWORD WINAPI queue_later(LPVOID arg)
{
    Sleep(100);
    QueueUserAPC(an_apc, (HANDLE)arg, 0);
    return 0;
}

static void interrupted(void)
{
    SOCKET a, b;
    WSAOVERLAPPED ov1;
    char buf1[1];
    HANDLE t, me;
    DWORD start;
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "a connected pair");
    g_peer = a;

    first_round(a, b, &ov1, buf1);
    REQUIRE(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &me, 0, FALSE,
                            DUPLICATE_SAME_ACCESS),
            "a handle to this thread");
    g_apc_ran = 0;
    t = CreateThread(NULL, 0, queue_later, me, 0, NULL);
    start = GetTickCount();
    CHECK_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION, "QueueUserAPC from another thread ends the SleepEx");
    CHECK(GetTickCount() - start < 4000, "... at once");
    CHECK_EQ(g_apc_ran, 1, "... the APC ran");
    CHECK_EQ(g_ran2, 0, "... the receive is still pending");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CloseHandle(me);

    t = CreateThread(NULL, 0, close_later, (LPVOID)(UINT_PTR)b, 0, NULL);
    start = GetTickCount();
    CHECK_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION, "closesocket from another thread ends the SleepEx");
    CHECK(GetTickCount() - start < 4000, "... at once");
    CHECK_EQ(g_ran2, 1, "... the routine of the pending receive ran");
    CHECK_EQ(g_err2, WSAECONNABORTED, "... with WSAECONNABORTED (closing ends the connection)");
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    closesocket(a);
}

int main(void)
{
    ovl_start();
    ping_pong();
    left_alone();
    interrupted();
    WSACleanup();
    return check_done();
}
