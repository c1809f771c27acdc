/*
 * TransmitFile as Windows answers it (the behaviour Wine's conformance tests observe on
 * Windows), written the way a file-serving IOCP program calls it: INVALID_SOCKET is
 * WSAENOTSOCK; a TCP socket that is not connected, and a UDP socket, are WSAENOTCONN; with no
 * file and no buffers it succeeds and sends nothing; with an OVERLAPPED it is always left
 * pending (ERROR_IO_PENDING, even for a small file that goes out at once) and completes with
 * the count it sent: the whole file, the file from OVERLAPPED.Offset, or head + file + tail;
 * on a socket associated with a completion port the packet carries that count and the key,
 * even with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS set.
 */
#include "ovl_util.h"
#include <mswsock.h>

#define FILE_SIZE 3000
#define KEY 0x51

static LPFN_TRANSMITFILE pTransmitFile;
static char content[FILE_SIZE];
static char got[FILE_SIZE + 64];

/* Reads exactly n bytes from a blocking socket with a receive timeout. */
static int recv_all(SOCKET s, char *buf, int n)
{
    int have = 0, r;
    while (have < n && (r = recv(s, buf + have, n - have, 0)) > 0)
        have += r;
    return have;
}

static HANDLE make_file(char *path)
{
    char dir[MAX_PATH];
    HANDLE h;
    DWORD written = 0;
    REQUIRE(GetTempPathA(sizeof(dir), dir) != 0 && GetTempFileNameA(dir, "tfc", 0, path) != 0, "a temporary name");
    h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
    REQUIRE(h != INVALID_HANDLE_VALUE, "CreateFile");
    REQUIRE(WriteFile(h, content, FILE_SIZE, &written, NULL) && written == FILE_SIZE, "the file's contents");
    return h;
}

/* An overlapped TransmitFile that must be left pending, then complete with `count`. */
static void overlapped_send(SOCKET s, HANDLE file, DWORD offset, TRANSMIT_FILE_BUFFERS *bufs, DWORD count,
                            const char *what)
{
    WSAOVERLAPPED ov;
    DWORD sent = 0xdeadbeef, flags;
    ovl_init(&ov);
    ov.Offset = offset;
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    WSASetLastError(0xdeadbeef);
    CHECK(!pTransmitFile(s, file, 0, 0, &ov, bufs, 0), what);
    CHECK_EQ(WSAGetLastError(), ERROR_IO_PENDING, "... ERROR_IO_PENDING");
    CHECK(ovl_signalled(ov.hEvent, 2000), "... its event is set");
    CHECK(WSAGetOverlappedResult(s, &ov, &sent, FALSE, &flags), "... it succeeded");
    CHECK_EQ(sent, count, "... the byte count");
    CHECK_EQ(ov.InternalHigh, count, "... InternalHigh the same");
    WSACloseEvent(ov.hEvent);
}

int main(void)
{
    GUID g = WSAID_TRANSMITFILE;
    SOCKET client, dest, udp, loose;
    char path[MAX_PATH];
    HANDLE file, port;
    TRANSMIT_FILE_BUFFERS bufs;
    char head[] = "hello world", tail[] = "goodbye!!!";
    DWORD n, timeout = 3000, bytes;
    ULONG_PTR key;
    LPOVERLAPPED gotov;
    WSAOVERLAPPED ov;
    u_long nb = 1;
    int i;

    ovl_start();
    for (i = 0; i < FILE_SIZE; i++)
        content[i] = (char)('a' + i % 26);
    REQUIRE(ovl_tcp_pair(&client, &dest) == 0, "a connected pair");
    REQUIRE(WSAIoctl(client, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof(g), &pTransmitFile, sizeof(pTransmitFile),
                     &n, NULL, NULL) == 0,
            "TransmitFile");
    file = make_file(path);

    WSASetLastError(0xdeadbeef);
    CHECK(!pTransmitFile(INVALID_SOCKET, file, 0, 0, NULL, NULL, 0) && WSAGetLastError() == WSAENOTSOCK,
          "TransmitFile on INVALID_SOCKET: WSAENOTSOCK");
    loose = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    WSASetLastError(0xdeadbeef);
    CHECK(!pTransmitFile(loose, NULL, 0, 0, NULL, NULL, TF_REUSE_SOCKET) && WSAGetLastError() == WSAENOTCONN,
          "TransmitFile on a TCP socket that is not connected: WSAENOTCONN");
    closesocket(loose);
    udp = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    WSASetLastError(0xdeadbeef);
    CHECK(!pTransmitFile(udp, NULL, 0, 0, NULL, NULL, 0) && WSAGetLastError() == WSAENOTCONN,
          "TransmitFile on a UDP socket: WSAENOTCONN");
    closesocket(udp);

    /* Nothing to send. */
    CHECK_EQ(ioctlsocket(dest, FIONBIO, &nb), 0, "the receiver is non-blocking");
    CHECK(pTransmitFile(client, NULL, 0, 0, NULL, NULL, 0), "TransmitFile with no file and no buffers succeeds");
    Sleep(50);
    CHECK(recv(dest, got, sizeof(got), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          "... and sends nothing");
    nb = 0;
    REQUIRE(ioctlsocket(dest, FIONBIO, &nb) == 0 &&
                setsockopt(dest, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, sizeof(timeout)) == 0,
            "the receiver blocks again, with a timeout");

    overlapped_send(client, file, 0, NULL, FILE_SIZE, "an overlapped TransmitFile of the whole file is left pending");
    CHECK(recv_all(dest, got, FILE_SIZE) == FILE_SIZE && memcmp(got, content, FILE_SIZE) == 0,
          "... the peer reads the file");
    overlapped_send(client, file, 10, NULL, FILE_SIZE - 10, "one from Offset 10 is left pending");
    CHECK(recv_all(dest, got, FILE_SIZE - 10) == FILE_SIZE - 10 && memcmp(got, content + 10, FILE_SIZE - 10) == 0,
          "... the peer reads the file from byte 10");
    bufs.Head = head;
    bufs.HeadLength = sizeof(head);
    bufs.Tail = tail;
    bufs.TailLength = sizeof(tail);
    overlapped_send(client, file, 0, &bufs, FILE_SIZE + sizeof(head) + sizeof(tail),
                    "one with head and tail buffers is left pending");
    CHECK(recv_all(dest, got, FILE_SIZE + sizeof(head) + sizeof(tail)) ==
                  (int)(FILE_SIZE + sizeof(head) + sizeof(tail)) &&
              memcmp(got, head, sizeof(head)) == 0 && memcmp(got + sizeof(head), content, FILE_SIZE) == 0 &&
              memcmp(got + sizeof(head) + FILE_SIZE, tail, sizeof(tail)) == 0,
          "... the peer reads head, file, tail");

    /* Through a completion port, skipping the port on success requested. */
    port = CreateIoCompletionPort((HANDLE)client, NULL, KEY, 0);
    REQUIRE(port != NULL, "the sender is associated with a port");
    CHECK(SetFileCompletionNotificationModes((HANDLE)client, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
          "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS");
    memset(&ov, 0, sizeof(ov));
    WSASetLastError(0xdeadbeef);
    CHECK(!pTransmitFile(client, file, 0, 0, &ov, &bufs, 0) && WSAGetLastError() == ERROR_IO_PENDING,
          "an overlapped TransmitFile on it is left pending");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &gotov, 2000) && gotov == &ov,
          "... its packet is queued all the same");
    CHECK(key == KEY && bytes == FILE_SIZE + sizeof(head) + sizeof(tail), "... the key and the whole count");
    CHECK(recv_all(dest, got, FILE_SIZE + sizeof(head) + sizeof(tail)) ==
              (int)(FILE_SIZE + sizeof(head) + sizeof(tail)),
          "... the peer reads it all");
    CHECK(!GetQueuedCompletionStatus(port, &bytes, &key, &gotov, 100) && gotov == NULL &&
              GetLastError() == WAIT_TIMEOUT,
          "... one packet only");

    CloseHandle(file);
    DeleteFileA(path);
    closesocket(client);
    closesocket(dest);
    CloseHandle(port);
    return check_done();
}
