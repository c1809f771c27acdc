/* ws2mp compat: <pshpack8.h>: the structures that follow are packed on 8-byte boundaries, until
 * <poppack.h> (Windows' headers; no include guard: each inclusion pushes once). */
#pragma pack(push, 8)
