/* A fixed-record reader that takes a 3-letter currency code with sscanf_s("%3c", code, size):
 * when the program's buffer is smaller than the count, nothing is assigned and the buffer is
 * left empty (its first character NUL), as Microsoft's checked scanf leaves it, so the record
 * is not processed with a stale code. The same for swscanf_s over wchar_t. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "check.h"

int main(void)
{
    char code[4], small[2];
    wchar_t wsmall[2];
    int n;

    memset(code, 'x', sizeof code);
    n = sscanf_s("EUR 12.50", "%3c", code, (unsigned)sizeof code);
    CHECK_EQ(n, 1, "%3c into a 4-byte buffer");
    CHECK(memcmp(code, "EUR", 3) == 0 && code[3] == 'x', "three characters, no NUL added");

    memset(small, 'x', sizeof small);
    n = sscanf_s("USD 7", "%3c", small, (unsigned)sizeof small);
    CHECK_EQ(n, 0, "%3c into a 2-byte buffer assigns nothing");
    CHECK(small[0] == '\0', "and leaves the buffer empty");

    wsmall[0] = L'x';
    n = swscanf_s(L"GBP", L"%3c", wsmall, 2u);
    CHECK_EQ(n, 0, "swscanf_s %3c into 2 wchar_t assigns nothing");
    CHECK(wsmall[0] == L'\0', "and leaves the buffer empty");
    return check_done();
}
