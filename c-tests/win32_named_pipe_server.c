/* A multithreaded message-pipe server, the shape of Microsoft's "Multithreaded Pipe Server"
 * sample: the main thread creates an instance of \\.\pipe\NAME (PIPE_UNLIMITED_INSTANCES,
 * message type and read mode), waits for a client with ConnectNamedPipe and hands the
 * connected instance to a thread that answers each request message until the client leaves,
 * then creates the next instance. Its clients are two other processes (this program started
 * again with CreateProcess): one opens the pipe with CreateFile (WaitNamedPipe while every
 * instance is busy), switches to message read mode with SetNamedPipeHandleState and asks with
 * TransactNamedPipe; the other asks with CallNamedPipe, a connection per request. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define REQUESTS 3
/* One connection for the TransactNamedPipe client, one per request for CallNamedPipe's. */
#define CONNECTIONS (1 + REQUESTS)

static char pipe_name[128];
static volatile LONG served;
static volatile LONG bad_answers;
static DWORD client_pids[CONNECTIONS];

static void answer_for(const char *request, DWORD len, char *out, DWORD *out_len)
{
    /* "echo:" and the request, reversed: the client checks it byte for byte. */
    DWORD i;
    memcpy(out, "echo:", 5);
    for (i = 0; i < len; i++)
        out[5 + i] = request[len - 1 - i];
    *out_len = 5 + len;
}

struct instance {
    HANDLE pipe;
    int index;
};

static DWORD WINAPI instance_thread(LPVOID param)
{
    struct instance *in = (struct instance *)param;
    char request[256], reply[300];
    DWORD got, len, wrote, pid = 0;
    if (GetNamedPipeClientProcessId(in->pipe, &pid))
        client_pids[in->index] = pid;
    for (;;) {
        if (!ReadFile(in->pipe, request, sizeof(request), &got, NULL)) {
            if (GetLastError() != ERROR_BROKEN_PIPE)
                InterlockedIncrement(&bad_answers);
            break;
        }
        answer_for(request, got, reply, &len);
        if (!WriteFile(in->pipe, reply, len, &wrote, NULL) || wrote != len) {
            InterlockedIncrement(&bad_answers);
            break;
        }
        InterlockedIncrement(&served);
    }
    FlushFileBuffers(in->pipe);
    DisconnectNamedPipe(in->pipe);
    CloseHandle(in->pipe);
    return 0;
}

/* --- the client processes --- */

static int ask_all(HANDLE pipe)
{
    int i, failures = 0;
    for (i = 0; i < REQUESTS; i++) {
        char request[64], reply[128], want[128];
        DWORD got = 0, want_len;
        sprintf(request, "transact request %d", i);
        answer_for(request, (DWORD)strlen(request), want, &want_len);
        if (!TransactNamedPipe(pipe, request, (DWORD)strlen(request), reply, sizeof(reply), &got, NULL)) {
            printf("# TransactNamedPipe failed: %lu\n", (unsigned long)GetLastError());
            failures++;
        } else if (got != want_len || memcmp(reply, want, want_len) != 0) {
            printf("# wrong answer to request %d\n", i);
            failures++;
        }
    }
    return failures;
}

static int transact_client(DWORD server_pid)
{
    HANDLE pipe;
    DWORD mode = PIPE_READMODE_MESSAGE, pid = 0;
    int failures;
    for (;;) {
        pipe = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (pipe != INVALID_HANDLE_VALUE)
            break;
        if (GetLastError() != ERROR_PIPE_BUSY) {
            printf("# CreateFile of the pipe failed: %lu\n", (unsigned long)GetLastError());
            return 10;
        }
        if (!WaitNamedPipeA(pipe_name, 20000)) {
            printf("# WaitNamedPipe failed: %lu\n", (unsigned long)GetLastError());
            return 11;
        }
    }
    if (!SetNamedPipeHandleState(pipe, &mode, NULL, NULL))
        return 12;
    if (!GetNamedPipeServerProcessId(pipe, &pid) || pid != server_pid) {
        printf("# GetNamedPipeServerProcessId: %lu, want %lu\n", (unsigned long)pid,
               (unsigned long)server_pid);
        return 13;
    }
    failures = ask_all(pipe);
    CloseHandle(pipe);
    return failures;
}

static int call_client(void)
{
    int i, failures = 0;
    for (i = 0; i < REQUESTS; i++) {
        char request[64], reply[128], want[128];
        DWORD got = 0, want_len;
        sprintf(request, "call %d", i);
        answer_for(request, (DWORD)strlen(request), want, &want_len);
        if (!CallNamedPipeA(pipe_name, request, (DWORD)strlen(request), reply, sizeof(reply), &got,
                            NMPWAIT_WAIT_FOREVER)) {
            printf("# CallNamedPipe failed: %lu\n", (unsigned long)GetLastError());
            failures++;
        } else if (got != want_len || memcmp(reply, want, want_len) != 0) {
            printf("# wrong answer to call %d\n", i);
            failures++;
        }
    }
    return failures;
}

/* --- the server --- */

static BOOL start_client(const char *self, const char *kind, PROCESS_INFORMATION *pi)
{
    char line[MAX_PATH + 256];
    STARTUPINFOA si;
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(line, sizeof(line), "\"%s\" client %s %s %lu", self, kind, pipe_name,
             (unsigned long)GetCurrentProcessId());
    return CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, pi);
}

static HANDLE new_instance(void)
{
    return CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX,
                            PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT,
                            PIPE_UNLIMITED_INSTANCES, 512, 512, 0, NULL);
}

int main(int argc, char **argv)
{
    char self[MAX_PATH];
    PROCESS_INFORMATION clients[2];
    HANDLE threads[CONNECTIONS];
    struct instance instances[CONNECTIONS];
    DWORD code, flags = 0, max = 0;
    int i, n;

    if (argc == 5 && strcmp(argv[1], "client") == 0) {
        snprintf(pipe_name, sizeof(pipe_name), "%s", argv[3]);
        if (strcmp(argv[2], "transact") == 0)
            return transact_client((DWORD)strtoul(argv[4], NULL, 10));
        return call_client();
    }
    /* Any case names the same pipe: the clients get the name in capitals. */
    snprintf(pipe_name, sizeof(pipe_name), "\\\\.\\pipe\\ws2mp-server-%lu",
             (unsigned long)GetCurrentProcessId());
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");

    instances[0].pipe = new_instance();
    REQUIRE(instances[0].pipe != INVALID_HANDLE_VALUE, "CreateNamedPipe: the first instance");
    CHECK(GetNamedPipeInfo(instances[0].pipe, &flags, NULL, NULL, &max), "GetNamedPipeInfo");
    CHECK_EQ(flags, PIPE_SERVER_END | PIPE_TYPE_MESSAGE, "a server end of a message pipe");
    CHECK_EQ(max, PIPE_UNLIMITED_INSTANCES, "with unlimited instances");
    CHECK_EQ(GetFileType(instances[0].pipe), FILE_TYPE_PIPE, "GetFileType: FILE_TYPE_PIPE");

    CharUpperA(pipe_name + 9);
    REQUIRE(start_client(self, "transact", &clients[0]), "the TransactNamedPipe client starts");
    REQUIRE(start_client(self, "call", &clients[1]), "the CallNamedPipe client starts");
    CharLowerA(pipe_name + 9);

    for (n = 0; n < CONNECTIONS; n++) {
        BOOL connected;
        connected = ConnectNamedPipe(instances[n].pipe, NULL) ? TRUE : (GetLastError() == ERROR_PIPE_CONNECTED);
        REQUIRE(connected, "ConnectNamedPipe: a client is connected");
        /* The next instance exists before this one's thread may close it: with no instance
         * at all a client's CreateFile fails with ERROR_FILE_NOT_FOUND, not ERROR_PIPE_BUSY. */
        if (n + 1 < CONNECTIONS) {
            instances[n + 1].pipe = new_instance();
            REQUIRE(instances[n + 1].pipe != INVALID_HANDLE_VALUE, "CreateNamedPipe: the next instance");
        }
        instances[n].index = n;
        threads[n] = CreateThread(NULL, 0, instance_thread, &instances[n], 0, NULL);
        REQUIRE(threads[n] != NULL, "a thread serves the connected instance");
    }
    CHECK_EQ(WaitForMultipleObjects(CONNECTIONS, threads, TRUE, 60000), WAIT_OBJECT_0,
             "every instance thread ends when its client leaves");
    for (i = 0; i < CONNECTIONS; i++)
        CloseHandle(threads[i]);
    for (i = 0; i < 2; i++) {
        CHECK_EQ(WaitForSingleObject(clients[i].hProcess, 60000), WAIT_OBJECT_0, "the client process ends");
        code = 99;
        GetExitCodeProcess(clients[i].hProcess, &code);
        CHECK_EQ(code, 0, i == 0 ? "every TransactNamedPipe got its answer" : "every CallNamedPipe got its answer");
        CloseHandle(clients[i].hThread);
        CloseHandle(clients[i].hProcess);
    }
    CHECK_EQ(served, 2 * REQUESTS, "the server answered every request");
    CHECK_EQ(bad_answers, 0, "each connection ended with ERROR_BROKEN_PIPE, no other failure");
    for (i = 0, n = 0; i < CONNECTIONS; i++)
        n += client_pids[i] == clients[0].dwProcessId || client_pids[i] == clients[1].dwProcessId;
    CHECK_EQ(n, CONNECTIONS, "GetNamedPipeClientProcessId names the client process");
    SetLastError(0);
    CHECK(CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL) ==
              INVALID_HANDLE_VALUE, "with every instance closed the pipe is gone");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND");
    return check_done();
}
