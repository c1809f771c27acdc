// APCs from C++, the way Windows C++ code queues them: ::QueueUserAPC with captureless lambdas
// and static member functions as the PAPCFUNC, an object pointer carried in the ULONG_PTR,
// ::SleepEx / ::WaitForSingleObjectEx alertable on the calling thread and across threads.
#include <winsock2.h>
#include <windows.h>
#include "check.h"

namespace {

class Counter {
public:
    static VOID CALLBACK bump(ULONG_PTR self) { reinterpret_cast<Counter *>(self)->n_++; }
    int count() const { return n_; }

private:
    int n_ = 0;
};

struct Worker {
    HANDLE ready = nullptr;
    HANDLE never = nullptr;
    DWORD result = 0;
    Counter counter;
};

DWORD WINAPI alertable(LPVOID param)
{
    Worker *w = static_cast<Worker *>(param);
    ::SetEvent(w->ready);
    w->result = ::WaitForSingleObjectEx(w->never, 10000, TRUE);
    return 0;
}

} // namespace

int main()
{
    Counter c;
    CHECK(::QueueUserAPC(&Counter::bump, ::GetCurrentThread(), reinterpret_cast<ULONG_PTR>(&c)) != 0,
          "QueueUserAPC takes a static member function and an object pointer");
    CHECK(::QueueUserAPC([](ULONG_PTR p) { reinterpret_cast<Counter *>(p)->bump(p); }, ::GetCurrentThread(),
                         reinterpret_cast<ULONG_PTR>(&c)) != 0,
          "... and a captureless lambda");
    CHECK_EQ(c.count(), 0, "nothing runs before an alertable wait");
    CHECK_EQ(::SleepEx(0, TRUE), WAIT_IO_COMPLETION, "::SleepEx(0, TRUE) runs them");
    CHECK_EQ(c.count(), 2, "... both");

    Worker w;
    w.ready = ::CreateEventA(nullptr, TRUE, FALSE, nullptr);
    w.never = ::CreateEventA(nullptr, TRUE, FALSE, nullptr);
    HANDLE t = ::CreateThread(nullptr, 0, alertable, &w, 0, nullptr);
    REQUIRE(t != nullptr, "CreateThread");
    ::WaitForSingleObject(w.ready, INFINITE);
    ::Sleep(30);
    CHECK(::QueueUserAPC(&Counter::bump, t, reinterpret_cast<ULONG_PTR>(&w.counter)) != 0,
          "QueueUserAPC to a thread in WaitForSingleObjectEx(TRUE)");
    CHECK_EQ(::WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "... wakes it");
    CHECK_EQ(w.result, WAIT_IO_COMPLETION, "... its wait returns WAIT_IO_COMPLETION");
    CHECK_EQ(w.counter.count(), 1, "... after running the call");
    ::CloseHandle(t);
    ::CloseHandle(w.ready);
    ::CloseHandle(w.never);
    return check_done();
}
