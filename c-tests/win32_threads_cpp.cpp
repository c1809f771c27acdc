// The Win32 thread and synchronisation calls from C++, written the way Windows C++ code calls
// them: global-namespace qualified (::WaitForSingleObject), a CRITICAL_SECTION wrapped in an
// RAII class, captureless lambdas as thread routines, reinterpret_cast of GetProcAddress.
#include <winsock2.h>
#include <windows.h>
#include <process.h>
#include "check.h"

namespace {

class Lock {
public:
    Lock() { ::InitializeCriticalSection(&cs_); }
    ~Lock() { ::DeleteCriticalSection(&cs_); }
    void enter() { ::EnterCriticalSection(&cs_); }
    void leave() { ::LeaveCriticalSection(&cs_); }

private:
    CRITICAL_SECTION cs_;
};

class Guard {
public:
    explicit Guard(Lock &l) : l_(l) { l_.enter(); }
    ~Guard() { l_.leave(); }

private:
    Lock &l_;
};

Lock counter_lock;
long counter = 0;
volatile LONG hits = 0;

DWORD WINAPI count_up(LPVOID param)
{
    int n = *static_cast<int *>(param);
    for (int i = 0; i < n; ++i) {
        Guard g(counter_lock);
        ++counter;
    }
    ::InterlockedIncrement(&hits);
    return 0;
}

unsigned __stdcall ends_itself(void *)
{
    ::_endthreadex(11);
    return 0;
}

struct Noisy {
    ~Noisy() { ::InterlockedIncrement(&hits); }
};

DWORD WINAPI exits_with_locals(LPVOID)
{
    Noisy local;
    (void)local;
    ::ExitThread(21);
}

} // namespace

int main()
{
    WSADATA wsa;
    REQUIRE(::WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    int rounds = 5000;
    HANDLE threads[4];
    for (int i = 0; i < 4; ++i)
        threads[i] = ::CreateThread(nullptr, 0, count_up, &rounds, 0, nullptr);
    CHECK_EQ(::WaitForMultipleObjects(4, threads, TRUE, INFINITE), WAIT_OBJECT_0, "::WaitForMultipleObjects waits for C++ threads");
    CHECK_EQ(counter, 4L * 5000, "an RAII-wrapped CRITICAL_SECTION excludes");
    CHECK_EQ(hits, 4, "InterlockedIncrement from C++");
    for (HANDLE h : threads)
        CHECK_EQ(::CloseHandle(h), TRUE, "::CloseHandle on a thread");

    HANDLE ev = ::CreateEvent(nullptr, FALSE, FALSE, nullptr);
    LPTHREAD_START_ROUTINE setter = [](LPVOID p) -> DWORD {
        ::Sleep(20);
        ::SetEvent(static_cast<HANDLE>(p));
        return 4;
    };
    DWORD id = 0;
    HANDLE t = ::CreateThread(nullptr, 0, setter, ev, 0, &id);
    CHECK(t != nullptr && id != 0, "a lambda as the thread routine");
    CHECK_EQ(::WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "::WaitForSingleObject on an event the lambda sets");
    CHECK_EQ(::WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "::WaitForSingleObject on the thread");
    DWORD code = 0;
    ::GetExitCodeThread(t, &code);
    CHECK_EQ(code, 4, "its exit code");
    ::CloseHandle(t);
    ::CloseHandle(ev);

    HANDLE crt = reinterpret_cast<HANDLE>(::_beginthreadex(nullptr, 0, ends_itself, nullptr, 0, nullptr));
    CHECK_EQ(::WaitForSingleObject(crt, 5000), WAIT_OBJECT_0, "_endthreadex from C++");
    ::GetExitCodeThread(crt, &code);
    CHECK_EQ(code, 11, "... sets the exit code");
    ::CloseHandle(crt);

    HANDLE ex = ::CreateThread(nullptr, 0, exits_with_locals, nullptr, 0, nullptr);
    CHECK_EQ(::WaitForSingleObject(ex, 5000), WAIT_OBJECT_0, "ExitThread from a C++ routine with locals ends the thread");
    ::GetExitCodeThread(ex, &code);
    CHECK_EQ(code, 21, "... with its exit code");
    ::CloseHandle(ex);

    typedef int(WSAAPI * cleanup_fn)();
    FARPROC p = ::GetProcAddress(::GetModuleHandleA("ws2_32.dll"), "WSACleanup");
    // Through void (*)(), as gcc's -Wcast-function-type asks of a FARPROC cast.
    cleanup_fn cleanup = reinterpret_cast<cleanup_fn>(reinterpret_cast<void (*)()>(p));
    CHECK(cleanup != nullptr, "reinterpret_cast of GetProcAddress's result");
    CHECK_EQ(cleanup(), 0, "... calls WSACleanup");
    return check_done();
}
