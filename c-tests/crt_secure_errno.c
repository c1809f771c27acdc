/* A service's settings loader written against the secure CRT: each copy or conversion that
 * fails is logged with strerror(errno), as Microsoft documents that the _s functions set errno
 * to the error they return. Optional fields that are absent are copied with
 * strncpy_s(dst, size, NULL, 0) / wcsncpy_s(..., NULL, 0), which Microsoft's library accepts
 * (nothing to copy: the field becomes empty). A radix taken from the settings file is checked
 * by _itoa_s itself, and a wide name is lower-cased with _wcslwr_s. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <errno.h>
#include "check.h"

static char last_error[64];

static int copy_field(char *dst, size_t size, const char *src)
{
    errno_t e;
    errno = 0;
    e = strcpy_s(dst, size, src);
    if (e != 0)
        strcpy_s(last_error, sizeof last_error, strerror(errno));
    return e;
}

int main(void)
{
    char host[8], port_text[4], id_text[16];
    wchar_t label[6], wname[16];
    unsigned char block[4];
    errno_t e;

    CHECK_EQ(copy_field(host, sizeof host, "gateway"), 0, "a name that fits is copied");
    CHECK_EQ(copy_field(host, sizeof host, "gateway-2"), ERANGE, "a name too long is ERANGE");
    CHECK(strcmp(last_error, strerror(ERANGE)) == 0, "and errno is ERANGE for the log");
    CHECK_EQ(copy_field(host, sizeof host, NULL), EINVAL, "a missing name is EINVAL");
    CHECK(strcmp(last_error, strerror(EINVAL)) == 0, "and errno is EINVAL");

    errno = 0;
    e = strcat_s(host, sizeof host, NULL);
    CHECK(e == EINVAL && errno == EINVAL, "strcat_s of NULL: EINVAL in errno too");
    errno = 0;
    e = memcpy_s(block, sizeof block, "12345", 5);
    CHECK(e == ERANGE && errno == ERANGE, "memcpy_s of too much: ERANGE in errno too");
    errno = 0;
    e = memmove_s(block, sizeof block, NULL, 2);
    CHECK(e == EINVAL && errno == EINVAL, "memmove_s from NULL: EINVAL in errno too");

    strcpy_s(port_text, sizeof port_text, "x");
    e = strncpy_s(port_text, sizeof port_text, NULL, 0);
    CHECK_EQ(e, 0, "strncpy_s of an absent optional field (NULL, 0) succeeds");
    CHECK(port_text[0] == '\0', "and leaves the field empty");
    CHECK_EQ(strncpy_s(NULL, 0, NULL, 0), 0, "strncpy_s(NULL, 0, NULL, 0) copies nothing, 0");
    errno = 0;
    e = strncpy_s(port_text, sizeof port_text, NULL, 3);
    CHECK(e == EINVAL && errno == EINVAL, "strncpy_s from NULL with a count: EINVAL");

    wcscpy_s(label, 6, L"abc");
    CHECK_EQ(wcsncpy_s(label, 6, NULL, 0), 0, "wcsncpy_s(dst, n, NULL, 0) succeeds");
    CHECK(label[0] == L'\0', "and empties the wide field");

    errno = 0;
    e = _itoa_s(1234, id_text, sizeof id_text, 0);
    CHECK(e == EINVAL && errno == EINVAL, "_itoa_s with radix 0 is EINVAL");
    CHECK(id_text[0] == '\0', "and empties the buffer");
    errno = 0;
    e = _itoa_s(1234, id_text, sizeof id_text, 37);
    CHECK(e == EINVAL && errno == EINVAL, "_itoa_s with radix 37 is EINVAL");
    errno = 0;
    e = _itoa_s(12345678, id_text, 4, 10);
    CHECK(e == ERANGE && errno == ERANGE && id_text[0] == '\0', "_itoa_s too long: ERANGE, emptied");
    errno = 0;
    e = _ultoa_s(4000000000UL, id_text, 5, 10);
    CHECK(e == ERANGE && errno == ERANGE, "_ultoa_s too long: ERANGE in errno");
    CHECK_EQ(_itoa_s(-255, id_text, sizeof id_text, 16), 0, "_itoa_s base 16");
    CHECK(strcmp(id_text, "ffffff01") == 0, "negative in base 16 is the two's complement bits");

    strcpy_s(id_text, sizeof id_text, "MiXeD");
    errno = 0;
    e = _strlwr_s(id_text, 5);
    CHECK(e == EINVAL && errno == EINVAL && id_text[0] == '\0', "_strlwr_s of a string longer than its size");

    wcscpy_s(wname, 16, L"NodeName");
    errno = 0;
    e = _wcslwr_s(wname, 0);
    CHECK(e == EINVAL && errno == EINVAL, "_wcslwr_s with size 0 is EINVAL");
    CHECK(wname[0] == L'\0', "and empties the string, as Windows does");
    wcscpy_s(wname, 16, L"NodeName");
    CHECK_EQ(_wcsupr_s(wname, 16), 0, "_wcsupr_s in a big enough buffer");
    CHECK(wcscmp(wname, L"NODENAME") == 0, "upper-cases the name");
    errno = 0;
    e = _wcsupr_s(wname, 8);
    CHECK(e == EINVAL && errno == EINVAL && wname[0] == L'\0', "_wcsupr_s without a NUL in size");
    return check_done();
}
