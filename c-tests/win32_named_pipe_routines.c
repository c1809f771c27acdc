/* A named-pipe server driven by completion routines, the shape of Microsoft's "Named Pipe
 * Server Using Completion Routines" sample: the instance is made with FILE_FLAG_OVERLAPPED,
 * ReadFileEx reads a request, its routine answers with WriteFileEx, whose routine reads the
 * next one, and the server thread sleeps alertable in between. The OVERLAPPED's hEvent is
 * the program's own with the Ex calls: here it is an event the routines set when the
 * conversation is over, which the server waits on alertably (WaitForSingleObjectEx) until
 * the event, not a routine, ends the wait. The system must not set that event itself when an
 * operation completes: the wait would end before the routine had run. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define REQUESTS 4

struct instance {
    OVERLAPPED ov; /* first: the routines get the instance back from lpOverlapped */
    HANDLE pipe;
    char buf[128];
    int answered;
    int reads;
    DWORD last_error;
};

static char pipe_name[96];

static VOID WINAPI read_done(DWORD err, DWORD n, LPOVERLAPPED ov);

static VOID WINAPI write_done(DWORD err, DWORD n, LPOVERLAPPED ov)
{
    struct instance *in = (struct instance *)ov;
    (void)n;
    if (err != 0) {
        in->last_error = err;
        SetEvent(in->ov.hEvent);
        return;
    }
    in->answered++;
    in->reads++;
    if (!ReadFileEx(in->pipe, in->buf, sizeof(in->buf), &in->ov, read_done)) {
        in->last_error = GetLastError();
        SetEvent(in->ov.hEvent);
    }
}

static VOID WINAPI read_done(DWORD err, DWORD n, LPOVERLAPPED ov)
{
    struct instance *in = (struct instance *)ov;
    if (err != 0) {
        /* the client left: the conversation is over */
        in->last_error = err;
        SetEvent(in->ov.hEvent);
        return;
    }
    memmove(in->buf + 4, in->buf, n);
    memcpy(in->buf, "re: ", 4);
    if (!WriteFileEx(in->pipe, in->buf, n + 4, &in->ov, write_done)) {
        in->last_error = GetLastError();
        SetEvent(in->ov.hEvent);
    }
}

static DWORD counted;

static VOID WINAPI count_done(DWORD err, DWORD n, LPOVERLAPPED ov)
{
    (void)ov;
    counted = err ? 0 : n;
}

static DWORD WINAPI client(LPVOID unused)
{
    HANDLE pipe;
    int i, good = 0;
    (void)unused;
    for (;;) {
        pipe = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (pipe != INVALID_HANDLE_VALUE)
            break;
        if (!WaitNamedPipeA(pipe_name, 5000))
            return 0;
    }
    for (i = 0; i < REQUESTS; i++) {
        char req[32], rep[64];
        DWORD n = 0;
        sprintf(req, "request %d", i);
        if (!WriteFile(pipe, req, (DWORD)strlen(req), &n, NULL))
            break;
        if (!ReadFile(pipe, rep, sizeof(rep) - 1, &n, NULL))
            break;
        rep[n] = 0;
        if (strncmp(rep, "re: request", 11) == 0)
            good++;
    }
    CloseHandle(pipe);
    return (DWORD)good;
}

int main(void)
{
    struct instance in;
    HANDLE done, thread;
    DWORD r, good = 0;
    int woken_by_routine = 0;

    sprintf(pipe_name, "\\\\.\\pipe\\ws2mp-routines-%lu", (unsigned long)GetCurrentProcessId());
    memset(&in, 0, sizeof(in));
    done = CreateEventA(NULL, TRUE, FALSE, NULL);
    REQUIRE(done != NULL, "an event for the end of the conversation");
    in.pipe = CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                               PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT, 1, 512, 512,
                               5000, NULL);
    REQUIRE(in.pipe != INVALID_HANDLE_VALUE, "CreateNamedPipe with FILE_FLAG_OVERLAPPED");

    thread = CreateThread(NULL, 0, client, NULL, 0, NULL);
    REQUIRE(thread != NULL, "a client thread");
    CHECK(ConnectNamedPipe(in.pipe, NULL) || GetLastError() == ERROR_PIPE_CONNECTED,
          "ConnectNamedPipe waits for the client");

    in.ov.hEvent = done; /* the program's own, as the Ex calls allow */
    in.reads = 1;
    CHECK(ReadFileEx(in.pipe, in.buf, sizeof(in.buf), &in.ov, read_done), "ReadFileEx starts the first read");

    for (;;) {
        r = WaitForSingleObjectEx(done, 10000, TRUE);
        if (r == WAIT_IO_COMPLETION) {
            woken_by_routine++;
            continue;
        }
        break;
    }
    CHECK_EQ(r, WAIT_OBJECT_0, "the routines set the program's event when the client leaves");
    CHECK(woken_by_routine > 0, "the alertable wait ran the completion routines");
    CHECK_EQ(in.answered, REQUESTS, "every request was answered before the event was set");
    CHECK_EQ(in.reads, REQUESTS + 1, "a read per request and the one that found the client gone");
    CHECK_EQ(in.last_error, ERROR_BROKEN_PIPE, "the last read's routine got ERROR_BROKEN_PIPE");

    WaitForSingleObject(thread, 10000);
    GetExitCodeThread(thread, &good);
    CHECK_EQ(good, REQUESTS, "the client read every answer");
    CloseHandle(thread);

    /* hEvent of a ReadFileEx that completes at once is left alone too: unset before and after
     * its routine runs. */
    {
        HANDLE srv, cli, ev = CreateEventA(NULL, TRUE, FALSE, NULL);
        DWORD n;
        char b[16];
        OVERLAPPED ov;
        DisconnectNamedPipe(in.pipe);
        CloseHandle(in.pipe);
        srv = CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 64, 64,
                               0, NULL);
        REQUIRE(srv != INVALID_HANDLE_VALUE, "a second instance");
        cli = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        REQUIRE(cli != INVALID_HANDLE_VALUE, "a client for it");
        CHECK(WriteFile(cli, "abc", 3, &n, NULL), "the client writes first");
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = ev;
        CHECK(ReadFileEx(srv, b, sizeof(b), &ov, count_done), "ReadFileEx of data already there");
        CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "the Ex read leaves hEvent unset");
        CHECK_EQ(SleepEx(1000, TRUE), WAIT_IO_COMPLETION, "its routine runs in the next alertable sleep");
        CHECK_EQ(counted, 3, "the routine got the 3 bytes");
        CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "hEvent is still unset after the routine");
        CloseHandle(cli);
        CloseHandle(srv);
        CloseHandle(ev);
    }
    CloseHandle(done);
    return check_done();
}
