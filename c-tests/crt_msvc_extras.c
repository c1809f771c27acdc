/* ws2mp-test: no-mingw */ /* __assume and _lrotl/_lrotr are MSVC's: mingw-w64's headers lack them */
/*
 * Small pieces of Microsoft's C runtime that old network tools use without thinking about
 * them: __min/__max to clamp a buffer size, MulDiv to scale a rate, _lrotl in a hash,
 * qsort_s with a context to sort peers by a chosen key, _putenv_s for a child's environment,
 * _msize and _malloca/_freea for buffers, __assume in a switch's default, and <conio.h>'s
 * _cputs/_cprintf for a status line, _ungetch to put a key back; the old names of standard
 * functions (_strcmpi, _abs64, _hypot, _swab, _ecvt, _environ, _umask, ...).
 */
#include <winsock2.h>
#include <windows.h>
#include <conio.h>
#include <io.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

typedef struct PEER {
    char name[16];
    int latency;
    int loss;
} PEER;

static int __cdecl by_key(void *context, const void *a, const void *b)
{
    int key = *(const int *)context;
    const PEER *p = (const PEER *)a, *q = (const PEER *)b;
    int x = key == 0 ? p->latency : p->loss;
    int y = key == 0 ? q->latency : q->loss;
    return x < y ? -1 : x > y;
}

static int kind_weight(int kind)
{
    switch (kind) {
    case 0:
        return 10;
    case 1:
        return 20;
    default:
        __assume(0);
    }
    return 0;
}

int main(void)
{
    PEER peers[4] = {{"alpha", 30, 2}, {"bravo", 10, 9}, {"charlie", 20, 0}, {"delta", 40, 5}};
    int key;
    char *buf;
    size_t have;

    CHECK_EQ(__min(1500, 65507), 1500, "__min");
    CHECK_EQ(__max(-3, 7), 7, "__max");

    CHECK_EQ(MulDiv(9, 96, 72), 12, "MulDiv scales");
    CHECK_EQ(MulDiv(1, 1, 2), 1, "MulDiv rounds a half away from zero");
    CHECK_EQ(MulDiv(-1, 1, 2), -1, "... for negative values too");
    CHECK_EQ(MulDiv(5, 1, -2), -3, "... and negative denominators");
    CHECK_EQ(MulDiv(2, 2, 3), 1, "4/3 rounds down");
    CHECK_EQ(MulDiv(1, 1, 0), -1, "a zero denominator gives -1");
    CHECK_EQ(MulDiv(0x7FFFFFFF, 2, 1), -1, "an overflow gives -1");
    CHECK_EQ(MulDiv(0x7FFFFFFF, 0x7FFFFFFF, 0x7FFFFFFF), 0x7FFFFFFF, "the product has 64 bits");

    CHECK(_lrotl(0x80000001UL, 1) == 3UL, "_lrotl rotates 32 bits, as Windows' long has");
    CHECK(_lrotr(1UL, 1) == 0x80000000UL, "_lrotr rotates 32 bits");

    key = 0;
    qsort_s(peers, 4, sizeof(PEER), by_key, &key);
    CHECK(strcmp(peers[0].name, "bravo") == 0 && strcmp(peers[3].name, "delta") == 0,
          "qsort_s by latency (the context picks the key)");
    key = 1;
    qsort_s(peers, 4, sizeof(PEER), by_key, &key);
    CHECK(strcmp(peers[0].name, "charlie") == 0 && strcmp(peers[3].name, "bravo") == 0, "qsort_s by loss");

    CHECK_EQ(_putenv_s("WS2MP_CRT_EXTRA", "on"), 0, "_putenv_s sets");
    CHECK(getenv("WS2MP_CRT_EXTRA") != NULL && strcmp(getenv("WS2MP_CRT_EXTRA"), "on") == 0, "... the value");
    CHECK_EQ(_putenv_s("WS2MP_CRT_EXTRA", ""), 0, "_putenv_s with an empty value");
    CHECK(getenv("WS2MP_CRT_EXTRA") == NULL, "... removes the variable");
    CHECK_EQ(_putenv_s("BAD=NAME", "x"), EINVAL, "a name with '=' is EINVAL");

    buf = (char *)malloc(100);
    REQUIRE(buf != NULL, "malloc");
    have = _msize(buf);
    CHECK(have >= 100 && have < 200, "_msize: at least the size asked for");
    memset(buf, 'x', have);
    free(buf);

    buf = (char *)_malloca(4096);
    REQUIRE(buf != NULL, "_malloca");
    memset(buf, 0, 4096);
    _freea(buf);

    CHECK_EQ(kind_weight(1), 20, "a switch with __assume(0) in its default");

    {
        char wire[5] = "\x12\x34\x56\x78", host[5] = {0};
        int dec = 0, sign = 0, old_mask;
        CHECK_EQ(_strcmpi("HELLO", "hello"), 0, "_strcmpi ignores case");
        CHECK(_abs64(-((__int64)1 << 40)) == (__int64)1 << 40, "_abs64");
        CHECK(_hypot(3.0, 4.0) == 5.0 && _copysign(2.0, -1.0) == -2.0 && _chgsign(1.5) == -1.5, "_hypot, _copysign, _chgsign");
        _swab(wire, host, 4);
        CHECK(memcmp(host, "\x34\x12\x78\x56", 4) == 0, "_swab swaps each byte pair");
        CHECK(strcmp(_ecvt(3.25, 3, &dec, &sign), "325") == 0 && dec == 1 && sign == 0, "_ecvt");
        CHECK(_environ != NULL && _environ[0] != NULL, "_environ lists the environment");
        old_mask = _umask(077);
        CHECK_EQ(_umask(old_mask), 077, "_umask returns the mask it replaced");
    }
    CHECK_EQ(_ungetch('y'), 'y', "_ungetch puts a key back");
    CHECK_EQ(_ungetch('n'), EOF, "... one at a time");
    CHECK(_kbhit(), "_kbhit sees the key put back");
    CHECK_EQ(_getch(), 'y', "_getch returns it first");

    CHECK_EQ(_cputs("status: "), 0, "_cputs");
    CHECK(_cprintf("%d peers, %I64d bytes\n", 4, (__int64)1 << 40) == 29, "_cprintf with Microsoft's %I64d");
    return check_done();
}
