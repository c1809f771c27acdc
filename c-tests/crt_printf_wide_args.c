/* ws2mp-test: no-mingw */ /* mingw-w64 gcc format checking rejects Microsoft's %wS spelling */
/* Narrow printf with Microsoft's wide conversions, the way IP Helper and name-resolution samples
 * print the W functions' strings: "%wS" for an adapter's FriendlyName, "%S" and "%ws" for a
 * WCHAR buffer, "%C" for one WCHAR, "%hs" for a char string, next to %I64u and %lu. The wide
 * text is written as UTF-8. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WCHAR name[] = {'E', 't', 'h', 'e', 'r', 'n', 'e', 't', ' ', '2', 0};
    WCHAR cafe[] = {'c', 'a', 'f', 0x00e9, 0};
    WCHAR single[] = {'A', 0};
    WCHAR *none = NULL;
    char line[160], got[160];
    FILE *f;
    size_t n;

    CHECK_EQ(sprintf(line, "Friendly name: %wS", name), 25, "sprintf with %wS returns the length");
    CHECK(strcmp(line, "Friendly name: Ethernet 2") == 0, "%wS prints a WCHAR string");
    sprintf(line, "[%S][%ws][%ls]", cafe, single, name);
    CHECK(strcmp(line, "[caf\xc3\xa9][A][Ethernet 2]") == 0, "%S, %ws and %ls print WCHAR strings, as UTF-8");
    sprintf(line, "[%12S][%-12ws][%.5S][%*S]", name, name, name, 3, single);
    CHECK(strcmp(line, "[  Ethernet 2][Ethernet 2  ][Ether][  A]") == 0,
          "width, left alignment, precision and * apply to wide strings");
    sprintf(line, "[%C%wc%lc][%hs][%s]", (WCHAR)'x', (WCHAR)0x00e9, (WCHAR)'z', "narrow", "plain");
    CHECK(strcmp(line, "[x\xc3\xa9z][narrow][plain]") == 0, "%C, %wc and %lc print a WCHAR, %hs a char string");
    sprintf(line, "%S|%d|%I64u|%lu|%5.2f|%x|%%", name, -7, (unsigned __int64)1 << 40, (DWORD)4000000000u, 2.5, 255);
    CHECK(strcmp(line, "Ethernet 2|-7|1099511627776|4000000000| 2.50|ff|%") == 0,
          "the other conversions keep their meaning next to a wide one");
    sprintf(line, "[%S]", none);
    CHECK(strcmp(line, "[(null)]") == 0, "a NULL wide string prints (null)");

    CHECK_EQ(_snprintf(line, 6, "%S", name), -1, "_snprintf cut short returns -1");
    CHECK_EQ(snprintf(line, 6, "%S", name), 10, "snprintf returns the full length");
    CHECK(strcmp(line, "Ether") == 0, "and cuts the text with a NUL");

    f = tmpfile();
    REQUIRE(f != NULL, "tmpfile");
    CHECK_EQ(fprintf(f, "Description: %ws (%S)\n", name, cafe), 32, "fprintf with wide strings returns the bytes written");
    rewind(f);
    n = fread(got, 1, sizeof(got) - 1, f);
    got[n] = '\0';
    fclose(f);
    CHECK(strcmp(got, "Description: Ethernet 2 (caf\xc3\xa9)\n") == 0, "fprintf writes the wide text as UTF-8");
    return check_done();
}
