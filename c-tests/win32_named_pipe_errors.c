/* Named pipes' failures, as a legacy program meets them: bad names and parameters, NULL and
 * invalid handles, a pipe nobody serves (ERROR_FILE_NOT_FOUND), every instance taken
 * (ERROR_PIPE_BUSY, WaitNamedPipe's ERROR_SEM_TIMEOUT), FILE_FLAG_FIRST_PIPE_INSTANCE on a
 * name that exists (ERROR_ACCESS_DENIED), a client that came before ConnectNamedPipe
 * (ERROR_PIPE_CONNECTED) or came and left (ERROR_NO_DATA), a message longer than the buffer
 * (ERROR_MORE_DATA, the rest read next), the other end closed (ERROR_BROKEN_PIPE for a read,
 * ERROR_NO_DATA for a write; the client's own state still readable), DisconnectNamedPipe
 * twice (ERROR_PIPE_NOT_CONNECTED), another machine's pipe. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "wide.h"

static char name[128];

static HANDLE server(DWORD open_mode, DWORD pipe_mode, DWORD max)
{
    return CreateNamedPipeA(name, open_mode, pipe_mode, max, 1024, 1024, 0, NULL);
}

static HANDLE client(void)
{
    return CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
}

static void bad_input(void)
{
    DWORD n = 0;
    char buf[8];

    SetLastError(0);
    CHECK(CreateNamedPipeA(NULL, PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, NULL) == INVALID_HANDLE_VALUE,
          "CreateNamedPipe with a NULL name fails");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND");
    CHECK(CreateNamedPipeA("not a pipe", PIPE_ACCESS_DUPLEX, 0, 1, 0, 0, 0, NULL) == INVALID_HANDLE_VALUE,
          "a name outside \\\\.\\pipe\\ fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_NAME, "ERROR_INVALID_NAME");
    CHECK(server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE, 1) == INVALID_HANDLE_VALUE,
          "message read mode on a byte pipe fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER");
    CHECK(server(PIPE_ACCESS_DUPLEX, 0, 0) == INVALID_HANDLE_VALUE, "0 instances fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER");

    CHECK(!ConnectNamedPipe(NULL, NULL), "ConnectNamedPipe(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");
    CHECK(!DisconnectNamedPipe(INVALID_HANDLE_VALUE), "DisconnectNamedPipe(INVALID_HANDLE_VALUE) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");
    CHECK(!PeekNamedPipe(NULL, NULL, 0, NULL, &n, NULL), "PeekNamedPipe(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");
    CHECK(!ReadFile(INVALID_HANDLE_VALUE, buf, sizeof(buf), &n, NULL), "ReadFile(INVALID_HANDLE_VALUE) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");

    SetLastError(0);
    CHECK(client() == INVALID_HANDLE_VALUE, "CreateFile of a pipe nobody serves fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND");
    CHECK(!WaitNamedPipeA(name, 2000), "WaitNamedPipe of a pipe nobody serves fails at once");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND");
}

static void busy_and_connected(void)
{
    HANDLE s, c, c2, s2;
    DWORD n = 0, flags = 0, avail = 0, left = 0, state = 0;
    char buf[16];

    s = server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1);
    REQUIRE(s != INVALID_HANDLE_VALUE, "CreateNamedPipe: one instance at most");
    SetLastError(0);
    CHECK(server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE, 1) == INVALID_HANDLE_VALUE,
          "a second instance past nMaxInstances fails");
    CHECK_EQ(GetLastError(), ERROR_PIPE_BUSY, "ERROR_PIPE_BUSY");
    CHECK(server(PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE, PIPE_TYPE_MESSAGE, 1) == INVALID_HANDLE_VALUE,
          "FILE_FLAG_FIRST_PIPE_INSTANCE on a name that exists fails");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED");
    CHECK(!ReadFile(s, buf, sizeof(buf), &n, NULL), "ReadFile on an instance no client has connected to fails");
    CHECK_EQ(GetLastError(), ERROR_PIPE_LISTENING, "ERROR_PIPE_LISTENING");
    CHECK(!PeekNamedPipe(s, NULL, 0, NULL, &avail, NULL), "PeekNamedPipe on it fails");
    CHECK_EQ(GetLastError(), ERROR_BAD_PIPE, "ERROR_BAD_PIPE");

    CHECK(WaitNamedPipeA(name, NMPWAIT_USE_DEFAULT_WAIT), "WaitNamedPipe: the instance is free");
    c = client();
    REQUIRE(c != INVALID_HANDLE_VALUE, "a client connects before ConnectNamedPipe");
    CHECK(!ConnectNamedPipe(s, NULL), "ConnectNamedPipe after the client came returns FALSE");
    CHECK_EQ(GetLastError(), ERROR_PIPE_CONNECTED, "ERROR_PIPE_CONNECTED");
    CHECK(!ConnectNamedPipe(c, NULL), "ConnectNamedPipe on a client end fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_FUNCTION, "ERROR_INVALID_FUNCTION");
    CHECK(GetNamedPipeInfo(c, &flags, NULL, NULL, NULL), "GetNamedPipeInfo on the client end");
    CHECK_EQ(flags, PIPE_CLIENT_END | PIPE_TYPE_MESSAGE, "PIPE_CLIENT_END | PIPE_TYPE_MESSAGE");
    {
        DWORD state = 0xdead, instances = 0;
        CHECK(GetNamedPipeHandleStateA(s, &state, &instances, NULL, NULL, NULL, 0),
              "GetNamedPipeHandleState on the server end");
        CHECK(state == PIPE_READMODE_MESSAGE && instances == 1, "message read mode, 1 instance");
        CHECK(GetNamedPipeHandleStateA(c, &state, &instances, NULL, NULL, NULL, 0),
              "GetNamedPipeHandleState on the client end");
        CHECK(state == PIPE_READMODE_BYTE && instances == 1, "a client starts in byte read mode; 1 instance");
    }

    SetLastError(0);
    c2 = client();
    CHECK(c2 == INVALID_HANDLE_VALUE, "a second client, every instance taken, fails");
    CHECK_EQ(GetLastError(), ERROR_PIPE_BUSY, "ERROR_PIPE_BUSY");
    CHECK(!WaitNamedPipeA(name, 100), "WaitNamedPipe for a taken pipe times out");
    CHECK_EQ(GetLastError(), ERROR_SEM_TIMEOUT, "ERROR_SEM_TIMEOUT");

    /* A message longer than the reader's buffer. */
    CHECK(WriteFile(c, "0123456789", 10, &n, NULL) && n == 10, "the client writes a 10-byte message");
    CHECK(PeekNamedPipe(s, buf, 4, &n, &avail, &left), "PeekNamedPipe with a 4-byte buffer");
    CHECK(n == 4 && avail == 10 && left == 6, "4 bytes peeked, 10 available, 6 left of the message");
    SetLastError(0);
    CHECK(!ReadFile(s, buf, 4, &n, NULL), "a 4-byte read of it returns FALSE");
    CHECK_EQ(GetLastError(), ERROR_MORE_DATA, "ERROR_MORE_DATA");
    CHECK(n == 4 && memcmp(buf, "0123", 4) == 0, "with the message's first 4 bytes");
    CHECK(!ReadFile(s, buf, 4, &n, NULL) && GetLastError() == ERROR_MORE_DATA, "the next 4: ERROR_MORE_DATA again");
    CHECK(ReadFile(s, buf, 4, &n, NULL), "the last part reads whole");
    CHECK(n == 2 && memcmp(buf, "89", 2) == 0, "the message's last 2 bytes");
    CHECK(!TransactNamedPipe(c, "x", 1, buf, sizeof(buf), &n, NULL), "TransactNamedPipe in byte read mode fails");
    CHECK_EQ(GetLastError(), ERROR_BAD_PIPE, "ERROR_BAD_PIPE");

    /* The client leaves. */
    CHECK(CloseHandle(c), "the client closes its end");
    SetLastError(0);
    CHECK(!ReadFile(s, buf, sizeof(buf), &n, NULL), "the server's read fails");
    CHECK_EQ(GetLastError(), ERROR_BROKEN_PIPE, "ERROR_BROKEN_PIPE");
    CHECK(!WriteFile(s, "x", 1, &n, NULL), "the server's write fails");
    CHECK_EQ(GetLastError(), ERROR_NO_DATA, "ERROR_NO_DATA");
    CHECK(DisconnectNamedPipe(s), "DisconnectNamedPipe");
    SetLastError(0);
    CHECK(!DisconnectNamedPipe(s), "a second DisconnectNamedPipe fails");
    CHECK_EQ(GetLastError(), ERROR_PIPE_NOT_CONNECTED, "ERROR_PIPE_NOT_CONNECTED");
    CHECK(CloseHandle(s), "the server closes");
    CHECK(!CloseHandle(s), "a second CloseHandle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");

    /* A client that comes and leaves before ConnectNamedPipe. */
    s2 = server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, PIPE_UNLIMITED_INSTANCES);
    REQUIRE(s2 != INVALID_HANDLE_VALUE, "a byte pipe");
    c = client();
    REQUIRE(c != INVALID_HANDLE_VALUE, "a client connects");
    CHECK(WriteFile(s2, "to nobody", 9, &n, NULL), "the server writes");
    CHECK(CloseHandle(c), "and the client leaves");
    CHECK(!ConnectNamedPipe(s2, NULL), "ConnectNamedPipe after it left returns FALSE");
    CHECK_EQ(GetLastError(), ERROR_NO_DATA, "ERROR_NO_DATA");
    CHECK(DisconnectNamedPipe(s2) && CloseHandle(s2), "DisconnectNamedPipe and CloseHandle");

    /* A client whose server has gone still tells its own state. */
    s2 = server(PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1);
    REQUIRE(s2 != INVALID_HANDLE_VALUE, "a message pipe");
    c = client();
    REQUIRE(c != INVALID_HANDLE_VALUE, "a client connects");
    CHECK(CloseHandle(s2), "the server closes its only instance");
    state = 0xdead;
    CHECK(GetNamedPipeHandleStateA(c, &state, NULL, NULL, NULL, NULL, 0),
          "GetNamedPipeHandleState of the client's state alone still succeeds");
    CHECK_EQ(state, 0, "byte read mode, waiting");
    state = PIPE_READMODE_MESSAGE;
    CHECK(SetNamedPipeHandleState(c, &state, NULL, NULL), "SetNamedPipeHandleState still succeeds");
    CHECK(GetNamedPipeHandleStateA(c, &state, NULL, NULL, NULL, NULL, 0) && state == PIPE_READMODE_MESSAGE,
          "and reads back");
    SetLastError(0);
    CHECK(!ReadFile(c, buf, sizeof(buf), &n, NULL), "a read fails");
    CHECK_EQ(GetLastError(), ERROR_BROKEN_PIPE, "ERROR_BROKEN_PIPE");
    CloseHandle(c);
}

static void nowait_and_remote(void)
{
    HANDLE s;
    DWORD n = 0, e;
    char buf[8];

    s = server(PIPE_ACCESS_INBOUND, PIPE_TYPE_BYTE | PIPE_NOWAIT, 1);
    REQUIRE(s != INVALID_HANDLE_VALUE, "a PIPE_NOWAIT inbound pipe");
    CHECK(!ConnectNamedPipe(s, NULL), "ConnectNamedPipe with no client returns at once");
    CHECK_EQ(GetLastError(), ERROR_PIPE_LISTENING, "ERROR_PIPE_LISTENING");
    {
        HANDLE c = CreateFileA(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        REQUIRE(c != INVALID_HANDLE_VALUE, "a client opens it for writing");
        CHECK(!ReadFile(s, buf, sizeof(buf), &n, NULL), "a read with nothing sent returns at once");
        CHECK_EQ(GetLastError(), ERROR_NO_DATA, "ERROR_NO_DATA");
        CHECK(!ReadFile(c, buf, sizeof(buf), &n, NULL), "the client cannot read an inbound pipe");
        CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED");
        CloseHandle(c);
    }
    CloseHandle(s);

    SetLastError(0);
    CHECK(CreateFileA("\\\\ws2mp-no-such-host.invalid\\pipe\\x", GENERIC_READ | GENERIC_WRITE, 0, NULL,
                      OPEN_EXISTING, 0, NULL) == INVALID_HANDLE_VALUE,
          "another machine's pipe cannot be opened");
    e = GetLastError();
    CHECK(e == ERROR_BAD_NETPATH || e == ERROR_BAD_NET_NAME, "ERROR_BAD_NETPATH");
}

/* The W forms, with the name in other case. */
static void wide(void)
{
    char upper[128];
    HANDLE s, c;
    DWORD n = 0;
    char buf[16];

    s = CreateNamedPipeW(W(name), PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 0, 0, 0, NULL);
    REQUIRE(s != INVALID_HANDLE_VALUE, "CreateNamedPipeW");
    snprintf(upper, sizeof(upper), "%s", name);
    CharUpperA(upper);
    CHECK(WaitNamedPipeW(W(upper), 1000), "WaitNamedPipeW of the name in capitals");
    c = CreateFileW(W(upper), GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(c != INVALID_HANDLE_VALUE, "CreateFileW of the name in capitals connects");
    CHECK(WriteFile(s, "wide", 4, &n, NULL) && ReadFile(c, buf, sizeof(buf), &n, NULL) && n == 4,
          "a message goes from the server to the client");
    CloseHandle(c);
    CloseHandle(s);
    SetLastError(0);
    CHECK(!CallNamedPipeW(W(name), "x", 1, buf, sizeof(buf), &n, NMPWAIT_NOWAIT),
          "CallNamedPipeW of a pipe nobody serves fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND");
}

int main(void)
{
    snprintf(name, sizeof(name), "\\\\.\\pipe\\ws2mp-errors-%lu", (unsigned long)GetCurrentProcessId());
    bad_input();
    busy_and_connected();
    nowait_and_remote();
    wide();
    return check_done();
}
