/* Process priority class and CPU affinity as a latency-measuring Windows tool sets them up
 * before timing with QueryPerformanceCounter: SetPriorityClass(GetCurrentProcess(),
 * HIGH_PRIORITY_CLASS), SetThreadAffinityMask(GetCurrentThread(), 1) so that the counter is
 * read on one CPU, GetProcessAffinityMask. Also a thread pinned while CREATE_SUSPENDED, empty
 * and foreign masks, and handles that are no thread or process. */
#ifndef _WIN32
#define _GNU_SOURCE 1 /* sched_getcpu: where the pinned thread really runs */
#include <sched.h>
#endif
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static DWORD_PTR g_lowest;
static DWORD_PTR g_seen_in_thread;
#ifndef _WIN32
static int g_cpu_in_thread = -1;
#endif

static int lowest_cpu(DWORD_PTR mask)
{
    int cpu = 0;
    while (!(mask & 1)) {
        mask >>= 1;
        ++cpu;
    }
    return cpu;
}

static DWORD WINAPI pinned_worker(LPVOID param)
{
    DWORD_PTR process = (DWORD_PTR)param;
#ifndef _WIN32
    g_cpu_in_thread = sched_getcpu();
#endif
    /* The mask set while the thread was held is the one it started with. */
    g_seen_in_thread = SetThreadAffinityMask(GetCurrentThread(), process);
    return 0;
}

int main(void)
{
    DWORD_PTR process = 0, system = 0, prev;
    HANDLE h;
    DWORD i;

    /* Priority class: recorded and read back. */
    CHECK_EQ(GetPriorityClass(GetCurrentProcess()), NORMAL_PRIORITY_CLASS,
             "a process starts in NORMAL_PRIORITY_CLASS");
    CHECK(SetPriorityClass(GetCurrentProcess(), HIGH_PRIORITY_CLASS),
          "SetPriorityClass(HIGH_PRIORITY_CLASS) succeeds");
    CHECK_EQ(GetPriorityClass(GetCurrentProcess()), HIGH_PRIORITY_CLASS,
             "GetPriorityClass reads HIGH_PRIORITY_CLASS back");
    SetLastError(0);
    CHECK(!SetPriorityClass(GetCurrentProcess(), 0x12345), "an unknown class is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    CHECK_EQ(GetPriorityClass(GetCurrentProcess()), HIGH_PRIORITY_CLASS,
             "the refused class changed nothing");
    CHECK(SetPriorityClass(GetCurrentProcess(), PROCESS_MODE_BACKGROUND_BEGIN),
          "PROCESS_MODE_BACKGROUND_BEGIN is accepted");
    CHECK(SetPriorityClass(GetCurrentProcess(), PROCESS_MODE_BACKGROUND_END),
          "PROCESS_MODE_BACKGROUND_END is accepted");
    CHECK_EQ(GetPriorityClass(GetCurrentProcess()), HIGH_PRIORITY_CLASS,
             "background mode is not a class");
    CHECK(SetPriorityClass(GetCurrentProcess(), NORMAL_PRIORITY_CLASS), "back to NORMAL_PRIORITY_CLASS");
    SetLastError(0);
    CHECK(!SetPriorityClass(NULL, NORMAL_PRIORITY_CLASS), "SetPriorityClass(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");

    /* The process's and the system's CPUs. */
    REQUIRE(GetProcessAffinityMask(GetCurrentProcess(), &process, &system), "GetProcessAffinityMask succeeds");
    CHECK(process != 0 && system != 0, "both masks name CPUs");
    CHECK((process & ~system) == 0, "the process's CPUs are the system's");
    g_lowest = process & (~process + 1);

    /* The calling thread: its first mask is the process's. */
    prev = SetThreadAffinityMask(GetCurrentThread(), g_lowest);
    CHECK_EQ((long)prev, (long)process, "the thread's previous mask is the process's");
#ifndef _WIN32
    for (i = 0; i < 20; i++) {
        Sleep(1); /* migrate if the scheduler must */
        if (sched_getcpu() != lowest_cpu(g_lowest))
            break;
    }
    CHECK_EQ(i, 20, "the pinned thread runs on that CPU only");
#else
    (void)i;
    (void)lowest_cpu;
#endif
    prev = SetThreadAffinityMask(GetCurrentThread(), process);
    CHECK_EQ((long)prev, (long)g_lowest, "the second call returns the mask of the first");

    SetLastError(0);
    CHECK_EQ(SetThreadAffinityMask(GetCurrentThread(), 0), 0, "an empty mask is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    if ((system & ~process) != 0) {
        DWORD_PTR outside = system & ~process;
        outside &= ~outside + 1; /* one CPU of the system the process may not use */
        SetLastError(0);
        CHECK_EQ(SetThreadAffinityMask(GetCurrentThread(), outside | g_lowest), 0,
                 "a mask with a CPU outside the process's is refused");
        CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    }
    SetLastError(0);
    CHECK_EQ(SetThreadAffinityMask(NULL, g_lowest), 0, "a NULL thread handle is refused");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... with ERROR_INVALID_HANDLE");

    /* A thread pinned before it runs starts on that CPU. */
    h = CreateThread(NULL, 0, pinned_worker, (LPVOID)process, CREATE_SUSPENDED, NULL);
    REQUIRE(h != NULL, "CreateThread(CREATE_SUSPENDED)");
    prev = SetThreadAffinityMask(h, g_lowest);
    CHECK_EQ((long)prev, (long)process, "a new thread's mask is the process's");
    ResumeThread(h);
    CHECK_EQ(WaitForSingleObject(h, 10000), WAIT_OBJECT_0, "the pinned thread ends");
    CHECK_EQ((long)g_seen_in_thread, (long)g_lowest, "it ran with the mask set while it was held");
#ifndef _WIN32
    CHECK_EQ(g_cpu_in_thread, lowest_cpu(g_lowest), "... on that CPU");
#endif
    CloseHandle(h);

    /* The whole process. */
    CHECK(SetProcessAffinityMask(GetCurrentProcess(), process), "SetProcessAffinityMask with the process's CPUs");
    SetLastError(0);
    CHECK(!SetProcessAffinityMask(GetCurrentProcess(), 0), "SetProcessAffinityMask(0) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");
    return check_done();
}
