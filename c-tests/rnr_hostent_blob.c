/* The Winsock 2 book's way of resolving a name through the DNS name space: WSALookupServiceBegin
 * with SVCID_INET_HOSTADDRBYNAME and LUP_RETURN_BLOB, one WSALookupServiceNext, then the
 * HOSTENT in lpBlob, whose pointers are offsets from the blob's start: the program adds the
 * blob's address to h_name, h_aliases, h_addr_list and each list entry, then prints the
 * addresses. Also: the size asked for without room counts the blob, and no blob is returned
 * without LUP_RETURN_BLOB. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <svcguid.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

/* Turns an offset-from-base list into pointers (the book's FixList, with pointer-sized
 * arithmetic). */
static void fix_list(char ***list, char *base)
{
    char **p;
    if (*list == NULL)
        return;
    p = *list = (char **)(base + (ULONG_PTR)*list);
    while (*p) {
        *p = base + (ULONG_PTR)*p;
        p++;
    }
}

static HANDLE begin(WSAQUERYSETA *qs, GUID *cls, AFPROTOCOLS *protos, DWORD flags)
{
    HANDLE lookup = NULL;
    memset(qs, 0, sizeof(*qs));
    qs->dwSize = sizeof(*qs);
    qs->lpszServiceInstanceName = "localhost";
    qs->lpServiceClassId = cls;
    qs->dwNameSpace = NS_ALL;
    qs->dwNumberOfProtocols = 2;
    qs->lpafpProtocols = protos;
    if (WSALookupServiceBeginA(qs, flags, &lookup) != 0)
        return NULL;
    return lookup;
}

int main(void)
{
    WSADATA wsa;
    WSAQUERYSETA qs;
    GUID host_by_name = SVCID_INET_HOSTADDRBYNAME;
    AFPROTOCOLS protos[2] = {{AF_INET, IPPROTO_UDP}, {AF_INET, IPPROTO_TCP}};
    union {
        WSAQUERYSETA qs;
        char bytes[4096];
    } buf;
    HANDLE lookup;
    DWORD len, blob_size;
    HOSTENT *hp;
    int i, loopback = 0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    lookup = begin(&qs, &host_by_name, protos, LUP_RETURN_BLOB | LUP_RETURN_NAME);
    REQUIRE(lookup != NULL, "WSALookupServiceBegin(localhost, LUP_RETURN_BLOB | LUP_RETURN_NAME)");
    len = sizeof(WSAQUERYSETA);
    CHECK_EQ(WSALookupServiceNextA(lookup, 0, &len, &buf.qs), SOCKET_ERROR, "a buffer of just the structure is too small");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... WSAEFAULT");
    CHECK(len > sizeof(WSAQUERYSETA) + sizeof(HOSTENT), "... and the size needed has room for the HOSTENT blob");
    len = sizeof(buf);
    CHECK_EQ(WSALookupServiceNextA(lookup, 0, &len, &buf.qs), 0, "WSALookupServiceNext fills the result");
    CHECK_EQ(WSALookupServiceEnd(lookup), 0, "WSALookupServiceEnd");
    REQUIRE(buf.qs.lpBlob != NULL && buf.qs.lpBlob->pBlobData != NULL, "lpBlob is returned");
    blob_size = buf.qs.lpBlob->cbSize;
    CHECK(blob_size >= sizeof(HOSTENT), "the blob holds at least a HOSTENT");

    hp = (HOSTENT *)LocalAlloc(LPTR, blob_size);
    REQUIRE(hp != NULL, "LocalAlloc for a copy of the blob");
    memcpy(hp, buf.qs.lpBlob->pBlobData, blob_size);
    CHECK(hp->h_name != NULL && (ULONG_PTR)hp->h_name < blob_size, "h_name is an offset into the blob");
    CHECK(hp->h_addr_list != NULL && (ULONG_PTR)hp->h_addr_list < blob_size, "h_addr_list is an offset into the blob");
    hp->h_name = (char *)hp + (ULONG_PTR)hp->h_name;
    fix_list(&hp->h_aliases, (char *)hp);
    fix_list(&hp->h_addr_list, (char *)hp);
    CHECK_EQ(hp->h_addrtype, AF_INET, "h_addrtype is AF_INET");
    CHECK_EQ(hp->h_length, 4, "h_length is 4");
    CHECK(strlen(hp->h_name) > 0, "the relocated h_name is a string");
    printf("# localhost's hostent names \"%s\"\n", hp->h_name);
    for (i = 0; hp->h_addr_list[i]; i++) {
        IN_ADDR a;
        memcpy(&a, hp->h_addr_list[i], hp->h_length);
        if (a.s_addr == htonl(INADDR_LOOPBACK))
            loopback = 1;
    }
    CHECK(i >= 1 && loopback, "127.0.0.1 is in the relocated address list");
    CHECK(hp->h_aliases != NULL, "the alias list exists (possibly empty)");
    LocalFree(hp);

    /* Without LUP_RETURN_BLOB there is no blob. */
    lookup = begin(&qs, &host_by_name, protos, LUP_RETURN_NAME);
    REQUIRE(lookup != NULL, "WSALookupServiceBegin without LUP_RETURN_BLOB");
    len = sizeof(buf);
    CHECK_EQ(WSALookupServiceNextA(lookup, 0, &len, &buf.qs), 0, "WSALookupServiceNext");
    CHECK(buf.qs.lpBlob == NULL, "no blob without LUP_RETURN_BLOB");
    WSALookupServiceEnd(lookup);

    WSACleanup();
    return check_done();
}
