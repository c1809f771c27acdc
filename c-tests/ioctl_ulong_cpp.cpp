/* ioctl_ulong as C++: there `unsigned long *` does not convert to a 32-bit u_long pointer, so
 * the compat header's overload is what makes these calls compile at all. */
#include "ioctl_ulong.c"
