/* A market-data handler's log lines written with <inttypes.h>'s macros, as portable Windows
 * code does: 64-bit sequence numbers with PRIu64, signed nanosecond offsets with PRId64, order
 * ids in hexadecimal with PRIx64 / PRIX64, a pointer-sized counter with PRIuPTR, then parsed
 * back with SCNu64 / SCNx64. Microsoft's <inttypes.h> spells the 64-bit ones "llu", "lld", ...;
 * the values must come out whole (a 32-bit reading would keep only their lower half). */
#include <winsock2.h>
#include <windows.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(void)
{
    char line[256];
    uint64_t seq = 81985529216486895ULL; /* 0x0123456789ABCDEF */
    int64_t offset_ns = -5000000123LL;
    uint64_t order_id = 0xFEDCBA9876543210ULL;
    uintptr_t count = (uintptr_t)0x100000001ULL;
    DWORD packets = 4000000000u;
    uint64_t seq_back = 0, id_back = 0;
    int n;

    n = sprintf(line, "seq=%" PRIu64 " off=%" PRId64 " id=%" PRIx64 " ID=%" PRIX64, seq, offset_ns,
                order_id, order_id);
    CHECK(strcmp(line, "seq=81985529216486895 off=-5000000123 id=fedcba9876543210 ID=FEDCBA9876543210") == 0,
          "PRIu64, PRId64, PRIx64 and PRIX64 print the whole 64-bit values");
    CHECK_EQ(n, (int)strlen(line), "sprintf counts the whole line");

    _snprintf(line, sizeof line, "[%020" PRIu64 "] [%-18" PRIx64 "]", seq, (uint64_t)0xABCULL);
    CHECK(strcmp(line, "[00081985529216486895] [abc               ]") == 0,
          "width, zero padding and left alignment apply to the 64-bit conversions");

    snprintf(line, sizeof line, "%" PRIuPTR " %" PRIdMAX " %" PRIu64 " %lu", count, (intmax_t)-1,
             (uint64_t)UINT64_MAX, (unsigned long)packets);
    CHECK(strcmp(line, "4294967297 -1 18446744073709551615 4000000000") == 0,
          "PRIuPTR and PRIdMAX are whole too; %lu of a DWORD stays right");

    snprintf(line, sizeof line, "%" PRIu64 " %" PRIx64, seq, order_id);
    CHECK_EQ(sscanf(line, "%" SCNu64 " %" SCNx64, &seq_back, &id_back), 2, "SCNu64 and SCNx64 parse the line");
    CHECK(seq_back == seq && id_back == order_id, "and read back the same 64-bit values");
    return check_done();
}
