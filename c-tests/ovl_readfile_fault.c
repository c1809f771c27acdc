/* ws2mp-test: posix */ /* mmap for pages the program may not touch */
/*
 * ReadFile and WriteFile given memory the program cannot use fail with ERROR_NOACCESS, never
 * a crash: a buffer in an inaccessible page (read into or written from, with and without an
 * OVERLAPPED), a read into a read-only page, a byte count in an inaccessible page. A read left
 * pending whose buffer turns out unusable completes with ERROR_NOACCESS. The sockets still
 * work afterwards.
 */
#include "ovl_util.h"
#include "fault_util.h"

int main(void)
{
    SOCKET a, b;
    char *edge, *guard, *ro;
    char buf[16];
    OVERLAPPED ov;
    DWORD n, got;
    BOOL ok;

    ovl_start();
    map_guard_pages(&edge, &guard, &ro);
    REQUIRE(ovl_tcp_pair(&a, &b) == 0, "loopback TCP pair");

    n = 99;
    CHECK_EQ(WriteFile((HANDLE)a, guard, 8, &n, NULL), FALSE, "WriteFile from an inaccessible page fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... ERROR_NOACCESS");
    CHECK_EQ(n, 0, "... the count 0");
    CHECK_EQ(WriteFile((HANDLE)a, "data", 4, (DWORD *)guard, NULL), FALSE,
             "WriteFile with the count in an inaccessible page fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... ERROR_NOACCESS");

    CHECK_EQ(send(a, "12345678", 8, 0), 8, "data to read");
    Sleep(100);
    n = 99;
    CHECK_EQ(ReadFile((HANDLE)b, guard, 8, &n, NULL), FALSE, "ReadFile into an inaccessible page fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... ERROR_NOACCESS");
    CHECK_EQ(n, 0, "... the count 0");
    CHECK_EQ(ReadFile((HANDLE)b, ro, 8, &n, NULL), FALSE, "ReadFile into a read-only page fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... ERROR_NOACCESS");
    CHECK_EQ(ReadFile((HANDLE)b, buf, 8, (DWORD *)guard, NULL), FALSE,
             "ReadFile with the count in an inaccessible page fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... ERROR_NOACCESS");

    ovl_init(&ov);
    ok = ReadFile((HANDLE)b, guard, 8, &n, &ov);
    CHECK(!ok && GetLastError() == ERROR_NOACCESS, "overlapped ReadFile into an inaccessible page with data waiting: ERROR_NOACCESS");
    ok = WriteFile((HANDLE)a, guard, 8, &n, &ov);
    CHECK(!ok && GetLastError() == ERROR_NOACCESS, "overlapped WriteFile from an inaccessible page: ERROR_NOACCESS");

    /* The data is still there for a good buffer. */
    n = 0;
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(ReadFile((HANDLE)b, buf, sizeof(buf), &n, NULL), TRUE, "ReadFile into a good buffer");
    CHECK(n > 0 && memcmp(buf, "12345678", n) == 0, "... gets the data");
    if (n < 8)
        recv(b, buf, sizeof(buf), 0);

    /* A pending read into an inaccessible page completes with ERROR_NOACCESS. */
    ok = ReadFile((HANDLE)b, guard, 8, NULL, &ov);
    CHECK(!ok && GetLastError() == ERROR_IO_PENDING, "overlapped ReadFile into an inaccessible page with nothing to read: pending");
    CHECK_EQ(send(a, "late", 4, 0), 4, "data arrives");
    CHECK_EQ(GetOverlappedResult((HANDLE)b, &ov, &got, TRUE), FALSE, "the read fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... ERROR_NOACCESS");

    n = 0;
    CHECK_EQ(WriteFile((HANDLE)a, "ok", 2, &n, NULL), TRUE, "the sockets still work");
    WSACloseEvent(ov.hEvent);
    closesocket(a);
    closesocket(b);
    WSACleanup();
    return check_done();
}
