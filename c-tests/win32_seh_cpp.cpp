/* ws2mp-test: no-mingw */ /* MSVC's __try/__except/__finally in C++ (mingw-w64's g++ has none)
 *
 * C++ code written for MSVC: __try/__except around a call, __try/__finally with __leave out of a
 * loop, GetExceptionCode in a filter; the C++ library included AFTER <windows.h> (it spells its
 * own try blocks __try/__catch) must keep working, and Windows' min/max must work without
 * breaking std::min/std::max. */
#include <winsock2.h>
#include <windows.h>
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>
#include "check.h"

static CRITICAL_SECTION g_lock;

static int guarded_enter(void)
{
    __try
    {
        EnterCriticalSection(&g_lock);
    }
    __except(EXCEPTION_EXECUTE_HANDLER)
    {
        return -1; /* never runs: nothing raises a structured exception */
    }
    LeaveCriticalSection(&g_lock);
    return 1;
}

/* Returns how far the body got; *cleaned is set by the __finally block. */
static int leave_from_loop(int stop_at, int *cleaned)
{
    int reached = 0;
    *cleaned = 0;
    __try {
        for (int i = 0; i < 10; i++) {
            if (i == stop_at)
                __leave;
            reached = i + 1;
        }
    }
    __finally {
        *cleaned = 1;
    }
    return reached;
}

static int filter_code(void)
{
    int handled = 0;
    __try {
        handled = 1;
    }
    __except(GetExceptionCode() == EXCEPTION_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER
                                                              : EXCEPTION_CONTINUE_SEARCH)
    {
        handled = -1;
    }
    return handled;
}

int main(void)
{
    int cleaned = 0;
    InitializeCriticalSection(&g_lock);
    CHECK_EQ(guarded_enter(), 1, "__try body runs; __except handler does not");
    CHECK_EQ(leave_from_loop(3, &cleaned), 3, "__leave leaves the __try body from inside a loop");
    CHECK_EQ(cleaned, 1, "and the __finally block runs after it");
    CHECK_EQ(leave_from_loop(99, &cleaned), 10, "without __leave the body runs to its end");
    CHECK_EQ(cleaned, 1, "and the __finally block still runs");
    CHECK_EQ(filter_code(), 1, "a filter using GetExceptionCode compiles and is not run");
    DeleteCriticalSection(&g_lock);

    /* The C++ library's own try blocks (vector growth, string building) still work. */
    std::vector<std::string> words;
    for (int i = 0; i < 100; i++)
        words.push_back(std::to_string(i));
    CHECK_EQ(words.size(), 100, "std::vector and std::string work after <windows.h>");
    bool caught = false;
    try {
        (void)words.at(1000);
    } catch (const std::out_of_range &) {
        caught = true;
    }
    CHECK(caught, "C++ exceptions still work next to __try");

    /* Windows' min/max, as MSVC code writes them, and std::min/std::max beside them. */
    DWORD threads = 64;
    CHECK_EQ(min(threads, 16), 16, "min(DWORD, int)");
    CHECK_EQ(max(3, 7), 7, "max(int, int)");
    CHECK_EQ(min(-2, 5L), -2, "min(int, long)");
    CHECK_EQ(std::min(4, 9), 4, "std::min is untouched");
    CHECK_EQ(std::max<size_t>(words.size(), 5), 100, "std::max is untouched");
    {
        using namespace std;
        CHECK_EQ(min(8, 2), 2, "min under using namespace std");
    }
    return check_done();
}
