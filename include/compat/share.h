/*
 * ws2mp compat: <share.h>. The share flags of _fsopen (and _sopen): the file stays open to
 * others' reads and writes (_SH_DENYNO) or to their reads only (_SH_DENYWR), ... The values are
 * Microsoft's; ws2mp does not enforce them (as for CreateFile's share mode): another open of the
 * file succeeds. _fsopen itself is declared with <stdio.h>, as on Windows.
 */
#ifndef WS2MP_COMPAT_SHARE_H
#define WS2MP_COMPAT_SHARE_H

#include <stdio.h>

#define _SH_DENYRW 0x10 /* deny read and write */
#define _SH_DENYWR 0x20 /* deny write */
#define _SH_DENYRD 0x30 /* deny read */
#define _SH_DENYNO 0x40 /* deny none */
#define _SH_SECURE 0x80

/* The old names (MSVC keeps them unless the unit is strict ANSI). */
#define SH_DENYRW _SH_DENYRW
#define SH_DENYWR _SH_DENYWR
#define SH_DENYRD _SH_DENYRD
#define SH_DENYNO _SH_DENYNO

#endif
