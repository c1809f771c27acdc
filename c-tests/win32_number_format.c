/* A billing report prints amounts with GetNumberFormat: the user's convention for totals, and
 * its own NUMBERFMT for a column with one decimal, Indian-style grouping (Grouping 32:
 * "12,34,567") and negative amounts in parentheses. On Windows the value is plain text
 * ("-1234.5"; anything else is ERROR_INVALID_PARAMETER), extra decimals are rounded half up,
 * a format with flags is ERROR_INVALID_FLAGS, and English (United States) writes "1,234.50".
 * Wine's kernel32 locale.c test_GetNumberFormatA (docs/WINDOWS.md §10.12). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "wide.h"

static void test_user_convention(void)
{
    char out[64];
    int n;
    n = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "1234.5", NULL, out, sizeof out);
    CHECK(n == 9 && strcmp(out, "1,234.50") == 0, "1234.5 -> 1,234.50");
    n = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "-1234567.899", NULL, out, sizeof out);
    CHECK(n > 0 && strcmp(out, "-1,234,567.90") == 0, "rounded half up, minus in front");
    n = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "9.999", NULL, out, sizeof out);
    CHECK(n > 0 && strcmp(out, "10.00") == 0, "rounding carries into the integer part");
    n = GetNumberFormatA(LOCALE_USER_DEFAULT, 0, ".25", NULL, out, sizeof out);
    CHECK(n > 0 && strcmp(out, "0.25") == 0, "a leading zero");
    CHECK_EQ(GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "1000", NULL, NULL, 0), 9, "the size asked for (1,000.00)");
    SetLastError(0);
    CHECK(GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "1000", NULL, out, 4) == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "too small: ERROR_INSUFFICIENT_BUFFER");
    SetLastError(0);
    CHECK(GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "1,000", NULL, out, sizeof out) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a separator in the value: ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK(GetNumberFormatA(LOCALE_USER_DEFAULT, 0, " 12", NULL, out, sizeof out) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a space: ERROR_INVALID_PARAMETER");
}

static void test_own_format(void)
{
    char dot[] = ".", comma[] = ",", out[64];
    NUMBERFMTA f;
    NUMBERFMTW fw;
    WCHAR wout[64];
    WCHAR wdot[] = {'.', 0}, wcomma[] = {',', 0};
    f.NumDigits = 1;
    f.LeadingZero = 1;
    f.Grouping = 32;
    f.lpDecimalSep = dot;
    f.lpThousandSep = comma;
    f.NegativeOrder = 0;
    CHECK(GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "1234567", &f, out, sizeof out) > 0 && strcmp(out, "12,34,567.0") == 0,
          "Grouping 32: 12,34,567.0");
    CHECK(GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "-1234567.25", &f, out, sizeof out) > 0 &&
              strcmp(out, "(12,34,567.3)") == 0,
          "NegativeOrder 0: parentheses");
    f.Grouping = 30;
    CHECK(GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "1234567", &f, out, sizeof out) > 0 && strcmp(out, "1234,567.0") == 0,
          "Grouping 30: one group only");
    SetLastError(0);
    CHECK(GetNumberFormatA(LOCALE_USER_DEFAULT, LOCALE_NOUSEROVERRIDE, "1", &f, out, sizeof out) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "a format with flags: ERROR_INVALID_FLAGS");
    f.lpThousandSep = NULL;
    SetLastError(0);
    CHECK(GetNumberFormatA(LOCALE_USER_DEFAULT, 0, "1", &f, out, sizeof out) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "a format without a separator: ERROR_INVALID_PARAMETER");
    fw.NumDigits = 2;
    fw.LeadingZero = 0;
    fw.Grouping = 3;
    fw.lpDecimalSep = wdot;
    fw.lpThousandSep = wcomma;
    fw.NegativeOrder = 3;
    CHECK(GetNumberFormatW(LOCALE_USER_DEFAULT, 0, W("-0.5"), &fw, wout, 64) == 5 && wout[0] == '.' && wout[3] == '-',
          "GetNumberFormatW: .50-");
}

int main(void)
{
    test_user_convention();
    test_own_format();
    return check_done();
}
