/* ReadFile and WriteFile on sockets, as legacy Winsock programs call them with (HANDLE)s:
 * blocking transfers on a connected TCP pair (a read waits for data; end of stream is TRUE
 * with 0 bytes; a reset connection is ERROR_NETNAME_DELETED), the byte count set to 0 before
 * anything else and allowed to be NULL; overlapped transfers completed through the event and
 * GetOverlappedResult (bWait TRUE and FALSE) or through the completion port the socket is
 * associated with (pending: FALSE + ERROR_IO_PENDING; completed at once: TRUE with the count,
 * the completion still posted); a datagram longer than the buffer (ERROR_MORE_DATA); handles
 * that are not sockets (ERROR_INVALID_HANDLE), a NULL buffer (ERROR_NOACCESS); WriteFile and
 * ReadFile on the standard handles, which are never taken for a socket. */
#include "ovl_util.h"

static void join(HANDLE t)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}

static void blocking(SOCKET a, SOCKET b)
{
    char buf[64];
    DWORD n;
    HANDLE t;

    n = 99;
    CHECK_EQ(WriteFile((HANDLE)a, "hello", 5, &n, NULL), TRUE, "WriteFile on a socket");
    CHECK_EQ(n, 5, "... 5 bytes written");
    n = 99;
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(ReadFile((HANDLE)b, buf, sizeof(buf), &n, NULL), TRUE, "ReadFile on the peer");
    CHECK_EQ(n, 5, "... 5 bytes read");
    CHECK(memcmp(buf, "hello", 5) == 0, "... the bytes written");

    t = ovl_send_later(a);
    n = 0;
    CHECK_EQ(ReadFile((HANDLE)b, buf, sizeof(buf), &n, NULL), TRUE, "ReadFile waits for data");
    CHECK_EQ(n, 5, "... and returns what arrived later");
    CHECK(memcmp(buf, "later", 5) == 0, "... its bytes");
    join(t);

    CHECK_EQ(WriteFile((HANDLE)a, "xy", 2, NULL, NULL), TRUE,
             "WriteFile without OVERLAPPED and a NULL count still writes");
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(ReadFile((HANDLE)b, buf, 2, NULL, NULL), TRUE, "ReadFile without OVERLAPPED and a NULL count");
    CHECK(memcmp(buf, "xy", 2) == 0, "... still reads");

    /* ReadFile and recv share the stream. */
    CHECK_EQ(send(a, "mixed", 5, 0), 5, "send");
    n = 0;
    CHECK_EQ(ReadFile((HANDLE)b, buf, 3, &n, NULL), TRUE, "ReadFile of part of it");
    CHECK_EQ(n, 3, "... 3 bytes");
    CHECK_EQ(recv(b, buf, sizeof(buf), 0), 2, "recv gets the rest");
}

static void with_event(SOCKET a, SOCKET b)
{
    OVERLAPPED ov, wov;
    char buf[64];
    DWORD n, got;
    HANDLE t;
    BOOL ok;

    ovl_init(&ov);
    ovl_init(&wov);

    /* Nothing to read: pending. */
    n = 99;
    ok = ReadFile((HANDLE)b, buf, sizeof(buf), &n, &ov);
    CHECK(!ok && GetLastError() == ERROR_IO_PENDING, "overlapped ReadFile with nothing to read: FALSE + ERROR_IO_PENDING");
    CHECK_EQ(n, 0, "... the count is 0");
    CHECK_EQ(ov.Internal, STATUS_PENDING, "... Internal is STATUS_PENDING");
    CHECK(!ovl_signalled(ov.hEvent, 0), "... the event is not set");
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, FALSE), FALSE, "GetOverlappedResult(bWait FALSE)");
    CHECK_EQ(GetLastError(), ERROR_IO_INCOMPLETE, "... ERROR_IO_INCOMPLETE");

    /* An overlapped write completes at once: TRUE with its count, its event set. */
    n = 0;
    CHECK_EQ(WriteFile((HANDLE)a, "event", 5, &n, &wov), TRUE, "overlapped WriteFile completes at once: TRUE");
    CHECK_EQ(n, 5, "... with its count");
    CHECK(ovl_signalled(wov.hEvent, 0), "... its event is set");
    CHECK_EQ(GetOverlappedResult((HANDLE)a, &wov, &got, FALSE), TRUE, "GetOverlappedResult on the write");
    CHECK_EQ(got, 5, "... 5 bytes");

    CHECK(ovl_signalled(ov.hEvent, 5000), "the pending read's event is set");
    CHECK(HasOverlappedIoCompleted(&ov), "HasOverlappedIoCompleted");
    CHECK_EQ(ov.InternalHigh, 5, "InternalHigh is the count");
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, FALSE), TRUE, "GetOverlappedResult on the read");
    CHECK_EQ(got, 5, "... 5 bytes");
    CHECK(memcmp(buf, "event", 5) == 0, "... the bytes written");

    /* GetOverlappedResult(bWait TRUE) waits; the count may be NULL with an OVERLAPPED. */
    ok = ReadFile((HANDLE)b, buf, sizeof(buf), NULL, &ov);
    CHECK(!ok && GetLastError() == ERROR_IO_PENDING, "overlapped ReadFile with a NULL count: pending");
    t = ovl_send_later(a);
    got = 0;
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, TRUE), TRUE, "GetOverlappedResult(bWait TRUE) waits");
    CHECK_EQ(got, 5, "... for the bytes sent later");
    join(t);

    /* Data already there: TRUE at once with the count, and the event is set. */
    CHECK_EQ(send(a, "ready", 5, 0), 5, "send");
    Sleep(100);
    n = 0;
    CHECK_EQ(ReadFile((HANDLE)b, buf, sizeof(buf), &n, &ov), TRUE, "overlapped ReadFile with data waiting: TRUE");
    CHECK_EQ(n, 5, "... with the count");
    CHECK(ovl_signalled(ov.hEvent, 0), "... and the event is set");

    /* Several pending reads complete in the order they were posted. */
    {
        OVERLAPPED ovs[3];
        char parts[3][4];
        int i;
        for (i = 0; i < 3; i++) {
            ovl_init(&ovs[i]);
            ok = ReadFile((HANDLE)b, parts[i], 4, NULL, &ovs[i]);
            CHECK(!ok && GetLastError() == ERROR_IO_PENDING, "read posted");
        }
        CHECK_EQ(send(a, "AAAABBBBCCCC", 12, 0), 12, "send 12 bytes");
        for (i = 0; i < 3; i++) {
            CHECK_EQ(GetOverlappedResult((HANDLE)b, &ovs[i], &got, TRUE), TRUE, "posted read completes");
            CHECK_EQ(parts[i][0], "ABC"[i], "... in posting order");
            WSACloseEvent(ovs[i].hEvent);
        }
    }

    /* CancelIo: the pending read completes with ERROR_OPERATION_ABORTED. */
    ok = ReadFile((HANDLE)b, buf, sizeof(buf), NULL, &ov);
    CHECK(!ok && GetLastError() == ERROR_IO_PENDING, "read pending");
    CHECK_EQ(CancelIo((HANDLE)b), TRUE, "CancelIo");
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, TRUE), FALSE, "the cancelled read fails");
    CHECK_EQ(GetLastError(), ERROR_OPERATION_ABORTED, "... ERROR_OPERATION_ABORTED");

    WSACloseEvent(ov.hEvent);
    WSACloseEvent(wov.hEvent);
}

static void with_port(void)
{
    SOCKET a, b;
    HANDLE port;
    OVERLAPPED ov, wov;
    OVERLAPPED *done;
    char buf[64];
    DWORD n, bytes;
    ULONG_PTR key;
    BOOL ok;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "second TCP pair");
    port = CreateIoCompletionPort((HANDLE)b, NULL, 77, 0);
    REQUIRE(port != NULL, "CreateIoCompletionPort with the reading socket");
    CHECK(CreateIoCompletionPort((HANDLE)a, port, 88, 0) == port, "... and the writing one");
    memset(&ov, 0, sizeof(ov));
    memset(&wov, 0, sizeof(wov));

    ok = ReadFile((HANDLE)b, buf, sizeof(buf), NULL, &ov);
    CHECK(!ok && GetLastError() == ERROR_IO_PENDING, "overlapped ReadFile on an associated socket: pending");
    CHECK_EQ(GetQueuedCompletionStatus(port, &bytes, &key, &done, 0), FALSE, "no packet yet");
    CHECK_EQ(GetLastError(), WAIT_TIMEOUT, "... WAIT_TIMEOUT");

    n = 0;
    CHECK_EQ(WriteFile((HANDLE)a, "port!", 5, &n, &wov), TRUE, "overlapped WriteFile completes at once");
    CHECK_EQ(n, 5, "... 5 bytes");

    /* Two packets: the write's (completed at once, still queued) and the read's. */
    {
        int saw_read = 0, saw_write = 0, i;
        for (i = 0; i < 2; i++) {
            done = NULL;
            ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000);
            CHECK(ok, "GetQueuedCompletionStatus returns a packet");
            if (done == &ov) {
                saw_read = 1;
                CHECK_EQ(key, 77, "... the read's with the reading socket's key");
                CHECK_EQ(bytes, 5, "... 5 bytes");
            } else if (done == &wov) {
                saw_write = 1;
                CHECK_EQ(key, 88, "... the write's with the writing socket's key");
                CHECK_EQ(bytes, 5, "... 5 bytes");
            }
        }
        CHECK(saw_read && saw_write, "the read and the write both completed through the port");
        CHECK(memcmp(buf, "port!", 5) == 0, "the read got the bytes");
    }

    /* A reset connection fails the pending read with ERROR_NETNAME_DELETED. */
    ok = ReadFile((HANDLE)b, buf, sizeof(buf), NULL, &ov);
    CHECK(!ok && GetLastError() == ERROR_IO_PENDING, "read pending");
    {
        struct linger lg;
        lg.l_onoff = 1;
        lg.l_linger = 0;
        setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
        closesocket(a);
    }
    done = NULL;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000);
    CHECK(!ok && done == &ov, "the reset read's packet reports failure");
    CHECK_EQ(GetLastError(), ERROR_NETNAME_DELETED, "... ERROR_NETNAME_DELETED");

    closesocket(b);
    CloseHandle(port);
}

static void reset_blocking(void)
{
    SOCKET a, b;
    struct linger lg;
    char buf[8];
    DWORD n = 99;

    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "third TCP pair");
    lg.l_onoff = 1;
    lg.l_linger = 0;
    setsockopt(a, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg));
    closesocket(a);
    Sleep(100);
    CHECK_EQ(ReadFile((HANDLE)b, buf, sizeof(buf), &n, NULL), FALSE, "a blocking ReadFile on a reset connection fails");
    CHECK_EQ(GetLastError(), ERROR_NETNAME_DELETED, "... ERROR_NETNAME_DELETED");
    CHECK_EQ(n, 0, "... with a count of 0");
    closesocket(b);
}

static void end_of_stream(SOCKET a, SOCKET b)
{
    OVERLAPPED ov;
    char buf[16];
    DWORD n, got;
    BOOL ok;

    ovl_init(&ov);
    ok = ReadFile((HANDLE)b, buf, sizeof(buf), NULL, &ov);
    CHECK(!ok && GetLastError() == ERROR_IO_PENDING, "read pending before the peer shuts down");
    CHECK_EQ(WriteFile((HANDLE)a, "last", 4, &n, NULL), TRUE, "last bytes written");
    CHECK_EQ(shutdown(a, SD_SEND), 0, "the peer shuts down its sending side");
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, TRUE), TRUE, "the pending read completes");
    CHECK_EQ(got, 4, "... with the last bytes");
    n = 99;
    CHECK_EQ(ReadFile((HANDLE)b, buf, sizeof(buf), &n, NULL), TRUE, "blocking ReadFile at the end of the stream: TRUE");
    CHECK_EQ(n, 0, "... with 0 bytes");
    n = 99;
    ok = ReadFile((HANDLE)b, buf, sizeof(buf), &n, &ov);
    if (!ok && GetLastError() == ERROR_IO_PENDING)
        ok = GetOverlappedResult((HANDLE)b, &ov, &n, TRUE);
    CHECK(ok, "overlapped ReadFile at the end of the stream succeeds");
    CHECK_EQ(n, 0, "... with 0 bytes");
    WSACloseEvent(ov.hEvent);
}

static void datagrams(void)
{
    struct sockaddr_in ra, sa;
    SOCKET r = ovl_udp(&ra), s = ovl_udp(&sa);
    char buf[16];
    DWORD n;
    BOOL ok;

    REQUIRE(r != INVALID_SOCKET && s != INVALID_SOCKET, "two UDP sockets");
    REQUIRE(connect(s, (struct sockaddr *)&ra, sizeof(ra)) == 0, "connect the sender");
    n = 0;
    CHECK_EQ(WriteFile((HANDLE)s, "0123456789", 10, &n, NULL), TRUE, "WriteFile sends a datagram");
    CHECK_EQ(n, 10, "... of 10 bytes");
    n = 0;
    memset(buf, 0, sizeof(buf));
    ok = ReadFile((HANDLE)r, buf, 4, &n, NULL);
    CHECK(!ok && GetLastError() == ERROR_MORE_DATA, "ReadFile of a longer datagram: FALSE + ERROR_MORE_DATA");
    CHECK_EQ(n, 4, "... the buffer filled");
    CHECK(memcmp(buf, "0123", 4) == 0, "... with the datagram's start");
    CHECK_EQ(WriteFile((HANDLE)s, "ab", 2, &n, NULL), TRUE, "another datagram");
    CHECK_EQ(ReadFile((HANDLE)r, buf, sizeof(buf), &n, NULL), TRUE, "ReadFile of a datagram that fits");
    CHECK_EQ(n, 2, "... 2 bytes: the rest of the longer one was discarded");
    closesocket(r);
    closesocket(s);
}

static void bad_handles(SOCKET a)
{
    char buf[8];
    DWORD n;
    WSAEVENT ev = WSACreateEvent();
    SOCKET gone = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE bad[4];
    int i;

    closesocket(gone);
    bad[0] = INVALID_HANDLE_VALUE;
    bad[1] = NULL;
    bad[2] = ev;
    bad[3] = (HANDLE)gone;
    for (i = 0; i < 4; i++) {
        n = 99;
        CHECK_EQ(ReadFile(bad[i], buf, sizeof(buf), &n, NULL), FALSE, "ReadFile on a handle that is not a socket fails");
        CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
        CHECK_EQ(n, 0, "... the count set to 0");
        n = 99;
        CHECK_EQ(WriteFile(bad[i], "x", 1, &n, NULL), FALSE, "WriteFile on it fails");
        CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
        CHECK_EQ(n, 0, "... the count set to 0");
    }
    WSACloseEvent(ev);

    n = 99;
    CHECK_EQ(ReadFile((HANDLE)a, NULL, 8, &n, NULL), FALSE, "ReadFile into a NULL buffer fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... ERROR_NOACCESS");
    CHECK_EQ(WriteFile((HANDLE)a, NULL, 8, &n, NULL), FALSE, "WriteFile from a NULL buffer fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... ERROR_NOACCESS");
}

static void standard_handles(SOCKET a, SOCKET b)
{
    static const char line[] = "# a line written with WriteFile on the standard output\n";
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    char buf[8];
    DWORD n = 0;

    CHECK(out != (HANDLE)a && out != (HANDLE)b && in != (HANDLE)a && in != (HANDLE)b,
          "no socket is a standard handle");
    fflush(stdout);
    CHECK_EQ(WriteFile(out, line, sizeof(line) - 1, &n, NULL), TRUE, "WriteFile on the standard output");
    CHECK_EQ(n, sizeof(line) - 1, "... every byte written");
    /* The test runner gives the program an empty standard input (NUL). */
    n = 99;
    CHECK_EQ(ReadFile(in, buf, sizeof(buf), &n, NULL), TRUE, "ReadFile on an empty standard input");
    CHECK_EQ(n, 0, "... 0 bytes: end of input");
}

int main(void)
{
    SOCKET a, b;

    ovl_start();
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");
    blocking(a, b);
    with_event(a, b);
    bad_handles(a);
    standard_handles(a, b);
    end_of_stream(a, b);
    closesocket(a);
    closesocket(b);
    with_port();
    reset_blocking();
    datagrams();
    WSACleanup();
    return check_done();
}
