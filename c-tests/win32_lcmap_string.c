/* A command interpreter upper-cases each command in place with LCMapString(LCMAP_UPPERCASE)
 * before looking it up, strips punctuation from a search term with NORM_IGNORESYMBOLS, and
 * stores LCMAP_SORTKEY keys so that it can sort with memcmp. On Windows the case mappings may
 * work in place (any other mapping may not: ERROR_INVALID_FLAGS), a count of -1 includes the
 * NUL, a sort key ends with a NUL and sorts as CompareString does, and a mapping with no
 * flags, or a case mapping with NORM_* flags, is ERROR_INVALID_FLAGS. Wine's kernel32
 * locale.c test_LCMapStringA (docs/WINDOWS.md §10.12). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static int key_cmp(const char *a, const char *b)
{
    unsigned char ka[128], kb[128];
    int na = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY, a, -1, (LPSTR)ka, sizeof ka);
    int nb = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY, b, -1, (LPSTR)kb, sizeof kb);
    int r;
    if (na == 0 || nb == 0 || ka[na - 1] != 0 || kb[nb - 1] != 0)
        return 99;
    r = memcmp(ka, kb, (size_t)(na < nb ? na : nb));
    if (r == 0)
        r = na - nb;
    return r < 0 ? -1 : r > 0 ? 1 : 0;
}

int main(void)
{
    char cmd[32] = "dir /w", term[32];
    int n;
    n = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, cmd, -1, cmd, sizeof cmd);
    CHECK(n == 7 && strcmp(cmd, "DIR /W") == 0, "upper-cased in place, the NUL counted");
    n = LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_LOWERCASE, "Hello, World!", 5, term, sizeof term);
    CHECK(n == 5 && memcmp(term, "hello", 5) == 0, "a counted string: no NUL added");
    n = LCMapStringA(LOCALE_USER_DEFAULT, NORM_IGNORESYMBOLS, "co-op, \"ltd.\"", -1, term, sizeof term);
    CHECK(n == 8 && strcmp(term, "coopltd") == 0, "NORM_IGNORESYMBOLS drops punctuation and spaces");
    SetLastError(0);
    CHECK(LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, "abc", -1, term, 3) == 0 &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "3 bytes for 'ABC' and its NUL: ERROR_INSUFFICIENT_BUFFER");
    CHECK_EQ(LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, "abc", -1, NULL, 0), 4, "the size asked for");
    SetLastError(0);
    CHECK(LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE | NORM_IGNORESYMBOLS, "abc", -1, term, sizeof term) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "a case mapping with NORM_IGNORESYMBOLS: ERROR_INVALID_FLAGS");
    SetLastError(0);
    CHECK(LCMapStringA(LOCALE_USER_DEFAULT, 0, "abc", -1, term, sizeof term) == 0 && GetLastError() == ERROR_INVALID_FLAGS,
          "no flags: ERROR_INVALID_FLAGS");
    SetLastError(0);
    CHECK(LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_SORTKEY, term, 3, term, sizeof term) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "a sort key into its own source: ERROR_INVALID_FLAGS");
    SetLastError(0);
    CHECK(LCMapStringA(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, "abc", 0, term, sizeof term) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "an empty count: ERROR_INVALID_PARAMETER");
    CHECK_EQ(key_cmp("apple", "Apple"), -1, "sort keys: lowercase first");
    CHECK_EQ(key_cmp("_setup", "readme"), -1, "sort keys: punctuation before letters");
    CHECK_EQ(key_cmp("coop", "co-op"), -1, "sort keys: the hyphen counts last");
    CHECK_EQ(key_cmp("abc", "abc"), 0, "equal strings, equal keys");
    CHECK_EQ(key_cmp("ab", "abc"), -1, "a prefix first");
    return check_done();
}
