#include "Workers.h"
#include <process.h>

static unsigned __stdcall worker_main(__in void *arg)
{
    CRITICAL_SECTION *lock = (CRITICAL_SECTION *)arg;
    EnterCriticalSection(lock);
    LeaveCriticalSection(lock);
    return 0;
}

static CRITICAL_SECTION g_lock;

BOOL WorkerPool::CreateThread(int count)
{
    InitializeCriticalSection(&g_lock);
    for (count_ = 0; count_ < count && count_ < 8; count_++) {
        threads_[count_] = (HANDLE)_beginthreadex(NULL, 0, worker_main, &g_lock, CREATE_SUSPENDED, NULL);
        ResumeThread(threads_[count_]);
    }
    return TRUE;
}

void WorkerPool::Stop()
{
    for (int i = 0; i < count_; i++) {
        SuspendThread(threads_[i]);
        TerminateThread(threads_[i], 1);
        CloseHandle(threads_[i]);
    }
}
