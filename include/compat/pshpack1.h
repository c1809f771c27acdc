/* ws2mp compat: <pshpack1.h>: the structures that follow are packed on 1-byte boundaries, until
 * <poppack.h> (Windows' headers; no include guard: each inclusion pushes once). */
#pragma pack(push, 1)
