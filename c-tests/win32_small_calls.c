/* Small Win32 calls legacy programs make around their sockets: environment expansion and
 * blocks, the ANSI character functions, moveable global memory and private heaps, temporary
 * file names, file time comparison and the debugger check. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    char buf[64], tmp[MAX_PATH], name1[MAX_PATH], name2[MAX_PATH], word[] = "Hello, World";
    DWORD n;
    LPCH env, p;
    int found = 0;
    HGLOBAL g;
    char *mem;
    HANDLE heap;
    void *block;
    UINT u1, u2;
    FILETIME a = {5, 1}, b = {7, 1}, c = {0, 2};

    /* %NAME% expansion. */
    CHECK(SetEnvironmentVariableA("WS2MP_SMALL", "abc"), "SetEnvironmentVariable");
    n = ExpandEnvironmentStringsA("x%WS2MP_SMALL%y%WS2MP_NOPE%z", buf, sizeof buf);
    CHECK(n == 19 && strcmp(buf, "xabcy%WS2MP_NOPE%z") == 0,
          "ExpandEnvironmentStrings: a known name replaced, an unknown one kept; the length with the NUL");
    memset(buf, '#', sizeof buf);
    CHECK_EQ(ExpandEnvironmentStringsA("%WS2MP_SMALL%%WS2MP_SMALL%", buf, 4), 7, "a buffer too small: the size needed");
    CHECK(buf[4] == '#', "... and nothing written past it");
    env = GetEnvironmentStringsA();
    REQUIRE(env != NULL, "GetEnvironmentStrings");
    for (p = env; *p; p += strlen(p) + 1)
        found |= strcmp(p, "WS2MP_SMALL=abc") == 0;
    CHECK(found, "... lists NAME=value strings up to an empty one");
    CHECK(FreeEnvironmentStringsA(env), "FreeEnvironmentStrings");

    /* Characters. */
    CHECK(CharUpperA(word) == word && strcmp(word, "HELLO, WORLD") == 0, "CharUpper on a string");
    CHECK((char)(UINT_PTR)CharLowerA((LPSTR)(UINT_PTR)'Q') == 'q', "CharLower on one character in the pointer");
    CHECK(CharLowerBuffA(word, 5) == 5 && strcmp(word, "hello, WORLD") == 0, "CharLowerBuff converts n characters");
    CHECK(IsCharAlphaA('x') && !IsCharAlphaA('1') && IsCharAlphaNumericA('1') && IsCharUpperA('W') && IsCharLowerA('h'),
          "IsCharAlpha, IsCharAlphaNumeric, IsCharUpper, IsCharLower");
    CHECK(CharNextA(word) == word + 1 && CharPrevA(word, word + 3) == word + 2 && CharPrevA(word, word) == word,
          "CharNext and CharPrev");

    /* Global memory, moveable, as clipboard-era code allocates it. */
    g = GlobalAlloc(GHND, 16);
    REQUIRE(g != NULL, "GlobalAlloc(GHND)");
    mem = (char *)GlobalLock(g);
    CHECK(mem != NULL && mem[0] == 0 && mem[15] == 0, "GlobalLock gives zeroed memory");
    strcpy(mem, "kept");
    GlobalUnlock(g);
    g = GlobalReAlloc(g, 4096, GMEM_MOVEABLE);
    mem = (char *)GlobalLock(g);
    CHECK(mem != NULL && strcmp(mem, "kept") == 0, "GlobalReAlloc keeps the contents");
    GlobalUnlock(g);
    CHECK(GlobalFree(g) == NULL, "GlobalFree");

    heap = HeapCreate(0, 0, 0);
    REQUIRE(heap != NULL, "HeapCreate");
    block = HeapAlloc(heap, HEAP_ZERO_MEMORY, 100);
    CHECK(block != NULL && HeapSize(heap, 0, block) == 100, "HeapAlloc from a private heap");
    CHECK(HeapFree(heap, 0, block) && HeapDestroy(heap), "HeapFree and HeapDestroy");

    /* Temporary files. */
    REQUIRE(GetTempPathA(sizeof tmp, tmp) > 0, "GetTempPath");
    u1 = GetTempFileNameA(tmp, "ws2mp", 0, name1);
    u2 = GetTempFileNameA(tmp, "ws2mp", 0, name2);
    CHECK(u1 != 0 && u2 != 0 && u1 != u2 && strcmp(name1, name2) != 0, "GetTempFileName(0) twice: two numbers, two names");
    CHECK(strstr(name1, "ws2") != NULL && strstr(name1, "ws2m") == NULL && strstr(name1, ".TMP") != NULL,
          "... the prefix's first three letters and .TMP");
    CHECK(GetFileAttributesA(name1) != INVALID_FILE_ATTRIBUTES, "... the file was created");
    CHECK(DeleteFileA(name1) && DeleteFileA(name2), "... and is deleted by that name");
    CHECK_EQ(GetTempFileNameA(tmp, "abc", 0x1A2B, name1), 0x1A2B, "GetTempFileName with a number returns it");
    CHECK(strstr(name1, "abc1A2B.TMP") != NULL && GetFileAttributesA(name1) == INVALID_FILE_ATTRIBUTES,
          "... forms the name without creating the file");

    CHECK(CompareFileTime(&a, &b) == -1 && CompareFileTime(&b, &a) == 1 && CompareFileTime(&a, &a) == 0 &&
              CompareFileTime(&b, &c) == -1,
          "CompareFileTime (the high DWORD first)");
    CHECK(!IsDebuggerPresent(), "IsDebuggerPresent: no debugger here");
    return check_done();
}
