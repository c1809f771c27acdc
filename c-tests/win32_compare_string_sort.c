/* A file-list tool sorts names with lstrcmpi (qsort) and checks user input with CompareString,
 * expecting Explorer's order: punctuation before digits before letters ("_setup" before
 * "readme"), words with a hyphen or apostrophe next to the same word without it ("co-op" by
 * "coop"), a lowercase name before the same name in capitals, and NORM_IGNORESYMBOLS ignoring
 * punctuation and spaces. NUL characters inside a counted string count for nothing;
 * LOCALE_USE_CP_ACP is accepted; CompareStringA refuses SORT_DIGITSASNUMBERS. Wine's kernel32
 * locale.c test_CompareStringA (docs/WINDOWS.md §10.12). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "wide.h"

static int by_name(const void *x, const void *y)
{
    return lstrcmpiA(*(const char *const *)x, *(const char *const *)y);
}

static void test_sorted_list(void)
{
    const char *names[] = {"readme.txt", "Zebra", "_setup.exe", "coop", "{backup}", "2024-log", "co-op", "apple"};
    const char *expected[] = {"_setup.exe", "{backup}", "2024-log", "apple", "coop", "co-op", "readme.txt", "Zebra"};
    size_t i, n = sizeof(names) / sizeof(names[0]);
    int in_order = 1;
    qsort(names, n, sizeof(names[0]), by_name);
    for (i = 0; i < n; i++) {
        if (strcmp(names[i], expected[i]) != 0)
            in_order = 0;
        printf("# %s\n", names[i]);
    }
    CHECK(in_order, "lstrcmpi sorts symbols, then digits, then letters; a hyphen counts last");
    CHECK(lstrcmpA("abc", "ABC") < 0 && lstrcmpA("ABC", "abd") < 0, "lstrcmp: case only breaks ties, lowercase first");
    CHECK(lstrcmpA("", NULL) == 1 && lstrcmpA(NULL, "") == -1 && lstrcmpA(NULL, NULL) == 0, "NULL sorts first");
}

static void test_compare_string(void)
{
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "EndDialog", -1, "_Property", -1), CSTR_GREATER_THAN, "letters after '_'");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "-o", -1, "/m", -1), CSTR_GREATER_THAN, "word sort: the hyphen waits");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, SORT_STRINGSORT, "-o", -1, "/m", -1), CSTR_LESS_THAN,
             "SORT_STRINGSORT: the hyphen is a symbol");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "'o", -1, "-o", -1), CSTR_LESS_THAN, "the apostrophe before the hyphen");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORESYMBOLS, "New York", -1, "newyork.", -1), CSTR_GREATER_THAN,
             "NORM_IGNORESYMBOLS without NORM_IGNORECASE: N after n");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORESYMBOLS | NORM_IGNORECASE, "New York", -1, "newyork.", -1),
             CSTR_EQUAL, "and with it: equal");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "a", 1, "a\0\0", 4), CSTR_EQUAL, "NULs inside the count are nothing");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, 0, "a", 1, "a\0x", 4), CSTR_LESS_THAN, "but what follows them counts");
    CHECK_EQ(CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE | LOCALE_USE_CP_ACP, "#", -1, ".", -1), CSTR_LESS_THAN,
             "LOCALE_USE_CP_ACP is accepted");
    SetLastError(0);
    CHECK(CompareStringA(LOCALE_USER_DEFAULT, SORT_DIGITSASNUMBERS, "a2", -1, "a10", -1) == 0 &&
              GetLastError() == ERROR_INVALID_FLAGS,
          "CompareStringA(SORT_DIGITSASNUMBERS): ERROR_INVALID_FLAGS");
    CHECK_EQ(CompareStringW(LOCALE_USER_DEFAULT, SORT_DIGITSASNUMBERS, W("a2"), -1, W("a10"), -1), CSTR_LESS_THAN,
             "CompareStringW(SORT_DIGITSASNUMBERS): 2 before 10");
    CHECK_EQ(CompareStringW(LOCALE_USER_DEFAULT, 0, W("a2"), -1, W("a10"), -1), CSTR_GREATER_THAN, "without it, digit by digit");
}

int main(void)
{
    test_sorted_list();
    test_compare_string();
    return check_done();
}
