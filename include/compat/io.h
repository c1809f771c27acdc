/*
 * ws2mp compat: <io.h>. The low-level I/O names of Windows' C runtime over POSIX. There is no
 * text mode: _setmode changes nothing and reports the previous mode as _O_TEXT (Windows'
 * default for the standard streams); files are always binary.
 */
#ifndef WS2MP_COMPAT_IO_H
#define WS2MP_COMPAT_IO_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "ws2mp_path.h"

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

/* Modes 0 (exists), 2 (write), 4 (read), 6 (both): the POSIX values are the same. Paths here
 * (and in _unlink, _chmod) take `\` as `/` (ws2mp_path.h). */
static inline int _access(const char *path, int mode)
{
    if (mode & ~6) {
        errno = EINVAL;
        return -1;
    }
    {
        int result_;
        WS2MP_WITH_SLASH_PATH_(path, access(path_, mode));
        return result_;
    }
}

/* _get_osfhandle / _open_osfhandle (exported by libws2mp): a SOCKET is its descriptor, so
 * both give a socket back unchanged; descriptors 0, 1, 2 are GetStdHandle's handles; a
 * descriptor the program opened becomes a file handle (ReadFile, GetFileTime, LockFile take
 * it; _close still closes it), and _open_osfhandle of a CreateFile handle hands its
 * descriptor to the program (_close then closes the file; the handle is gone). An unknown
 * descriptor or handle gives -1 with errno EBADF. The _O_* flags are ignored. */
intptr_t _get_osfhandle(int fd);
int _open_osfhandle(intptr_t osfhandle, int flags);

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
    int result_;
    WS2MP_WITH_SLASH_PATH_(path, unlink(path_));
    return result_;
}

static inline int _chmod(const char *path, int mode)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(path, chmod(path_, (mode_t)mode));
    return result_;
}

/* The file-creation mask: the new one set, the old one returned (only _S_IWRITE counts on
 * Windows; the whole mode mask here). */
static inline int _umask(int mode)
{
    return (int)umask((mode_t)mode);
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

/* _open, _sopen and _creat: open and creat with `\` in the path read as `/` (ws2mp_path.h).
 * The translation modes (_O_TEXT, _O_BINARY, _O_WTEXT, _O_U16TEXT, _O_U8TEXT) are dropped:
 * there is no text mode, and the system gives their bits other meanings (on x86-64 _O_TEXT is
 * O_DIRECT, _O_WTEXT O_DIRECTORY). pmode is read with _O_CREAT only. _sopen's share flag
 * (<share.h>) is not enforced, as _fsopen's is not. A directory gives -1 and EACCES, as on
 * Windows. */
static inline int ws2mp_open_(const char *path, int oflag, int pmode)
{
    int result_;
    struct stat st_;
    oflag &= ~(_O_TEXT | _O_BINARY | _O_WTEXT | _O_U16TEXT | _O_U8TEXT);
    WS2MP_WITH_SLASH_PATH_(path, open(path_, oflag, (mode_t)pmode));
    /* A directory is no file to Windows' _open: -1 with errno EACCES (the system opens one
     * read-only and says EISDIR for writing). */
    if (result_ >= 0 && fstat(result_, &st_) == 0 && S_ISDIR(st_.st_mode)) {
        close(result_);
        result_ = -1;
        errno = EACCES;
    } else if (result_ < 0 && errno == EISDIR) {
        errno = EACCES;
    }
    return result_;
}

static inline int _open(const char *path, int oflag, ...)
{
    int pmode = 0;
    if (oflag & _O_CREAT) {
        va_list ap;
        va_start(ap, oflag);
        pmode = va_arg(ap, int);
        va_end(ap);
    }
    return ws2mp_open_(path, oflag, pmode);
}

static inline int _sopen(const char *path, int oflag, int shflag, ...)
{
    int pmode = 0;
    (void)shflag;
    if (oflag & _O_CREAT) {
        va_list ap;
        va_start(ap, shflag);
        pmode = va_arg(ap, int);
        va_end(ap);
    }
    return ws2mp_open_(path, oflag, pmode);
}

static inline int _creat(const char *path, int pmode)
{
    int result_;
    WS2MP_WITH_SLASH_PATH_(path, creat(path_, (mode_t)pmode));
    return result_;
}

#define setmode _setmode
/* The checked forms Visual C++ 2005 and later point programs to. _sopen_s: the descriptor
 * through *pfh (-1 on failure), 0 or the errno value (EINVAL for a NULL pfh or name, and the
 * open's: ENOENT, EEXIST, EACCES for a directory); pmode is read with _O_CREAT, the share flag
 * is not enforced (as _sopen's). _access_s: 0 or the errno value (ENOENT, EACCES; EINVAL for a
 * mode other than 0, 2, 4, 6), errno set too. _chsize / _chsize_s: the file cut or extended
 * with zeros to `size` bytes, the position kept; -1 / the errno value (EBADF, EINVAL for a
 * negative size). */
static inline int _sopen_s(int *pfh, const char *path, int oflag, int shflag, int pmode)
{
    (void)shflag;
    if (pfh == NULL)
        return errno = EINVAL;
    *pfh = -1;
    if (path == NULL)
        return errno = EINVAL;
    *pfh = ws2mp_open_(path, oflag, (oflag & _O_CREAT) ? pmode : 0);
    return *pfh == -1 ? errno : 0;
}
static inline int _access_s(const char *path, int mode)
{
    if (path == NULL)
        return errno = EINVAL;
    return _access(path, mode) == 0 ? 0 : errno;
}
/* The C library's ftruncate under a private name: strict ISO C (-std=c99) does not declare it. */
#if !defined(__APPLE__) && !defined(__LP64__) && defined(_FILE_OFFSET_BITS) && _FILE_OFFSET_BITS == 64
int ws2mp_io_ftruncate_(int fd, off_t size) __asm__(WS2MP_IO_STR_(__USER_LABEL_PREFIX__) "ftruncate64");
#else
int ws2mp_io_ftruncate_(int fd, off_t size) __asm__(WS2MP_IO_STR_(__USER_LABEL_PREFIX__) "ftruncate");
#endif
static inline int _chsize_s(int fd, long long size)
{
    if (size < 0)
        return errno = EINVAL;
    if (ws2mp_io_ftruncate_(fd, (off_t)size) != 0)
        return errno = (errno == EINVAL ? EBADF : errno);
    return 0;
}
static inline int _chsize(int fd, long size)
{
    return _chsize_s(fd, (long long)size) == 0 ? 0 : -1;
}

/* ---- _findfirst / _findnext / _findclose: directory searches ---------------------------------
 * Over ws2mp's FindFirstFileA & co. (see <fileapi.h>: "dir\\*.c", names in any case, "." and
 * ".." first). The times are time_t (64-bit, as MSVC's default __time64_t); _finddata_t's size
 * is 32 bits (_fsize_t), _finddatai64_t's 64. A search with no match is -1 with errno ENOENT. */
#define _A_NORMAL 0x00
#define _A_RDONLY 0x01
#define _A_HIDDEN 0x02
#define _A_SYSTEM 0x04
#define _A_SUBDIR 0x10
#define _A_ARCH 0x20
typedef unsigned int _fsize_t;
struct _finddata_t {
    unsigned attrib;
    time_t time_create;
    time_t time_access;
    time_t time_write;
    _fsize_t size;
    char name[260];
};
struct _finddatai64_t {
    unsigned attrib;
    time_t time_create;
    time_t time_access;
    time_t time_write;
    long long size;
    char name[260];
};

/* WIN32_FIND_DATAA's layout, under a name of ws2mp's (this header does not need windows.h). */
struct ws2mp_find_data_ {
    unsigned int attributes;
    unsigned int times[6]; /* creation, access, write: FILETIME low, high */
    unsigned int size_high;
    unsigned int size_low;
    unsigned int reserved[2];
    char name[260];
    char alternate[14];
};
void *FindFirstFileA(const char *lpFileName, void *lpFindFileData);
int FindNextFileA(void *hFindFile, void *lpFindFileData);
int FindClose(void *hFindFile);

static inline time_t ws2mp_filetime_to_time_(const unsigned int *ft)
{
    unsigned long long t = ((unsigned long long)ft[1] << 32) | ft[0];
    return t < 116444736000000000ULL ? 0 : (time_t)((t - 116444736000000000ULL) / 10000000ULL);
}

/* One entry into the CRT structure's fields. */
static inline void ws2mp_find_entry_(const struct ws2mp_find_data_ *d, unsigned *attrib, time_t times[3],
                                     long long *size, char name[260])
{
    /* The CRT's _A_* are the low attribute bits; FILE_ATTRIBUTE_NORMAL alone is _A_NORMAL. */
    *attrib = d->attributes & 0x37u;
    times[0] = ws2mp_filetime_to_time_(&d->times[0]);
    times[1] = ws2mp_filetime_to_time_(&d->times[2]);
    times[2] = ws2mp_filetime_to_time_(&d->times[4]);
    *size = ((long long)d->size_high << 32) | d->size_low;
    memcpy(name, d->name, 260);
}

#define WS2MP_FIND_FILL_(fd, d)                                                                   \
    do {                                                                                          \
        time_t times_[3];                                                                         \
        long long size_;                                                                          \
        ws2mp_find_entry_((d), &(fd)->attrib, times_, &size_, (fd)->name);                        \
        (fd)->time_create = times_[0];                                                            \
        (fd)->time_access = times_[1];                                                            \
        (fd)->time_write = times_[2];                                                             \
        (fd)->size = size_;                                                                       \
    } while (0)

static inline intptr_t ws2mp_findfirst_(const char *spec, struct ws2mp_find_data_ *d)
{
    void *h;
    if (spec == NULL) {
        errno = EINVAL;
        return -1;
    }
    h = FindFirstFileA(spec, d);
    if (h == (void *)(intptr_t)-1) {
        errno = ENOENT;
        return -1;
    }
    return (intptr_t)h;
}

static inline intptr_t _findfirst(const char *spec, struct _finddata_t *fd)
{
    struct ws2mp_find_data_ d;
    intptr_t h;
    if (fd == NULL) {
        errno = EINVAL;
        return -1;
    }
    h = ws2mp_findfirst_(spec, &d);
    if (h != -1)
        WS2MP_FIND_FILL_(fd, &d);
    return h;
}

static inline intptr_t _findfirsti64(const char *spec, struct _finddatai64_t *fd)
{
    struct ws2mp_find_data_ d;
    intptr_t h;
    if (fd == NULL) {
        errno = EINVAL;
        return -1;
    }
    h = ws2mp_findfirst_(spec, &d);
    if (h != -1)
        WS2MP_FIND_FILL_(fd, &d);
    return h;
}

/* 0, or -1 with errno ENOENT after the last entry (EINVAL for a bad handle). */
static inline int _findnext(intptr_t handle, struct _finddata_t *fd)
{
    struct ws2mp_find_data_ d;
    if (fd == NULL || !FindNextFileA((void *)handle, &d)) {
        errno = fd == NULL ? EINVAL : ENOENT;
        return -1;
    }
    WS2MP_FIND_FILL_(fd, &d);
    return 0;
}

static inline int _findnexti64(intptr_t handle, struct _finddatai64_t *fd)
{
    struct ws2mp_find_data_ d;
    if (fd == NULL || !FindNextFileA((void *)handle, &d)) {
        errno = fd == NULL ? EINVAL : ENOENT;
        return -1;
    }
    WS2MP_FIND_FILL_(fd, &d);
    return 0;
}

static inline int _findclose(intptr_t handle)
{
    if (!FindClose((void *)handle)) {
        errno = ENOENT;
        return -1;
    }
    return 0;
}

#ifdef __cplusplus
}
#endif

/* _wunlink, _waccess, _wchmod (and the rest of the wide file calls). */
#include "ws2mp_wfile.h"

#endif /* WS2MP_COMPAT_IO_H */
