/* A console sender that types lines to a group: it prompts, reads each line of standard input
 * with StringCchGets into a TCHAR buffer, measures it with StringCchLength and sends it as one
 * datagram, as book samples of multicast chat do. StringCchGets (strsafe.h) reads one line of
 * stdin and drops its '\n'; a line longer than the buffer is cut to the buffer's size minus
 * one and the rest waits for the next call (S_OK); at end of input with nothing read it gives
 * STRSAFE_E_END_OF_FILE and an empty string; a size of 1 or 0 gives
 * STRSAFE_E_INSUFFICIENT_BUFFER and one above STRSAFE_MAX_CCH STRSAFE_E_INVALID_PARAMETER.
 * StringCbGets takes the size in bytes. Without it such a program does not compile. The test
 * redirects its own standard input with freopen and sends each line over loopback UDP. */
#define _CRT_SECURE_NO_WARNINGS
#define _WINSOCK_DEPRECATED_NO_WARNINGS
#include <winsock2.h>
#include <windows.h>
#include <strsafe.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static SOCKET sender, receiver;
static SOCKADDR_IN to;

/* Sends the line as the sample does and returns what arrives (NUL-terminated). */
static int send_line(const char *line, size_t len, char *got, int gotlen)
{
    int n;
    if (sendto(sender, line, (int)len, 0, (SOCKADDR *)&to, sizeof(to)) == SOCKET_ERROR)
        return -1;
    n = recv(receiver, got, gotlen - 1, 0);
    if (n >= 0)
        got[n] = '\0';
    return n;
}

int main(void)
{
    WSADATA wsa;
    char name[64], got[256], line[256], small[6];
    WCHAR wide[32];
    size_t len = 99;
    int alen = sizeof(to);
    HRESULT hr;
    FILE *f;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    receiver = socket(AF_INET, SOCK_DGRAM, 0);
    sender = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(receiver, (SOCKADDR *)&to, sizeof(to)) == 0, "the receiver binds 127.0.0.1");
    getsockname(receiver, (SOCKADDR *)&to, &alen);

    StringCchPrintfA(name, 64, "ws2mp_gets_%lu.txt", (unsigned long)GetCurrentProcessId());
    f = fopen(name, "wb");
    REQUIRE(f != NULL, "the input file is made");
    fputs("hello group\n", f);      /* an ordinary line */
    fputs("\n", f);                 /* an empty line */
    fputs("0123456789\n", f);       /* longer than small[6] */
    fputs("wide line\n", f);        /* read by the W form */
    fputs("\xe4\xbd\xa0\xe5\xa5\xbd\n", f); /* two CJK characters in UTF-8 */
    fputs("bytes\n", f);            /* read by StringCbGetsW */
    fputs("no newline", f);         /* the last line has no '\n' */
    fclose(f);
    REQUIRE(freopen(name, "r", stdin) != NULL, "standard input is redirected from the file");

    hr = StringCchGetsA(line, 256);
    CHECK_EQ(hr, S_OK, "a line is read");
    CHECK(strcmp(line, "hello group") == 0, "without its newline");
    StringCchLengthA(line, 256, &len);
    CHECK_EQ(len, 11, "StringCchLength measures it");
    CHECK_EQ(send_line(line, len, got, sizeof(got)), 11, "it goes out as one datagram");
    CHECK(strcmp(got, "hello group") == 0, "and arrives as typed");

    StringCchCopyA(line, 256, "junk");
    CHECK_EQ(StringCchGetsA(line, 256), S_OK, "an empty line is S_OK");
    CHECK_EQ(line[0], 0, "and gives an empty string");

    CHECK_EQ(StringCchGetsA(small, sizeof(small)), S_OK, "a long line is cut, still S_OK");
    CHECK(strcmp(small, "01234") == 0, "to the buffer's size minus one");
    CHECK_EQ(StringCchGetsA(line, 256), S_OK, "the next call goes on in the same line");
    CHECK(strcmp(line, "56789") == 0, "with the rest of it");

    CHECK_EQ(StringCchGetsW(wide, 32), S_OK, "StringCchGetsW reads a line");
    CHECK(wide[0] == 'w' && wide[8] == 'e' && wide[9] == 0, "into WCHARs");
    CHECK_EQ(StringCchGetsW(wide, 32), S_OK, "StringCchGetsW reads the UTF-8 line");
    /* The ANSI code page is UTF-8 here: the line becomes its two characters. */
    CHECK(wide[0] == 0x4F60 && wide[1] == 0x597D && wide[2] == 0, "as two WCHARs");
    CHECK_EQ(StringCbGetsW(wide, 4 * sizeof(WCHAR)), S_OK, "StringCbGetsW counts bytes");
    CHECK(wide[0] == 'b' && wide[2] == 't' && wide[3] == 0, "four WCHARs hold three and the NUL");
    CHECK_EQ(StringCchGetsA(line, 256), S_OK, "the rest of that line follows");
    CHECK(strcmp(line, "es") == 0, "as its own line");

    CHECK_EQ(StringCbGetsA(line, sizeof(line)), S_OK, "a last line without newline is S_OK");
    CHECK(strcmp(line, "no newline") == 0, "and read whole");
    StringCchCopyA(line, 256, "junk");
    CHECK_EQ(StringCchGetsA(line, 256), STRSAFE_E_END_OF_FILE, "then end of file");
    CHECK_EQ(line[0], 0, "with an empty string");
    CHECK(FAILED(StringCchGetsW(wide, 32)), "the W form fails at end of file too");

    small[0] = 'x';
    CHECK_EQ(StringCchGetsA(small, 1), STRSAFE_E_INSUFFICIENT_BUFFER, "a size of 1 is too small");
    CHECK_EQ(small[0], 0, "and leaves an empty string");
    CHECK_EQ(StringCchGetsA(small, 0), STRSAFE_E_INSUFFICIENT_BUFFER, "so is 0");
    CHECK_EQ(StringCchGetsA(small, (size_t)STRSAFE_MAX_CCH + 1), STRSAFE_E_INVALID_PARAMETER,
             "a size above STRSAFE_MAX_CCH is refused");

    fclose(stdin);
    remove(name);
    closesocket(sender);
    closesocket(receiver);
    WSACleanup();
    return check_done();
}
