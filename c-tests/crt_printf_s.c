/* The checked printf family (printf_s, fprintf_s, vfprintf_s, wprintf_s, fwprintf_s,
 * vfwprintf_s, and <tchar.h>'s _tprintf_s, _ftprintf_s), as a knock logger that Visual Studio's deprecation warnings steered to them
 * uses it: a listener with SO_CONDITIONAL_ACCEPT whose WSAAccept condition function turns the
 * caller's address into a WCHAR string with InetNtopW and logs it as a JSON line with
 * fwprintf_s, its errors going through fprintf_s. The lines are written to a file and read
 * back. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <tchar.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <errno.h>
#include "check.h"

static FILE *log_file;
static int condition_calls;

static int log_line(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf_s(log_file, fmt, ap);
    va_end(ap);
    return n;
}

static int wlog_line(const wchar_t *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfwprintf_s(log_file, fmt, ap);
    va_end(ap);
    return n;
}

static int CALLBACK knock_condition(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS qos, LPQOS gqos,
                                    LPWSABUF callee_id, LPWSABUF callee_data, GROUP *g, DWORD_PTR port)
{
    SOCKADDR_IN *from = (SOCKADDR_IN *)caller_id->buf;
    WCHAR ip[64];
    (void)caller_data;
    (void)qos;
    (void)gqos;
    (void)callee_id;
    (void)callee_data;
    (void)g;
    ++condition_calls;
    if (from->sin_family != AF_INET || InetNtopW(AF_INET, &from->sin_addr, ip, 64) == NULL)
        return CF_REJECT;
    fwprintf_s(log_file, L"{\"returntype\": \"con\", \"port\": %d, \"ip\": \"%s\"}\n", (int)port, ip);
    return CF_REJECT;
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener, knocker;
    SOCKADDR_IN addr, peer;
    int len = sizeof(addr), peer_len = sizeof(peer), enable = 1;
    char text[512];
    size_t n;
    unsigned short port;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    log_file = tmpfile();
    REQUIRE(log_file != NULL, "a log file");

    /* The plain calls, each returning the count it wrote. */
    CHECK_EQ(fprintf_s(log_file, "start %d %s\n", 7, "knock"), 14, "fprintf_s returns the characters written");
    CHECK_EQ(log_line("%I64d %lu\n", (__int64)1 << 40, (unsigned long)4000000000u), 25,
             "vfprintf_s takes Microsoft's length modifiers");
    CHECK_EQ(wlog_line(L"%s=%d\n", L"wide", 3), 7, "vfwprintf_s formats a wide line");
    CHECK_EQ(printf_s("# printf_s %s\n", "writes to stdout"), 28, "printf_s returns the characters written");
    CHECK_EQ(wprintf_s(L"# wprintf_s %d\n", 2), 14, "wprintf_s returns the characters written");
    CHECK_EQ(_ftprintf_s(log_file, _T("tchar %s\n"), _T("line")), 11, "_ftprintf_s (narrow TCHAR) writes its line");
    CHECK_EQ(_tprintf_s(_T("# _tprintf_s %I64u\n"), (unsigned __int64)9), 15, "_tprintf_s returns the characters written");

    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(listener != INVALID_SOCKET, "listening socket");
    CHECK_EQ(setsockopt(listener, SOL_SOCKET, SO_CONDITIONAL_ACCEPT, (const char *)&enable, sizeof(enable)), 0,
             "SO_CONDITIONAL_ACCEPT is accepted");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind to 127.0.0.1");
    REQUIRE(getsockname(listener, (SOCKADDR *)&addr, &len) == 0, "getsockname");
    REQUIRE(listen(listener, 1) == 0, "listen");
    port = ntohs(addr.sin_port);

    knocker = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(knocker != INVALID_SOCKET, "knocking socket");
    REQUIRE(connect(knocker, (SOCKADDR *)&addr, sizeof(addr)) == 0, "the knock connects (TCP completes first)");

    CHECK(WSAAccept(listener, (SOCKADDR *)&peer, &peer_len, knock_condition, (DWORD_PTR)port) == INVALID_SOCKET,
          "the condition function rejects the knock");
    CHECK_EQ(WSAGetLastError(), WSAECONNREFUSED, "a rejected connection is WSAECONNREFUSED");
    CHECK_EQ(condition_calls, 1, "the condition function ran once");

    /* The file holds every line, narrow and wide, in order. */
    rewind(log_file);
    n = fread(text, 1, sizeof(text) - 1, log_file);
    text[n] = '\0';
    {
        char want[256];
        sprintf_s(want, sizeof(want),
                  "start 7 knock\n1099511627776 4000000000\nwide=3\ntchar line\n"
                  "{\"returntype\": \"con\", \"port\": %d, \"ip\": \"127.0.0.1\"}\n",
                  (int)port);
        CHECK(strcmp(text, want) == 0, "the log holds the narrow and wide lines in order");
        if (strcmp(text, want) != 0)
            printf("# log:\n%s", text);
    }

#ifndef _WIN32
    /* Windows calls the invalid-parameter handler for these (by default the program ends). */
    errno = 0;
    CHECK_EQ(fprintf_s(NULL, "x"), -1, "fprintf_s to a NULL stream fails");
    CHECK_EQ(errno, EINVAL, "with EINVAL");
    errno = 0;
    CHECK_EQ(printf_s(NULL), -1, "printf_s of a NULL format fails");
    CHECK_EQ(errno, EINVAL, "with EINVAL");
    errno = 0;
    CHECK_EQ(fwprintf_s(log_file, NULL), -1, "fwprintf_s of a NULL format fails");
    CHECK_EQ(errno, EINVAL, "with EINVAL");
#endif

    fclose(log_file);
    closesocket(knocker);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
