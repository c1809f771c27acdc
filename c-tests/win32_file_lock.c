/* Byte-range locks the way a Windows server sharing a record file between connections uses
 * them: LockFile / UnlockFile / LockFileEx / UnlockFileEx with Windows' rules (overlapping
 * exclusive locks refused, unlocking names the exact range, shared locks overlap, a shared
 * lock over the handle's own exclusive one, zero-byte locks (one at a range's first byte
 * overlaps nothing, one inside it does), ranges up to the 2^64th byte),
 * a lock held by one handle refused to a second handle of the same process
 * (ERROR_LOCK_VIOLATION), and a blocking LockFileEx that waits until the holder unlocks. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static char path[MAX_PATH + 64];

static void at(OVERLAPPED *ov, DWORD offset)
{
    memset(ov, 0, sizeof(*ov));
    ov->Offset = offset;
}

static void test_one_handle(HANDLE h)
{
    OVERLAPPED ov;

    CHECK(LockFile(h, 0, 0, 0, 0), "a zero-byte lock at 0");
    CHECK(UnlockFile(h, 0, 0, 0, 0), "and its unlock");
    SetLastError(0);
    CHECK(!UnlockFile(h, 0, 0, 0, 0), "unlocking it again fails");
    CHECK_EQ(GetLastError(), ERROR_NOT_LOCKED, "with ERROR_NOT_LOCKED");

    CHECK(LockFile(h, 10, 0, 20, 0), "LockFile 10..30");
    SetLastError(0);
    CHECK(!LockFile(h, 12, 0, 10, 0), "an overlapping LockFile through the same handle fails");
    CHECK_EQ(GetLastError(), ERROR_LOCK_VIOLATION, "with ERROR_LOCK_VIOLATION");
    CHECK(!LockFile(h, 5, 0, 6, 0), "so does one overlapping its start");
    CHECK(LockFile(h, 5, 0, 5, 0), "5..10 touches it without overlapping: granted");
    SetLastError(0);
    CHECK(!UnlockFile(h, 10, 0, 10, 0), "unlocking part of a lock fails");
    CHECK_EQ(GetLastError(), ERROR_NOT_LOCKED, "with ERROR_NOT_LOCKED");
    CHECK(UnlockFile(h, 10, 0, 20, 0), "unlocking the exact range");
    CHECK(!UnlockFile(h, 10, 0, 20, 0), "only once");
    CHECK(UnlockFile(h, 5, 0, 5, 0), "unlocking 5..10");

    at(&ov, 100);
    CHECK(LockFileEx(h, 0, 0, 100, 0, &ov), "a shared LockFileEx at 100");
    CHECK(LockFileEx(h, 0, 0, 100, 0, &ov), "the same shared lock again");
    at(&ov, 150);
    CHECK(LockFileEx(h, 0, 0, 100, 0, &ov), "an overlapping shared lock at 150");
    SetLastError(0);
    CHECK(!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 50, 0, &ov),
          "an exclusive lock over them fails");
    CHECK_EQ(GetLastError(), ERROR_LOCK_VIOLATION, "with ERROR_LOCK_VIOLATION");
    CHECK(UnlockFileEx(h, 0, 100, 0, &ov), "UnlockFileEx at 150");
    at(&ov, 100);
    CHECK(UnlockFileEx(h, 0, 100, 0, &ov) && UnlockFileEx(h, 0, 100, 0, &ov), "and both at 100");
    CHECK(!UnlockFileEx(h, 0, 100, 0, &ov), "then none is left");

    CHECK(LockFile(h, 0, 0x10000000, 0, 0xF0000000), "a lock from 2^60 to the 2^64th byte");
    CHECK(!LockFile(h, 0xFFFFFFFF, 0xFFFFFFFF, 1, 0), "the last byte is in it");
    CHECK(!LockFile(h, 0, 0x20000000, 20, 0), "and 2^61");
    CHECK(UnlockFile(h, 0, 0x10000000, 0, 0xF0000000), "unlocking it");
    CHECK(LockFile(h, 0xFFFFFFFF, 0xFFFFFFFF, 1, 0), "the last byte alone");
    CHECK(UnlockFile(h, 0xFFFFFFFF, 0xFFFFFFFF, 1, 0), "and its unlock");

    CHECK(LockFile(h, 100, 0, 0, 0), "a zero-byte lock at 100");
    CHECK(!LockFile(h, 98, 0, 4, 0), "refuses a lock holding byte 100");
    CHECK(LockFile(h, 90, 0, 10, 0), "but not one ending there");
    CHECK(LockFile(h, 100, 0, 10, 0), "nor one starting there (it holds 100 from its start)");
    CHECK(UnlockFile(h, 90, 0, 10, 0) && UnlockFile(h, 100, 0, 0, 0) &&
              UnlockFile(h, 100, 0, 10, 0),
          "unlocking the three");

    /* A zero-byte lock at the first byte of a held range is granted; inside it, refused. */
    at(&ov, 200);
    CHECK(LockFileEx(h, 0, 0, 100, 0, &ov), "a shared lock of 200..300");
    CHECK(LockFile(h, 200, 0, 0, 0), "a zero-byte lock at its first byte");
    CHECK(!LockFile(h, 250, 0, 0, 0), "a zero-byte lock inside it is refused");
    CHECK(UnlockFile(h, 200, 0, 0, 0) && UnlockFileEx(h, 0, 100, 0, &ov), "unlocking both");

    at(&ov, 0);
    SetLastError(0);
    CHECK(!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 1, 10, 0, &ov), "a nonzero dwReserved is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "with ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK(!LockFile(INVALID_HANDLE_VALUE, 0, 0, 1, 0), "LockFile(INVALID_HANDLE_VALUE) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
}

static void test_two_handles(HANDLE h, HANDLE h2)
{
    OVERLAPPED ov;

    at(&ov, 300);
    CHECK(LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 0, 100, 0, &ov), "handle 1 locks 300..400 exclusively");
    SetLastError(0);
    CHECK(!LockFileEx(h2, LOCKFILE_FAIL_IMMEDIATELY, 0, 100, 0, &ov), "handle 2 may not take a shared lock");
    CHECK_EQ(GetLastError(), ERROR_LOCK_VIOLATION, "ERROR_LOCK_VIOLATION");
    SetLastError(0);
    CHECK(!LockFile(h2, 350, 0, 1, 0), "nor LockFile one byte inside");
    CHECK_EQ(GetLastError(), ERROR_LOCK_VIOLATION, "ERROR_LOCK_VIOLATION");
    CHECK(LockFile(h2, 400, 0, 10, 0), "the bytes after it are free");
    CHECK(UnlockFile(h2, 400, 0, 10, 0), "(unlocked again)");
    CHECK(LockFileEx(h, LOCKFILE_FAIL_IMMEDIATELY, 0, 100, 0, &ov), "handle 1 adds a shared lock over its own");
    CHECK(UnlockFileEx(h, 0, 100, 0, &ov), "its first unlock removes the exclusive lock");
    CHECK(LockFileEx(h2, LOCKFILE_FAIL_IMMEDIATELY, 0, 100, 0, &ov), "so handle 2 gets a shared lock");
    CHECK(!LockFileEx(h2, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 10, 0, &ov),
          "but not an exclusive one while handle 1 shares");
    CHECK(UnlockFileEx(h2, 0, 100, 0, &ov), "handle 2 unlocks");
    CHECK(UnlockFileEx(h, 0, 100, 0, &ov), "handle 1 unlocks its shared lock");
    CHECK(LockFile(h2, 300, 0, 100, 0), "now handle 2 locks it exclusively");
    CHECK(UnlockFile(h2, 300, 0, 100, 0), "and unlocks");

    CHECK(LockFile(h, 500, 0, 10, 0), "handle 1 locks 500..510");
    CloseHandle(h);
    CHECK(LockFile(h2, 500, 0, 10, 0), "closing handle 1 releases its locks");
    CHECK(UnlockFile(h2, 500, 0, 10, 0), "(handle 2 unlocks)");
}

struct waiter {
    HANDLE file;
    volatile LONG done;
    BOOL ok;
    HANDLE event;
    OVERLAPPED ov;
};

static DWORD WINAPI blocking_lock(LPVOID arg)
{
    struct waiter *w = (struct waiter *)arg;
    at(&w->ov, 1000);
    w->ov.hEvent = w->event;
    w->ok = LockFileEx(w->file, LOCKFILE_EXCLUSIVE_LOCK, 0, 10, 0, &w->ov);
    InterlockedExchange(&w->done, 1);
    return 0;
}

static void test_blocking(HANDLE h, HANDLE h2)
{
    struct waiter w;
    HANDLE t;

    memset(&w, 0, sizeof(w));
    w.file = h2;
    w.event = CreateEvent(NULL, TRUE, FALSE, NULL);
    CHECK(LockFile(h, 1000, 0, 10, 0), "handle 1 locks 1000..1010");
    t = CreateThread(NULL, 0, blocking_lock, &w, 0, NULL);
    REQUIRE(t != NULL, "a thread asks for the range through handle 2 and waits");
    CHECK_EQ(WaitForSingleObject(w.event, 100), WAIT_TIMEOUT, "its LockFileEx is still waiting");
    CHECK_EQ(w.done, 0, "(it has not returned)");
    CHECK(UnlockFile(h, 1000, 0, 10, 0), "handle 1 unlocks");
    CHECK_EQ(WaitForSingleObject(t, 10000), WAIT_OBJECT_0, "the waiting LockFileEx returns");
    CHECK(w.ok, "TRUE: handle 2 holds the lock");
    CHECK_EQ(WaitForSingleObject(w.event, 0), WAIT_OBJECT_0, "and its OVERLAPPED's event is signalled");
    CHECK(!LockFile(h, 1000, 0, 10, 0), "handle 1 is now refused");
    CHECK(UnlockFileEx(h2, 0, 10, 0, &w.ov), "handle 2 unlocks");
    CloseHandle(t);
    CloseHandle(w.event);
}

int main(void)
{
    char dir[MAX_PATH];
    HANDLE h, h2, h3;
    DWORD n;
    GetTempPathA(MAX_PATH, dir);
    snprintf(path, sizeof(path), "%sws2mp_lock_%lu.dat", dir, (unsigned long)GetCurrentProcessId());
    h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, CREATE_ALWAYS, 0, NULL);
    h2 = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE && h2 != INVALID_HANDLE_VALUE, "two handles on the record file");
    CHECK(WriteFile(h, "records", 7, &n, NULL), "a few bytes written (locks may reach past the end)");
    test_one_handle(h);
    test_blocking(h, h2);
    test_two_handles(h, h2);
    h3 = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(LockFile(h3, 0, 0, 100, 0), "a read-only handle may lock too");
    SetLastError(0);
    CHECK(!LockFile(h2, 0, 0, 10, 0), "and its lock refuses another handle's");
    CHECK_EQ(GetLastError(), ERROR_LOCK_VIOLATION, "with ERROR_LOCK_VIOLATION");
    CHECK(UnlockFile(h3, 0, 0, 100, 0), "its unlock");
    CHECK(LockFile(h2, 0, 0, 10, 0), "frees the range");
    CloseHandle(h3);
    CloseHandle(h2);
    DeleteFileA(path);
    return check_done();
}
