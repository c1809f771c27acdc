/* A feed handler's log header and price filter of the old Windows style: the zone is taken from
 * TZ with _putenv + _tzset, the header prints _tzname and the UTC offset from _timezone /
 * _daylight (and the newer _get_timezone / _get_daylight), and quotes whose price is not a
 * number or not finite are dropped with _isnan / _finite; __max keeps the best bid. With TZ set
 * as "EST5EDT" Microsoft's _tzset gives _timezone 18000 (seconds west), _daylight nonzero and
 * the names "EST" / "EDT"; "JST-9" gives -32400 and no daylight saving. */
#include <winsock2.h>
#include <windows.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"

int main(void)
{
    long west = 0;
    int dst = -1, i, kept = 0;
    char header[128];
    double quotes[5], best = 0.0;

    REQUIRE(_putenv("TZ=EST5EDT") == 0, "_putenv TZ");
    _tzset();
    CHECK_EQ(_timezone, 18000L, "_timezone is EST's 5 hours west of UTC, in seconds");
    CHECK(_daylight != 0, "_daylight: EST5EDT names a daylight-saving zone");
    CHECK(strcmp(_tzname[0], "EST") == 0 && strcmp(_tzname[1], "EDT") == 0,
          "_tzname holds the standard and daylight names");
    /* The newer functions (Visual C++ 2005's library and the UCRT; mingw-w64's default msvcrt.dll
     * has neither). */
#if !defined(__MINGW32__) || defined(_UCRT)
    CHECK(_get_timezone(&west) == 0 && west == 18000L, "_get_timezone gives the same");
    CHECK(_get_daylight(&dst) == 0 && dst != 0, "_get_daylight gives the same");
#else
    west = 18000L;
    dst = 1;
    (void)west;
    (void)dst;
#endif
    snprintf(header, sizeof header, "log start, zone %s (UTC%+03ld:%02ld)", _tzname[0], -_timezone / 3600,
             (labs(_timezone) % 3600) / 60);
    CHECK(strcmp(header, "log start, zone EST (UTC-05:00)") == 0, "the log header shows the zone");

    REQUIRE(_putenv("TZ=JST-9") == 0, "_putenv TZ again");
    _tzset();
    CHECK_EQ(_timezone, -32400L, "_timezone east of UTC is negative");
    CHECK(_daylight == 0, "_daylight is 0 for a zone without daylight saving");
    CHECK(strcmp(_tzname[0], "JST") == 0, "_tzname[0] follows the new zone");

    quotes[0] = 101.25;
    quotes[1] = sqrt(-1.0); /* a NaN from a bad feed field */
    quotes[2] = 101.75;
    quotes[3] = HUGE_VAL;
    quotes[4] = 99.5;
    for (i = 0; i < 5; i++) {
        if (_isnan(quotes[i]) || !_finite(quotes[i]))
            continue;
        kept++;
        best = __max(best, quotes[i]);
    }
    CHECK_EQ(kept, 3, "_isnan and _finite drop the NaN and the infinity");
    CHECK(best == 101.75, "__max keeps the best bid");
    CHECK_EQ(__min(3, 7), 3, "__min");
    return check_done();
}
