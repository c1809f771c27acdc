/* One-time initialisation as programs do it beside the thread pool: InitOnceExecuteOnce from
 * 16 threads at once count_of(&runs) the function exactly once, every caller returns after it with its
 * context; a function that fails is tried again by the next call; InitOnceBeginInitialize /
 * InitOnceComplete by hand (INIT_ONCE_CHECK_ONLY, INIT_ONCE_INIT_FAILED), InitOnceInitialize. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
static volatile LONG runs, agreed, fail_first_runs;

/* Counters other threads update with the Interlocked functions are read the same way. */
static LONG count_of(volatile LONG *counter)
{
    return InterlockedCompareExchange(counter, 0, 0);
}
static int table[4];

static BOOL CALLBACK init_table(PINIT_ONCE init_once, PVOID param, PVOID *context)
{
    (void)init_once;
    InterlockedIncrement(&runs);
    Sleep(50); /* the other threads arrive meanwhile and must wait */
    table[0] = (int)(INT_PTR)param;
    *context = table;
    return TRUE;
}

static DWORD WINAPI racer(LPVOID arg)
{
    PVOID ctx = NULL;
    (void)arg;
    if (InitOnceExecuteOnce(&once, init_table, (PVOID)42, &ctx) && ctx == (PVOID)table && table[0] == 42)
        InterlockedIncrement(&agreed);
    return 0;
}

static BOOL CALLBACK fails_first(PINIT_ONCE init_once, PVOID param, PVOID *context)
{
    (void)init_once;
    (void)param;
    (void)context;
    return InterlockedIncrement(&fail_first_runs) > 1;
}

int main(void)
{
    HANDLE threads[16];
    INIT_ONCE manual, retried;
    BOOL pending = FALSE;
    PVOID ctx = NULL;
    int i;

    for (i = 0; i < 16; i++)
        threads[i] = CreateThread(NULL, 0, racer, NULL, 0, NULL);
    WaitForMultipleObjects(16, threads, TRUE, INFINITE);
    for (i = 0; i < 16; i++)
        CloseHandle(threads[i]);
    CHECK_EQ(count_of(&runs), 1, "16 threads at once: the function ran once");
    CHECK_EQ(count_of(&agreed), 16, "... and every caller got TRUE and its context after it ran");
    CHECK(InitOnceExecuteOnce(&once, init_table, (PVOID)7, &ctx), "a later call succeeds");
    CHECK(ctx == (PVOID)table && count_of(&runs) == 1 && table[0] == 42, "... without running it again");

    InitOnceInitialize(&retried);
    CHECK(!InitOnceExecuteOnce(&retried, fails_first, NULL, NULL), "a function that fails: FALSE");
    CHECK(InitOnceExecuteOnce(&retried, fails_first, NULL, NULL), "the next call tries again, and succeeds");
    CHECK(InitOnceExecuteOnce(&retried, fails_first, NULL, NULL), "then it is done");
    CHECK_EQ(count_of(&fail_first_runs), 2, "... having run twice");

    InitOnceInitialize(&manual);
    CHECK(!InitOnceBeginInitialize(&manual, INIT_ONCE_CHECK_ONLY, &pending, &ctx), "CHECK_ONLY before: FALSE");
    CHECK(InitOnceBeginInitialize(&manual, 0, &pending, &ctx), "InitOnceBeginInitialize");
    CHECK(pending, "... pending: this caller initialises");
    CHECK(InitOnceComplete(&manual, INIT_ONCE_INIT_FAILED, NULL), "InitOnceComplete(INIT_ONCE_INIT_FAILED)");
    CHECK(InitOnceBeginInitialize(&manual, 0, &pending, &ctx) && pending, "after a failure it begins again");
    CHECK(InitOnceComplete(&manual, 0, table), "InitOnceComplete with a context");
    CHECK(!InitOnceComplete(&manual, 0, table), "a second InitOnceComplete fails");
    ctx = NULL;
    CHECK(InitOnceBeginInitialize(&manual, 0, &pending, &ctx), "InitOnceBeginInitialize once done");
    CHECK(!pending && ctx == (PVOID)table, "... not pending, with the context");
    ctx = NULL;
    CHECK(InitOnceBeginInitialize(&manual, INIT_ONCE_CHECK_ONLY, &pending, &ctx) && !pending && ctx == (PVOID)table,
          "CHECK_ONLY once done: TRUE with the context");
    return check_done();
}
