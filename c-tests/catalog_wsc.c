/*
 * The service-provider view of the catalog, as a tool that lists the installed Winsock
 * providers calls it (without WSAStartup, like Windows' netsh/LSP inspectors): WSCEnumProtocols'
 * size probe with the error in *lpErrno, the same entries as WSAEnumProtocolsW, and
 * WSCGetProviderPath for each provider (Windows' base providers report mswsock.dll with
 * %SystemRoot% unexpanded) and its argument checks as Wine's ws2_32 conformance test
 * (protocol.c, test_WSCGetProviderPath) observes them on Windows.
 */
#include <winsock2.h>
#include <ws2spi.h>
#include <stdlib.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    WSAPROTOCOL_INFOW *spi, *api;
    DWORD len = 0, len2 = 0;
    GUID zero;
    WCHAR path[MAX_PATH];
    char narrow[MAX_PATH];
    INT err, plen, n, n2, i;

    memset(&zero, 0, sizeof(zero));

    /* Size probe: no WSAStartup needed, the error comes back through lpErrno. */
    err = 0;
    CHECK_EQ(WSCEnumProtocols(NULL, NULL, &len, &err), SOCKET_ERROR, "WSCEnumProtocols size probe fails");
    CHECK_EQ(err, WSAENOBUFS, "... with WSAENOBUFS in *lpErrno");
    CHECK(len >= 2 * sizeof(WSAPROTOCOL_INFOW), "... and says how much room the entries need");
    err = 0;
    CHECK_EQ(WSCEnumProtocols(NULL, NULL, NULL, &err), SOCKET_ERROR, "a NULL length fails");
    CHECK_EQ(err, WSAEFAULT, "... with WSAEFAULT");

    spi = (WSAPROTOCOL_INFOW *)malloc(len);
    CHECK(spi != NULL, "buffer");
    n = WSCEnumProtocols(NULL, spi, &len, &err);
    CHECK(n >= 2, "WSCEnumProtocols lists the entries");

    /* The same catalog as the application view. */
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), &wsaData), 0, "WSAStartup");
    WSAEnumProtocolsW(NULL, NULL, &len2);
    api = (WSAPROTOCOL_INFOW *)malloc(len2);
    CHECK(api != NULL, "buffer");
    n2 = WSAEnumProtocolsW(NULL, api, &len2);
    CHECK_EQ(n, n2, "WSCEnumProtocols and WSAEnumProtocolsW list as many entries");
    CHECK(n == n2 && memcmp(spi, api, (size_t)n * sizeof(*spi)) == 0, "... the same ones");

    /* Each provider's DLL path. */
    for (i = 0; i < n; i++) {
        plen = MAX_PATH;
        err = 0;
        CHECK_EQ(WSCGetProviderPath(&spi[i].ProviderId, path, &plen, &err), 0, "WSCGetProviderPath of a listed provider works");
        WideCharToMultiByte(CP_ACP, 0, path, -1, narrow, sizeof(narrow), NULL, NULL);
        CHECK(strcmp(narrow, "%SystemRoot%\\system32\\mswsock.dll") == 0, "... and names mswsock.dll, %SystemRoot% unexpanded");
        CHECK_EQ(plen, (INT)strlen(narrow) + 1, "... the length written counts the NUL");
    }
    plen = 5;
    err = 0;
    CHECK_EQ(WSCGetProviderPath(&spi[0].ProviderId, path, &plen, &err), SOCKET_ERROR, "a too small path buffer fails");
    CHECK_EQ(err, WSAEFAULT, "... with WSAEFAULT");
    CHECK_EQ(plen, 34, "... and the length needed");

    /* Argument checks (Wine's conformance test, run on Windows). */
    CHECK_EQ(WSCGetProviderPath(NULL, NULL, NULL, NULL), SOCKET_ERROR, "all NULL fails");
    plen = -1;
    CHECK_EQ(WSCGetProviderPath(NULL, NULL, &plen, NULL), SOCKET_ERROR, "no lpErrno fails");
    CHECK_EQ(plen, -1, "... touching nothing");
    err = 0;
    CHECK_EQ(WSCGetProviderPath(NULL, NULL, NULL, &err), SOCKET_ERROR, "no provider fails");
    CHECK_EQ(err, WSAEFAULT, "... with WSAEFAULT");
    err = 0;
    CHECK_EQ(WSCGetProviderPath(&zero, NULL, NULL, &err), SOCKET_ERROR, "no length fails");
    CHECK_EQ(err, WSAEFAULT, "... with WSAEFAULT");
    err = 0;
    plen = -1;
    CHECK_EQ(WSCGetProviderPath(&zero, NULL, &plen, &err), SOCKET_ERROR, "a negative length fails");
    CHECK_EQ(err, WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(plen, -1, "... the length unchanged");
    err = 0;
    plen = MAX_PATH;
    CHECK_EQ(WSCGetProviderPath(&zero, path, &plen, &err), SOCKET_ERROR, "an unknown provider fails");
    CHECK_EQ(err, WSAEINVAL, "... with WSAEINVAL");
    CHECK_EQ(plen, MAX_PATH, "... the length unchanged");

    free(spi);
    free(api);
    WSACleanup();
    return check_done();
}
