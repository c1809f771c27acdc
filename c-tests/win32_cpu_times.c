/* A server's status line, the way Windows servers compute it: GetProcessTimes before and
 * after some work gives the CPU time used (kernel + user, 100 ns units) and the CPU usage
 * over the wall time; GetThreadTimes for the calling thread and for a worker thread (its own
 * view, through its handle while it waits and after it ended);
 * GetSystemTimes' idle / kernel / user (kernel includes idle); the disk space of the
 * directory a file server serves (GetDiskFreeSpaceEx, GetDiskFreeSpace). */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static ULONGLONG ft64(FILETIME t)
{
    return ((ULONGLONG)t.dwHighDateTime << 32) | t.dwLowDateTime;
}

static ULONGLONG now64(void)
{
    FILETIME t;
    GetSystemTimeAsFileTime(&t);
    return ft64(t);
}

static ULONGLONG thread_cpu(void)
{
    FILETIME c, e, k, u;
    if (!GetThreadTimes(GetCurrentThread(), &c, &e, &k, &u))
        return 0;
    return ft64(k) + ft64(u);
}

static volatile unsigned long sink;

/* Busy work until the calling thread has used 20 ms of CPU (or 20 s of wall time passed). */
static void burn(void)
{
    ULONGLONG start = thread_cpu(), deadline = GetTickCount64() + 20000;
    unsigned long i, x = 1;
    while (thread_cpu() - start < 200000 && GetTickCount64() < deadline) {
        for (i = 0; i < 100000; i++)
            x = x * 1103515245u + 12345u;
        sink = x;
    }
}

static ULONGLONG process_creation;

static void test_process_times(void)
{
    FILETIME c1, e1, k1, u1, c2, e2, k2, u2, tc, te, tk, tu;
    ULONGLONG wall1, wall2, cpu, wall, t1, t2;
    SYSTEM_INFO si;
    char line[128];

    wall1 = now64();
    CHECK(GetProcessTimes(GetCurrentProcess(), &c1, &e1, &k1, &u1), "GetProcessTimes(GetCurrentProcess())");
    t1 = thread_cpu();
    burn();
    t2 = thread_cpu();
    CHECK(GetProcessTimes(GetCurrentProcess(), &c2, &e2, &k2, &u2), "GetProcessTimes after the work");
    wall2 = now64();

    process_creation = ft64(c1);
    CHECK(ft64(c1) == ft64(c2), "the creation time does not move");
    /* The system's boot time is kept in whole seconds: allow one. */
    CHECK(ft64(c1) <= wall1 + 10000000ull, "the process was created before now");
    CHECK(ft64(c1) + 10000000ull * 3600 > wall1, "and within the last hour");
    CHECK(ft64(e1) == 0 && ft64(e2) == 0, "a running process has exit time 0");
    CHECK(ft64(k2) >= ft64(k1) && ft64(u2) >= ft64(u1), "kernel and user time only grow");
    cpu = (ft64(k2) + ft64(u2)) - (ft64(k1) + ft64(u1));
    CHECK(t2 - t1 >= 200000, "the thread used at least 20 ms of CPU");
    /* getrusage keeps microseconds: 10 units of slack. */
    CHECK(cpu + 10 >= t2 - t1, "the process's CPU time covers its thread's");
    wall = wall2 - wall1;
    GetSystemInfo(&si);
    CHECK(cpu <= wall * si.dwNumberOfProcessors + 100000, "and is at most the wall time on every CPU");
    snprintf(line, sizeof(line), "cpu %lu ms in %lu ms: %.1f%%", (unsigned long)(cpu / 10000),
             (unsigned long)(wall / 10000), wall ? 100.0 * (double)cpu / (double)wall : 0.0);
    printf("# %s\n", line);
    CHECK(strncmp(line, "cpu ", 4) == 0, "the status line is formatted");

    CHECK(GetThreadTimes(GetCurrentThread(), &tc, &te, &tk, &tu), "GetThreadTimes(GetCurrentThread())");
    CHECK(ft64(te) == 0, "a running thread has exit time 0");
    CHECK(ft64(tc) >= ft64(c1) && ft64(tc) <= now64() + 10000000ull, "the main thread started with the process");
    CHECK(ft64(tk) + ft64(tu) <= ft64(k2) + ft64(u2) + 10 + (now64() - wall2) * si.dwNumberOfProcessors,
          "its CPU time is part of the process's");

    SetLastError(0);
    CHECK(!GetProcessTimes(NULL, &c1, &e1, &k1, &u1), "GetProcessTimes(NULL) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
}

struct worker {
    BOOL ok;
    FILETIME created, exited, kernel, user;
    HANDLE worked, go_on;
};

static DWORD WINAPI worker_main(LPVOID arg)
{
    struct worker *w = (struct worker *)arg;
    burn();
    burn();
    w->ok = GetThreadTimes(GetCurrentThread(), &w->created, &w->exited, &w->kernel, &w->user);
    SetEvent(w->worked);
    WaitForSingleObject(w->go_on, INFINITE);
    return 0;
}

static void test_worker_thread(void)
{
    struct worker w;
    HANDLE t;
    FILETIME c, e, k, u;
    ULONGLONG before = now64(), own;

    memset(&w, 0, sizeof(w));
    w.worked = CreateEvent(NULL, TRUE, FALSE, NULL);
    w.go_on = CreateEvent(NULL, TRUE, FALSE, NULL);
    t = CreateThread(NULL, 0, worker_main, &w, 0, NULL);
    REQUIRE(t != NULL, "a worker thread");
    CHECK_EQ(WaitForSingleObject(w.worked, 60000), WAIT_OBJECT_0, "it does 40 ms of work");
    CHECK(w.ok, "GetThreadTimes(GetCurrentThread()) in the worker");
    own = ft64(w.kernel) + ft64(w.user);
    CHECK(ft64(w.created) >= process_creation, "it was created after the process");
    CHECK(ft64(w.created) + 10000000ull >= before, "when the main thread started it");
    CHECK(own >= 400000, "its own CPU time: its 40 ms of work");
    CHECK(ft64(w.exited) == 0, "exit time 0 while it runs");

    CHECK(GetThreadTimes(t, &c, &e, &k, &u), "GetThreadTimes through its handle while it waits");
    CHECK(ft64(c) == ft64(w.created), "the same creation time");
    CHECK(ft64(e) == 0, "exit time 0");
    /* The system counts other threads' time in 10 ms ticks. */
    CHECK(ft64(k) + ft64(u) >= 200000 && ft64(k) + ft64(u) <= own + 200000, "about its 40 ms of CPU");

    SetEvent(w.go_on);
    CHECK_EQ(WaitForSingleObject(t, 30000), WAIT_OBJECT_0, "it ends");
    CHECK(GetThreadTimes(t, &c, &e, &k, &u), "GetThreadTimes of the ended thread");
    CHECK(ft64(c) == ft64(w.created), "its creation time");
    CHECK(ft64(e) >= ft64(c) && ft64(e) <= now64(), "an exit time between its creation and now");
    CHECK(ft64(k) + ft64(u) >= own, "and at least the CPU time it saw itself");
    CloseHandle(t);
    CloseHandle(w.worked);
    CloseHandle(w.go_on);
}

static void test_system_times(void)
{
    FILETIME i1, k1, u1, i2, k2, u2;
    CHECK(GetSystemTimes(&i1, &k1, &u1), "GetSystemTimes");
    burn();
    CHECK(GetSystemTimes(&i2, &k2, &u2), "GetSystemTimes again");
    CHECK(ft64(k1) >= ft64(i1) && ft64(k2) >= ft64(i2), "kernel time includes idle time");
    CHECK(ft64(i2) >= ft64(i1) && ft64(k2) >= ft64(k1) && ft64(u2) >= ft64(u1), "the counters only grow");
    CHECK((ft64(k2) + ft64(u2)) - (ft64(k1) + ft64(u1)) > 0, "and the CPUs' time went on");
    CHECK(GetSystemTimes(NULL, NULL, &u2), "NULL pointers are skipped");
}

static void test_disk_space(void)
{
    ULARGE_INTEGER avail, total, free_;
    DWORD spc = 0, bps = 0, fc = 0, tc = 0;
    char dir[MAX_PATH], file[MAX_PATH + 32];
    HANDLE f;

    GetTempPathA(MAX_PATH, dir);
    CHECK(GetDiskFreeSpaceExA(dir, &avail, &total, &free_), "GetDiskFreeSpaceExA of the temporary directory");
    CHECK(total.QuadPart > 0 && free_.QuadPart <= total.QuadPart && avail.QuadPart <= free_.QuadPart,
          "0 < free to us <= free <= total");
    CHECK(GetDiskFreeSpaceExA(NULL, &avail, NULL, NULL), "NULL: the current directory's disk; NULL outputs skipped");
    CHECK(GetDiskFreeSpaceExA("\\", NULL, &total, NULL) && total.QuadPart > 0, "\"\\\" is the root");
    CHECK(GetDiskFreeSpaceA(NULL, &spc, &bps, &fc, &tc), "GetDiskFreeSpaceA(NULL)");
    CHECK(spc > 0 && bps > 0 && fc <= tc && tc > 0, "sectors, bytes, free <= total clusters");
    SetLastError(0);
    CHECK(!GetDiskFreeSpaceExA("", &avail, &total, &free_), "an empty name fails");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "with ERROR_PATH_NOT_FOUND");
    snprintf(file, sizeof(file), "%sws2mp_no_such_dir_%lu\\", dir, (unsigned long)GetCurrentProcessId());
    SetLastError(0);
    CHECK(!GetDiskFreeSpaceExA(file, &avail, &total, &free_), "a missing directory fails");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "with ERROR_PATH_NOT_FOUND");
    snprintf(file, sizeof(file), "%sws2mp_disk_%lu.txt", dir, (unsigned long)GetCurrentProcessId());
    f = CreateFileA(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(f);
    SetLastError(0);
    CHECK(!GetDiskFreeSpaceExA(file, &avail, &total, &free_), "a file is not a directory");
    CHECK_EQ(GetLastError(), ERROR_DIRECTORY, "ERROR_DIRECTORY");
    DeleteFileA(file);
}

int main(void)
{
    test_process_times();
    test_worker_thread();
    test_system_times();
    test_disk_space();
    return check_done();
}
