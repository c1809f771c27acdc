/*
 * Memory a program cannot use, for the WSAEFAULT tests (c-tests/fault_*.c; POSIX only: mmap).
 */
#ifndef WS2MP_FAULT_UTIL_H
#define WS2MP_FAULT_UTIL_H

#include <sys/mman.h>
#include "check.h"

/* Two pages, a readable one (*edge) followed by an inaccessible one (*guard == *edge + 4096),
 * and a read-only page (*ro). */
static inline void map_guard_pages(char **edge, char **guard, char **ro)
{
    *edge = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(*edge != MAP_FAILED && *ro != MAP_FAILED, "mmap");
    REQUIRE(mprotect(*edge + 4096, 4096, PROT_NONE) == 0, "mprotect a guard page");
    *guard = *edge + 4096;
}

#endif
