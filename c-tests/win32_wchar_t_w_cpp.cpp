// The W functions called with the C library's wchar_t strings, as Microsoft's Unicode
// examples write them (`wchar_t **argv` from wmain, `wchar_t ipstringbuffer[46]`):
// GetAddrInfoW, WSAAddressToStringW, InetNtopW, InetPtonW, WSAStringToAddressW, GetNameInfoW.
#ifndef UNICODE
#define UNICODE
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <cwchar>
#include "check.h"

int main()
{
    WSADATA wsaData;
    ADDRINFOW hints, *result = NULL;
    wchar_t node[] = L"127.0.0.1", service[] = L"8080";
    wchar_t text[46];
    DWORD len = 46;
    IN_ADDR in;
    SOCKADDR_IN sin;
    INT sinlen = sizeof(sin);
    wchar_t host[NI_MAXHOST], serv[NI_MAXSERV];

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    ZeroMemory(&hints, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    REQUIRE(GetAddrInfoW(node, service, &hints, &result) == 0 && result != NULL,
            "GetAddrInfoW with wchar_t strings");
    CHECK_EQ(ntohs(((SOCKADDR_IN *)result->ai_addr)->sin_port), 8080, "... resolves the service");
    CHECK_EQ(ntohl(((SOCKADDR_IN *)result->ai_addr)->sin_addr.s_addr), 0x7f000001, "... and the node");

    CHECK_EQ(WSAAddressToString(result->ai_addr, (DWORD)result->ai_addrlen, NULL, text, &len), 0,
             "WSAAddressToString into a wchar_t buffer");
    CHECK(std::wcscmp(text, L"127.0.0.1:8080") == 0, "... writes the address");
    CHECK_EQ(len, 15, "... and its length with the NUL");
    FreeAddrInfoW(result);

    CHECK_EQ(InetPtonW(AF_INET, L"10.1.2.3", &in), 1, "InetPtonW from a wchar_t string");
    CHECK_EQ(ntohl(in.s_addr), 0x0a010203, "... parses it");
    CHECK(InetNtopW(AF_INET, &in, text, 46) == text, "InetNtopW into a wchar_t buffer returns it");
    CHECK(std::wcscmp(text, L"10.1.2.3") == 0, "... with the text");

    wchar_t with_port[] = L"1.2.3.4:5";
    CHECK_EQ(WSAStringToAddressW(with_port, AF_INET, NULL, (SOCKADDR *)&sin, &sinlen), 0,
             "WSAStringToAddressW from a wchar_t string");
    CHECK_EQ(ntohs(sin.sin_port), 5, "... reads the port");

    CHECK_EQ(GetNameInfoW((SOCKADDR *)&sin, sizeof(sin), host, NI_MAXHOST, serv, NI_MAXSERV,
                          NI_NUMERICHOST | NI_NUMERICSERV),
             0, "GetNameInfoW into wchar_t buffers");
    CHECK(std::wcscmp(host, L"1.2.3.4") == 0 && std::wcscmp(serv, L"5") == 0, "... writes host and service");
    WSACleanup();
    return check_done();
}
