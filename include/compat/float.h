/*
 * ws2mp compat: <float.h> is the system's, followed by the names Windows' <float.h> declares
 * that programs test doubles with: _isnan and _finite (as in ws2mp_crt.h, which <stdlib.h>,
 * <stdio.h>, <string.h>, <time.h> and <windows.h> bring).
 */
#pragma GCC system_header
#include_next <float.h>
#ifndef _isnan
#define _isnan(x) __builtin_isnan((double)(x))
#endif
#ifndef _finite
#define _finite(x) __builtin_isfinite((double)(x))
#endif
