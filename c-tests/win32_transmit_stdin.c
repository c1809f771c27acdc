/* A file sender that takes "-" for standard input, as command-line senders do
 * ("send - host port < data.bin"): the standard input handle, redirected from a file, is a
 * file handle on Windows, so GetFileType says FILE_TYPE_DISK, GetFileSizeEx gives the file's
 * size, SetFilePointer moves in it, and TransmitFile (overlapped, completion by an event
 * from CreateEvent) sends it to a connected socket. The test redirects its own standard input
 * with freopen; a receiver thread counts and checks the bytes. */
#define _CRT_SECURE_NO_WARNINGS
#define _WINSOCK_DEPRECATED_NO_WARNINGS
#include <winsock2.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define SIZE 300000

static SOCKET receiver;
static long received;
static int same = 1;

static unsigned char byte_at(long i)
{
    return (unsigned char)(i * 7 + i / 251);
}

static DWORD WINAPI receive_all(LPVOID unused)
{
    unsigned char buf[8192];
    int n, i;
    (void)unused;
    while ((n = recv(receiver, (char *)buf, sizeof(buf), 0)) > 0) {
        for (i = 0; i < n; i++)
            if (buf[i] != byte_at(received + i))
                same = 0;
        received += n;
    }
    return 0;
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener, sender;
    SOCKADDR_IN a;
    int len = sizeof(a);
    char name[64];
    FILE *f;
    long i;
    HANDLE in, thread;
    LARGE_INTEGER size;
    OVERLAPPED ov;
    BOOL ok;

    sprintf(name, "ws2mp_stdin_%lu.bin", (unsigned long)GetCurrentProcessId());
    f = fopen(name, "wb");
    REQUIRE(f != NULL, "the data file is made");
    for (i = 0; i < SIZE; i++)
        fputc(byte_at(i), f);
    fclose(f);
    REQUIRE(freopen(name, "rb", stdin) != NULL, "standard input is redirected from it");

    in = GetStdHandle(STD_INPUT_HANDLE);
    CHECK(in != NULL && in != INVALID_HANDLE_VALUE, "GetStdHandle(STD_INPUT_HANDLE)");
    CHECK_EQ(GetFileType(in), FILE_TYPE_DISK, "a redirected standard input is FILE_TYPE_DISK");
    size.QuadPart = 0;
    CHECK(GetFileSizeEx(in, &size) && size.QuadPart == SIZE, "GetFileSizeEx gives the file's size");
    CHECK_EQ(SetFilePointer(in, 0, NULL, FILE_END), SIZE, "SetFilePointer moves to its end");
    CHECK_EQ(SetFilePointer(in, 0, NULL, FILE_BEGIN), 0, "and back to its start");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&a, sizeof(a)) == 0 && listen(listener, 1) == 0, "listener");
    getsockname(listener, (SOCKADDR *)&a, &len);
    sender = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(sender, (SOCKADDR *)&a, sizeof(a)) == 0, "connect");
    receiver = accept(listener, NULL, NULL);
    REQUIRE(receiver != INVALID_SOCKET, "accept");
    thread = CreateThread(NULL, 0, receive_all, NULL, 0, NULL);
    REQUIRE(thread != NULL, "the receiver thread starts");

    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEvent(NULL, FALSE, FALSE, NULL);
    ok = TransmitFile(sender, in, (DWORD)size.QuadPart, 0, &ov, NULL, 0);
    if (!ok) {
        CHECK_EQ(WSAGetLastError(), WSA_IO_PENDING, "TransmitFile of standard input is pending");
        CHECK_EQ(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0, "its event is set when it ends");
    } else {
        CHECK(ok, "TransmitFile of standard input completes");
    }
    {
        DWORD sent = 0, flags = 0;
        CHECK(WSAGetOverlappedResult(sender, &ov, &sent, FALSE, &flags) && sent == SIZE,
              "the whole file was sent");
    }
    shutdown(sender, SD_SEND);
    CHECK_EQ(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0, "the receiver sees the end");
    CHECK_EQ(received, SIZE, "it received every byte");
    CHECK(same, "in order");

    CloseHandle(thread);
    CloseHandle(ov.hEvent);
    closesocket(sender);
    closesocket(receiver);
    closesocket(listener);
    WSACleanup();
    fclose(stdin);
    remove(name);
    return check_done();
}
