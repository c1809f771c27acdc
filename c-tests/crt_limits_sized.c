/* A byte-counter module that clamps its totals with Microsoft's sized limits from <limits.h>:
 * _UI64_MAX for a saturating 64-bit add, _I64_MAX/_I64_MIN for a signed delta, _UI32_MAX for
 * what fits a DWORD field of the wire format, _I32_MAX, _I16_MAX and _UI8_MAX for the smaller
 * fields. The file includes <limits.h> and <stdio.h> only, as the module did. */
#include <limits.h>
#include <stdio.h>
#include "check.h"

static unsigned long long add_saturating(unsigned long long total, unsigned long long more)
{
    return more > _UI64_MAX - total ? _UI64_MAX : total + more;
}

int main(void)
{
    long long delta = _I64_MIN;
    CHECK(_UI64_MAX == 18446744073709551615ULL, "_UI64_MAX is 2^64 - 1");
    CHECK(_I64_MAX == 9223372036854775807LL, "_I64_MAX is 2^63 - 1");
    CHECK(delta < 0 && delta - 1 + 1 == _I64_MIN && -(delta + 1) == _I64_MAX, "_I64_MIN is -2^63");
    CHECK(add_saturating(_UI64_MAX - 5, 10) == _UI64_MAX, "a saturating add stops at _UI64_MAX");
    CHECK(add_saturating(1, 2) == 3, "and adds below it");
    CHECK(_UI32_MAX == 4294967295u && _I32_MAX == 2147483647 && _I32_MIN == -2147483647 - 1, "the 32-bit limits");
    CHECK(_I16_MAX == 32767 && _I16_MIN == -32768 && _UI16_MAX == 65535u, "the 16-bit limits");
    CHECK(_I8_MAX == 127 && _I8_MIN == -128 && _UI8_MAX == 255u, "the 8-bit limits");
    CHECK(sizeof(_UI64_MAX) == 8 && sizeof(_I64_MIN) == 8, "the 64-bit limits are 64-bit constants");
    CHECK(INT_MAX == 2147483647 && CHAR_BIT == 8, "the standard limits are still there");
    return check_done();
}
