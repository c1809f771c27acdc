/* A server that starts other programs, as legacy Windows servers do: a launcher that waits for
 * a worker and reads its exit code (one child, then two with WaitForMultipleObjects), a
 * command whose output goes through an anonymous pipe and is relayed to a TCP client on
 * 127.0.0.1, a child whose standard input and output are the client's socket itself,
 * TerminateProcess of a sleeping child, CreateProcessW with an environment block and a working
 * directory, "cmd.exe /c" and the failures (a missing program, a
 * broken pipe both ways). The children are this program started again with an argument. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stddef.h>
#include "check.h"
#ifndef _WIN32
#include <errno.h>
#include <sys/wait.h>
#endif

static char self[MAX_PATH];

/* --- the children --- */

static int child(int argc, char **argv)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE), out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD n;
    char buf[256];
    if (strcmp(argv[2], "exit") == 0 && argc > 3)
        return atoi(argv[3]);
    if (strcmp(argv[2], "echo") == 0) {
        const char *text = "hello from the worker\r\nsecond line\r\n";
        return WriteFile(out, text, (DWORD)strlen(text), &n, NULL) && n == strlen(text) ? 0 : 9;
    }
    if (strcmp(argv[2], "sleep") == 0) {
        Sleep(60000);
        return 8;
    }
    if (strcmp(argv[2], "where") == 0) {
        char var[64], dir[MAX_PATH], text[MAX_PATH + 80];
        DWORD have = GetEnvironmentVariableA("WS2MP_CHILD_VAR", var, sizeof(var));
        if (have == 0 || have >= sizeof(var))
            strcpy(var, "(none)");
        if (GetCurrentDirectoryA(sizeof(dir), dir) == 0)
            return 9;
        snprintf(text, sizeof(text), "%s|%s", var, dir);
        return WriteFile(out, text, (DWORD)strlen(text), &n, NULL) ? 0 : 9;
    }
    if (strcmp(argv[2], "upper") == 0) {
        int total = 0;
        while (ReadFile(in, buf, sizeof(buf), &n, NULL) && n > 0) {
            DWORD i, w;
            for (i = 0; i < n; i++)
                buf[i] = (char)toupper((unsigned char)buf[i]);
            if (!WriteFile(out, buf, n, &w, NULL) || w != n)
                return 9;
            total += (int)n;
        }
        return total;
    }
    return 99;
}

/* --- the parent --- */

static BOOL start(const char *args, STARTUPINFOA *si, PROCESS_INFORMATION *pi)
{
    char line[MAX_PATH + 128];
    snprintf(line, sizeof(line), "\"%s\" child %s", self, args);
    return CreateProcessA(NULL, line, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL, NULL, si, pi);
}

/* Windows' 64-bit layouts, which a program may hand to other code. */
static void test_layouts(void)
{
    if (sizeof(void *) != 8)
        return;
    CHECK_EQ(sizeof(STARTUPINFOA), 104, "STARTUPINFOA is 104 bytes");
    CHECK_EQ(sizeof(STARTUPINFOW), 104, "STARTUPINFOW is 104 bytes");
    CHECK_EQ(offsetof(STARTUPINFOA, dwFlags), 60, "dwFlags at 60");
    CHECK_EQ(offsetof(STARTUPINFOA, hStdInput), 80, "hStdInput at 80");
    CHECK_EQ(offsetof(STARTUPINFOW, hStdError), 96, "hStdError at 96");
    CHECK_EQ(sizeof(PROCESS_INFORMATION), 24, "PROCESS_INFORMATION is 24 bytes");
    CHECK_EQ(offsetof(PROCESS_INFORMATION, dwThreadId), 20, "dwThreadId at 20");
}

static void test_launcher(void)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi, pj;
    HANDLE both[2];
    DWORD code = 0;
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    memset(&pi, 0, sizeof(pi));
    REQUIRE(start("exit 7", &si, &pi), "CreateProcessA starts the worker");
    CHECK(pi.hProcess != NULL && pi.hThread != NULL && pi.dwProcessId != 0, "PROCESS_INFORMATION filled");
    CHECK_EQ(GetProcessId(pi.hProcess), pi.dwProcessId, "GetProcessId is dwProcessId");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, INFINITE), WAIT_OBJECT_0, "the process handle is signalled when it ends");
    CHECK(GetExitCodeProcess(pi.hProcess, &code), "GetExitCodeProcess");
    CHECK_EQ(code, 7, "the worker's exit code 7");
    CHECK_EQ(WaitForSingleObject(pi.hThread, 0), WAIT_OBJECT_0, "its thread handle is signalled too");
    CHECK(CloseHandle(pi.hThread) && CloseHandle(pi.hProcess), "CloseHandle on both");

    REQUIRE(start("exit 1", &si, &pi) && start("exit 2", &si, &pj), "two workers");
    both[0] = pi.hProcess;
    both[1] = pj.hProcess;
    CHECK_EQ(WaitForMultipleObjects(2, both, TRUE, INFINITE), WAIT_OBJECT_0, "WaitForMultipleObjects(all) on both");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 1, "the first exited with 1");
    CHECK(GetExitCodeProcess(pj.hProcess, &code) && code == 2, "the second with 2");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    CloseHandle(pj.hThread);
    CloseHandle(pj.hProcess);

    memset(&pi, 0, sizeof(pi));
    REQUIRE(CreateProcessA(NULL, "cmd.exe /c exit 5", NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "cmd.exe /c exit 5");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, INFINITE), WAIT_OBJECT_0, "waits");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 5, "the command's exit code 5");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

static void test_terminate(void)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 0;
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    REQUIRE(start("sleep", &si, &pi), "a sleeping worker");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == STILL_ACTIVE, "STILL_ACTIVE while it runs");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 0), WAIT_TIMEOUT, "not signalled while it runs");
    CHECK(TerminateProcess(pi.hProcess, 42), "TerminateProcess");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, INFINITE), WAIT_OBJECT_0, "then it ends");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 42, "with the code TerminateProcess gave");
    SetLastError(0);
    CHECK(!TerminateProcess(pi.hProcess, 43), "TerminateProcess of an ended process fails");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "with ERROR_ACCESS_DENIED");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

static void pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in a;
    int len = sizeof(a);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(l != INVALID_SOCKET, "listener");
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(l, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(l, 1) == 0, "bind, listen");
    REQUIRE(getsockname(l, (struct sockaddr *)&a, &len) == 0, "getsockname");
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(*client, (struct sockaddr *)&a, sizeof(a)) == 0, "client connects");
    *server = accept(l, NULL, NULL);
    REQUIRE(*server != INVALID_SOCKET, "accept");
    closesocket(l);
}

static int recv_all(SOCKET s, char *buf, int room)
{
    int got = 0, r;
    while (got < room - 1 && (r = recv(s, buf + got, room - 1 - got, 0)) > 0)
        got += r;
    buf[got] = 0;
    return got;
}

static void test_pipe_relay(void)
{
    SECURITY_ATTRIBUTES sa;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    HANDLE rd, wr;
    SOCKET client, conn;
    char buf[64], got[256];
    DWORD n, code = 1, avail = 0;
    const char *want = "hello from the worker\r\nsecond line\r\n";

    pair(&client, &conn);
    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = TRUE;
    REQUIRE(CreatePipe(&rd, &wr, &sa, 0), "CreatePipe");
    CHECK(SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0), "the read end is kept from the child");
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = wr;
    REQUIRE(start("echo", &si, &pi), "the command starts with its output on the pipe");
    CHECK(CloseHandle(wr), "the server closes its write end");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, INFINITE), WAIT_OBJECT_0, "the command ends");
    CHECK(PeekNamedPipe(rd, NULL, 0, NULL, &avail, NULL), "PeekNamedPipe");
    CHECK_EQ(avail, strlen(want), "everything it wrote is waiting in the pipe");
    for (;;) {
        if (!ReadFile(rd, buf, sizeof(buf), &n, NULL))
            break;
        REQUIRE(send(conn, buf, (int)n, 0) == (int)n, "relayed to the client");
    }
    CHECK_EQ(GetLastError(), ERROR_BROKEN_PIPE, "the pipe's end: ERROR_BROKEN_PIPE");
    CHECK_EQ(n, 0, "with 0 bytes");
    SetLastError(0);
    CHECK(!PeekNamedPipe(rd, NULL, 0, NULL, &avail, NULL), "PeekNamedPipe on the empty, broken pipe fails");
    CHECK_EQ(GetLastError(), ERROR_BROKEN_PIPE, "ERROR_BROKEN_PIPE");
    CHECK(CloseHandle(rd), "close the read end");
    shutdown(conn, SD_SEND);
    CHECK_EQ(recv_all(client, got, sizeof(got)), (int)strlen(want), "the client receives the output");
    CHECK(strcmp(got, want) == 0, "byte for byte");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "exit code 0");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    closesocket(conn);
    closesocket(client);

    REQUIRE(CreatePipe(&rd, &wr, NULL, 4096), "a second pipe");
    CHECK(WriteFile(wr, "abc", 3, &n, NULL) && n == 3, "WriteFile into it");
    CHECK(ReadFile(rd, buf, sizeof(buf), &n, NULL) && n == 3 && memcmp(buf, "abc", 3) == 0, "ReadFile reads it back");
    CHECK(CloseHandle(rd), "close the read end");
    SetLastError(0);
    CHECK(!WriteFile(wr, "x", 1, &n, NULL), "a write with no reader fails");
    CHECK_EQ(GetLastError(), ERROR_NO_DATA, "with ERROR_NO_DATA");
    CHECK(CloseHandle(wr), "close the write end");
}

static void test_socket_std_handles(void)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    SOCKET client, conn;
    char got[64];
    DWORD code = 0;

    pair(&client, &conn);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = (HANDLE)conn;
    si.hStdOutput = (HANDLE)conn;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    REQUIRE(start("upper", &si, &pi), "a child serving the connection on its standard handles");
    closesocket(conn);
    CHECK_EQ(send(client, "winsock", 7, 0), 7, "the client sends");
    shutdown(client, SD_SEND);
    CHECK_EQ(recv_all(client, got, sizeof(got)), 7, "the child's answer comes back on the socket");
    CHECK(strcmp(got, "WINSOCK") == 0, "upper-cased");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, INFINITE), WAIT_OBJECT_0, "the child ends at the end of its input");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "having read 7 bytes");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    closesocket(client);
}

/* CreateProcessW with its own environment block and working directory. */
static void test_environment(void)
{
    static const char block[] = "WS2MP_CHILD_VAR=forty-two\0OTHER=1\0";
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    HANDLE rd, wr;
    WCHAR wline[MAX_PATH + 64], wdir[MAX_PATH];
    char line[MAX_PATH + 64], dir[MAX_PATH], got[MAX_PATH + 80], want[MAX_PATH + 80];
    DWORD n, total = 0, len;

    len = GetTempPathA(sizeof(dir), dir);
    REQUIRE(len > 1, "GetTempPathA");
    if (dir[len - 1] == '\\' || dir[len - 1] == '/')
        dir[len - 1] = 0;
    snprintf(line, sizeof(line), "\"%s\" child where", self);
    REQUIRE(MultiByteToWideChar(CP_ACP, 0, line, -1, wline, MAX_PATH + 64) > 0, "the line in UTF-16");
    REQUIRE(MultiByteToWideChar(CP_ACP, 0, dir, -1, wdir, MAX_PATH) > 0, "the directory in UTF-16");
    REQUIRE(CreatePipe(&rd, &wr, NULL, 0), "CreatePipe");
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    REQUIRE(CreateProcessW(NULL, wline, NULL, NULL, TRUE, 0, (LPVOID)block, wdir, &si, &pi),
            "CreateProcessW with an environment block and a directory");
    CloseHandle(wr);
    while (ReadFile(rd, got + total, sizeof(got) - 1 - total, &n, NULL) && n > 0)
        total += n;
    got[total] = 0;
    CloseHandle(rd);
    snprintf(want, sizeof(want), "forty-two|%s", dir);
    CHECK(strcmp(got, want) == 0, "the child sees the block's variable and runs in the directory");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, INFINITE), WAIT_OBJECT_0, "it ends");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

static void test_failures(void)
{
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char line[] = "ws2mp_no_such_program.exe /x";
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    SetLastError(0);
    CHECK(!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "a missing program fails");
    CHECK_EQ(GetLastError(), ERROR_FILE_NOT_FOUND, "with ERROR_FILE_NOT_FOUND");
    SetLastError(0);
    CHECK(!CreateProcessA(self, NULL, NULL, NULL, FALSE, 0, NULL, "ws2mp_no_such_dir", &si, &pi), "a missing current directory fails");
    CHECK_EQ(GetLastError(), ERROR_DIRECTORY, "with ERROR_DIRECTORY");
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    if (argc > 2 && strcmp(argv[1], "child") == 0) {
        int r;
        WSAStartup(MAKEWORD(2, 2), &wsa);
        r = child(argc, argv);
        WSACleanup();
        return r;
    }
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    test_layouts();
    test_launcher();
    test_terminate();
    test_pipe_relay();
    test_socket_std_handles();
    test_environment();
    test_failures();
#ifndef _WIN32
    errno = 0;
    CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD, "no child is left, not even a zombie");
#endif
    WSACleanup();
    return check_done();
}
