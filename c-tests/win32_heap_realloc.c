/* A message router keeps a growing table on the process heap: it grows it in place with
 * HEAP_REALLOC_IN_PLACE_ONLY first (other structures point into it) and only moves it when
 * that fails; a length read from the network that is absurd must make HeapAlloc fail rather
 * than hand back a tiny block. On Windows a request near SIZE_T's maximum fails,
 * HEAP_REALLOC_IN_PLACE_ONLY never moves the block, and HeapReAlloc of NULL is no allocation.
 * Wine's kernel32 heap.c test_HeapCreate (docs/WINDOWS.md §10.11). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_huge_sizes(void)
{
    HANDLE heap = GetProcessHeap();
    BYTE *p;
    SIZE_T wire_len = (SIZE_T)-1; /* a corrupt length field */
    CHECK(HeapAlloc(heap, 0, wire_len) == NULL, "HeapAlloc(~0) fails");
    CHECK(HeapAlloc(heap, HEAP_ZERO_MEMORY, wire_len - 7) == NULL, "HeapAlloc(~0 - 7) fails");
    p = (BYTE *)HeapAlloc(heap, 0, 16);
    REQUIRE(p != NULL, "HeapAlloc(16)");
    memset(p, 'a', 16);
    CHECK(HeapReAlloc(heap, 0, p, wire_len) == NULL, "HeapReAlloc(~0) fails");
    CHECK(HeapReAlloc(heap, 0, p, wire_len - 7) == NULL, "HeapReAlloc(~0 - 7) fails");
    CHECK(HeapSize(heap, 0, p) == 16 && p[15] == 'a', "and the block is as it was");
    HeapFree(heap, 0, p);
    CHECK(HeapReAlloc(heap, 0, NULL, 10) == NULL, "HeapReAlloc(NULL) is no allocation");
}

static void test_in_place(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    BYTE *table, *same;
    SIZE_T i;
    REQUIRE(heap != NULL, "HeapCreate");
    table = (BYTE *)HeapAlloc(heap, HEAP_ZERO_MEMORY, 4096);
    REQUIRE(table != NULL, "HeapAlloc(4096)");
    for (i = 0; i < 4096; i++)
        table[i] = (BYTE)i;
    same = (BYTE *)HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, table, 1024);
    CHECK(same == table, "shrinking in place keeps the block");
    CHECK_EQ(HeapSize(heap, 0, table), 1024, "with the new size");
    same = (BYTE *)HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY | HEAP_ZERO_MEMORY, table, 2048);
    CHECK(same == table, "growing back within the block stays in place");
    CHECK(table[1023] == (BYTE)1023 && table[1024] == 0 && table[2047] == 0, "old bytes kept, growth zeroed");
    SetLastError(0);
    same = (BYTE *)HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, table, 64 * 1024 * 1024);
    if (same == NULL) {
        CHECK_EQ(GetLastError(), ERROR_NOT_ENOUGH_MEMORY, "growing past the block in place: ERROR_NOT_ENOUGH_MEMORY");
        CHECK(HeapSize(heap, 0, table) == 2048 && table[100] == 100, "the block is untouched");
    } else {
        CHECK(same == table, "if it succeeds, it did not move");
    }
    table = (BYTE *)HeapReAlloc(heap, 0, table, 64 * 1024);
    REQUIRE(table != NULL, "without the flag it may move");
    CHECK(table[100] == 100 && HeapSize(heap, 0, table) == 64 * 1024, "and keeps its bytes");
    CHECK(HeapFree(heap, 0, table), "HeapFree");
    CHECK(HeapDestroy(heap), "HeapDestroy");
}

int main(void)
{
    test_huge_sizes();
    test_in_place();
    return check_done();
}
