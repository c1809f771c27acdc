/* An old chat client receives a packet whose user name is UTF-16 at byte 1 (after a one-byte
 * type, so it is not 2-byte aligned), converts it straight from the packet into a small fixed
 * field, and converts the Windows-1252 text of its old log files. Windows reads unaligned
 * WCHARs, takes any negative length as "up to the NUL", fills what fits of a too-small
 * buffer before failing with ERROR_INSUFFICIENT_BUFFER, and maps 1252's 0x80..0x9f to their
 * own characters (0x80 is the euro sign). Wine's kernel32 codepage.c
 * test_negative_source_length, test_overlapped_buffers, test_string_conversion,
 * test_undefined_byte_char (docs/WINDOWS.md §10.11). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_unaligned_packet(void)
{
    unsigned char packet[64];
    static const WCHAR name[] = {'a', 'l', 'i', 'c', 'e', 0};
    char field[16];
    WCHAR back[16];
    int n;
    packet[0] = 7; /* message type */
    memcpy(packet + 1, name, sizeof(name));
    memset(field, 'x', sizeof(field));
    n = WideCharToMultiByte(CP_ACP, 0, (const WCHAR *)(packet + 1), -1, field, sizeof(field), NULL, NULL);
    CHECK_EQ(n, 6, "an unaligned UTF-16 name converts, NUL included");
    CHECK(strcmp(field, "alice") == 0, "to alice");
    /* and back into an unaligned place of the reply packet */
    memset(packet, 0, sizeof(packet));
    n = MultiByteToWideChar(CP_ACP, 0, "bob", -1, (WCHAR *)(packet + 3), 8);
    CHECK_EQ(n, 4, "into an unaligned buffer");
    memcpy(back, packet + 3, 4 * sizeof(WCHAR));
    CHECK(back[0] == 'b' && back[1] == 'o' && back[2] == 'b' && back[3] == 0, "bob arrives");
    /* the converted text may overlap the UTF-16 it came from */
    n = WideCharToMultiByte(CP_ACP, 0, (const WCHAR *)(packet + 3), -1, (char *)packet, 16, NULL, NULL);
    CHECK_EQ(n, 4, "converting in place over the source");
    CHECK(strcmp((char *)packet, "bob") == 0, "gives bob");
}

static void test_lengths(void)
{
    static const WCHAR hello[] = {'h', 'e', 'l', 'l', 'o', 0};
    char out[8];
    WCHAR wout[8];
    BOOL used = TRUE;
    int n;
    SetLastError(1234);
    n = WideCharToMultiByte(CP_ACP, 0, hello, -5, out, sizeof(out), NULL, NULL);
    CHECK(n == 6 && strcmp(out, "hello") == 0, "any negative length reads to the NUL");
    CHECK_EQ(GetLastError(), 1234, "and leaves the last error alone");
    n = MultiByteToWideChar(CP_ACP, 0, "hello", -100, wout, 8);
    CHECK(n == 6 && wout[4] == 'o' && wout[5] == 0, "MultiByteToWideChar too");

    memset(out, '#', sizeof(out));
    SetLastError(0);
    n = WideCharToMultiByte(CP_ACP, 0, hello, -1, out, 3, NULL, NULL);
    CHECK(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "3 bytes: ERROR_INSUFFICIENT_BUFFER");
    CHECK(memcmp(out, "hel#", 4) == 0, "but what fitted was written, and nothing after it");
    memset(wout, 0, sizeof(wout));
    SetLastError(0);
    n = MultiByteToWideChar(CP_ACP, 0, "hello", -1, wout, 2);
    CHECK(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "2 WCHARs: ERROR_INSUFFICIENT_BUFFER");
    CHECK(wout[0] == 'h' && wout[1] == 'e' && wout[2] == 0, "h and e were written");
    /* UTF-8 never splits a character: "aé" needs 3 bytes, 2 take only "a" */
    {
        static const WCHAR ae[] = {'a', 0xe9, 0};
        memset(out, '#', sizeof(out));
        n = WideCharToMultiByte(CP_UTF8, 0, ae, -1, out, 2, NULL, NULL);
        CHECK(n == 0 && out[0] == 'a' && out[1] == '#', "half a character is not written");
    }
    /* the default-character flag counts only what was converted */
    {
        static const WCHAR mixed[] = {'T', 0x440, 0};
        n = WideCharToMultiByte(1252, 0, mixed, -1, out, 1, NULL, &used);
        CHECK(n == 0 && out[0] == 'T' && used == FALSE, "T fits, the Cyrillic letter is not reached");
    }
}

static void test_1252_log(void)
{
    const char line[] = "Price: 5\x80 \x93ok\x94";
    WCHAR w[32];
    char back[32];
    BOOL used = TRUE;
    int n = MultiByteToWideChar(1252, 0, line, -1, w, 32);
    CHECK_EQ(n, (int)sizeof(line), "one WCHAR per byte");
    CHECK_EQ(w[8], 0x20ac, "0x80 is the euro sign");
    CHECK(w[10] == 0x201c && w[13] == 0x201d, "0x93 and 0x94 are curly quotes");
    n = WideCharToMultiByte(1252, 0, w, -1, back, sizeof(back), NULL, &used);
    CHECK(n == (int)sizeof(line) && strcmp(back, line) == 0 && used == FALSE, "and back again");
    n = MultiByteToWideChar(1252, MB_ERR_INVALID_CHARS, "\x90", -1, w, 32);
    CHECK(n == 2 && w[0] == 0x90, "an unassigned byte is its C1 control, not an error");
}

int main(void)
{
    test_unaligned_packet();
    test_lengths();
    test_1252_log();
    return check_done();
}
