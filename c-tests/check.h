/*
 * Tiny assertion helpers for the C tests. Each CHECK prints one TAP-style line:
 *   ok 3 - recv returns the datagram
 *   not ok 4 - WSAGetLastError is WSAEMSGSIZE (got 0, c-tests/x.c:42)
 * and check_done() prints the plan and returns the exit status (0 when all passed).
 */
#ifndef WS2MP_CHECK_H
#define WS2MP_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_count_ = 0;
static int check_failed_ = 0;

static void check_report_(int ok, const char *what, long got, const char *file, int line)
{
    ++check_count_;
    if (ok) {
        printf("ok %d - %s\n", check_count_, what);
    } else {
        ++check_failed_;
        printf("not ok %d - %s (got %ld, %s:%d)\n", check_count_, what, got, file, line);
    }
    fflush(stdout);
}

/* CHECK(condition, "what it means") */
#define CHECK(cond, what) check_report_(!!(cond), (what), 0L, __FILE__, __LINE__)
/* CHECK_EQ(actual, expected, "what it means"): also prints the actual value on failure. */
#define CHECK_EQ(actual, expected, what)                                                        \
    do {                                                                                       \
        long check_a_ = (long)(actual);                                                        \
        check_report_(check_a_ == (long)(expected), (what), check_a_, __FILE__, __LINE__);     \
    } while (0)
/* REQUIRE: like CHECK, but stops the test when it fails (later steps depend on it). */
#define REQUIRE(cond, what)                                                                    \
    do {                                                                                       \
        int check_ok_ = !!(cond);                                                              \
        check_report_(check_ok_, (what), 0L, __FILE__, __LINE__);                              \
        if (!check_ok_) {                                                                      \
            printf("# stopping: a required step failed\n");                                   \
            exit(1);                                                                           \
        }                                                                                      \
    } while (0)

static int check_done(void)
{
    printf("1..%d\n# %d passed, %d failed\n", check_count_, check_count_ - check_failed_, check_failed_);
    fflush(stdout);
    return check_failed_ == 0 && check_count_ > 0 ? 0 : 1;
}

#endif
