/* An overlapped named-pipe server, the shape of Microsoft's "Named Pipe Server Using
 * Overlapped I/O" sample: one thread serves INSTANCES instances made with
 * FILE_FLAG_OVERLAPPED, each with its own manual-reset event. ConnectNamedPipe with the
 * OVERLAPPED is pending (ERROR_IO_PENDING) or finds a client already there
 * (ERROR_PIPE_CONNECTED: the server sets the event itself); WaitForMultipleObjects says which
 * instance moved, GetOverlappedResult what its pending operation did, and the instance goes
 * on reading a request, writing the answer, until the client leaves (ERROR_BROKEN_PIPE):
 * DisconnectNamedPipe and a new ConnectNamedPipe for the next client. The clients are
 * threads of this program, each connecting twice in turn.
 *
 * Then one instance on a completion port (CreateIoCompletionPort with the pipe's handle):
 * ConnectNamedPipe's and ReadFile's completions come out of GetQueuedCompletionStatus with the
 * key, and CancelIo ends a pending ReadFile with ERROR_OPERATION_ABORTED. Last, ReadFileEx on a
 * pipe: its completion routine runs in the thread's alertable SleepEx. And the classic
 * "anonymous pipe with overlapped reads" trick: a byte pipe's client end, opened with
 * CreateFile, is a child process's standard output, which the server end reads with
 * overlapped ReadFile until ERROR_BROKEN_PIPE. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define INSTANCES 3
#define CLIENT_THREADS 3
#define ROUNDS 2
#define REQUESTS 3
#define TOTAL_CLIENTS (CLIENT_THREADS * ROUNDS)

enum state { CONNECTING, READING, WRITING };

struct instance {
    OVERLAPPED ov;
    HANDLE pipe;
    char request[128];
    DWORD request_len;
    char reply[160];
    DWORD reply_len;
    enum state state;
    BOOL pending;
};

static char pipe_name[128];
static struct instance inst[INSTANCES];
static volatile LONG client_failures;

/* --- the clients --- */

static DWORD WINAPI client_thread(LPVOID param)
{
    int id = (int)(INT_PTR)param, round, i;
    for (round = 0; round < ROUNDS; round++) {
        HANDLE pipe;
        DWORD mode = PIPE_READMODE_MESSAGE;
        for (;;) {
            pipe = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
            if (pipe != INVALID_HANDLE_VALUE)
                break;
            if (GetLastError() != ERROR_PIPE_BUSY || !WaitNamedPipeA(pipe_name, 20000)) {
                InterlockedIncrement(&client_failures);
                return 1;
            }
        }
        if (!SetNamedPipeHandleState(pipe, &mode, NULL, NULL))
            InterlockedIncrement(&client_failures);
        for (i = 0; i < REQUESTS; i++) {
            char request[64], reply[160], want[160];
            DWORD n;
            sprintf(request, "client %d round %d request %d", id, round, i);
            sprintf(want, "answer to %s", request);
            if (!WriteFile(pipe, request, (DWORD)strlen(request), &n, NULL) ||
                !ReadFile(pipe, reply, sizeof(reply), &n, NULL) || n != strlen(want) ||
                memcmp(reply, want, n) != 0)
                InterlockedIncrement(&client_failures);
        }
        CloseHandle(pipe);
    }
    return 0;
}

/* --- the server --- */

/* Starts waiting for a client; TRUE when one is already connected (the event is set then). */
static BOOL connect_to_new_client(struct instance *in)
{
    BOOL pending = FALSE;
    if (ConnectNamedPipe(in->pipe, &in->ov))
        return FALSE; /* an overlapped ConnectNamedPipe returns FALSE */
    switch (GetLastError()) {
    case ERROR_IO_PENDING:
        pending = TRUE;
        break;
    case ERROR_PIPE_CONNECTED:
        SetEvent(in->ov.hEvent);
        break;
    default:
        return FALSE;
    }
    in->pending = pending;
    in->state = pending ? CONNECTING : READING;
    return TRUE;
}

static BOOL reconnect(struct instance *in)
{
    if (!DisconnectNamedPipe(in->pipe))
        return FALSE;
    return connect_to_new_client(in);
}

static HANDLE events[INSTANCES];

static void create_instances(void)
{
    int i;
    for (i = 0; i < INSTANCES; i++) {
        events[i] = CreateEventA(NULL, TRUE, TRUE, NULL);
        memset(&inst[i].ov, 0, sizeof(inst[i].ov));
        inst[i].ov.hEvent = events[i];
        inst[i].pipe = CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                                        PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                                        INSTANCES, 512, 512, 5000, NULL);
        REQUIRE(inst[i].pipe != INVALID_HANDLE_VALUE, "CreateNamedPipe with FILE_FLAG_OVERLAPPED");
        REQUIRE(connect_to_new_client(&inst[i]), "ConnectNamedPipe: pending or already connected");
    }
    CHECK(inst[0].pending, "with no client yet, ConnectNamedPipe is pending (ERROR_IO_PENDING)");
}

static void serve(void)
{
    int i, clients_done = 0, answered = 0, waits = 0;
    BOOL ok = TRUE;

    while (clients_done < TOTAL_CLIENTS && ok && waits++ < 10000) {
        DWORD w = WaitForMultipleObjects(INSTANCES, events, FALSE, 20000), n = 0;
        struct instance *in;
        if (w >= WAIT_OBJECT_0 + INSTANCES) {
            ok = FALSE;
            CHECK(0, "WaitForMultipleObjects: an instance moves within 20 s");
            break;
        }
        in = &inst[w - WAIT_OBJECT_0];
        if (in->pending) {
            BOOL done = GetOverlappedResult(in->pipe, &in->ov, &n, FALSE);
            in->pending = FALSE;
            switch (in->state) {
            case CONNECTING:
                if (!done) {
                    ok = FALSE;
                    CHECK(0, "a pending ConnectNamedPipe completes with success");
                }
                in->state = READING;
                break;
            case READING:
                if (!done || n == 0) {
                    /* The client left while the read was pending. */
                    if (GetLastError() != ERROR_BROKEN_PIPE) {
                        ok = FALSE;
                        CHECK_EQ(GetLastError(), ERROR_BROKEN_PIPE, "a pending read ends with ERROR_BROKEN_PIPE");
                    }
                    clients_done++;
                    ok = ok && reconnect(in);
                    continue;
                }
                in->request_len = n;
                in->state = WRITING;
                break;
            case WRITING:
                if (!done || n != in->reply_len) {
                    clients_done++;
                    ok = ok && reconnect(in);
                    continue;
                }
                answered++;
                in->state = READING;
                break;
            }
        }
        switch (in->state) {
        case READING:
            if (ReadFile(in->pipe, in->request, sizeof(in->request), &n, &in->ov) && n != 0) {
                /* Completed at once: its event is set, the next wait comes back here. */
                in->request_len = n;
                in->pending = FALSE;
                in->state = WRITING;
                continue;
            }
            if (GetLastError() == ERROR_IO_PENDING) {
                in->pending = TRUE;
                continue;
            }
            if (GetLastError() != ERROR_BROKEN_PIPE) {
                ok = FALSE;
                CHECK_EQ(GetLastError(), ERROR_BROKEN_PIPE, "ReadFile fails only once the client left");
            }
            clients_done++;
            ok = ok && reconnect(in);
            break;
        case WRITING:
            memcpy(in->reply, "answer to ", 10);
            memcpy(in->reply + 10, in->request, in->request_len);
            in->reply_len = 10 + in->request_len;
            if (WriteFile(in->pipe, in->reply, in->reply_len, &n, &in->ov) && n == in->reply_len) {
                answered++;
                in->pending = FALSE;
                in->state = READING;
                continue;
            }
            if (GetLastError() == ERROR_IO_PENDING) {
                in->pending = TRUE;
                continue;
            }
            clients_done++;
            ok = ok && reconnect(in);
            break;
        case CONNECTING:
            break;
        }
    }
    CHECK(ok, "the server's state machine saw no unexpected failure");
    CHECK_EQ(clients_done, TOTAL_CLIENTS, "every client connected, was served and left");
    CHECK_EQ(answered, TOTAL_CLIENTS * REQUESTS, "every request was answered");
    for (i = 0; i < INSTANCES; i++) {
        CHECK(CloseHandle(inst[i].pipe), "CloseHandle of an instance with a pending ConnectNamedPipe");
        CloseHandle(events[i]);
    }
}

static void completion_port(void)
{
    OVERLAPPED connect_ov, read_ov, *got;
    HANDLE pipe, port, client;
    ULONG_PTR key = 0;
    DWORD n = 0;
    char buf[64];

    pipe = CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                            PIPE_TYPE_BYTE | PIPE_READMODE_BYTE, 1, 0, 0, 0, NULL);
    REQUIRE(pipe != INVALID_HANDLE_VALUE, "a byte pipe instance for the completion port");
    port = CreateIoCompletionPort(pipe, NULL, 42, 1);
    REQUIRE(port != NULL, "CreateIoCompletionPort binds the pipe to a new port");
    memset(&connect_ov, 0, sizeof(connect_ov));
    CHECK(!ConnectNamedPipe(pipe, &connect_ov) && GetLastError() == ERROR_IO_PENDING,
          "ConnectNamedPipe is pending");
    CHECK(!GetQueuedCompletionStatus(port, &n, &key, &got, 0) && got == NULL &&
              GetLastError() == WAIT_TIMEOUT, "no packet before a client comes");
    client = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(client != INVALID_HANDLE_VALUE, "a client connects");
    CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 5000), "the connect's packet");
    CHECK(got == &connect_ov && key == 42, "with the ConnectNamedPipe OVERLAPPED and the key");

    memset(&read_ov, 0, sizeof(read_ov));
    CHECK(!ReadFile(pipe, buf, sizeof(buf), NULL, &read_ov) && GetLastError() == ERROR_IO_PENDING,
          "an overlapped ReadFile with nothing sent is pending");
    CHECK(WriteFile(client, "ping", 4, &n, NULL) && n == 4, "the client writes");
    CHECK(GetQueuedCompletionStatus(port, &n, &key, &got, 5000), "the read's packet");
    CHECK(got == &read_ov && n == 4 && memcmp(buf, "ping", 4) == 0, "with the 4 bytes read");

    memset(&read_ov, 0, sizeof(read_ov));
    CHECK(!ReadFile(pipe, buf, sizeof(buf), NULL, &read_ov) && GetLastError() == ERROR_IO_PENDING,
          "another pending ReadFile");
    CHECK(CancelIo(pipe), "CancelIo");
    CHECK(!GetQueuedCompletionStatus(port, &n, &key, &got, 5000) && got == &read_ov,
          "the cancelled read's packet reports a failure");
    CHECK_EQ(GetLastError(), ERROR_OPERATION_ABORTED, "ERROR_OPERATION_ABORTED");
    CHECK(!GetOverlappedResult(pipe, &read_ov, &n, FALSE) && GetLastError() == ERROR_OPERATION_ABORTED,
          "GetOverlappedResult says the same");

    CHECK(CloseHandle(client), "the client closes");
    CHECK(CloseHandle(pipe), "the server closes");
    CHECK(CloseHandle(port), "the port closes");
}

static DWORD routine_error = 0xdeadbeef, routine_bytes;
static LPOVERLAPPED routine_ov;

static VOID CALLBACK read_done(DWORD error, DWORD bytes, LPOVERLAPPED ov)
{
    routine_error = error;
    routine_bytes = bytes;
    routine_ov = ov;
}

static void completion_routine(void)
{
    OVERLAPPED ov;
    HANDLE pipe, client;
    DWORD n = 0;
    char buf[64];

    pipe = CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                            PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 0, 0, 0, NULL);
    REQUIRE(pipe != INVALID_HANDLE_VALUE, "an instance for ReadFileEx");
    client = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(client != INVALID_HANDLE_VALUE, "a client connects");
    memset(&ov, 0, sizeof(ov));
    CHECK(ReadFileEx(pipe, buf, sizeof(buf), &ov, read_done), "ReadFileEx starts a read");
    CHECK_EQ(SleepEx(0, TRUE), 0, "with nothing sent the routine has not run");
    CHECK(WriteFile(client, "routine", 7, &n, NULL) && n == 7, "the client writes a message");
    CHECK_EQ(SleepEx(5000, TRUE), WAIT_IO_COMPLETION, "SleepEx returns WAIT_IO_COMPLETION");
    CHECK(routine_error == 0 && routine_bytes == 7 && routine_ov == &ov,
          "the routine ran with no error, 7 bytes and the OVERLAPPED");
    CHECK(memcmp(buf, "routine", 7) == 0, "the message is in the buffer");
    CloseHandle(client);
    CloseHandle(pipe);
}

static void child_output(void)
{
    SECURITY_ATTRIBUTES sa;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    OVERLAPPED ov;
    HANDLE rd, wr, event;
    char name[160], line[64], got[256];
    DWORD n = 0, total = 0, code = 1;
    BOOL broken = FALSE;

    snprintf(name, sizeof(name), "%s-child-output", pipe_name);
    rd = CreateNamedPipeA(name, PIPE_ACCESS_INBOUND | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE | PIPE_WAIT, 1,
                          4096, 4096, 0, NULL);
    REQUIRE(rd != INVALID_HANDLE_VALUE, "an inbound overlapped byte pipe for a child's output");
    CHECK(SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0), "SetHandleInformation keeps the read end from the child");
    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = TRUE;
    wr = CreateFileA(name, GENERIC_WRITE, 0, &sa, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(wr != INVALID_HANDLE_VALUE, "its inheritable write end, opened with CreateFile");
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = wr;
    snprintf(line, sizeof(line), "cmd /c echo hello from the child");
    REQUIRE(CreateProcessA(NULL, line, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL, NULL, &si, &pi),
            "the child starts with its output on the pipe");
    CHECK(CloseHandle(wr), "the server closes its copy of the write end");
    event = CreateEventA(NULL, TRUE, FALSE, NULL);
    while (total < sizeof(got) - 1) {
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = event;
        if (!ReadFile(rd, got + total, (DWORD)(sizeof(got) - 1 - total), &n, &ov)) {
            if (GetLastError() != ERROR_IO_PENDING) {
                broken = GetLastError() == ERROR_BROKEN_PIPE;
                break;
            }
            if (!GetOverlappedResult(rd, &ov, &n, TRUE)) {
                broken = GetLastError() == ERROR_BROKEN_PIPE;
                break;
            }
        }
        total += n;
    }
    got[total] = 0;
    CHECK(broken, "the reads end with ERROR_BROKEN_PIPE once the child has exited");
    CHECK(strncmp(got, "hello from the child", 20) == 0, "the child's output came through the pipe");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 10000), WAIT_OBJECT_0, "the child ends");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "with exit code 0");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    CloseHandle(event);
    CloseHandle(rd);
}

int main(void)
{
    HANDLE clients[CLIENT_THREADS];
    int i;
    snprintf(pipe_name, sizeof(pipe_name), "\\\\.\\pipe\\ws2mp-overlapped-%lu",
             (unsigned long)GetCurrentProcessId());
    /* The instances exist before the clients start (they would find no pipe otherwise). */
    create_instances();
    for (i = 0; i < CLIENT_THREADS; i++) {
        clients[i] = CreateThread(NULL, 0, client_thread, (LPVOID)(INT_PTR)i, 0, NULL);
        REQUIRE(clients[i] != NULL, "a client thread starts");
    }
    serve();
    CHECK_EQ(WaitForMultipleObjects(CLIENT_THREADS, clients, TRUE, 30000), WAIT_OBJECT_0,
             "the client threads end");
    for (i = 0; i < CLIENT_THREADS; i++)
        CloseHandle(clients[i]);
    CHECK_EQ(client_failures, 0, "every client got each answer");
    completion_port();
    completion_routine();
    child_output();
    return check_done();
}
