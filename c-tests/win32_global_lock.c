/* An old clipboard-style exchange: the producer GlobalAlloc's a moveable block, locks it,
 * fills it, unlocks it and hands the handle over; the consumer reads GlobalSize bytes (so
 * the size must be what was asked for, not the allocator's rounding) and unlocks in a loop
 * "while (GlobalUnlock(h))" as some code does. On Windows the lock count is kept per block
 * (GlobalFlags shows it, GlobalUnlock is TRUE while locks remain, then FALSE with NO_ERROR,
 * then ERROR_NOT_LOCKED), GMEM_MODIFY changes flags and never the size, a fixed block of 0
 * bytes holds 1, and GlobalReAlloc/LocalReAlloc of NULL fails. Wine's kernel32 heap.c
 * test_GlobalAlloc, test_LocalAlloc (docs/WINDOWS.md §10.11). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static HGLOBAL produce(const char *text)
{
    HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE | GMEM_DDESHARE, strlen(text) + 1);
    char *p;
    if (h == NULL)
        return NULL;
    p = (char *)GlobalLock(h);
    if (p == NULL)
        return NULL;
    memcpy(p, text, strlen(text) + 1);
    GlobalUnlock(h);
    return h;
}

static void test_exchange(void)
{
    HGLOBAL h = produce("hello, world");
    char *p, *q;
    int unlocks = 0;
    REQUIRE(h != NULL, "the producer's block");
    CHECK_EQ(GlobalSize(h), 13, "GlobalSize is what was asked for");
    CHECK_EQ(GlobalFlags(h) & GMEM_LOCKCOUNT, 0, "unlocked after the producer");
    CHECK(GlobalFlags(h) & GMEM_DDESHARE, "GMEM_DDESHARE is reported");
    p = (char *)GlobalLock(h);
    q = (char *)GlobalLock(h);
    CHECK(p != NULL && p == q && strcmp(p, "hello, world") == 0, "locked twice, same bytes");
    CHECK_EQ(GlobalFlags(h) & GMEM_LOCKCOUNT, 2, "GlobalFlags counts two locks");
    while (GlobalUnlock(h))
        unlocks++;
    CHECK_EQ(unlocks, 1, "TRUE while a lock remains");
    CHECK_EQ(GetLastError(), NO_ERROR, "FALSE with NO_ERROR when the last one goes");
    CHECK(!GlobalUnlock(h) && GetLastError() == ERROR_NOT_LOCKED, "one more: ERROR_NOT_LOCKED");
    CHECK(GlobalFree(h) == NULL, "GlobalFree");
}

static void test_sizes_and_flags(void)
{
    HGLOBAL h, h2;
    HLOCAL l;
    BYTE *p;
    h = GlobalAlloc(GMEM_FIXED, 0);
    REQUIRE(h != NULL, "GlobalAlloc(GMEM_FIXED, 0)");
    CHECK_EQ(GlobalSize(h), 1, "a fixed block of 0 bytes holds 1");
    CHECK(GlobalUnlock(h), "GlobalUnlock of a fixed block is TRUE");
    GlobalFree(h);

    h = GlobalAlloc(GMEM_MOVEABLE, 0);
    REQUIRE(h != NULL, "GlobalAlloc(GMEM_MOVEABLE, 0)");
    CHECK_EQ(GlobalSize(h), 0, "an empty moveable block");
    CHECK(GlobalFlags(h) & GMEM_DISCARDED, "is reported discarded");
    SetLastError(0);
    CHECK(GlobalLock(h) == NULL && GetLastError() == ERROR_DISCARDED, "and cannot be locked");
    h = GlobalReAlloc(h, 10, GMEM_MOVEABLE | GMEM_ZEROINIT);
    REQUIRE(h != NULL, "GlobalReAlloc to 10");
    CHECK_EQ(GlobalSize(h), 10, "now 10 bytes");
    p = (BYTE *)GlobalLock(h);
    CHECK(p != NULL && p[9] == 0, "zeroed, lockable");
    GlobalUnlock(h);
    h2 = GlobalReAlloc(h, 4096, GMEM_MODIFY);
    CHECK(h2 == h && GlobalSize(h) == 10, "GMEM_MODIFY keeps block and size");
    CHECK(GlobalDiscard(h) == h && GlobalSize(h) == 0, "GlobalDiscard empties it, the handle stays");
    GlobalFree(h);

    SetLastError(0);
    CHECK(GlobalReAlloc(NULL, 10, GMEM_MOVEABLE) == NULL, "GlobalReAlloc(NULL) fails");
    CHECK(LocalReAlloc(NULL, 10, LMEM_MOVEABLE) == NULL, "LocalReAlloc(NULL) fails");

    l = LocalAlloc(LMEM_FIXED, 10);
    REQUIRE(l != NULL, "LocalAlloc(LMEM_FIXED, 10)");
    CHECK_EQ(LocalSize(l), 10, "LocalSize is exact");
    CHECK_EQ(LocalFlags(l), 0, "a fixed block has no flags");
    l = LocalReAlloc(l, 100000, LMEM_MOVEABLE | LMEM_ZEROINIT);
    REQUIRE(l != NULL, "a fixed block moves with LMEM_MOVEABLE");
    CHECK(LocalSize(l) == 100000 && ((BYTE *)l)[99999] == 0, "grown and zeroed");
    CHECK(LocalFree(l) == NULL, "LocalFree");
    l = LocalAlloc(LHND, 16);
    REQUIRE(l != NULL && LocalLock(l) != NULL, "a locked moveable block");
    SetLastError(0);
    CHECK(LocalReAlloc(l, 1 << 20, LMEM_MOVEABLE) == NULL && GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
          "a locked moveable block does not move");
    CHECK(!LocalUnlock(l) && GetLastError() == NO_ERROR, "LocalUnlock");
    l = LocalReAlloc(l, 1 << 20, LMEM_MOVEABLE);
    CHECK(l != NULL && LocalSize(l) == (1 << 20), "unlocked, it may move");
    LocalFree(l);
}

int main(void)
{
    test_exchange();
    test_sizes_and_flags();
    return check_done();
}
