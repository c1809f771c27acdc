/* The wide checked C runtime functions a Unicode UDP beacon uses: its peer list L"a;b;c" is
 * split with wcstok_s, the port turned into text with _itow_s, a log line sized with
 * _scwprintf before it is formatted, the log opened with _wfopen_s, and the length of a
 * datagram that carries no NUL taken with strnlen_s. Also the error paths Microsoft documents
 * (EINVAL for NULL, ERANGE with the buffer emptied, STRUNCATE with _TRUNCATE), the other
 * wide conversions (_ltow, _ui64tow, _i64tow_s, ...), wcsnlen_s, wcsncat_s, _wcsupr_s and
 * _wcslwr, _wcsrev, wmemcpy_s, _strset_s / _strnset_s, _wcstoi64 and _wfreopen_s; the log
 * rotated with _wrename and dropped with _wremove, the beacon's name set with _wputenv and read
 * back with _wgetenv. */
#ifndef UNICODE
#define UNICODE 1
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <errno.h>
#include "check.h"

#ifndef STRUNCATE
#define STRUNCATE 80
#endif

static int count_peers(const wchar_t *list)
{
    wchar_t copy[128];
    wchar_t *context = NULL;
    wchar_t *peer;
    int n = 0;
    if (wcscpy_s(copy, 128, list) != 0)
        return -1;
    for (peer = wcstok_s(copy, L";, ", &context); peer != NULL; peer = wcstok_s(NULL, L";, ", &context))
        n++;
    return n;
}

int main(void)
{
    WSADATA wsa;
    SOCKET rx, tx;
    struct sockaddr_in addr;
    int addr_len = (int)sizeof(addr);
    char packet[16];
    char received[32];
    wchar_t port_text[40];
    wchar_t tiny[3];
    wchar_t *line;
    int need, got;
    wchar_t list[] = L"127.0.0.1; localhost,,::1;";
    wchar_t *context = NULL;
    wchar_t *first;
    FILE *log = NULL;
    char log_name[MAX_PATH];
    wchar_t wlog_name[MAX_PATH];
    size_t i;
    errno_t e;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* The peer list: three names between the separators, empty fields skipped. */
    CHECK_EQ(count_peers(list), 3, "wcstok_s finds the three peers");
    first = wcstok_s(list, L";", &context);
    CHECK(first != NULL && wcscmp(first, L"127.0.0.1") == 0, "wcstok_s returns the first peer");
    CHECK(context != NULL && wcscmp(context, L" localhost,,::1;") == 0, "the context points past its separator");
    first = wcstok_s(NULL, L";", &context);
    CHECK(first != NULL && wcscmp(first, L" localhost,,::1") == 0, "the next call goes on from the context");
    CHECK(wcstok_s(NULL, L";", &context) == NULL, "wcstok_s ends with NULL");
    errno = 0;
    CHECK(wcstok_s(NULL, L";", NULL) == NULL && errno == EINVAL, "a NULL context: NULL, errno EINVAL");

    /* The beacon's socket pair over loopback. */
    rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind the listener");
    REQUIRE(getsockname(rx, (struct sockaddr *)&addr, &addr_len) == 0, "its port");

    /* The port as text: fits in 8 characters, not in 3 (ERANGE, emptied). */
    CHECK_EQ(_itow_s(ntohs(addr.sin_port), port_text, 8, 10), 0, "_itow_s of the port");
    CHECK_EQ(_wtoi(port_text), ntohs(addr.sin_port), "the text reads back as the port");
    CHECK_EQ(_itow_s(-255, port_text, 8, 16), ERANGE, "-255 in base 16 needs 9 characters: ERANGE");
    tiny[0] = L'x';
    CHECK_EQ(_itow_s(12345, tiny, 3, 10), ERANGE, "_itow_s into 3 characters: ERANGE");
    CHECK_EQ(tiny[0], 0, "... and the buffer is emptied");
    tiny[0] = L'x';
    CHECK_EQ(_itow_s(1, tiny, 3, 1), EINVAL, "radix 1: EINVAL");
    CHECK_EQ(tiny[0], 0, "... buffer emptied");
    CHECK_EQ(_itow_s(1, NULL, 3, 10), EINVAL, "a NULL buffer: EINVAL");
    CHECK_EQ(_itow_s(-255, port_text, 40, 16), 0, "_itow_s of -255 in base 16");
    CHECK(wcscmp(port_text, L"ffffff01") == 0, "... its two's complement bits, as on Windows");
    CHECK(wcscmp(_itow(-42, port_text, 10), L"-42") == 0, "_itow in base 10 keeps the sign");
    CHECK(wcscmp(_ltow(255L, port_text, 2), L"11111111") == 0, "_ltow in base 2");
    CHECK(wcscmp(_ultow(0xBEEFUL, port_text, 16), L"beef") == 0, "_ultow in base 16");
    {
        wchar_t big[72];
        CHECK(wcscmp(_ui64tow(18446744073709551615ULL, big, 10), L"18446744073709551615") == 0,
              "_ui64tow of the largest value");
        CHECK(wcscmp(_i64tow(-9000000000LL, big, 10), L"-9000000000") == 0, "_i64tow");
        CHECK_EQ(_i64tow_s(-9000000000LL, big, 72, 10), 0, "_i64tow_s");
        CHECK_EQ(_i64tow_s(-9000000000LL, big, 11, 10), ERANGE, "_i64tow_s with room for 10: ERANGE");
        CHECK_EQ(_ui64tow_s(7ULL, big, 72, 8), 0, "_ui64tow_s in base 8");
        CHECK(wcscmp(big, L"7") == 0, "... is 7");
        CHECK_EQ(_ltow_s(-1L, big, 72, 10), 0, "_ltow_s");
        CHECK_EQ(_ultow_s(10UL, big, 72, 16), 0, "_ultow_s");
        CHECK(wcscmp(big, L"a") == 0, "... is a");
        CHECK_EQ(_wcstoi64(L"-9000000000", NULL, 10) == -9000000000LL, 1, "_wcstoi64");
        CHECK_EQ(_wcstoui64(L"ffffffffffffffff", NULL, 16) == 18446744073709551615ULL, 1, "_wcstoui64");
    }

    /* A packet of 16 bytes with no NUL: strnlen_s stops at the datagram's length. */
    memset(packet, 'B', sizeof(packet));
    CHECK_EQ(sendto(tx, packet, (int)sizeof(packet), 0, (struct sockaddr *)&addr, sizeof(addr)), 16, "send the beacon");
    memset(received, 'Z', sizeof(received));
    got = recv(rx, received, (int)sizeof(received), 0);
    CHECK_EQ(got, 16, "receive it");
    CHECK_EQ(strnlen_s(received, (size_t)got), 16, "strnlen_s: the whole datagram, no NUL in it");
    received[5] = '\0';
    CHECK_EQ(strnlen_s(received, (size_t)got), 5, "strnlen_s stops at a NUL");
    CHECK_EQ(strnlen_s(NULL, 10), 0, "strnlen_s of NULL is 0");
    CHECK_EQ(wcsnlen_s(L"abcdef", 4), 4, "wcsnlen_s stops at its count");
    CHECK_EQ(wcsnlen_s(L"ab", 4), 2, "wcsnlen_s of a short string");
    CHECK_EQ(wcsnlen_s(NULL, 4), 0, "wcsnlen_s of NULL is 0");

    /* The log line: sized first, then formatted into a buffer of exactly that size. */
    need = _scwprintf(L"beacon %d bytes to %s:%d", got, L"127.0.0.1", ntohs(addr.sin_port));
    _itow_s(ntohs(addr.sin_port), port_text, 8, 10);
    CHECK_EQ(need, (int)(wcslen(L"beacon 16 bytes to 127.0.0.1:") + wcslen(port_text)), "_scwprintf counts the characters");
    line = (wchar_t *)malloc(((size_t)need + 1) * sizeof(wchar_t));
    REQUIRE(line != NULL, "the line's buffer");
    CHECK_EQ(swprintf_s(line, (size_t)need + 1, L"beacon %d bytes to %s:%d", got, L"127.0.0.1", ntohs(addr.sin_port)), need,
             "swprintf_s fills it");
    CHECK_EQ(_scwprintf(L""), 0, "_scwprintf of an empty format is 0");

    /* The log file, named in wide characters. */
    GetTempPathA(MAX_PATH, log_name);
    sprintf_s(log_name + strlen(log_name), MAX_PATH - strlen(log_name), "ws2mp_beacon_%lu.log", GetCurrentProcessId());
    for (i = 0; log_name[i] != '\0'; i++)
        wlog_name[i] = (wchar_t)(unsigned char)log_name[i];
    wlog_name[i] = L'\0';
    e = _wfopen_s(&log, wlog_name, L"w");
    CHECK_EQ(e, 0, "_wfopen_s opens the log");
    if (log != NULL) {
        char back[128];
        FILE *in = NULL;
        fprintf(log, "%ls\n", line);
        fclose(log);
        CHECK_EQ(fopen_s(&in, log_name, "r"), 0, "the log opens by its narrow name");
        if (in != NULL) {
            CHECK(fgets(back, sizeof(back), in) != NULL && strncmp(back, "beacon 16 bytes to 127.0.0.1:", 29) == 0,
                  "the line is in the file");
            fclose(in);
        }
        log = _wfopen(wlog_name, L"a");
        CHECK(log != NULL, "_wfopen appends");
        if (log != NULL) {
            FILE *again = NULL;
            CHECK_EQ(_wfreopen_s(&again, wlog_name, L"r", log), 0, "_wfreopen_s reopens it for reading");
            if (again != NULL)
                fclose(again);
        }
        {
            wchar_t wold_name[MAX_PATH + 8];
            FILE *probe = NULL;
            wcscpy_s(wold_name, MAX_PATH + 8, wlog_name);
            wcscat_s(wold_name, MAX_PATH + 8, L".old");
            CHECK_EQ(_wrename(wlog_name, wold_name), 0, "_wrename rotates the log");
            CHECK(fopen_s(&probe, log_name, "r") == ENOENT, "... the old name is gone");
            CHECK_EQ(_wremove(wold_name), 0, "_wremove drops the rotated log");
            CHECK(_wremove(wold_name) == -1 && errno == ENOENT, "... a second _wremove: -1, ENOENT");
            CHECK(_wrename(wold_name, wlog_name) == -1 && errno == ENOENT, "_wrename of a missing file: ENOENT");
        }
        DeleteFileA(log_name);
    }
    {
        const wchar_t *beacon;
        CHECK_EQ(_wputenv(L"WS2MP_BEACON_NAME=caf\u00e9-1"), 0, "_wputenv sets the beacon's name");
        beacon = _wgetenv(L"WS2MP_BEACON_NAME");
        CHECK(beacon != NULL && wcscmp(beacon, L"caf\u00e9-1") == 0, "_wgetenv reads it back (not ASCII)");
#ifndef _WIN32 /* Windows keeps the narrow environment in the ANSI code page */
        CHECK(getenv("WS2MP_BEACON_NAME") != NULL && strcmp(getenv("WS2MP_BEACON_NAME"), "caf\xc3\xa9-1") == 0,
              "... stored as UTF-8");
#endif
        CHECK(_wgetenv(L"WS2MP_BEACON_NAME") == beacon, "_wgetenv of the same value: the same string");
        CHECK_EQ(_wputenv(L"WS2MP_BEACON_NAME="), 0, "_wputenv(L\"NAME=\") removes it");
        CHECK(_wgetenv(L"WS2MP_BEACON_NAME") == NULL, "... _wgetenv: NULL");
    }
    log = (FILE *)1;
    e = _wfopen_s(&log, L"no-such-dir\\beacon.log", L"r");
    CHECK_EQ(e, ENOENT, "_wfopen_s of a missing file: ENOENT");
    CHECK(log == NULL, "... and the FILE is NULL");
    CHECK_EQ(_wfopen_s(NULL, wlog_name, L"r"), EINVAL, "_wfopen_s without a FILE **: EINVAL");
    free(line);

    /* The rest of the wide checked family. */
    {
        wchar_t name[8] = L"peer";
        wchar_t w[4];
        char s[8] = "abc";
        CHECK_EQ(wcsncat_s(name, 8, L"-1", _TRUNCATE), 0, "wcsncat_s appends");
        CHECK(wcscmp(name, L"peer-1") == 0, "... peer-1");
        CHECK_EQ(wcsncat_s(name, 8, L"23", _TRUNCATE), STRUNCATE, "wcsncat_s with _TRUNCATE cuts: STRUNCATE");
        CHECK(wcscmp(name, L"peer-12") == 0, "... to what fits");
        CHECK_EQ(wcsncat_s(name, 8, L"3", 1), ERANGE, "wcsncat_s without room: ERANGE");
        CHECK_EQ(name[0], 0, "... emptied");
        wcscpy_s(name, 8, L"Peer");
        CHECK(_wcsupr_s(name, 8) == 0 && wcscmp(name, L"PEER") == 0, "_wcsupr_s");
        CHECK(wcscmp(_wcslwr(name), L"peer") == 0, "_wcslwr");
        CHECK(wcscmp(_wcsrev(name), L"reep") == 0, "_wcsrev");
        CHECK_EQ(_wcslwr_s(NULL, 8), EINVAL, "_wcslwr_s of NULL: EINVAL");
        CHECK_EQ(wmemcpy_s(w, 4, L"abc", 4), 0, "wmemcpy_s");
        CHECK_EQ(wmemcpy_s(w, 2, L"abc", 4), ERANGE, "wmemcpy_s too long: ERANGE");
        CHECK(w[0] == 0 && w[1] == 0, "... the destination zeroed");
        CHECK_EQ(_strset_s(s, sizeof(s), '*'), 0, "_strset_s");
        CHECK(strcmp(s, "***") == 0, "... ***");
        CHECK_EQ(_strnset_s(s, sizeof(s), '-', 2), 0, "_strnset_s");
        CHECK(strcmp(s, "--*") == 0, "... --*");
    }

    closesocket(rx);
    closesocket(tx);
    WSACleanup();
    return check_done();
}
