/* Winsock 2's registration and name resolution (RnR) calls, the way programs resolved names
 * before getaddrinfo: WSALookupServiceBegin / Next / End in the DNS name space for
 * "localhost" and for an address literal (the CSADDR_INFO list, the name, the class GUID,
 * the buffer size protocol, WSA_E_NO_MORE), the W forms, WSAEnumNameSpaceProviders, and the
 * errors for bad arguments and handles. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <svcguid.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_localhost(void)
{
    WSAQUERYSETA qs, *res;
    GUID host_by_name = SVCID_INET_HOSTADDRBYNAME;
    AFPROTOCOLS v4 = {AF_INET, IPPROTO_TCP};
    HANDLE lookup = NULL;
    union {
        WSAQUERYSETA qs;
        char bytes[4096];
    } buf;
    DWORD len;
    DWORD i;
    int loopback = 0;

    memset(&qs, 0, sizeof(qs));
    qs.dwSize = sizeof(qs);
    qs.lpszServiceInstanceName = "localhost";
    qs.lpServiceClassId = &host_by_name;
    qs.dwNameSpace = NS_DNS;
    qs.dwNumberOfProtocols = 1;
    qs.lpafpProtocols = &v4;
    CHECK_EQ(WSALookupServiceBeginA(&qs, LUP_RETURN_NAME | LUP_RETURN_ADDR | LUP_RETURN_TYPE, &lookup), 0,
             "WSALookupServiceBegin for localhost succeeds");
    len = 16;
    CHECK_EQ(WSALookupServiceNextA(lookup, 0, &len, &buf.qs), SOCKET_ERROR, "a 16-byte buffer is too small");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "with WSAEFAULT");
    CHECK(len > sizeof(WSAQUERYSETA), "and the size needed");
    len = sizeof(buf);
    CHECK_EQ(WSALookupServiceNextA(lookup, 0, &len, &buf.qs), 0, "WSALookupServiceNext then fills the result");
    res = &buf.qs;
    CHECK(res->dwNumberOfCsAddrs >= 1 && res->lpcsaBuffer != NULL, "with at least one address");
    for (i = 0; i < res->dwNumberOfCsAddrs; i++) {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)res->lpcsaBuffer[i].RemoteAddr.lpSockaddr;
        if (sin->sin_family == AF_INET && sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
            loopback = 1;
        CHECK_EQ(res->lpcsaBuffer[i].RemoteAddr.iSockaddrLength, sizeof(SOCKADDR_IN), "each an IPv4 SOCKADDR_IN");
    }
    CHECK(loopback, "127.0.0.1 among them");
    CHECK(res->lpszServiceInstanceName != NULL, "the name is returned");
    printf("# localhost resolves as \"%s\"\n", res->lpszServiceInstanceName);
    CHECK(res->lpServiceClassId != NULL && memcmp(res->lpServiceClassId, &host_by_name, sizeof(GUID)) == 0,
          "and the class asked for");
    CHECK_EQ(res->dwNameSpace, NS_DNS, "in the DNS name space");
    len = sizeof(buf);
    CHECK_EQ(WSALookupServiceNextA(lookup, 0, &len, &buf.qs), SOCKET_ERROR, "the next call has nothing more");
    CHECK_EQ(WSAGetLastError(), WSA_E_NO_MORE, "WSA_E_NO_MORE");
    CHECK_EQ(WSALookupServiceEnd(lookup), 0, "WSALookupServiceEnd");
    CHECK_EQ(WSALookupServiceEnd(lookup), SOCKET_ERROR, "ending it twice fails");
    CHECK_EQ(WSAGetLastError(), WSA_INVALID_HANDLE, "with WSA_INVALID_HANDLE");
}

static void test_literal_wide(void)
{
    WSAQUERYSETW qs;
    GUID by_string = SVCID_INET_HOSTADDRBYINETSTRING;
    WCHAR name[16];
    HANDLE lookup = NULL;
    union {
        WSAQUERYSETW qs;
        char bytes[4096];
    } buf;
    DWORD len = sizeof(buf);
    SOCKADDR_IN *sin;
    MultiByteToWideChar(CP_UTF8, 0, "127.0.0.1", -1, name, 16);
    memset(&qs, 0, sizeof(qs));
    qs.dwSize = sizeof(qs);
    qs.lpszServiceInstanceName = name;
    qs.lpServiceClassId = &by_string;
    qs.dwNameSpace = NS_ALL;
    CHECK_EQ(WSALookupServiceBeginW(&qs, LUP_RETURN_ADDR, &lookup), 0, "WSALookupServiceBeginW for a literal");
    CHECK_EQ(WSALookupServiceNextW(lookup, 0, &len, &buf.qs), 0, "WSALookupServiceNextW");
    sin = (SOCKADDR_IN *)buf.qs.lpcsaBuffer[0].RemoteAddr.lpSockaddr;
    CHECK(buf.qs.dwNumberOfCsAddrs == 1 && sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK), "gives that address");
    CHECK(buf.qs.lpszServiceInstanceName == NULL, "and no name without LUP_RETURN_NAME");
    WSALookupServiceEnd(lookup);
}

static void test_errors_and_providers(void)
{
    WSAQUERYSETA qs;
    GUID by_string = SVCID_INET_HOSTADDRBYINETSTRING;
    HANDLE lookup;
    DWORD len = 0;
    union {
        WSANAMESPACE_INFOA info;
        char bytes[1024];
    } buf;
    memset(&qs, 0, sizeof(qs));
    CHECK_EQ(WSALookupServiceBeginA(NULL, 0, &lookup), SOCKET_ERROR, "NULL restrictions are refused");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "with WSAEFAULT");
    CHECK_EQ(WSALookupServiceBeginA(&qs, 0, &lookup), SOCKET_ERROR, "a dwSize of 0 is refused");
    CHECK_EQ(WSAGetLastError(), ERROR_INVALID_PARAMETER, "with ERROR_INVALID_PARAMETER");
    qs.dwSize = sizeof(qs);
    qs.lpszServiceInstanceName = "not an address";
    qs.lpServiceClassId = &by_string;
    CHECK_EQ(WSALookupServiceBeginA(&qs, 0, &lookup), SOCKET_ERROR, "SVCID_INET_HOSTADDRBYINETSTRING needs a literal");
    CHECK_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND, "WSAHOST_NOT_FOUND");
    CHECK_EQ(WSALookupServiceEnd(NULL), SOCKET_ERROR, "WSALookupServiceEnd(NULL) fails");

    CHECK_EQ(WSAEnumNameSpaceProvidersA(&len, NULL), SOCKET_ERROR, "WSAEnumNameSpaceProviders with no buffer");
    CHECK(WSAGetLastError() == WSAEFAULT && len > sizeof(WSANAMESPACE_INFOA), "says WSAEFAULT and the size");
    len = sizeof(buf);
    CHECK_EQ(WSAEnumNameSpaceProvidersA(&len, &buf.info), 1, "lists one provider");
    CHECK(buf.info.dwNameSpace == NS_DNS && buf.info.fActive, "the active DNS name space");
    printf("# provider \"%s\"\n", buf.info.lpszIdentifier);
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_localhost();
    test_literal_wide();
    test_errors_and_providers();
    WSACleanup();
    return check_done();
}
