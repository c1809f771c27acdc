/*
 * ws2mp compat: <io.h>. The low-level I/O names of Windows' C runtime over POSIX. There is no
 * text mode: _setmode changes nothing and reports the previous mode as _O_TEXT (Windows'
 * default for the standard streams); files are always binary.
 */
#ifndef WS2MP_COMPAT_IO_H
#define WS2MP_COMPAT_IO_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

#define _O_RDONLY O_RDONLY
#define _O_WRONLY O_WRONLY
#define _O_RDWR O_RDWR
#define _O_APPEND O_APPEND
#define _O_CREAT O_CREAT
#define _O_TRUNC O_TRUNC
#define _O_EXCL O_EXCL
#define _O_TEXT 0x4000
#define _O_BINARY 0x8000
#define _O_WTEXT 0x10000
#define _O_U16TEXT 0x20000
#define _O_U8TEXT 0x40000
#define _O_NOINHERIT O_CLOEXEC
#define O_BINARY _O_BINARY
#define O_TEXT _O_TEXT
#define _S_IREAD S_IRUSR
#define _S_IWRITE S_IWUSR

/* Returns the previous mode (_O_TEXT), or -1 with errno EBADF / EINVAL. */
static inline int _setmode(int fd, int mode)
{
    if (fcntl(fd, F_GETFD) == -1) {
        errno = EBADF;
        return -1;
    }
    if (mode != _O_TEXT && mode != _O_BINARY && mode != _O_WTEXT && mode != _O_U16TEXT &&
        mode != _O_U8TEXT) {
        errno = EINVAL;
        return -1;
    }
    return _O_TEXT;
}

/* The C library's fileno under a private name: strict ISO C (-std=c99 after <stdio.h>) does
 * not declare it. */
#define WS2MP_IO_STR2_(x) #x
#define WS2MP_IO_STR_(x) WS2MP_IO_STR2_(x)
#ifndef WS2MP_FILENO_DEFINED /* <windows.h> has it too (Windows' <stdio.h> declares it) */
#define WS2MP_FILENO_DEFINED
int ws2mp_fileno_(FILE *f) __asm__(WS2MP_IO_STR_(__USER_LABEL_PREFIX__) "fileno");

static inline int _fileno(FILE *f)
{
    return ws2mp_fileno_(f);
}
#endif

static inline int _isatty(int fd)
{
    return isatty(fd);
}

/* Modes 0 (exists), 2 (write), 4 (read), 6 (both): the POSIX values are the same. */
static inline int _access(const char *path, int mode)
{
    if (mode & ~6) {
        errno = EINVAL;
        return -1;
    }
    return access(path, mode);
}

static inline int _close(int fd)
{
    return close(fd);
}

static inline int _read(int fd, void *buf, unsigned int count)
{
    return (int)read(fd, buf, count);
}

static inline int _write(int fd, const void *buf, unsigned int count)
{
    return (int)write(fd, buf, count);
}

static inline long _lseek(int fd, long offset, int origin)
{
    return (long)lseek(fd, (off_t)offset, origin);
}

static inline int _dup(int fd)
{
    return dup(fd);
}

static inline int _dup2(int fd, int fd2)
{
    return dup2(fd, fd2) < 0 ? -1 : 0;
}

static inline int _unlink(const char *path)
{
    return unlink(path);
}

static inline int _chmod(const char *path, int mode)
{
    return chmod(path, (mode_t)mode);
}

/* The size of the file open on fd; -1 with EBADF when fd is not open. */
static inline long long _filelengthi64(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        errno = EBADF;
        return -1;
    }
    return (long long)st.st_size;
}

static inline long _filelength(int fd)
{
    return (long)_filelengthi64(fd);
}

static inline long long _lseeki64(int fd, long long offset, int origin)
{
    return (long long)lseek(fd, (off_t)offset, origin);
}

static inline long _tell(int fd)
{
    return (long)lseek(fd, 0, SEEK_CUR);
}

static inline long long _telli64(int fd)
{
    return (long long)lseek(fd, 0, SEEK_CUR);
}

/* 1 at the end of the file, 0 before it, -1 (EBADF) when fd is not a seekable open file. */
static inline int _eof(int fd)
{
    off_t here = lseek(fd, 0, SEEK_CUR);
    long long size = _filelengthi64(fd);
    if (here < 0 || size < 0) {
        errno = EBADF;
        return -1;
    }
    return (long long)here >= size ? 1 : 0;
}

/* The file's data on the disk (fsync): 0, or -1 with errno. */
static inline int _commit(int fd)
{
    return fsync(fd) == 0 ? 0 : -1;
}

#define _open open
#define _creat creat
#define setmode _setmode

#ifdef __cplusplus
}
#endif

#endif /* WS2MP_COMPAT_IO_H */
