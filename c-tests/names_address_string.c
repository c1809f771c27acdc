/* Address strings the Windows way: WSAAddressToStringA/W, WSAStringToAddressA/W,
 * inet_pton/inet_ntop (InetPtonA/InetNtopA), InetPtonW/InetNtopW, and WSAHtons & co. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

static const WCHAR *W(WCHAR *buf, const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++)
        buf[i] = (WCHAR)(unsigned char)s[i];
    buf[i] = 0;
    return buf;
}

static int wide_equals(const WCHAR *w, const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++)
        if (w[i] != (WCHAR)(unsigned char)s[i])
            return 0;
    return w[i] == 0;
}

static void test_address_to_string(void)
{
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    char out[64];
    WCHAR outw[64];
    DWORD len;

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    len = 0;
    WSASetLastError(0);
    CHECK_EQ(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, out, &len), SOCKET_ERROR,
             "WSAAddressToStringA into a zero-length buffer fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(len, 8, "... and the length needed for \"0.0.0.0\" and its terminator");
    len = 0;
    CHECK_EQ(WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, NULL, &len), SOCKET_ERROR,
             "WSAAddressToStringW with a NULL buffer fails");
    CHECK_EQ(len, 8, "... giving the length needed");
    len = 64;
    CHECK_EQ(WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, outw, &len), 0, "WSAAddressToStringW succeeds");
    CHECK(wide_equals(outw, "0.0.0.0") && len == 8, "... 0.0.0.0, length 8");

    sin.sin_addr.s_addr = htonl(0x01020304);
    sin.sin_port = htons(80);
    len = sizeof(out);
    CHECK_EQ(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, out, &len), 0, "an address with a port");
    CHECK(strcmp(out, "1.2.3.4:80") == 0 && len == 11, "... is 1.2.3.4:80, length 11");
    len = sizeof(out);
    CHECK_EQ(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin) - 1, NULL, out, &len), SOCKET_ERROR,
             "an address length shorter than sockaddr_in fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");

    memset(&sin6, 0, sizeof(sin6));
    sin6.sin6_family = AF_INET6;
    sin6.sin6_addr.s6_addr[0] = 0x20;
    sin6.sin6_addr.s6_addr[1] = 0xab;
    sin6.sin6_addr.s6_addr[14] = 0x20;
    sin6.sin6_addr.s6_addr[15] = 0x01;
    len = sizeof(out);
    WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, out, &len);
    CHECK(strcmp(out, "20ab::2001") == 0, "an IPv6 address without port: 20ab::2001");
    sin6.sin6_port = htons(33274);
    sin6.sin6_scope_id = 4660;
    len = sizeof(out);
    WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, out, &len);
    CHECK(strcmp(out, "[20ab::2001%4660]:33274") == 0, "with scope and port: [20ab::2001%4660]:33274");
    CHECK_EQ(len, strlen("[20ab::2001%4660]:33274") + 1, "... and its length");
    sin6.sin6_port = 0;
    len = sizeof(out);
    WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, out, &len);
    CHECK(strcmp(out, "20ab::2001%4660") == 0, "with scope, no port: 20ab::2001%4660");

    sin.sin_family = AF_UNIX;
    len = sizeof(out);
    CHECK_EQ(WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, out, &len), SOCKET_ERROR, "another family fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
}

static void test_string_to_address(void)
{
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    WCHAR w[64];
    int len;

    len = 0;
    WSASetLastError(0);
    CHECK_EQ(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR,
             "WSAStringToAddressA with length 0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(len, sizeof(struct sockaddr_in), "... giving the size needed");

    len = sizeof(sin) + 10;
    memset(&sin, 0xab, sizeof(sin));
    CHECK_EQ(WSAStringToAddressA("127.127.127.127:123", AF_INET, NULL, (SOCKADDR *)&sin, &len), 0, "a.b.c.d:port parses");
    CHECK(sin.sin_family == AF_INET && sin.sin_addr.s_addr == htonl(0x7f7f7f7f) && sin.sin_port == htons(123),
          "... family, address and port");
    CHECK_EQ(len, sizeof(sin), "... length set to sizeof(sockaddr_in)");
    len = sizeof(sin);
    CHECK_EQ(WSAStringToAddressA("1.2.3", AF_INET, NULL, (SOCKADDR *)&sin, &len), 0, "the inet_addr form 1.2.3 parses");
    CHECK_EQ(sin.sin_addr.s_addr, htonl(0x01020003), "... as 1.2.0.3");
    len = sizeof(sin);
    CHECK_EQ(WSAStringToAddressA("0x7f000001:0x50", AF_INET, NULL, (SOCKADDR *)&sin, &len), 0, "hex address and port parse");
    CHECK(sin.sin_addr.s_addr == htonl(0x7f000001) && sin.sin_port == htons(80), "... 127.0.0.1:80");

    len = sizeof(sin) + 10;
    memset(&sin, 0xab, sizeof(sin));
    WSASetLastError(0);
    CHECK_EQ(WSAStringToAddressA("127.127.127.127:0", AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR, "port 0 fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK(sin.sin_family == 0 && sin.sin_port == 0, "... leaving family and port 0");
    CHECK_EQ(sin.sin_addr.s_addr, htonl(0x7f7f7f7f), "... and the address part it read");
    CHECK_EQ(len, sizeof(sin) + 10, "... and the length unchanged");
    len = sizeof(sin);
    CHECK_EQ(WSAStringToAddressA("1.1.1.010", AF_INET, NULL, (SOCKADDR *)&sin, &len), 0, "an octal part parses");
    CHECK_EQ(sin.sin_addr.s_addr, htonl(0x01010108), "... 010 is 8");
    CHECK_EQ(WSAStringToAddressA("1.1.1.08", AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR, "08 is not a number");
    CHECK_EQ(sin.sin_addr.s_addr, 0, "... and no address part is kept");
    CHECK_EQ(WSAStringToAddressA("1.1.1.008", AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR, "008 fails");
    CHECK_EQ(sin.sin_addr.s_addr, htonl(0x01010100), "... keeping the 1.1.1.0 read before the 8");
    len = sizeof(sin);
    CHECK_EQ(WSAStringToAddressA("255.255.255.256", AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR, "256 fails");
    CHECK_EQ(WSAStringToAddressA(" 3.4.5.6", AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR, "leading space fails");
    CHECK_EQ(WSAStringToAddressA("::1", AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR, "::1 is not IPv4");
    CHECK_EQ(WSAStringToAddressA("1.2.3.4", 12345, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR, "another family fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");

    len = sizeof(sin6);
    CHECK_EQ(WSAStringToAddressW((WCHAR *)W(w, "[::1]:65535"), AF_INET6, NULL, (SOCKADDR *)&sin6, &len), 0,
             "WSAStringToAddressW [::1]:65535 parses");
    CHECK(sin6.sin6_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&sin6.sin6_addr) && sin6.sin6_port == htons(65535),
          "... ::1 port 65535");
    CHECK_EQ(len, sizeof(sin6), "... length sizeof(sockaddr_in6)");
    len = sizeof(sin6);
    CHECK_EQ(WSAStringToAddressA("fe80::1%7", AF_INET6, NULL, (SOCKADDR *)&sin6, &len), 0, "addr%scope parses");
    CHECK_EQ(sin6.sin6_scope_id, 7, "... scope 7");
    len = sizeof(sin6);
    CHECK_EQ(WSAStringToAddressA("::1]:65535", AF_INET6, NULL, (SOCKADDR *)&sin6, &len), SOCKET_ERROR, "an unopened bracket fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(WSAStringToAddressA("1.2.3.4", AF_INET6, NULL, (SOCKADDR *)&sin6, &len), SOCKET_ERROR, "IPv4 is not IPv6");
}

static void test_pton_ntop(void)
{
    unsigned char a4[4], a6[16];
    DWORD addr;
    char buf[64];
    WCHAR w[64];
    const char *p;

    CHECK_EQ(inet_pton(AF_INET, "1.2.3.4", a4), 1, "inet_pton reads a dotted quad");
    CHECK(a4[0] == 1 && a4[3] == 4, "... into network order");
    addr = 0xdeadbeef;
    CHECK_EQ(inet_pton(AF_INET, "1.2.3", &addr), 0, "1.2.3 is not an address for inet_pton");
    CHECK_EQ(addr, 0xdeadbeef, "... nothing is stored");
    CHECK_EQ(inet_pton(AF_INET, "1.1.1.010", &addr), 0, "a leading zero is refused");
    CHECK_EQ(inet_pton(AF_INET, "3.4.5.6 ", &addr), 0, "trailing text is refused");
    CHECK_EQ(addr, htonl(0x03040506), "... but the address before it is stored, as Windows does");
    WSASetLastError(0);
    CHECK_EQ(inet_pton(AF_UNSPEC, "127.0.0.1", a4), -1, "inet_pton(AF_UNSPEC) fails");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
    CHECK_EQ(inet_pton(AF_INET, NULL, a4), -1, "inet_pton(NULL) fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(InetPtonA(AF_INET6, "2001:db8::1", a6), 1, "InetPtonA reads IPv6");
    CHECK(a6[0] == 0x20 && a6[1] == 0x01 && a6[15] == 1, "... into network order");
    CHECK_EQ(inet_pton(AF_INET6, "::0:0:0:0:0:0:0", a6), 0, "a leading :: before seven groups is refused, as Windows does");
    CHECK_EQ(inet_pton(AF_INET6, "0:0:0:0:0:0:0::", a6), 1, "... while a trailing one is accepted");
    CHECK_EQ(inet_pton(AF_INET6, "1::001.2.3.4", a6), 1, "an embedded dotted quad may have leading zeros");
    CHECK_EQ(inet_pton(AF_INET6, "[::1]", a6), 0, "brackets are not part of an address");

    WSASetLastError(0);
    CHECK_EQ(InetPtonW(AF_INET, W(w, "1.2.3.4"), a4), 1, "InetPtonW reads a dotted quad");
    CHECK_EQ(WSAGetLastError(), 0, "... leaving the last error alone");
    CHECK_EQ(InetPtonW(AF_INET, W(w, "1.2.3"), a4), 0, "InetPtonW refuses 1.2.3");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... and sets WSAEINVAL");

    a4[0] = 21; a4[1] = 16; a4[2] = 32; a4[3] = 32;
    p = inet_ntop(AF_INET, a4, buf, sizeof(buf));
    CHECK(p == buf && strcmp(buf, "21.16.32.32") == 0, "inet_ntop writes a dotted quad");
    WSASetLastError(0);
    CHECK(inet_ntop(AF_INET, a4, buf, 6) == NULL, "a buffer too small fails");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");
    CHECK(inet_ntop(AF_INET, a4, NULL, 16) == NULL, "a NULL buffer fails");
    CHECK(inet_ntop(1, a4, buf, sizeof(buf)) == NULL, "an unknown family fails");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
    memset(a6, 0, sizeof(a6));
    a6[12] = 0xcc; a6[13] = 0x98; a6[14] = 0xbd; a6[15] = 0x74;
    InetNtopA(AF_INET6, a6, buf, sizeof(buf));
    CHECK(strcmp(buf, "::204.152.189.116") == 0, "an IPv4-compatible address ends in a dotted quad");
    a6[10] = 0xff; a6[11] = 0xfe;
    inet_ntop(AF_INET6, a6, buf, sizeof(buf));
    CHECK(strcmp(buf, "::fffe:cc98:bd74") == 0, "other addresses are hex groups");
    CHECK(InetNtopW(AF_INET6, a6, w, 64) == w && wide_equals(w, "::fffe:cc98:bd74"), "InetNtopW writes UTF-16");
    CHECK(InetNtopW(AF_INET6, a6, w, 16) == NULL, "... and fails when the buffer is too small");
    CHECK_EQ(INET_ADDRSTRLEN, 22, "INET_ADDRSTRLEN is Windows' 22");
    CHECK_EQ(INET6_ADDRSTRLEN, 65, "INET6_ADDRSTRLEN is Windows' 65");
}

static void test_inet_addr(void)
{
    CHECK_EQ(inet_addr("1.2.3.4"), htonl(0x01020304), "inet_addr reads a dotted quad");
    CHECK_EQ(inet_addr("1.2.3"), htonl(0x01020003), "... and the short forms (1.2.3 is 1.2.0.3)");
    CHECK_EQ(inet_addr("0x7f.1"), htonl(0x7f000001), "... with hex parts");
    CHECK_EQ(inet_addr("1.2.3 junk"), htonl(0x01020003), "text after white space is ignored");
    CHECK_EQ(inet_addr("1.2.3.4:80"), INADDR_NONE, "other text after the address is not");
    CHECK_EQ(inet_addr(" 1.2.3.4"), INADDR_NONE, "leading white space is not accepted");
    CHECK_EQ(inet_addr(" "), 0, "a lone space is 0.0.0.0, as on Windows");
    CHECK_EQ(inet_addr("3.4.5.6.7"), INADDR_NONE, "five parts are not an address");
    WSASetLastError(0);
    CHECK_EQ(inet_addr(NULL), INADDR_NONE, "inet_addr(NULL) gives INADDR_NONE");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
}

static void test_byte_order(void)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, 0);
    u_short net16 = 0, host16 = 0;
    ULONG net32 = 0, host32 = 0;
    CHECK_EQ(WSAHtons(s, 0x1234, &net16), 0, "WSAHtons succeeds");
    CHECK_EQ(net16, htons(0x1234), "... network order");
    CHECK_EQ(WSANtohs(s, net16, &host16), 0, "WSANtohs succeeds");
    CHECK_EQ(host16, 0x1234, "... back to host order");
    CHECK_EQ(WSAHtonl(s, 0x12345678, &net32), 0, "WSAHtonl succeeds");
    CHECK_EQ(WSANtohl(s, net32, &host32), 0, "WSANtohl succeeds");
    CHECK_EQ(host32, 0x12345678, "... round trip");
    CHECK_EQ(WSAHtons(s, 1, NULL), SOCKET_ERROR, "a NULL output fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    closesocket(s);
    CHECK_EQ(WSAHtons(s, 1, &net16), SOCKET_ERROR, "a closed socket fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");
}

int main(void)
{
    WSADATA wsa;
    struct sockaddr_in sin;
    int len = sizeof(sin);
    unsigned char a4[4];

    CHECK_EQ(WSAStringToAddressA("1.2.3.4", AF_INET, NULL, (SOCKADDR *)&sin, &len), SOCKET_ERROR,
             "WSAStringToAddressA before WSAStartup fails");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... with WSANOTINITIALISED");
    CHECK_EQ(inet_pton(AF_INET, "1.2.3.4", a4), 1, "inet_pton works before WSAStartup");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_address_to_string();
    test_string_to_address();
    test_pton_ntop();
    test_inet_addr();
    test_byte_order();
    WSACleanup();
    return check_done();
}
