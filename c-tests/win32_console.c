/* ws2mp-test: posix */ /* signals and fork */
/* SetConsoleCtrlHandler as a Windows console server uses it: Ctrl-C (SIGINT here) and
 * Ctrl-Break (SIGQUIT) reach the handler on another thread; a handler returning TRUE keeps
 * the process running; handlers are called last-registered first; SetConsoleCtrlHandler(NULL,
 * TRUE) ignores Ctrl-C; a handler returning FALSE leads to the default action, ending the
 * process with STATUS_CONTROL_C_EXIT (its low byte, 0x3A, as a POSIX exit status). */
#include <winsock2.h>
#include <windows.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static HANDLE called;
static volatile LONG first_calls, second_calls;
static volatile LONG last_type = -1;
static DWORD handler_thread;

static BOOL WINAPI first_handler(DWORD type)
{
    InterlockedIncrement(&first_calls);
    InterlockedExchange(&last_type, (LONG)type);
    handler_thread = GetCurrentThreadId();
    SetEvent(called);
    return TRUE;
}

static BOOL WINAPI second_handler(DWORD type)
{
    (void)type;
    InterlockedIncrement(&second_calls);
    SetEvent(called);
    return TRUE;
}

static BOOL WINAPI refuse(DWORD type)
{
    (void)type;
    return FALSE;
}

static void test_default_action_in_child(void)
{
    int status = 0;
    pid_t child = fork();
    if (child == 0) {
        SetConsoleCtrlHandler(refuse, TRUE);
        raise(SIGINT);
        Sleep(5000);
        _exit(0); /* not reached: the default action ends the process */
    }
    REQUIRE(child > 0, "fork");
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status), "a handler returning FALSE: the process exits (not killed by SIGINT)");
    CHECK_EQ(WEXITSTATUS(status), STATUS_CONTROL_C_EXIT & 0xFF, "... with STATUS_CONTROL_C_EXIT's low byte");
}

static BOOL WINAPI accept_close(DWORD type)
{
    return type == CTRL_CLOSE_EVENT;
}

static void test_close_event_in_child(void)
{
    int status = 0;
    pid_t child = fork();
    if (child == 0) {
        SetConsoleCtrlHandler(accept_close, TRUE);
        raise(SIGTERM);
        Sleep(5000);
        _exit(0); /* not reached: after CTRL_CLOSE_EVENT the process ends */
    }
    REQUIRE(child > 0, "fork");
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status), "SIGTERM is CTRL_CLOSE_EVENT: the process exits after its handlers ran");
    CHECK_EQ(WEXITSTATUS(status), STATUS_CONTROL_C_EXIT & 0xFF, "... even when a handler returned TRUE");
}

static void test_handlers(void)
{
    called = CreateEvent(NULL, FALSE, FALSE, NULL);
    CHECK_EQ(SetConsoleCtrlHandler(first_handler, TRUE), TRUE, "SetConsoleCtrlHandler adds a handler");
    raise(SIGINT);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "Ctrl-C (SIGINT) calls the handler");
    CHECK_EQ(last_type, CTRL_C_EVENT, "... with CTRL_C_EVENT");
    CHECK(handler_thread != 0 && handler_thread != GetCurrentThreadId(), "... on another thread, as on Windows");
    CHECK_EQ(first_calls, 1, "... once");
    raise(SIGQUIT);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "Ctrl-Break (SIGQUIT) calls the handler");
    CHECK_EQ(last_type, CTRL_BREAK_EVENT, "... with CTRL_BREAK_EVENT");

    CHECK_EQ(SetConsoleCtrlHandler(second_handler, TRUE), TRUE, "a second handler");
    raise(SIGINT);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "Ctrl-C calls a handler");
    Sleep(50);
    CHECK_EQ(second_calls, 1, "... the last registered first");
    CHECK_EQ(first_calls, 2, "... which returned TRUE, so the first is not called");
    CHECK_EQ(SetConsoleCtrlHandler(second_handler, FALSE), TRUE, "removing the second handler");
    SetLastError(0);
    CHECK_EQ(SetConsoleCtrlHandler(second_handler, FALSE), FALSE, "removing it again fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    CHECK_EQ(SetConsoleCtrlHandler(NULL, TRUE), TRUE, "SetConsoleCtrlHandler(NULL, TRUE) ignores Ctrl-C");
    raise(SIGINT);
    CHECK_EQ(WaitForSingleObject(called, 200), WAIT_TIMEOUT, "... no handler runs");
    CHECK_EQ(first_calls, 2, "... (the count is unchanged)");
    CHECK_EQ(SetConsoleCtrlHandler(NULL, FALSE), TRUE, "SetConsoleCtrlHandler(NULL, FALSE) restores it");
    raise(SIGINT);
    CHECK_EQ(WaitForSingleObject(called, 5000), WAIT_OBJECT_0, "... Ctrl-C reaches the handler again");
    CHECK_EQ(first_calls, 3, "... the process is still running");
    CloseHandle(called);
}

int __cdecl main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_default_action_in_child();
    test_close_event_in_child();
    test_handlers();
    WSACleanup();
    return check_done();
}
