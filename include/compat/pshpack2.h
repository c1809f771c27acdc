/* ws2mp compat: <pshpack2.h>: the structures that follow are packed on 2-byte boundaries, until
 * <poppack.h> (Windows' headers; no include guard: each inclusion pushes once). */
#pragma pack(push, 2)
