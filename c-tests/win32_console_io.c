/* Console output and self-raised control events, the way a Windows console tool writes them:
 * GetStdHandle(STD_OUTPUT_HANDLE / STD_ERROR_HANDLE) and WriteConsole (A and W), the errors
 * for other handles and values, CloseHandle on a standard handle, and GenerateConsoleCtrlEvent
 * reaching the program's own SetConsoleCtrlHandler handler on another thread. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static HANDLE got_event;
static volatile LONG got_type = -1;

static BOOL WINAPI on_ctrl(DWORD type)
{
    InterlockedExchange(&got_type, (LONG)type);
    SetEvent(got_event);
    return TRUE;
}

int main(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    static const char line[] = "# WriteConsoleA reached standard output\n";
    static const WCHAR wline[] = {'#', ' ', 'W', 'r', 'i', 't', 'e', 'C', 'o', 'n', 's', 'o', 'l', 'e', 'W', '\n'};
    DWORD written = 0;

    CHECK(out != INVALID_HANDLE_VALUE && out != NULL, "GetStdHandle(STD_OUTPUT_HANDLE) gives a handle");
    CHECK(err != INVALID_HANDLE_VALUE && err != out, "GetStdHandle(STD_ERROR_HANDLE) gives another one");
    CHECK(in != INVALID_HANDLE_VALUE && in != out && in != err, "GetStdHandle(STD_INPUT_HANDLE) gives a third");
    CHECK(GetStdHandle(STD_OUTPUT_HANDLE) == out, "... the same handle each time");
    SetLastError(0);
    CHECK(GetStdHandle((DWORD)-13) == INVALID_HANDLE_VALUE, "an unknown standard handle is INVALID_HANDLE_VALUE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");

    fflush(stdout);
    CHECK(WriteConsoleA(out, line, (DWORD)(sizeof(line) - 1), &written, NULL), "WriteConsoleA on standard output");
    CHECK_EQ(written, sizeof(line) - 1, "... reports every character written");
    written = 0;
    CHECK(WriteConsoleW(out, wline, (DWORD)(sizeof(wline) / sizeof(wline[0])), &written, NULL), "WriteConsoleW on standard output");
    CHECK_EQ(written, sizeof(wline) / sizeof(wline[0]), "... counts WCHARs");
    CHECK(WriteConsole(err, "", 0, NULL, NULL), "WriteConsole of nothing, without a count pointer");

    SetLastError(0);
    CHECK(!WriteConsoleA(in, "x", 1, &written, NULL), "WriteConsoleA on standard input fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");
    SetLastError(0);
    CHECK(!WriteConsoleA(out, NULL, 4, &written, NULL), "a NULL buffer with a count fails");
    CHECK_EQ(GetLastError(), ERROR_NOACCESS, "... with ERROR_NOACCESS");
    SetLastError(0);
    CHECK(!WriteConsoleA(NULL, "x", 1, NULL, NULL), "a NULL handle fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");

    got_event = CreateEvent(NULL, FALSE, FALSE, NULL);
    REQUIRE(got_event != NULL, "CreateEvent");
    REQUIRE(SetConsoleCtrlHandler(on_ctrl, TRUE), "SetConsoleCtrlHandler");
    CHECK(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0), "GenerateConsoleCtrlEvent(CTRL_C_EVENT)");
    CHECK_EQ(WaitForSingleObject(got_event, 5000), WAIT_OBJECT_0, "... the handler runs");
    CHECK_EQ(got_type, CTRL_C_EVENT, "... with CTRL_C_EVENT");
    CHECK(GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0), "GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT)");
    CHECK_EQ(WaitForSingleObject(got_event, 5000), WAIT_OBJECT_0, "... the handler runs again");
    CHECK_EQ(got_type, CTRL_BREAK_EVENT, "... with CTRL_BREAK_EVENT");
    SetLastError(0);
    CHECK(!GenerateConsoleCtrlEvent(CTRL_CLOSE_EVENT, 0), "a close event cannot be generated");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(SetConsoleCtrlHandler(on_ctrl, FALSE), "the handler is removed");

    CHECK(CloseHandle(out), "CloseHandle on a standard handle succeeds");
    written = 0;
    CHECK(WriteConsoleA(out, "# still open\n", 13, &written, NULL) && written == 13, "... and leaves it usable");
    CloseHandle(got_event);
    return check_done();
}
