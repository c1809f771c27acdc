/*
 * ws2mp compat (internal): <sys/stat.h>'s MSVC names mapped onto the system's: `struct _stat`
 * (and _stat32, _stat64, _stati64, _stat64i32) is `struct stat`, whose st_size is 64 bits
 * here; _stat & co. and _fstat & co. are stat and fstat; the _S_IF* and _S_I* mode bits.
 * Brought by <sys/stat.h> and <windows.h>; plain macros, so a strict ISO C unit gets them too.
 */
#ifndef _stat
#define _stat stat
#define _stat32 stat
#define _stat64 stat
#define _stati64 stat
#define _stat64i32 stat
#define _fstat fstat
#define _fstat32 fstat
#define _fstat64 fstat
#define _fstati64 fstat
#define _S_IFMT S_IFMT
#define _S_IFDIR S_IFDIR
#define _S_IFCHR S_IFCHR
#define _S_IFREG S_IFREG
#define _S_IREAD S_IRUSR
#define _S_IWRITE S_IWUSR
#define _S_IEXEC S_IXUSR
#endif
