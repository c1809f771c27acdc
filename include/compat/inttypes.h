/*
 * ws2mp compat: <inttypes.h> is the system's, with the printf macros of the 64-bit types as
 * Microsoft's <inttypes.h> spells them: PRId64, PRIu64, PRIx64, ... (and the LEAST64, FAST64,
 * MAX and PTR forms) are "lld", "llu", "llx", ... The C library writes them with "l" where its
 * 64-bit types are long, and ws2mp's printf reads %ld / %lx as Microsoft's 32-bit long (so a
 * DWORD prints right): a uint64_t printed with "%" PRIu64 would lose its upper half. "ll" is
 * 64 bits on both. The scanf macros (SCNd64, ...) stay the system's: ws2mp's scanf stores the
 * C library's 8-byte long for %ld. -DWS2MP_NO_MS_FORMAT (the C library's printf) keeps the
 * system's macros.
 */
#pragma GCC system_header
#include_next <inttypes.h>

#if !defined(WS2MP_COMPAT_INTTYPES_H) && !defined(WS2MP_NO_MS_FORMAT) && !defined(_MSC_VER)
#define WS2MP_COMPAT_INTTYPES_H

#undef PRId64
#define PRId64 "lld"
#undef PRIi64
#define PRIi64 "lli"
#undef PRIo64
#define PRIo64 "llo"
#undef PRIu64
#define PRIu64 "llu"
#undef PRIx64
#define PRIx64 "llx"
#undef PRIX64
#define PRIX64 "llX"
#undef PRIdLEAST64
#define PRIdLEAST64 "lld"
#undef PRIiLEAST64
#define PRIiLEAST64 "lli"
#undef PRIoLEAST64
#define PRIoLEAST64 "llo"
#undef PRIuLEAST64
#define PRIuLEAST64 "llu"
#undef PRIxLEAST64
#define PRIxLEAST64 "llx"
#undef PRIXLEAST64
#define PRIXLEAST64 "llX"
#undef PRIdFAST64
#define PRIdFAST64 "lld"
#undef PRIiFAST64
#define PRIiFAST64 "lli"
#undef PRIoFAST64
#define PRIoFAST64 "llo"
#undef PRIuFAST64
#define PRIuFAST64 "llu"
#undef PRIxFAST64
#define PRIxFAST64 "llx"
#undef PRIXFAST64
#define PRIXFAST64 "llX"
#undef PRIdMAX
#define PRIdMAX "lld"
#undef PRIiMAX
#define PRIiMAX "lli"
#undef PRIoMAX
#define PRIoMAX "llo"
#undef PRIuMAX
#define PRIuMAX "llu"
#undef PRIxMAX
#define PRIxMAX "llx"
#undef PRIXMAX
#define PRIXMAX "llX"
#undef PRIdPTR
#define PRIdPTR "lld"
#undef PRIiPTR
#define PRIiPTR "lli"
#undef PRIoPTR
#define PRIoPTR "llo"
#undef PRIuPTR
#define PRIuPTR "llu"
#undef PRIxPTR
#define PRIxPTR "llx"
#undef PRIXPTR
#define PRIXPTR "llX"

#endif /* WS2MP_COMPAT_INTTYPES_H */
