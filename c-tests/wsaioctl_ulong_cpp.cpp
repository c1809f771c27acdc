/* wsaioctl_ulong as C++: there `unsigned long *` does not convert to an LPDWORD here, so the
 * compat header's template is what makes these calls compile at all (and a NULL count must
 * still pick the function itself). */
#include "wsaioctl_ulong.c"
