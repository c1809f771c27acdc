// The Vista thread pool from C++, written the way Windows C++ code uses it: a work object
// owned by an RAII class whose static member function is the callback and whose `this` is the
// context, a captureless lambda as a simple callback, a private pool through the environment's
// helpers, ::-qualified calls, and InitOnceExecuteOnce guarding a lazily built object.
#include <winsock2.h>
#include <windows.h>
#include "check.h"

namespace {

class Counter {
public:
    explicit Counter(PTP_CALLBACK_ENVIRON env) : work_(::CreateThreadpoolWork(&Counter::Run, this, env)), count_(0) {}
    ~Counter()
    {
        if (work_) {
            ::WaitForThreadpoolWorkCallbacks(work_, TRUE);
            ::CloseThreadpoolWork(work_);
        }
    }
    Counter(const Counter &) = delete;
    Counter &operator=(const Counter &) = delete;

    bool ok() const { return work_ != nullptr; }
    void Submit() { ::SubmitThreadpoolWork(work_); }
    void Wait() { ::WaitForThreadpoolWorkCallbacks(work_, FALSE); }
    LONG count() const { return count_; }

private:
    static VOID CALLBACK Run(PTP_CALLBACK_INSTANCE, PVOID context, PTP_WORK)
    {
        ::InterlockedIncrement(&static_cast<Counter *>(context)->count_);
    }

    PTP_WORK work_;
    volatile LONG count_;
};

INIT_ONCE g_once = INIT_ONCE_STATIC_INIT;
volatile LONG g_builds = 0;

BOOL CALLBACK BuildTable(PINIT_ONCE, PVOID parameter, PVOID *context)
{
    ::InterlockedIncrement(&g_builds);
    *context = parameter;
    return TRUE;
}

} // namespace

int main()
{
    PTP_POOL pool = ::CreateThreadpool(nullptr);
    REQUIRE(pool != nullptr, "CreateThreadpool");
    ::SetThreadpoolThreadMaximum(pool, 2);
    TP_CALLBACK_ENVIRON env;
    ::InitializeThreadpoolEnvironment(&env);
    ::SetThreadpoolCallbackPool(&env, pool);
    {
        Counter counter(&env);
        REQUIRE(counter.ok(), "a work object owned by a C++ object");
        for (int i = 0; i < 50; i++)
            counter.Submit();
        counter.Wait();
        CHECK_EQ(counter.count(), 50, "the static member callback ran once per submission");
    }
    ::DestroyThreadpoolEnvironment(&env);
    ::CloseThreadpool(pool);

    HANDLE done = ::CreateEventW(nullptr, FALSE, FALSE, nullptr);
    CHECK(::TrySubmitThreadpoolCallback(
              [](PTP_CALLBACK_INSTANCE instance, PVOID context) {
                  ::SetEventWhenCallbackReturns(instance, static_cast<HANDLE>(context));
              },
              done, nullptr),
          "a captureless lambda as a simple callback");
    CHECK_EQ(::WaitForSingleObject(done, 5000), WAIT_OBJECT_0, "... ran and set the event as it returned");
    ::CloseHandle(done);

    static int table = 7;
    PVOID ctx = nullptr;
    CHECK(::InitOnceExecuteOnce(&g_once, BuildTable, &table, &ctx), "InitOnceExecuteOnce");
    CHECK(::InitOnceExecuteOnce(&g_once, BuildTable, nullptr, &ctx) && ctx == &table, "... the context stays");
    CHECK_EQ(g_builds, 1, "... built once");
    return check_done();
}
