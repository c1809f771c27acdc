/*
 * Address text in and out, case by case, as Windows reads and writes it. Programs parse
 * addresses from configuration files and command lines with inet_addr, inet_pton/InetPtonW
 * and WSAStringToAddressA/W, and print them with inet_ntop and WSAAddressToStringA/W; what
 * they accept, what they store when they refuse, and how the last error is left decide how
 * such a program treats a mistyped address.
 * - inet_addr: one to four parts (hex 0x, octal 0, decimal), the last filling the rest;
 *   after the address only the end of the text or white space (anything after the white
 *   space is ignored); white space before it, an empty part, a fifth part, a port, or a part
 *   too big is INADDR_NONE; a single space is 0.0.0.0; the last error is not touched.
 * - inet_pton: four decimal parts only; when text follows a complete address the address is
 *   still stored, though the answer is 0; the last error is untouched by a refusal, while
 *   InetPtonW sets WSAEINVAL.
 * - WSAStringToAddress: the inet_addr forms with an optional :port (1 to 65535, in the same
 *   number forms); a refusal is WSAEINVAL, leaves the length alone and the family 0, but the
 *   address part it could read is stored.
 * - inet_ntop: a buffer too small, NULL or of length 0 is refused (WSAEINVAL; some Windows
 *   versions report STATUS_INVALID_PARAMETER), an unknown family is WSAEAFNOSUPPORT.
 * - WSAAddressToString: a port puts an IPv6 address in brackets, a scope id follows a %;
 *   the length returned counts the terminator, and a short buffer gets WSAEFAULT and the
 *   length it needs.
 * Only text is converted; nothing is sent.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define IP(a, b, c, d) (((unsigned long)(a) << 24) | ((unsigned long)(b) << 16) | ((unsigned long)(c) << 8) | (unsigned long)(d))
#define REFUSED 0xffffffffUL

static const WCHAR *widen(WCHAR *out, const char *in)
{
    size_t i;
    for (i = 0; in[i]; i++)
        out[i] = (WCHAR)(unsigned char)in[i];
    out[i] = 0;
    return out;
}

static void test_inet_addr(void)
{
    static const struct {
        const char *text;
        unsigned long host_order; /* REFUSED: INADDR_NONE */
    } cases[] = {
        {"9.8.7.6", IP(9, 8, 7, 6)},
        {"9 8 7 6", IP(0, 0, 0, 9)},
        {"9.8.7 .6", IP(9, 8, 0, 7)},
        {"9.8.7.6  5", IP(9, 8, 7, 6)},
        {"9.8.7.6\t", IP(9, 8, 7, 6)},
        {"9.8.7.6 \x80\xff", IP(9, 8, 7, 6)},
        {"9.8.7. 6", REFUSED},
        {"9.8.7.6.5", REFUSED},
        {"9.8.7.6. 5", REFUSED},
        {" 9.8.7.6", REFUSED},
        {"\t9.8.7.6", REFUSED},
        {"9. 8.7.6", REFUSED},
        {".9.8.7", REFUSED},
        {"9..8", REFUSED},
        {"", REFUSED},
        {".", REFUSED},
        {" ", IP(0, 0, 0, 0)},
        {"  ", REFUSED},
        {"\t", REFUSED},
        {" 0", REFUSED},
        {"0xc0a80001 ", IP(192, 168, 0, 1)},
        {"10.0.0.255:80", REFUSED},
        {"10.0.0.256", REFUSED},
        {"z", REFUSED},
        {"10.0.0.0xfF", IP(10, 0, 0, 255)},
        {"10.0.0.0x", REFUSED},
        {"10.0.0.017", IP(10, 0, 0, 15)},
        {"10.0.0.00", IP(10, 0, 0, 0)},
        {"10.0.0.0b", REFUSED},
        {"10.0.0.0o7", REFUSED},
        {"10.0.0.-1", REFUSED},
        {"7", IP(0, 0, 0, 7)},
        {"7.9", IP(7, 0, 0, 9)},
        {"7.9.11", IP(7, 9, 0, 11)},
        {"3232235777", IP(192, 168, 1, 1)},
        {"0x7f000001", IP(127, 0, 0, 1)},
        {"0x1234", IP(0, 0, 0x12, 0x34)},
        {"ABCD", REFUSED},
        {"030000000001", IP(192, 0, 0, 1)},
        {"0377", IP(0, 0, 0, 255)},
        {"[1.2.3.4]", REFUSED},
        {"::1", REFUSED},
        {"fe80::1", REFUSED},
        {":7", REFUSED},
    };
    char text[8];
    int i, c, wrong = 0, error_changed = 0;

    for (i = 0; i < COUNT(cases); i++) {
        unsigned long want = cases[i].host_order == REFUSED ? INADDR_NONE : htonl(cases[i].host_order);
        unsigned long got;
        WSASetLastError(0x1234);
        got = inet_addr(cases[i].text);
        if (got != want) {
            wrong++;
            printf("# inet_addr(\"%s\") = %08lx, want %08lx\n", cases[i].text, got, want);
        }
        if (WSAGetLastError() != 0x1234)
            error_changed++;
    }
    CHECK_EQ(wrong, 0, "inet_addr reads each text as Windows does");
    CHECK_EQ(error_changed, 0, "... and leaves the last error alone");

    WSASetLastError(0x1234);
    CHECK_EQ(inet_addr("255.255.255.255"), INADDR_NONE, "255.255.255.255 is INADDR_NONE too");
    CHECK_EQ(WSAGetLastError(), 0x1234, "... with no error");
    WSASetLastError(0x1234);
    CHECK_EQ(inet_addr(NULL), INADDR_NONE, "inet_addr(NULL) is INADDR_NONE");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... and WSAEFAULT");

    /* 5.6.7 followed by each character that is not a digit: only white space may follow. */
    wrong = 0;
    for (c = 1; c < 256; c++) {
        unsigned long want;
        if (c >= '0' && c <= '9')
            continue;
        memcpy(text, "5.6.7", 5);
        text[5] = (char)c;
        text[6] = 0;
        want = (c == ' ' || (c >= '\t' && c <= '\r')) ? htonl(IP(5, 6, 0, 7)) : INADDR_NONE;
        if (inet_addr(text) != want)
            wrong++;
    }
    CHECK_EQ(wrong, 0, "after 5.6.7, white space ends the address and any other character spoils it");
}

static void test_inet_pton_v4(void)
{
    static const struct {
        const char *text;
        int ret;
        int stored; /* the address is written (even when ret is 0) */
        unsigned long host_order;
    } cases[] = {
        {"10.1.1.1", 1, 1, IP(10, 1, 1, 1)},
        {"0.0.0.0", 1, 1, 0},
        {"255.254.253.252", 1, 1, IP(255, 254, 253, 252)},
        {"10.20.30.40:80", 0, 1, IP(10, 20, 30, 40)},
        {"10.0.0.5 ", 0, 1, IP(10, 0, 0, 5)},
        {"10.0.0.0z", 0, 1, IP(10, 0, 0, 0)},
        {"10.0.0.0q7", 0, 1, IP(10, 0, 0, 0)},
        {"", 0, 0, 0},
        {" ", 0, 0, 0},
        {" 10.0.0.5", 0, 0, 0},
        {"10.20.30.256", 0, 0, 0},
        {"10.0.0.0x1", 0, 0, 0},
        {"10.0.0.01", 0, 0, 0},
        {"10.0.0.-1", 0, 0, 0},
        {"10.0.0", 0, 0, 0},
        {"10.0", 0, 0, 0},
        {"167772165", 0, 0, 0},
        {"0x0a000005", 0, 0, 0},
        {"10.0.0.5.6", 0, 0, 0},
        {"10. 0.0.5", 0, 0, 0},
        {"[10.0.0.5]", 0, 0, 0},
        {"::1", 0, 0, 0},
    };
    int i, wrong = 0, wrong_w = 0, errors = 0, errors_w = 0;
    WCHAR wide[32];
    unsigned char buf[16];

    for (i = 0; i < COUNT(cases); i++) {
        unsigned long addr, want = cases[i].stored ? htonl(cases[i].host_order) : 0xdeadbeefUL;
        u_long value;
        int ret;

        value = 0xdeadbeef;
        WSASetLastError(0x1234);
        ret = inet_pton(AF_INET, cases[i].text, &value);
        addr = value;
        if (ret != cases[i].ret || addr != want) {
            wrong++;
            printf("# inet_pton(\"%s\") = %d, %08lx\n", cases[i].text, ret, addr);
        }
        if (WSAGetLastError() != 0x1234)
            errors++;

        value = 0xdeadbeef;
        WSASetLastError(0x1234);
        ret = InetPtonW(AF_INET, widen(wide, cases[i].text), &value);
        addr = value;
        if (ret != cases[i].ret || addr != want)
            wrong_w++;
        if (WSAGetLastError() != (ret ? 0x1234 : WSAEINVAL))
            errors_w++;
    }
    CHECK_EQ(wrong, 0, "inet_pton(AF_INET) answers and stores as Windows does");
    CHECK_EQ(errors, 0, "... and leaves the last error alone, even when it refuses");
    CHECK_EQ(wrong_w, 0, "InetPtonW(AF_INET) gives the same answers");
    CHECK_EQ(errors_w, 0, "... and sets WSAEINVAL when it refuses");

    WSASetLastError(0x1234);
    CHECK_EQ(inet_pton(AF_UNSPEC, "10.0.0.1", buf), -1, "inet_pton(AF_UNSPEC) fails");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
    WSASetLastError(0x1234);
    CHECK_EQ(inet_pton(AF_UNSPEC, "fe80::1", buf), -1, "... for IPv6 text too");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
    WSASetLastError(0x1234);
    CHECK_EQ(inet_pton(AF_UNSPEC, NULL, buf), -1, "inet_pton(AF_UNSPEC, NULL) fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT: the text is checked first");
    WSASetLastError(0x1234);
    CHECK_EQ(InetPtonW(AF_INET, NULL, buf), -1, "InetPtonW(NULL) fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
}

static void test_inet_pton_v6(void)
{
    static const struct {
        const char *text;
        unsigned char bytes[16];
    } good[] = {
        {"::", {0}},
        {"::2", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}},
        {"fe80::", {0xfe, 0x80}},
        {"1:2:3:4:5:6:7::", {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0}},
        {"1:2:3:4:5:6::8", {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 0, 0, 8}},
        {"a:b:c:d:e:f:10.1.2.3", {0, 0xa, 0, 0xb, 0, 0xc, 0, 0xd, 0, 0xe, 0, 0xf, 10, 1, 2, 3}},
        {"abcd::10.1.2.3", {0xab, 0xcd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1, 2, 3}},
        {"7::001.002.3.4", {0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4}},
        {"::0:0:0:0:0:0", {0}},
        {"FFFF:fffe::0001", {0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
        {"0001:0002:0003:0004:0005:0006:0007:0008", {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8}},
    };
    static const char *const bad[] = {
        ":", "7", "1:2", "1:2:3:4:5:6:7:8:9", "12345::", "1::2::3", "::1%3", "::1/64", "[::1]",
        "7::1.2.3", "7::0x1", "7::256.1.1.1", "7::0001.2.3.4", "::1:2:3:4:5:6:7", "1:2:3:4:5:6::7:8",
        ":1::", "1:2:3:4:5:6:7:8:", "10.1.2.3", "g::1", "1:: 2", "",
    };
    unsigned char out[16];
    WCHAR wide[64];
    int i, wrong = 0, wrong_w = 0, errors = 0, errors_w = 0;

    for (i = 0; i < COUNT(good); i++) {
        int ret;
        memset(out, 0xab, sizeof(out));
        ret = inet_pton(AF_INET6, good[i].text, out);
        if (ret != 1 || memcmp(out, good[i].bytes, 16) != 0) {
            wrong++;
            printf("# inet_pton(AF_INET6, \"%s\") = %d\n", good[i].text, ret);
        }
        memset(out, 0xab, sizeof(out));
        ret = InetPtonW(AF_INET6, widen(wide, good[i].text), out);
        if (ret != 1 || memcmp(out, good[i].bytes, 16) != 0)
            wrong_w++;
    }
    CHECK_EQ(wrong, 0, "inet_pton(AF_INET6) reads each IPv6 form Windows reads");
    CHECK_EQ(wrong_w, 0, "... as does InetPtonW");

    wrong = wrong_w = 0;
    for (i = 0; i < COUNT(bad); i++) {
        int ret;
        WSASetLastError(0x1234);
        ret = inet_pton(AF_INET6, bad[i], out);
        if (ret != 0) {
            wrong++;
            printf("# inet_pton(AF_INET6, \"%s\") = %d\n", bad[i], ret);
        }
        if (WSAGetLastError() != 0x1234)
            errors++;
        WSASetLastError(0x1234);
        ret = InetPtonW(AF_INET6, widen(wide, bad[i]), out);
        if (ret != 0)
            wrong_w++;
        if (WSAGetLastError() != WSAEINVAL)
            errors_w++;
    }
    CHECK_EQ(wrong, 0, "inet_pton(AF_INET6) refuses each malformed text with 0");
    CHECK_EQ(errors, 0, "... leaving the last error alone");
    CHECK_EQ(wrong_w, 0, "InetPtonW(AF_INET6) refuses them too");
    CHECK_EQ(errors_w, 0, "... with WSAEINVAL");
}

static void test_string_to_address_v4(void)
{
    static const struct {
        const char *text;
        int error;
        unsigned long host_order; /* stored even on failure */
        unsigned short port;
    } cases[] = {
        {"10.9.8.7", 0, IP(10, 9, 8, 7), 0},
        {"10.9.8.7:8080", 0, IP(10, 9, 8, 7), 8080},
        {"10.9.8.7:65535", 0, IP(10, 9, 8, 7), 65535},
        {"10.9.8.7:0x1F90", 0, IP(10, 9, 8, 7), 8080},
        {"10.9.8.7:017", 0, IP(10, 9, 8, 7), 15},
        {"10.9.8.7:", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.7:0", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.7:65536", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.7:09", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.7:1z", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.7:0x", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.7::5", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.7 ", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.7: 5", WSAEINVAL, IP(10, 9, 8, 7), 0},
        {"10.9.8.1z", WSAEINVAL, IP(10, 9, 8, 1), 0},
        {"10.9", 0, IP(10, 0, 0, 9), 0},
        {"10.9:7", 0, IP(10, 0, 0, 9), 7},
        {"10.9.8", 0, IP(10, 9, 0, 8), 0},
        {"10.300", 0, IP(10, 0, 1, 44), 0},
        {"167772160", 0, IP(10, 0, 0, 0), 0},
        {"0xA000001", 0, IP(10, 0, 0, 1), 0},
        {"0x1A2B3C4D5", 0, 0xA2B3C4D5UL, 0},
        {"012", 0, IP(0, 0, 0, 10), 0},
        {"255.255.255.255:1", 0, IP(255, 255, 255, 255), 1},
        {"10.9.", WSAEINVAL, 0, 0},
        {"10..9", WSAEINVAL, 0, 0},
        {"300.10", WSAEINVAL, 0, 0},
        {"10.300.1", WSAEINVAL, 0, 0},
        {"10.9.8.256", WSAEINVAL, 0, 0},
        {"10.9.8.7.6", WSAEINVAL, 0, 0},
        {"10.9.8.+7", WSAEINVAL, 0, 0},
        {" 10.9.8.7", WSAEINVAL, 0, 0},
        {"-5", WSAEINVAL, 0, 0},
        {"x5", WSAEINVAL, 0, 0},
        {"::2", WSAEINVAL, 0, 0},
        {"", WSAEINVAL, 0, 0},
    };
    int i, k, wrong = 0;
    WCHAR wide[64];

    for (k = 0; k < 2; k++) {
        for (i = 0; i < COUNT(cases); i++) {
            SOCKADDR_IN sin;
            INT len = (INT)sizeof(sin) + 6;
            int ret, want_len = cases[i].error ? (int)sizeof(sin) + 6 : (int)sizeof(sin);
            memset(&sin, 0xab, sizeof(sin));
            WSASetLastError(0);
            if (k == 0)
                ret = WSAStringToAddressA((LPSTR)cases[i].text, AF_INET, NULL, (SOCKADDR *)&sin, &len);
            else
                ret = WSAStringToAddressW((LPWSTR)widen(wide, cases[i].text), AF_INET, NULL, (SOCKADDR *)&sin, &len);
            if (ret != (cases[i].error ? SOCKET_ERROR : 0) || WSAGetLastError() != cases[i].error ||
                sin.sin_family != (cases[i].error ? 0 : AF_INET) ||
                sin.sin_addr.s_addr != htonl(cases[i].host_order) || sin.sin_port != htons(cases[i].port) ||
                len != want_len) {
                wrong++;
                printf("# WSAStringToAddress%c(\"%s\") = %d, error %d, family %d, %08lx port %u, len %d\n",
                       k ? 'W' : 'A', cases[i].text, ret, WSAGetLastError(), sin.sin_family,
                       (unsigned long)ntohl(sin.sin_addr.s_addr), ntohs(sin.sin_port), len);
            }
        }
    }
    CHECK_EQ(wrong, 0, "WSAStringToAddressA/W(AF_INET): each text's answer, address, port and length as Windows gives");
}

static void test_string_to_address_v6(void)
{
    static const unsigned char two[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    static const unsigned char two_two[16] = {0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    static const struct {
        const char *text;
        int error;
        const unsigned char *addr;
        unsigned short port;
    } cases[] = {
        {"::2", 0, two, 0},
        {"[::2]", 0, two, 0},
        {"[::2]:8080", 0, two, 8080},
        {"[::2]:65535", 0, two, 65535},
        {"0002::2", 0, two_two, 0},
        {"2::2", 0, two_two, 0},
        {"::2]:8080", WSAEINVAL, NULL, 0},
        {"[::2", WSAEINVAL, NULL, 0},
        {"[::2]:", WSAEINVAL, NULL, 0},
        {"[::2]:65536", WSAEINVAL, NULL, 0},
        {"[::2] ", WSAEINVAL, NULL, 0},
        {"::2:3:4:5:6:7:8", WSAEINVAL, NULL, 0},
        {"1:2:3:", WSAEINVAL, NULL, 0},
        {"10.1.2.3", WSAEINVAL, NULL, 0},
        {"", WSAEINVAL, NULL, 0},
    };
    int i, k, wrong = 0;
    WCHAR wide[64];

    for (k = 0; k < 2; k++) {
        for (i = 0; i < COUNT(cases); i++) {
            SOCKADDR_IN6 sin6;
            INT len = (INT)sizeof(sin6) + 6;
            int ret, want_len = cases[i].error ? (int)sizeof(sin6) + 6 : (int)sizeof(sin6);
            memset(&sin6, 0xab, sizeof(sin6));
            WSASetLastError(0);
            if (k == 0)
                ret = WSAStringToAddressA((LPSTR)cases[i].text, AF_INET6, NULL, (SOCKADDR *)&sin6, &len);
            else
                ret = WSAStringToAddressW((LPWSTR)widen(wide, cases[i].text), AF_INET6, NULL, (SOCKADDR *)&sin6, &len);
            if (ret != (cases[i].error ? SOCKET_ERROR : 0) || WSAGetLastError() != cases[i].error ||
                sin6.sin6_family != (cases[i].error ? 0 : AF_INET6) || sin6.sin6_port != htons(cases[i].port) ||
                sin6.sin6_scope_id != 0 || sin6.sin6_flowinfo != 0 || len != want_len ||
                (cases[i].addr && memcmp(&sin6.sin6_addr, cases[i].addr, 16) != 0)) {
                wrong++;
                printf("# WSAStringToAddress%c(\"%s\", AF_INET6) = %d, error %d, family %d, port %u, len %d\n",
                       k ? 'W' : 'A', cases[i].text, ret, WSAGetLastError(), sin6.sin6_family, ntohs(sin6.sin6_port),
                       len);
            }
        }
    }
    CHECK_EQ(wrong, 0,
             "WSAStringToAddressA/W(AF_INET6): answer, address, port, zero scope and flow, length as Windows gives");
}

static void test_inet_ntop(void)
{
    static const unsigned char compat[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1, 2, 3};
    static const unsigned char tail_zeros[16] = {0x20, 0x01, 0x0d, 0xb8};
    static const unsigned char low[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 0xab, 0xcd, 0x12, 0x34};
    struct in_addr in;
    char out[64];
    WCHAR wout[64];
    const char *p;
    int err;

    in.s_addr = htonl(IP(172, 16, 254, 1)); /* 12 characters and the terminator */
    p = inet_ntop(AF_INET, &in, out, 13);
    CHECK(p == out && strcmp(out, "172.16.254.1") == 0, "inet_ntop with exactly enough room");
    p = inet_ntop(AF_INET, &in, out, sizeof(out) + 1);
    CHECK(p == out && strcmp(out, "172.16.254.1") == 0, "... and with more than enough");
    WSASetLastError(0);
    p = inet_ntop(AF_INET, &in, out, 12);
    err = WSAGetLastError();
    CHECK(p == NULL && (err == WSAEINVAL || err == (int)0xC000000D), "one byte short fails with WSAEINVAL");
    WSASetLastError(0);
    p = inet_ntop(AF_INET, &in, out, 0);
    err = WSAGetLastError();
    CHECK(p == NULL && (err == WSAEINVAL || err == (int)0xC000000D), "a length of 0 fails with WSAEINVAL");
    WSASetLastError(0);
    p = inet_ntop(AF_INET, &in, NULL, 16);
    err = WSAGetLastError();
    CHECK(p == NULL && (err == WSAEINVAL || err == (int)0xC000000D), "a NULL buffer fails with WSAEINVAL");
    WSASetLastError(0);
    p = inet_ntop(1, &in, out, sizeof(out));
    CHECK(p == NULL && WSAGetLastError() == WSAEAFNOSUPPORT, "family 1 fails with WSAEAFNOSUPPORT");
    WSASetLastError(0);
    CHECK(InetNtopW(1, &in, wout, 64) == NULL && WSAGetLastError() == WSAEAFNOSUPPORT,
          "InetNtopW: family 1 fails with WSAEAFNOSUPPORT");

    p = inet_ntop(AF_INET6, compat, out, sizeof(out));
    CHECK(p && strcmp(out, "::10.1.2.3") == 0, "an IPv4-compatible address ends in a dotted quad");
    p = inet_ntop(AF_INET6, tail_zeros, out, sizeof(out));
    CHECK(p && strcmp(out, "2001:db8::") == 0, "trailing zero groups become ::");
    p = inet_ntop(AF_INET6, low, out, sizeof(out));
    CHECK(p && strcmp(out, "::fffe:abcd:1234") == 0, "leading zero groups become ::, lower-case hex");
    WSASetLastError(0);
    p = inet_ntop(AF_INET6, low, out, 16); /* "::fffe:abcd:1234" is 16 characters */
    err = WSAGetLastError();
    CHECK(p == NULL && (err == WSAEINVAL || err == (int)0xC000000D), "IPv6 without room for the terminator fails");
    CHECK(inet_ntop(AF_INET6, low, out, 17) == out, "... and with it succeeds");
}

static void test_address_to_string(void)
{
    static const unsigned char fe80_5[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5};
    static const struct {
        unsigned long scope;
        unsigned short port;
        const char *text;
    } v6[] = {
        {0, 0, "fe80::5"},
        {0, 443, "[fe80::5]:443"},
        {3, 443, "[fe80::5%3]:443"},
        {3, 0, "fe80::5%3"},
        {4000000000UL, 65535, "[fe80::5%4000000000]:65535"},
    };
    static const struct {
        unsigned long host_order;
        unsigned short port;
        const char *text;
    } v4[] = {
        {IP(10, 0, 0, 1), 0, "10.0.0.1"},
        {IP(10, 0, 0, 1), 8080, "10.0.0.1:8080"},
        {0, 65535, "0.0.0.0:65535"},
        {IP(255, 255, 255, 255), 1, "255.255.255.255:1"},
    };
    SOCKADDR_IN sin;
    SOCKADDR_IN6 sin6;
    char out[64];
    WCHAR wout[64], want_w[64];
    DWORD len;
    int i, wrong = 0, ret;

    for (i = 0; i < COUNT(v4); i++) {
        memset(&sin, 0, sizeof(sin));
        sin.sin_family = AF_INET;
        sin.sin_addr.s_addr = htonl(v4[i].host_order);
        sin.sin_port = htons(v4[i].port);
        len = sizeof(out);
        ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, out, &len);
        if (ret != 0 || strcmp(out, v4[i].text) != 0 || len != strlen(v4[i].text) + 1)
            wrong++;
        len = 64;
        ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, wout, &len);
        if (ret != 0 || memcmp(wout, widen(want_w, v4[i].text), (strlen(v4[i].text) + 1) * sizeof(WCHAR)) != 0 ||
            len != strlen(v4[i].text) + 1)
            wrong++;
    }
    for (i = 0; i < COUNT(v6); i++) {
        memset(&sin6, 0, sizeof(sin6));
        sin6.sin6_family = AF_INET6;
        memcpy(&sin6.sin6_addr, fe80_5, 16);
        sin6.sin6_scope_id = v6[i].scope;
        sin6.sin6_port = htons(v6[i].port);
        len = sizeof(out);
        ret = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, out, &len);
        if (ret != 0 || strcmp(out, v6[i].text) != 0 || len != strlen(v6[i].text) + 1) {
            wrong++;
            printf("# WSAAddressToStringA: \"%s\" (%lu), want \"%s\"\n", out, (unsigned long)len, v6[i].text);
        }
        len = 64;
        ret = WSAAddressToStringW((SOCKADDR *)&sin6, sizeof(sin6), NULL, wout, &len);
        if (ret != 0 || memcmp(wout, widen(want_w, v6[i].text), (strlen(v6[i].text) + 1) * sizeof(WCHAR)) != 0 ||
            len != strlen(v6[i].text) + 1)
            wrong++;
    }
    CHECK_EQ(wrong, 0, "WSAAddressToStringA/W write ports, brackets and scope ids as Windows does, length with terminator");

    memset(&sin6, 0, sizeof(sin6));
    sin6.sin6_family = AF_INET6;
    memcpy(&sin6.sin6_addr, fe80_5, 16);
    sin6.sin6_scope_id = 3;
    sin6.sin6_port = htons(443);
    len = 15; /* "[fe80::5%3]:443" is 15 characters */
    WSASetLastError(0x1234);
    ret = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, out, &len);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "no room for the terminator: WSAEFAULT");
    CHECK_EQ(len, 16, "... and the length needed");
    ret = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, out, &len);
    CHECK(ret == 0 && strcmp(out, "[fe80::5%3]:443") == 0, "... which then is enough");

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    len = 0;
    WSASetLastError(0x1234);
    ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, NULL, &len);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "WSAAddressToStringW to NULL: WSAEFAULT");
    CHECK_EQ(len, 8, "... and the characters needed for 0.0.0.0");
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_inet_addr();
    test_inet_pton_v4();
    test_inet_pton_v6();
    test_string_to_address_v4();
    test_string_to_address_v6();
    test_inet_ntop();
    test_address_to_string();
    WSACleanup();
    return check_done();
}
