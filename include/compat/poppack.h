/* ws2mp compat: <poppack.h>: restores the packing a <pshpack1.h> (2, 4, 8) pushed (no include
 * guard: each inclusion pops once). */
#pragma pack(pop)
