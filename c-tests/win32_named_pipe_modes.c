/* Read modes of a named pipe as a client meets them. The server makes a message pipe; the
 * client opens it with CreateFile and, as many clients do, never calls
 * SetNamedPipeHandleState: its end reads in byte mode, where message boundaries mean nothing,
 * so one ReadFile with room for both gets two messages the server wrote. After switching to
 * PIPE_READMODE_MESSAGE, a read returns one message, and a short buffer gets its start with
 * ERROR_MORE_DATA. PeekNamedPipe's lpBytesLeftThisMessage: a message pipe's next message
 * less the bytes copied; on a byte pipe, Windows reports 0 less the bytes copied. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    char name[96], buf[64];
    HANDLE server, client;
    DWORD n, avail, left, mode;

    sprintf(name, "\\\\.\\pipe\\ws2mp-modes-%lu", (unsigned long)GetCurrentProcessId());
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT, 1,
                              512, 512, 0, NULL);
    REQUIRE(server != INVALID_HANDLE_VALUE, "a message pipe");
    client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(client != INVALID_HANDLE_VALUE, "a client, in byte read mode");

    CHECK(WriteFile(server, "first", 5, &n, NULL), "the server writes a message");
    CHECK(WriteFile(server, "second", 6, &n, NULL), "and another");
    CHECK(PeekNamedPipe(client, buf, sizeof(buf), &n, &avail, &left), "PeekNamedPipe on the client");
    CHECK_EQ(n, 5, "a peek copies the first message only");
    CHECK_EQ(avail, 11, "both messages are available");
    CHECK_EQ(left, 0, "nothing is left of the first message");
    memset(buf, 0, sizeof(buf));
    CHECK(ReadFile(client, buf, sizeof(buf), &n, NULL), "a byte-mode ReadFile");
    CHECK_EQ(n, 11, "gets both messages");
    CHECK(memcmp(buf, "firstsecond", 11) == 0, "in order");

    mode = PIPE_READMODE_MESSAGE;
    CHECK(SetNamedPipeHandleState(client, &mode, NULL, NULL), "the client switches to message mode");
    CHECK(WriteFile(server, "third", 5, &n, NULL), "the server writes a message");
    CHECK(WriteFile(server, "fourth", 6, &n, NULL), "and another");
    CHECK(ReadFile(client, buf, sizeof(buf), &n, NULL) && n == 5, "a message-mode read gets one message");
    SetLastError(0);
    CHECK(!ReadFile(client, buf, 4, &n, NULL), "a short buffer gets part of the next");
    CHECK_EQ(GetLastError(), ERROR_MORE_DATA, "with ERROR_MORE_DATA");
    CHECK_EQ(n, 4, "4 bytes of it");
    CHECK(ReadFile(client, buf + 4, sizeof(buf) - 4, &n, NULL) && n == 2, "the rest follows");
    CHECK(memcmp(buf, "fourth", 6) == 0, "the message whole");
    CloseHandle(client);
    CloseHandle(server);

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 512, 512, 0, NULL);
    REQUIRE(server != INVALID_HANDLE_VALUE, "a byte pipe");
    client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(client != INVALID_HANDLE_VALUE, "its client");
    CHECK(WriteFile(client, "0123456789", 10, &n, NULL), "the client writes 10 bytes");
    CHECK(PeekNamedPipe(server, NULL, 0, NULL, &avail, &left), "a peek without a buffer");
    CHECK_EQ(avail, 10, "10 bytes available");
    CHECK_EQ(left, 0, "lpBytesLeftThisMessage 0");
    CHECK(PeekNamedPipe(server, buf, 4, &n, &avail, &left), "a peek of 4 bytes");
    CHECK_EQ(n, 4, "copies 4");
    CHECK_EQ((LONG)left, -4, "lpBytesLeftThisMessage is 0 less the 4 copied, as on Windows");
    CloseHandle(client);
    CloseHandle(server);
    return check_done();
}
