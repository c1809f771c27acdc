/* ws2mp compat: <pshpack4.h>: the structures that follow are packed on 4-byte boundaries, until
 * <poppack.h> (Windows' headers; no include guard: each inclusion pushes once). */
#pragma pack(push, 4)
