/*
 * The buffer pool of an IOCP server, the way such servers keep one: I/O contexts with an
 * SLIST_ENTRY inside, allocated with _aligned_malloc on MEMORY_ALLOCATION_ALIGNMENT, kept on an
 * interlocked singly linked list that worker threads pop from and push back to at once. Then
 * the list's other calls (QueryDepthSList, RtlFirstEntrySList, InterlockedPushListSListEx,
 * InterlockedFlushSList) and empty and NULL lists.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define CONTEXTS 64
#define WORKERS 4
#define ROUNDS 20000

typedef struct io_context {
    DWORD magic;
    SLIST_ENTRY link; /* not first: found again with CONTAINING_RECORD */
    LONG in_use;
    char buffer[512];
} IO_CONTEXT;

static SLIST_HEADER pool;
static volatile LONG misuse;
static volatile LONG taken;

static IO_CONTEXT *get_context(void)
{
    PSLIST_ENTRY e = InterlockedPopEntrySList(&pool);
    return e ? CONTAINING_RECORD(e, IO_CONTEXT, link) : NULL;
}

static void put_context(IO_CONTEXT *c)
{
    InterlockedPushEntrySList(&pool, &c->link);
}

static DWORD WINAPI worker(LPVOID arg)
{
    int i;
    (void)arg;
    for (i = 0; i < ROUNDS; i++) {
        IO_CONTEXT *c = get_context();
        if (c == NULL)
            continue; /* all in use by the other workers for a moment */
        /* Only this thread may hold the context now. */
        if (InterlockedExchange(&c->in_use, 1) != 0 || c->magic != 0xC0FFEE)
            InterlockedIncrement(&misuse);
        c->buffer[i % 512] = (char)i;
        InterlockedIncrement(&taken);
        InterlockedExchange(&c->in_use, 0);
        put_context(c);
    }
    return 0;
}

int main(void)
{
    IO_CONTEXT *all[CONTEXTS];
    HANDLE threads[WORKERS];
    SLIST_HEADER other;
    PSLIST_ENTRY e, chain;
    int i, seen[CONTEXTS], count;

    CHECK_EQ(sizeof(SLIST_HEADER), 16, "SLIST_HEADER is 16 bytes, as on x64 Windows");
    CHECK_EQ(MEMORY_ALLOCATION_ALIGNMENT, 16, "MEMORY_ALLOCATION_ALIGNMENT is 16");

    InitializeSListHead(&pool);
    CHECK_EQ(QueryDepthSList(&pool), 0, "a new list is empty");
    CHECK(InterlockedPopEntrySList(&pool) == NULL, "popping an empty list gives NULL");
    CHECK(RtlFirstEntrySList(&pool) == NULL, "and it has no first entry");

    for (i = 0; i < CONTEXTS; i++) {
        all[i] = (IO_CONTEXT *)_aligned_malloc(sizeof(IO_CONTEXT), MEMORY_ALLOCATION_ALIGNMENT);
        REQUIRE(all[i] != NULL, "_aligned_malloc a context");
        memset(all[i], 0, sizeof(IO_CONTEXT));
        all[i]->magic = 0xC0FFEE;
        e = InterlockedPushEntrySList(&pool, &all[i]->link);
        if (e != (i ? &all[i - 1]->link : NULL))
            CHECK(0, "push returns the entry that was first");
    }
    CHECK_EQ(QueryDepthSList(&pool), CONTEXTS, "the pool holds every context");
    CHECK(RtlFirstEntrySList(&pool) == &all[CONTEXTS - 1]->link, "the last pushed is first");
    CHECK_EQ(QueryDepthSList(&pool), CONTEXTS, "looking at it took nothing off");

    for (i = 0; i < WORKERS; i++) {
        threads[i] = CreateThread(NULL, 0, worker, NULL, 0, NULL);
        REQUIRE(threads[i] != NULL, "start a worker");
    }
    CHECK_EQ(WaitForMultipleObjects(WORKERS, threads, TRUE, 60000), WAIT_OBJECT_0,
             "the workers finish");
    for (i = 0; i < WORKERS; i++)
        CloseHandle(threads[i]);
    CHECK_EQ(InterlockedCompareExchange(&misuse, 0, 0), 0,
             "no context was ever held by two workers at once");
    CHECK(InterlockedCompareExchange(&taken, 0, 0) > WORKERS * ROUNDS / 2,
          "the workers took contexts most of the time");
    CHECK_EQ(QueryDepthSList(&pool), CONTEXTS, "every context came back");

    /* Each context exactly once on the list. */
    memset(seen, 0, sizeof(seen));
    chain = InterlockedFlushSList(&pool);
    CHECK_EQ(QueryDepthSList(&pool), 0, "InterlockedFlushSList empties the list");
    count = 0;
    for (e = chain; e != NULL && count <= CONTEXTS; e = e->Next) {
        IO_CONTEXT *c = CONTAINING_RECORD(e, IO_CONTEXT, link);
        for (i = 0; i < CONTEXTS; i++)
            if (all[i] == c)
                seen[i]++;
        count++;
    }
    CHECK_EQ(count, CONTEXTS, "the flushed chain holds every context");
    for (i = 0; i < CONTEXTS && seen[i] == 1; i++)
        ;
    CHECK_EQ(i, CONTEXTS, "each exactly once");
    CHECK(InterlockedFlushSList(&pool) == NULL, "flushing an empty list gives NULL");

    /* A chain pushed at once. */
    InitializeSListHead(&other);
    InterlockedPushEntrySList(&other, &all[0]->link);
    all[1]->link.Next = &all[2]->link;
    all[2]->link.Next = &all[3]->link;
    e = InterlockedPushListSListEx(&other, &all[1]->link, &all[3]->link, 3);
    CHECK(e == &all[0]->link, "InterlockedPushListSListEx returns the old first entry");
    CHECK_EQ(QueryDepthSList(&other), 4, "and counts the 3 it added");
    CHECK(InterlockedPopEntrySList(&other) == &all[1]->link, "the chain's head comes off first");
    CHECK(InterlockedPopEntrySList(&other) == &all[2]->link, "then the next");
    CHECK(InterlockedPopEntrySList(&other) == &all[3]->link, "then its end");
    CHECK(InterlockedPopEntrySList(&other) == &all[0]->link, "then what was there before");
    CHECK(InterlockedPopEntrySList(&other) == NULL, "then nothing");
    CHECK_EQ(QueryDepthSList(&other), 0, "depth back to 0");

    /* NULL lists and entries: nothing happens, nothing crashes. */
    CHECK(InterlockedPopEntrySList(NULL) == NULL, "popping a NULL list gives NULL");
    CHECK(InterlockedPushEntrySList(&other, NULL) == NULL, "pushing NULL adds nothing");
    CHECK_EQ(QueryDepthSList(&other), 0, "still empty");
    CHECK_EQ(QueryDepthSList(NULL), 0, "a NULL list's depth is 0");

    for (i = 0; i < CONTEXTS; i++)
        _aligned_free(all[i]);
    return check_done();
}
