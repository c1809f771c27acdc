/*
 * A completion port's queue as Windows keeps it (the kernel queue behind it; the semantics
 * a Wine conformance test of ports checks on Windows): posted packets come out first in,
 * first out; a packet posted while a thread waits in GetQueuedCompletionStatus wakes it with
 * that packet; a handle from DuplicateHandle reaches the same queue, and closing it leaves
 * the port working; the port handle itself is signalled while packets wait
 * (WaitForSingleObject on it) and the wait takes none; a finite timeout on an empty port
 * waits its time.
 */
#include "ovl_util.h"

static DWORD WINAPI wait_one(LPVOID arg)
{
    HANDLE port = arg;
    DWORD bytes;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    if (GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000))
        return (DWORD)key;
    return GetLastError() | 0x80000000u;
}

int main(void)
{
    HANDLE port, dup, thread;
    DWORD bytes, start, code = 0;
    ULONG_PTR key;
    LPOVERLAPPED ov;
    unsigned i;
    int in_order = 1;
    BOOL ok;

    ovl_start();
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(port != NULL, "a completion port");

    for (i = 0; i < 100; i++)
        PostQueuedCompletionStatus(port, i, i + 1000, (LPOVERLAPPED)(ULONG_PTR)(i + 1));
    for (i = 0; i < 100; i++) {
        ok = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0);
        if (!ok || bytes != i || key != i + 1000 || ov != (LPOVERLAPPED)(ULONG_PTR)(i + 1))
            in_order = 0;
    }
    CHECK(in_order, "100 posted packets come out in order, each with its count, key and OVERLAPPED");
    ov = (LPOVERLAPPED)(ULONG_PTR)0xdeadbeef;
    SetLastError(0xdeadbeef);
    CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0) && ov == NULL && GetLastError() == WAIT_TIMEOUT,
          "then the port is empty: WAIT_TIMEOUT, OVERLAPPED NULL");

    start = GetTickCount();
    CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &ov, 100) && GetLastError() == WAIT_TIMEOUT,
          "a 100 ms wait on the empty port times out");
    CHECK(GetTickCount() - start >= 80, "... after its time");

    thread = CreateThread(NULL, 0, wait_one, port, 0, NULL);
    REQUIRE(thread != NULL, "a thread waits on the port");
    Sleep(200);
    CHECK(PostQueuedCompletionStatus(port, 0, 7, NULL), "a packet is posted while it waits");
    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "... the waiting thread returns");
    GetExitCodeThread(thread, &code);
    CHECK_EQ(code, 7, "... with the packet");
    CloseHandle(thread);

    REQUIRE(DuplicateHandle(GetCurrentProcess(), port, GetCurrentProcess(), &dup, 0, FALSE, DUPLICATE_SAME_ACCESS),
            "DuplicateHandle of the port");
    CHECK(PostQueuedCompletionStatus(dup, 1, 21, NULL), "a packet posted through the duplicate");
    CHECK(PostQueuedCompletionStatus(port, 2, 22, NULL), "one through the original");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0) && key == 21, "the original gets the first");
    CHECK(PostQueuedCompletionStatus(dup, 3, 23, NULL), "another through the duplicate");
    CHECK(CloseHandle(dup), "the duplicate is closed");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0) && key == 22, "... the port keeps the second");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0) && key == 23, "... and the third");

    CHECK_EQ(WaitForSingleObject(port, 0), WAIT_TIMEOUT, "an empty port handle is not signalled");
    CHECK(PostQueuedCompletionStatus(port, 0, 31, NULL), "a packet is posted");
    CHECK_EQ(WaitForSingleObject(port, 0), WAIT_OBJECT_0, "... the port handle is signalled");
    CHECK_EQ(WaitForSingleObject(port, 0), WAIT_OBJECT_0, "... and stays so: the wait took nothing");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0) && key == 31, "... the packet is still there");
    CHECK_EQ(WaitForSingleObject(port, 0), WAIT_TIMEOUT, "... and once taken, the handle is not signalled");

    CloseHandle(port);
    return check_done();
}
