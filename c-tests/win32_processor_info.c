/*
 * An IOCP server sizing its worker pool: GetLogicalProcessorInformation, asked first for the
 * size it needs, then walked for cores (physical cores get one worker each), packages, NUMA
 * nodes and the L1 data cache's line size (to pad per-connection counters).
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static DWORD bits(ULONG_PTR mask)
{
    DWORD n = 0;
    for (; mask; mask &= mask - 1)
        n++;
    return n;
}

int main(void)
{
    SYSTEM_INFO si;
    SYSTEM_LOGICAL_PROCESSOR_INFORMATION *info, *p;
    DWORD length = 0, records, i, cores = 0, logical = 0, packages = 0, nodes = 0, caches = 0;
    DWORD line = 0;
    ULONG_PTR seen = 0, in_nodes = 0;
    BOOL disjoint = TRUE, caches_sane = TRUE;

    GetSystemInfo(&si);
    SetLastError(0);
    CHECK(!GetLogicalProcessorInformation(NULL, &length), "asking for the size fails");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... with ERROR_INSUFFICIENT_BUFFER");
    CHECK(length > 0 && length % sizeof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION) == 0,
          "... and a length of whole 32-byte records");
    CHECK_EQ(sizeof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION), 32, "the x64 record size");

    info = (SYSTEM_LOGICAL_PROCESSOR_INFORMATION *)malloc(length);
    REQUIRE(info != NULL, "malloc");
    {
        DWORD small = length - 1;
        SetLastError(0);
        CHECK(!GetLogicalProcessorInformation(info, &small), "a buffer one byte short fails");
        CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... with ERROR_INSUFFICIENT_BUFFER");
        CHECK_EQ(small, length, "... and the length needed");
    }
    REQUIRE(GetLogicalProcessorInformation(info, &length), "GetLogicalProcessorInformation");
    records = length / sizeof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION);
    for (i = 0, p = info; i < records; i++, p++) {
        switch (p->Relationship) {
        case RelationProcessorCore:
            cores++;
            logical += bits(p->ProcessorMask);
            if (p->ProcessorMask == 0 || (seen & p->ProcessorMask) != 0)
                disjoint = FALSE;
            if ((p->ProcessorCore.Flags == LTP_PC_SMT) != (bits(p->ProcessorMask) > 1))
                disjoint = FALSE;
            seen |= p->ProcessorMask;
            break;
        case RelationNumaNode:
            nodes++;
            in_nodes |= p->ProcessorMask;
            break;
        case RelationProcessorPackage:
            packages++;
            break;
        case RelationCache:
            caches++;
            if (p->Cache.Level < 1 || p->Cache.Level > 4 || p->Cache.Size == 0 || p->Cache.LineSize == 0 ||
                (p->Cache.LineSize & (p->Cache.LineSize - 1)) != 0 || p->ProcessorMask == 0)
                caches_sane = FALSE;
            if (p->Cache.Level == 1 && p->Cache.Type == CacheData)
                line = p->Cache.LineSize;
            break;
        default:
            break;
        }
    }
    printf("# %lu cores, %lu logical processors, %lu packages, %lu nodes, %lu caches, L1d line %lu\n",
           (unsigned long)cores, (unsigned long)logical, (unsigned long)packages, (unsigned long)nodes,
           (unsigned long)caches, (unsigned long)line);
    CHECK(cores >= 1 && cores <= logical, "at least one core, no more cores than logical processors");
    CHECK_EQ(logical, si.dwNumberOfProcessors, "the cores hold every processor GetSystemInfo counts");
    CHECK(disjoint, "each processor in exactly one core; LTP_PC_SMT where a core runs several");
    CHECK(seen == si.dwActiveProcessorMask, "the cores' masks make up dwActiveProcessorMask");
    CHECK(packages >= 1, "at least one package");
    CHECK(nodes >= 1 && in_nodes == seen, "NUMA nodes cover every processor");
    CHECK(caches_sane, "every cache has a level, a size and a power-of-two line size");
    free(info);
    return check_done();
}
