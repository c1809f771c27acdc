/* One-time initialisation as programs do it beside the thread pool: InitOnceExecuteOnce from
 * 16 threads at once count_of(&runs) the function exactly once, every caller returns after it with its
 * context; a function that fails is tried again by the next call; InitOnceBeginInitialize /
 * InitOnceComplete by hand (INIT_ONCE_CHECK_ONLY, INIT_ONCE_INIT_FAILED), InitOnceInitialize;
 * the function sees the caller's context pointer, a failure keeps the last error, and
 * INIT_ONCE_ASYNC lets several threads race to complete (what Windows does, as Wine's kernel32
 * tests record it). */
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

static BOOL CALLBACK keeps_given_context(PINIT_ONCE init_once, PVOID param, PVOID *context)
{
    (void)init_once;
    (void)param;
    /* the caller's own variable, still holding what the caller put there */
    return *context == (PVOID)table;
}

static BOOL CALLBACK always_fails(PINIT_ONCE init_once, PVOID param, PVOID *context)
{
    (void)init_once;
    (void)param;
    (void)context;
    return FALSE;
}

static void test_context_and_errors(void)
{
    INIT_ONCE io;
    PVOID ctx = table;
    BOOL pending = FALSE;

    InitOnceInitialize(&io);
    CHECK(InitOnceExecuteOnce(&io, keeps_given_context, NULL, &ctx), "the function gets the caller's context pointer");
    CHECK(ctx == (PVOID)table, "... and what it left there is the context");
    ctx = NULL;
    CHECK(InitOnceBeginInitialize(&io, INIT_ONCE_CHECK_ONLY, &pending, &ctx) && ctx == (PVOID)table,
          "... which is the one stored");

    InitOnceInitialize(&io);
    SetLastError(12345);
    CHECK(!InitOnceExecuteOnce(&io, always_fails, NULL, NULL), "a function that fails makes the call fail");
    CHECK_EQ(GetLastError(), 12345, "... without touching the last error");

    InitOnceInitialize(&io);
    CHECK(InitOnceBeginInitialize(&io, 0, &pending, NULL) && pending, "begun by hand");
    SetLastError(0);
    CHECK(!InitOnceComplete(&io, INIT_ONCE_INIT_FAILED, table), "INIT_ONCE_INIT_FAILED with a context: FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(!InitOnceComplete(&io, 0, (PVOID)((char *)table + 1)), "a context with a low bit set: FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(!InitOnceBeginInitialize(&io, INIT_ONCE_ASYNC, &pending, NULL), "INIT_ONCE_ASYNC while one runs by hand: FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(InitOnceComplete(&io, 0, table), "the initialisation is still pending and completes");

    InitOnceInitialize(&io);
    CHECK(!InitOnceBeginInitialize(&io, INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC, &pending, NULL),
          "INIT_ONCE_CHECK_ONLY with INIT_ONCE_ASYNC: FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
}

/* INIT_ONCE_ASYNC: nobody waits; each caller builds its own candidate and the first
 * InitOnceComplete wins, the others get FALSE and take the winner's context. */
static void test_async(void)
{
    static int mine, theirs;
    INIT_ONCE io;
    BOOL pending_a = FALSE, pending_b = FALSE;
    PVOID ctx = NULL;

    InitOnceInitialize(&io);
    CHECK(InitOnceBeginInitialize(&io, INIT_ONCE_ASYNC, &pending_a, NULL) && pending_a, "INIT_ONCE_ASYNC: pending");
    CHECK(InitOnceBeginInitialize(&io, INIT_ONCE_ASYNC, &pending_b, NULL) && pending_b,
          "a second INIT_ONCE_ASYNC caller is pending too, without waiting");
    SetLastError(0);
    CHECK(!InitOnceBeginInitialize(&io, 0, &pending_b, NULL), "a synchronous begin meanwhile: FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(!InitOnceComplete(&io, 0, &mine), "InitOnceComplete without INIT_ONCE_ASYNC: FALSE");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(!InitOnceComplete(&io, INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED, NULL),
          "INIT_ONCE_ASYNC cannot fail an initialisation");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(InitOnceComplete(&io, INIT_ONCE_ASYNC, &mine), "the first InitOnceComplete(INIT_ONCE_ASYNC) wins");
    CHECK(!InitOnceComplete(&io, INIT_ONCE_ASYNC, &theirs), "the second loses: FALSE");
    CHECK_EQ(GetLastError(), ERROR_GEN_FAILURE, "... ERROR_GEN_FAILURE");
    CHECK(InitOnceBeginInitialize(&io, INIT_ONCE_ASYNC, &pending_b, &ctx) && !pending_b && ctx == (PVOID)&mine,
          "... and finds the winner's context");
    ctx = NULL;
    CHECK(InitOnceExecuteOnce(&io, init_table, NULL, &ctx) && ctx == (PVOID)&mine,
          "InitOnceExecuteOnce afterwards: TRUE with that context");
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
    test_context_and_errors();
    test_async();
    return check_done();
}
