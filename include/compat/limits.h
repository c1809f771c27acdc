/*
 * ws2mp compat: <limits.h> is the system's, followed by the sized integer limits Microsoft's
 * <limits.h> adds (_I8_MIN ... _UI64_MAX), which programs compare __int64 and DWORD values
 * with. LONG_MAX & co. stay the system's (the C library's long).
 */
#pragma GCC system_header
#include_next <limits.h>
#if !defined(WS2MP_COMPAT_LIMITS_H) && !defined(_MSC_VER)
#define WS2MP_COMPAT_LIMITS_H
#define _I8_MIN (-127 - 1)
#define _I8_MAX 127
#define _UI8_MAX 0xffu
#define _I16_MIN (-32767 - 1)
#define _I16_MAX 32767
#define _UI16_MAX 0xffffu
#define _I32_MIN (-2147483647 - 1)
#define _I32_MAX 2147483647
#define _UI32_MAX 0xffffffffu
#define _I64_MIN (-9223372036854775807LL - 1)
#define _I64_MAX 9223372036854775807LL
#define _UI64_MAX 0xffffffffffffffffULL
#endif
