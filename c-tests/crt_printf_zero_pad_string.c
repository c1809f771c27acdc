/* ws2mp-test: no-mingw */ /* mingw-w64's headers have GCC check these formats as GNU printf, which rejects the 0 flag on %s and %c that Microsoft's library defines */
/* A packet logger that builds its fixed columns from strings, the way code written against
 * Microsoft's C library can: "%08s" of a hexadecimal string already made with _itoa pads it
 * with zeros to eight digits, "%02s" pads an hour and a minute kept as text, "%03c" a class
 * letter. In Microsoft's printf the 0 flag pads a string or a character with zeros (the C
 * library pads them with spaces); "-" still pads with spaces on the right. The wide forms do
 * the same, in swprintf and in narrow printf's %S. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "check.h"

int main(void)
{
    char line[96], hex[16], hh[4] = "7", mm[4] = "5";
    wchar_t wline[64];
    WCHAR proto[] = {'u', 'd', 'p', 0};
    int n;

    _itoa(0x1f40, hex, 16);
    n = sprintf(line, "seq=%08s at %02s:%02s class %03c", hex, hh, mm, 'B');
    CHECK(strcmp(line, "seq=00001f40 at 07:05 class 00B") == 0, "%08s, %02s and %03c pad with zeros");
    CHECK_EQ(n, (int)strlen(line), "the length counts the zeros");

    n = snprintf(line, sizeof line, "[%-08s][%8s][%08.2s][%02s]", hex, hex, hex, "12345");
    CHECK(strcmp(line, "[1f40    ][    1f40][0000001f][12345]") == 0, "left, plain width, precision, longer text");

    n = _snprintf(line, sizeof line, "%06S|%05hs", proto, "tcp");
    CHECK(strcmp(line, "000udp|00tcp") == 0, "%S of a WCHAR string and %hs pad with zeros too");

    swprintf(wline, 64, L"%06s|%03c|%-4s|%05S", L"eth0", L'x', L"ab", "lo");
    CHECK(wcscmp(wline, L"00eth0|00x|ab  |000lo") == 0, "swprintf's strings and characters pad with zeros");
    n = swprintf(wline, 64, L"%05d|%5s", 42, L"ab");
    CHECK(wcscmp(wline, L"00042|   ab") == 0 && n == 11, "numbers and plain widths are unchanged");
    return check_done();
}
