/* A remote shell of the netcat -e kind, as Windows programs of the 1990s wrote it: a
 * connection accepted on a socket, a cmd.exe started on two anonymous pipes (CreatePipe with
 * inheritable ends, STARTF_USESTDHANDLES, standard error a DuplicateHandle of the output pipe),
 * one thread that polls the output pipe with PeekNamedPipe into its buffer before ReadFile and
 * sends what it read, one that receives a byte at a time and writes each CRLF line to the
 * shell, and WaitForMultipleObjects over both threads and the shell process. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

typedef struct {
    HANDLE ReadPipeHandle;  /* the shell's output */
    HANDLE WritePipeHandle; /* the shell's input */
    HANDLE ProcessHandle;
    SOCKET ClientSocket;
} SESSION;

static DWORD WINAPI ReadShell(LPVOID p)
{
    SESSION *s = (SESSION *)p;
    char buf[200];
    DWORD n;

    while (PeekNamedPipe(s->ReadPipeHandle, buf, sizeof(buf), &n, NULL, NULL)) {
        if (n == 0) {
            Sleep(20);
            continue;
        }
        if (!ReadFile(s->ReadPipeHandle, buf, sizeof(buf), &n, NULL))
            break;
        if (send(s->ClientSocket, buf, (int)n, 0) <= 0)
            break;
    }
    return 0;
}

static DWORD WINAPI WriteShell(LPVOID p)
{
    SESSION *s = (SESSION *)p;
    char c, line[200];
    DWORD cnt = 0, written;

    while (recv(s->ClientSocket, &c, 1, 0) == 1) {
        line[cnt++] = c;
        if (c == '\n' || cnt == sizeof(line)) {
            if (!WriteFile(s->WritePipeHandle, line, cnt, &written, NULL))
                break;
            cnt = 0;
        }
    }
    return 0;
}

/* PeekNamedPipe with a buffer copies what waits and leaves it for ReadFile; a duplicate of
 * the write end writes into the same pipe. */
static void peek_and_duplicate(void)
{
    SECURITY_ATTRIBUTES sa;
    HANDLE rd, wr, dup = NULL;
    char buf[64];
    DWORD n = 99, avail = 0;

    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = TRUE;
    REQUIRE(CreatePipe(&rd, &wr, &sa, 0), "CreatePipe");
    CHECK(PeekNamedPipe(rd, buf, sizeof(buf), &n, &avail, NULL), "PeekNamedPipe on an empty pipe");
    CHECK_EQ(n, 0, "nothing copied from an empty pipe");
    CHECK_EQ(avail, 0, "nothing waiting");
    CHECK(DuplicateHandle(GetCurrentProcess(), wr, GetCurrentProcess(), &dup, DUPLICATE_SAME_ACCESS,
                          TRUE, 0),
          "DuplicateHandle of a pipe's write end");
    CHECK(dup != NULL && dup != INVALID_HANDLE_VALUE && dup != wr, "a new handle");
    CHECK(WriteFile(wr, "abc", 3, &n, NULL) && n == 3, "write through the original");
    CHECK(WriteFile(dup, "def", 3, &n, NULL) && n == 3, "write through the duplicate");
    memset(buf, 0, sizeof(buf));
    CHECK(PeekNamedPipe(rd, buf, 4, &n, &avail, NULL), "PeekNamedPipe with a 4-byte buffer");
    CHECK_EQ(n, 4, "4 bytes copied");
    CHECK_EQ(avail, 6, "6 bytes waiting");
    CHECK(memcmp(buf, "abcd", 4) == 0, "the first 4 bytes, in order");
    memset(buf, 0, sizeof(buf));
    CHECK(ReadFile(rd, buf, sizeof(buf), &n, NULL) && n == 6, "ReadFile still reads all 6");
    CHECK(memcmp(buf, "abcdef", 6) == 0, "the bytes peeked, then the rest");
    CHECK(CloseHandle(wr), "close the original write end");
    CHECK(PeekNamedPipe(rd, NULL, 0, NULL, &avail, NULL), "the duplicate keeps the pipe open");
    CHECK(CloseHandle(dup), "close the duplicate");
    SetLastError(0);
    CHECK(!PeekNamedPipe(rd, buf, sizeof(buf), &n, &avail, NULL), "PeekNamedPipe once both write handles are closed fails");
    CHECK_EQ(GetLastError(), ERROR_BROKEN_PIPE, "ERROR_BROKEN_PIPE");
    CloseHandle(rd);
}

static HANDLE StartShell(HANDLE in, HANDLE out)
{
    PROCESS_INFORMATION pi;
    STARTUPINFOA si;
    char cmd[] = "cmd.exe";

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.wShowWindow = SW_HIDE;
    si.dwFlags = STARTF_USESTDHANDLES | STARTF_USESHOWWINDOW;
    si.hStdInput = in;
    si.hStdOutput = out;
    if (!DuplicateHandle(GetCurrentProcess(), out, GetCurrentProcess(), &si.hStdError,
                         DUPLICATE_SAME_ACCESS, TRUE, 0))
        return NULL;
    if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        CloseHandle(si.hStdError);
        return NULL;
    }
    CloseHandle(si.hStdError);
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener, client;
    struct sockaddr_in addr;
    int len = sizeof(addr), got = 0, r;
    SESSION s;
    SECURITY_ATTRIBUTES sa;
    HANDLE shellIn, shellOut, h[3];
    DWORD tid, which;
    char out[4096];
    const char *commands = "echo ws2mp-doexec\r\necho ws2mp-err 1>&2\r\nexit\r\n";

    REQUIRE(WSAStartup(MAKEWORD(1, 1), &wsa) == 0, "WSAStartup 1.1");
    peek_and_duplicate();

    listener = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind");
    REQUIRE(listen(listener, 1) == 0, "listen");
    getsockname(listener, (struct sockaddr *)&addr, &len);
    client = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(client, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
    s.ClientSocket = accept(listener, NULL, NULL);
    REQUIRE(s.ClientSocket != INVALID_SOCKET, "accept");
    closesocket(listener);

    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = TRUE;
    REQUIRE(CreatePipe(&s.ReadPipeHandle, &shellOut, &sa, 0), "CreatePipe for the shell's output");
    REQUIRE(CreatePipe(&shellIn, &s.WritePipeHandle, &sa, 0), "CreatePipe for the shell's input");
    s.ProcessHandle = StartShell(shellIn, shellOut);
    CloseHandle(shellIn);
    CloseHandle(shellOut);
    REQUIRE(s.ProcessHandle != NULL, "cmd.exe starts on the pipes");

    h[0] = CreateThread(NULL, 0, ReadShell, &s, 0, &tid);
    h[1] = CreateThread(NULL, 0, WriteShell, &s, 0, &tid);
    h[2] = s.ProcessHandle;
    REQUIRE(h[0] != NULL && h[1] != NULL, "the session threads start");

    /* The client types its commands, CRLF lines as a telnet client sends them. */
    CHECK(send(client, commands, (int)strlen(commands), 0) == (int)strlen(commands), "the client sends its commands");
    which = WaitForMultipleObjects(3, h, FALSE, 20000);
    CHECK(which == WAIT_OBJECT_0 + 2 || which == WAIT_OBJECT_0, "the shell's exit ends the session");
    WaitForSingleObject(h[0], 5000); /* the reader sends the rest, then meets the broken pipe */
    shutdown(s.ClientSocket, SD_BOTH);
    while (got < (int)sizeof(out) - 1 && (r = recv(client, out + got, (int)sizeof(out) - 1 - got, 0)) > 0)
        got += r;
    out[got] = '\0';
    printf("# the client read: %s\n", out);
    CHECK(strstr(out, "ws2mp-doexec") != NULL, "the shell's output reaches the client");
    CHECK(strstr(out, "ws2mp-err") != NULL, "its standard error, the duplicated handle, too");
#ifndef _WIN32
    /* ws2mp's stand-in for cmd is a POSIX shell: each line loses its CR before it runs. */
    CHECK(strstr(out, "ws2mp-doexec\n") != NULL, "the CR of the CRLF line is not part of the command");
#endif

    CHECK_EQ(WaitForSingleObject(h[1], 5000), WAIT_OBJECT_0, "the writer ends at the shutdown");
    CloseHandle(h[0]);
    CloseHandle(h[1]);
    CloseHandle(s.ProcessHandle);
    CloseHandle(s.ReadPipeHandle);
    CloseHandle(s.WritePipeHandle);
    closesocket(s.ClientSocket);
    closesocket(client);
    WSACleanup();
    return check_done();
}
