/* An error reporter the way Windows programs write one: the failing call's HRESULT or LONG
 * turned into hex text with _ltoa / _ultoa / _ltoa_s / _ltow ("error 80004005"), counters with
 * _itoa_s into fixed buffers, and a name lower-cased in place with _strlwr_s. Microsoft's long
 * is 32 bits, so _ltoa(E_FAIL, buf, 16) is "80004005"; the C library's 64-bit long would carry
 * the sign-extended value and print "ffffffff80004005", which no log parser or lookup table
 * keyed on the code expects. The _itoa_s and _strlwr_s results (errors, errno, the emptied
 * buffer) are those of Wine's msvcrt string.c tests (test__itoa_s, test__strlwr_s). */
#include <windows.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* The reporter: "<what> failed: error <hex>". */
static const char *report(char *out, size_t size, const char *what, HRESULT hr)
{
    char hex[40];
    _ltoa(hr, hex, 16);
    _snprintf_s(out, size, _TRUNCATE, "%s failed: error %s", what, hex);
    return out;
}

int main(void)
{
    char line[96], buf[40], small[9];
    wchar_t wide[40];
    long code;
    errno_t e;

    CHECK(strcmp(report(line, sizeof line, "CoCreateInstance", E_FAIL),
                 "CoCreateInstance failed: error 80004005") == 0,
          "_ltoa of a negative HRESULT in hex: its 32 bits");
    CHECK(strcmp(_ltoa(-1, buf, 2), "11111111111111111111111111111111") == 0, "_ltoa(-1) in binary: 32 ones");
    CHECK(strcmp(_ltoa(-2147483647L - 1, buf, 16), "80000000") == 0, "_ltoa of LONG_MIN in hex");
    CHECK(strcmp(_ltoa(-5, buf, 10), "-5") == 0, "_ltoa in decimal keeps the sign");
    CHECK(strcmp(_ltoa(255, buf, 16), "ff") == 0, "_ltoa of a positive value");
    code = E_FAIL;
    CHECK(strcmp(_ultoa((unsigned long)code, buf, 16), "80004005") == 0,
          "_ultoa of the code held in a long: 80004005");
    CHECK(strcmp(_ultoa(4294967295UL, buf, 10), "4294967295") == 0, "_ultoa of 0xFFFFFFFF in decimal");
    CHECK_EQ(_ltoa_s(E_FAIL, small, sizeof small, 16), 0, "_ltoa_s of E_FAIL into 9 bytes");
    CHECK(strcmp(small, "80004005") == 0, "gives 80004005");
    errno = 0;
    CHECK_EQ(_ltoa_s(E_FAIL, small, 8, 16), ERANGE, "_ltoa_s of E_FAIL into 8 bytes: ERANGE");
    CHECK(errno == ERANGE && small[0] == '\0', "errno ERANGE, the buffer emptied");
    _ltow(E_FAIL, wide, 16);
    CHECK(wide[0] == L'8' && wide[7] == L'5' && wide[8] == L'\0', "_ltow of E_FAIL is L\"80004005\"");

    /* _itoa_s, as Wine's test__itoa_s. */
    memset(buf, 'X', sizeof buf);
    errno = EBADF;
    e = _itoa_s(0, buf, sizeof buf, 0);
    CHECK(e == EINVAL && errno == EINVAL && buf[0] == '\0', "_itoa_s radix 0: EINVAL, buffer emptied");
    memset(buf, 'X', sizeof buf);
    errno = EBADF;
    e = _itoa_s(0, buf, sizeof buf, 64);
    CHECK(e == EINVAL && errno == EINVAL && buf[0] == '\0', "_itoa_s radix 64: EINVAL");
    memset(buf, 'X', sizeof buf);
    errno = EBADF;
    e = _itoa_s(12345678, buf, 4, 10);
    CHECK(e == ERANGE && errno == ERANGE && buf[0] == '\0', "_itoa_s of 8 digits into 4 bytes: ERANGE");
    errno = EBADF;
    e = _itoa_s(12345678, buf, 8, 10);
    CHECK(e == ERANGE && errno == ERANGE && buf[0] == '\0', "8 digits into 8 bytes: ERANGE (no room for the NUL)");
    errno = EBADF;
    e = _itoa_s(-12345678, buf, 9, 10);
    CHECK(e == ERANGE && errno == ERANGE && buf[0] == '\0', "a sign and 8 digits into 9 bytes: ERANGE");
    CHECK(_itoa_s(12345678, buf, 9, 10) == 0 && strcmp(buf, "12345678") == 0, "8 digits into 9 bytes fit");
    CHECK(_itoa_s(43690, buf, sizeof buf, 2) == 0 && strcmp(buf, "1010101010101010") == 0, "43690 in binary");
    CHECK(_itoa_s(1092009, buf, sizeof buf, 36) == 0 && strcmp(buf, "nell") == 0, "1092009 in base 36");
    CHECK(_itoa_s(5704, buf, sizeof buf, 18) == 0 && strcmp(buf, "hag") == 0, "5704 in base 18");
    CHECK(_itoa_s(-12345678, buf, sizeof buf, 10) == 0 && strcmp(buf, "-12345678") == 0, "a negative value");

    /* _strlwr_s, as Wine's test__strlwr_s. */
    strcpy(buf, "GoRrIsTeR");
    errno = EBADF;
    CHECK(_strlwr_s(buf, 5) == EINVAL && errno == EINVAL, "_strlwr_s with the string longer than the size: EINVAL");
    CHECK(buf[0] == '\0' && strcmp(buf + 1, "oRrIsTeR") == 0, "only the first byte is cleared");
    strcpy(buf, "GoRrIsTeR");
    CHECK(_strlwr_s(buf, 9) == EINVAL && buf[0] == '\0', "no room for the terminator: EINVAL");
    strcpy(buf, "GoRrIsTeR");
    CHECK(_strlwr_s(buf, 10) == 0 && strcmp(buf, "gorrister") == 0, "the exact size lower-cases it");
    errno = EBADF;
    CHECK(_strlwr_s(NULL, 10) == EINVAL && errno == EINVAL, "_strlwr_s of NULL: EINVAL");
    return check_done();
}
