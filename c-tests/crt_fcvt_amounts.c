/* A billing report of the old style that formats amounts itself: _fcvt(amount, 2, &dec, &sign)
 * gives the digits with two places after the point and where the point goes, and the program
 * inserts the point, leading "0." and the sign; _ecvt gives the significant digits of a rate
 * for a "d.ddE+x" column. Microsoft's results at the edges are what the program was written
 * against: a zero amount is "00" with the point at 0, an amount that rounds to nothing is "",
 * a carry (99.999 -> 100.00) moves the point and keeps two places, and a count below 1 rounds
 * to tens or hundreds. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* The report's own formatting around _fcvt, as such programs wrote it. */
static void money(char *out, double amount)
{
    int dec, sign;
    const char *d = _fcvt(amount, 2, &dec, &sign);
    char *p = out;
    if (sign)
        *p++ = '-';
    if (dec <= 0) {
        *p++ = '0';
        *p++ = '.';
        while (dec++ < 0)
            *p++ = '0';
        strcpy(p, d);
        if (*d == '\0')
            strcpy(p, "00");
    } else {
        memcpy(p, d, (size_t)dec);
        p += dec;
        *p++ = '.';
        strcpy(p, d + dec);
    }
}

int main(void)
{
    char line[64];
    const char *d;
    int dec, sign;

    money(line, 1234.5);
    CHECK(strcmp(line, "1234.50") == 0, "1234.5 is 1234.50");
    money(line, -7.126);
    CHECK(strcmp(line, "-7.13") == 0, "-7.126 is -7.13");
    money(line, 0.05);
    CHECK(strcmp(line, "0.05") == 0, "0.05 keeps its leading zero");
    money(line, 99.999);
    CHECK(strcmp(line, "100.00") == 0, "99.999 carries to 100.00");

    d = _fcvt(0.0, 2, &dec, &sign);
    CHECK(strcmp(d, "00") == 0 && dec == 0 && sign == 0, "_fcvt of zero: \"00\", point at 0");
    d = _fcvt(0.001, 2, &dec, &sign);
    CHECK(strcmp(d, "") == 0 && dec == -2, "_fcvt of 0.001 with 2 places: \"\", point at -2");
    d = _fcvt(0.006, 2, &dec, &sign);
    CHECK(strcmp(d, "1") == 0 && dec == -1, "_fcvt of 0.006 with 2 places rounds to 0.01");
    d = _fcvt(0.6, 0, &dec, &sign);
    CHECK(strcmp(d, "1") == 0 && dec == 1, "_fcvt of 0.6 with no places is 1");
    d = _fcvt(0.4, 0, &dec, &sign);
    CHECK(strcmp(d, "") == 0 && dec == 0, "_fcvt of 0.4 with no places is nothing");
    d = _fcvt(-1234.5, -2, &dec, &sign);
    CHECK(strcmp(d, "12") == 0 && dec == 4 && sign == 1, "_fcvt with -2 places rounds to hundreds");
    d = _fcvt(1234.5, -5, &dec, &sign);
    CHECK(strcmp(d, "") == 0 && dec == 4, "_fcvt to a place above the value is nothing");

    d = _ecvt(6.02214076e23, 4, &dec, &sign);
    CHECK(strcmp(d, "6022") == 0 && dec == 24, "_ecvt gives 4 significant digits and the exponent");
    d = _ecvt(99.99, 1, &dec, &sign);
    CHECK(strcmp(d, "1") == 0 && dec == 3, "_ecvt(99.99, 1) carries to 1 with the point at 3");
    d = _ecvt(0.0, 3, &dec, &sign);
    CHECK(strcmp(d, "000") == 0 && dec == 0, "_ecvt of zero: zeros, point at 0");
    d = _ecvt(-0.00123, 2, &dec, &sign);
    CHECK(strcmp(d, "12") == 0 && dec == -2 && sign == 1, "_ecvt of a small negative value");
    d = _ecvt(0.6, 0, &dec, &sign);
    CHECK(strcmp(d, "") == 0 && dec == 1, "_ecvt with no digits: \"\", the rounded point");
    d = _ecvt(12345.0, 3, &dec, &sign);
    snprintf(line, sizeof line, "%c.%sE%+d", d[0], d + 1, dec - 1);
    CHECK(strcmp(line, "1.23E+4") == 0, "the report's rate column");
    return check_done();
}
