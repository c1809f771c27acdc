/* TransactNamedPipe on a client opened with FILE_FLAG_OVERLAPPED, as a client that must not
 * block its thread asks a request/reply server: the call writes the request and returns
 * FALSE with ERROR_IO_PENDING while the answer is not there; the OVERLAPPED's event is set
 * when it comes and GetOverlappedResult gives its length. A transaction while an earlier
 * answer still waits unread fails with ERROR_PIPE_BUSY. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char pipe_name[96];
static HANDLE server;

static DWORD WINAPI slow_server(LPVOID unused)
{
    char req[64];
    DWORD n;
    (void)unused;
    if (!ConnectNamedPipe(server, NULL) && GetLastError() != ERROR_PIPE_CONNECTED)
        return 1;
    if (!ReadFile(server, req, sizeof(req), &n, NULL))
        return 2;
    Sleep(300); /* the answer takes a while */
    if (!WriteFile(server, "pong!", 5, &n, NULL))
        return 3;
    /* an unasked message, then the answer to the second request */
    if (!WriteFile(server, "extra", 5, &n, NULL))
        return 4;
    return 0;
}

int main(void)
{
    HANDLE client, thread;
    OVERLAPPED ov;
    DWORD mode = PIPE_READMODE_MESSAGE, n = 12345, code = 99;
    char reply[32];
    BOOL ok;

    sprintf(pipe_name, "\\\\.\\pipe\\ws2mp-transact-%lu", (unsigned long)GetCurrentProcessId());
    server = CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                              1, 512, 512, 0, NULL);
    REQUIRE(server != INVALID_HANDLE_VALUE, "CreateNamedPipe (message pipe)");
    thread = CreateThread(NULL, 0, slow_server, NULL, 0, NULL);
    REQUIRE(thread != NULL, "a server thread");

    client = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    REQUIRE(client != INVALID_HANDLE_VALUE, "CreateFile of the pipe with FILE_FLAG_OVERLAPPED");
    CHECK(SetNamedPipeHandleState(client, &mode, NULL, NULL), "message read mode");

    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok = TransactNamedPipe(client, "ping", 4, reply, sizeof(reply), &n, &ov);
    CHECK(!ok, "TransactNamedPipe does not wait for the answer");
    CHECK_EQ(GetLastError(), ERROR_IO_PENDING, "it is pending (ERROR_IO_PENDING)");
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 0), WAIT_TIMEOUT, "the event is not set yet");
    CHECK_EQ(WaitForSingleObject(ov.hEvent, 5000), WAIT_OBJECT_0, "the event is set when the answer comes");
    n = 0;
    CHECK(GetOverlappedResult(client, &ov, &n, FALSE), "GetOverlappedResult succeeds");
    CHECK_EQ(n, 5, "with the answer's length");
    CHECK(memcmp(reply, "pong!", 5) == 0, "the answer is in the buffer");

    CHECK_EQ(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0, "the server is done");
    GetExitCodeThread(thread, &code);
    CHECK_EQ(code, 0, "the server read the request and wrote twice");

    ResetEvent(ov.hEvent);
    ok = TransactNamedPipe(client, "again", 5, reply, sizeof(reply), &n, &ov);
    CHECK(!ok, "a transaction with an unread message waiting fails");
    CHECK_EQ(GetLastError(), ERROR_PIPE_BUSY, "ERROR_PIPE_BUSY");
    CHECK(ReadFile(client, reply, sizeof(reply), &n, &ov) || GetLastError() == ERROR_IO_PENDING, "the waiting message reads");
    CHECK(GetOverlappedResult(client, &ov, &n, TRUE) && n == 5 && memcmp(reply, "extra", 5) == 0,
          "it is the unasked message");

    CloseHandle(ov.hEvent);
    CloseHandle(client);
    CloseHandle(thread);
    CloseHandle(server);
    return check_done();
}
