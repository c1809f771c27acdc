/* Microsoft's source annotations the way SDK samples write them: the old __in/__out family
 * and the newer _In_/_Out_writes_bytes_(n) family on prototypes, definitions and structure
 * fields, with _Success_ and _Check_return_ on the result. They must compile to nothing. */
#include <winsock2.h>
#include <windows.h>
#include <sal.h>
#include <specstrings.h>
#include "check.h"

typedef struct _PEER_BUFFER {
    _Field_size_bytes_(cbData) BYTE *pData;
    DWORD cbData;
} PEER_BUFFER;

_Success_(return == 0) _Check_return_
static int fill_buffer(_Out_writes_bytes_(cb) BYTE *buf, _In_ DWORD cb, _In_ BYTE value,
                       _Out_opt_ DWORD *written);

static int fill_buffer(BYTE *buf, DWORD cb, BYTE value, DWORD *written)
{
    memset(buf, value, cb);
    if (written != NULL)
        *written = cb;
    return 0;
}

static DWORD WINAPI count_bytes(__in_bcount(cb) const BYTE *data, __in DWORD cb, __in_opt const BYTE *stop,
                                __out_opt DWORD *seen)
{
    DWORD n = 0;
    while (n < cb && (stop == NULL || data[n] != *stop))
        n++;
    if (seen != NULL)
        *seen = n;
    return n;
}

static void peer_address(_In_reads_bytes_(len) const struct sockaddr *sa, _In_ int len,
                         _Out_writes_z_(cch) char *text, _In_ DWORD cch)
{
    DWORD size = cch;
    if (WSAAddressToStringA((LPSOCKADDR)sa, (DWORD)len, NULL, text, &size) != 0)
        text[0] = '\0';
}

int main(void)
{
    BYTE data[16];
    BYTE stop = 0x7f;
    DWORD written = 0;
    DWORD seen = 0;
    PEER_BUFFER pb;
    WSADATA wsa;
    struct sockaddr_in sin;
    char text[64];

    CHECK_EQ(fill_buffer(data, sizeof(data), 0x11, &written), 0, "an annotated function is called as usual");
    CHECK_EQ(written, 16, "its _Out_opt_ parameter is written");
    data[5] = stop;
    CHECK_EQ(count_bytes(data, sizeof(data), &stop, &seen), 5, "old-style __in/__out annotations compile away");
    CHECK_EQ(seen, 5, "... and __out_opt is written");
    pb.pData = data;
    pb.cbData = sizeof(data);
    CHECK_EQ(pb.cbData, 16, "an annotated structure field is an ordinary field");
    CHECK_EQ(sizeof(PEER_BUFFER), sizeof(BYTE *) * 2, "annotations add nothing to a structure");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    peer_address((struct sockaddr *)&sin, sizeof(sin), text, sizeof(text));
    CHECK(strcmp(text, "127.0.0.1:80") == 0, "an annotated Winsock helper works");
    WSACleanup();
    return check_done();
}
