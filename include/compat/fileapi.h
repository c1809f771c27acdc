/*
 * ws2mp compat: <fileapi.h>: files as handles, for programs that send files (TransmitFile)
 * or keep logs through the Win32 file calls.
 *
 * CreateFileA/W, GetFileSize(Ex), SetFilePointer(Ex), SetEndOfFile, FlushFileBuffers,
 * DeleteFileA/W, GetFileType, GetFileAttributesA/W, CreateDirectoryA/W, RemoveDirectoryA/W,
 * CopyFileA/W, MoveFileA/W, MoveFileExA/W, GetFileTime, SetFileTime,
 * GetFileInformationByHandle(Ex), GetFinalPathNameByHandleA/W, GetFileAttributesExA/W,
 * SetFileAttributesA/W, LockFile(Ex), UnlockFile(Ex), GetDiskFreeSpace(Ex)A/W, the drive and
 * volume calls, CreateHardLinkA/W, CreateSymbolicLinkA/W, CopyFileExA/W,
 * MoveFileWithProgressA/W and the directory searches (FindFirstFile(Ex)A/W, FindNextFileA/W,
 * FindClose) are exported by libws2mp (declared in ws2mp.h); ReadFile,
 * WriteFile and CloseHandle take the handles CreateFile returns, and TransmitFile /
 * TransmitPackets send from them. Paths are the system's, '\\' separating directories as
 * '/' does (a drive letter, "C:\\...", is not translated). File I/O is synchronous: with an
 * OVERLAPPED it happens at Offset/OffsetHigh and completes at once (hEvent is signalled, a
 * completion port bound to the file gets the packet, ReadFileEx/WriteFileEx queue their
 * routine). The share mode is honoured between the handles of this process
 * (ERROR_SHARING_VIOLATION; other processes' opens are not seen); security attributes are
 * ignored.
 */
#ifndef WS2MP_COMPAT_FILEAPI_H
#define WS2MP_COMPAT_FILEAPI_H

#include "windows.h"

#define GENERIC_READ 0x80000000u
#define GENERIC_WRITE 0x40000000u
#define GENERIC_EXECUTE 0x20000000u
#define GENERIC_ALL 0x10000000u
#define FILE_READ_DATA 0x0001
#define FILE_WRITE_DATA 0x0002
#define FILE_APPEND_DATA 0x0004
/* The other file access rights (<winnt.h>), for programs that spell their access out:
 * CreateFile reads FILE_*_DATA, FILE_EXECUTE, DELETE and the FILE_GENERIC_* / GENERIC_* sets
 * for its share-mode checks (what an open reads, writes or deletes); the attribute, EA and
 * security rights are accepted and need nothing here. */
#define FILE_READ_EA 0x0008
#define FILE_WRITE_EA 0x0010
#define FILE_EXECUTE 0x0020
#define FILE_TRAVERSE 0x0020
#define FILE_LIST_DIRECTORY 0x0001
#define FILE_ADD_FILE 0x0002
#define FILE_ADD_SUBDIRECTORY 0x0004
#define FILE_DELETE_CHILD 0x0040
#define FILE_READ_ATTRIBUTES 0x0080
#define FILE_WRITE_ATTRIBUTES 0x0100
#ifndef DELETE
#define DELETE 0x00010000u
#define READ_CONTROL 0x00020000u
#define WRITE_DAC 0x00040000u
#define WRITE_OWNER 0x00080000u
#endif
#ifndef STANDARD_RIGHTS_REQUIRED
#define STANDARD_RIGHTS_REQUIRED 0x000F0000u
#define STANDARD_RIGHTS_READ 0x00020000u
#define STANDARD_RIGHTS_WRITE 0x00020000u
#define STANDARD_RIGHTS_EXECUTE 0x00020000u
#define STANDARD_RIGHTS_ALL 0x001F0000u
#endif
#define FILE_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF)
#define FILE_GENERIC_READ                                                                  \
    (STANDARD_RIGHTS_READ | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE)
#define FILE_GENERIC_WRITE                                                                 \
    (STANDARD_RIGHTS_WRITE | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA |        \
     FILE_APPEND_DATA | SYNCHRONIZE)
#define FILE_GENERIC_EXECUTE                                                               \
    (STANDARD_RIGHTS_EXECUTE | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE)
#define FILE_SHARE_READ 0x00000001
#define FILE_SHARE_WRITE 0x00000002
#define FILE_SHARE_DELETE 0x00000004
#define CREATE_NEW 1
#define CREATE_ALWAYS 2
#define OPEN_EXISTING 3
#define OPEN_ALWAYS 4
#define TRUNCATE_EXISTING 5
#define FILE_ATTRIBUTE_READONLY 0x00000001
#define FILE_ATTRIBUTE_HIDDEN 0x00000002
#define FILE_ATTRIBUTE_SYSTEM 0x00000004
#define FILE_ATTRIBUTE_DIRECTORY 0x00000010
#define FILE_ATTRIBUTE_ARCHIVE 0x00000020
#define FILE_ATTRIBUTE_NORMAL 0x00000080
#define FILE_ATTRIBUTE_TEMPORARY 0x00000100
#define FILE_FLAG_WRITE_THROUGH 0x80000000u
#define FILE_FLAG_OVERLAPPED 0x40000000
#define FILE_FLAG_NO_BUFFERING 0x20000000
#define FILE_FLAG_RANDOM_ACCESS 0x10000000
#define FILE_FLAG_SEQUENTIAL_SCAN 0x08000000
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000
#define FILE_BEGIN 0
#define FILE_CURRENT 1
#define FILE_END 2
#define INVALID_FILE_SIZE ((DWORD)0xFFFFFFFF)
#define INVALID_SET_FILE_POINTER ((DWORD)-1)
#define INVALID_FILE_ATTRIBUTES ((DWORD)-1)
#define FILE_TYPE_UNKNOWN 0x0000
#define FILE_TYPE_DISK 0x0001
#define FILE_TYPE_CHAR 0x0002
#define FILE_TYPE_PIPE 0x0003

/* Named pipes (<winbase.h>, <namedpipeapi.h>): CreateNamedPipeA/W, ConnectNamedPipe,
 * DisconnectNamedPipe, WaitNamedPipeA/W, SetNamedPipeHandleState, GetNamedPipeInfo,
 * TransactNamedPipe, CallNamedPipeA/W, GetNamedPipeHandleStateA/W, GetNamedPipeClientProcessId
 * and GetNamedPipeServerProcessId are exported by libws2mp (declared in ws2mp.h); a client opens
 * "\\.\pipe\name" with CreateFile, and ReadFile, WriteFile, PeekNamedPipe, CancelIo(Ex),
 * CreateIoCompletionPort, FlushFileBuffers and CloseHandle take either end. Pipes are local to
 * the machine (AF_UNIX sockets): "\\server\pipe\name" with another server than "." fails
 * with ERROR_BAD_NETPATH, and all instances of one name live in one process.
 * docs/PORTING.md section 6 lists what differs. */
#define PIPE_ACCESS_INBOUND 0x00000001
#define PIPE_ACCESS_OUTBOUND 0x00000002
#define PIPE_ACCESS_DUPLEX 0x00000003
#define FILE_FLAG_FIRST_PIPE_INSTANCE 0x00080000
#define PIPE_CLIENT_END 0x00000000
#define PIPE_SERVER_END 0x00000001
#define PIPE_WAIT 0x00000000
#define PIPE_NOWAIT 0x00000001
#define PIPE_READMODE_BYTE 0x00000000
#define PIPE_READMODE_MESSAGE 0x00000002
#define PIPE_TYPE_BYTE 0x00000000
#define PIPE_TYPE_MESSAGE 0x00000004
#define PIPE_ACCEPT_REMOTE_CLIENTS 0x00000000
#define PIPE_REJECT_REMOTE_CLIENTS 0x00000008
#define PIPE_UNLIMITED_INSTANCES 255
#define NMPWAIT_WAIT_FOREVER 0xffffffff
#define NMPWAIT_NOWAIT 0x00000001
#define NMPWAIT_USE_DEFAULT_WAIT 0x00000000
#ifndef ERROR_HANDLE_EOF
#define ERROR_HANDLE_EOF 38L
#endif
#ifndef ERROR_FILE_EXISTS
#define ERROR_FILE_EXISTS 80L
#endif
#ifndef ERROR_NEGATIVE_SEEK
#define ERROR_NEGATIVE_SEEK 131L
#endif
#ifndef ERROR_ACCESS_DENIED
#define ERROR_ACCESS_DENIED 5L
#endif

/* GetFileAttributesExA/W (GetFileExInfoStandard only, else ERROR_INVALID_PARAMETER): the
 * attributes GetFileAttributes reports, the times GetFileTime reports and the size (0 for a
 * directory). SetFileAttributesA/W: FILE_ATTRIBUTE_READONLY clears the owner's write bit of a
 * file, its absence (FILE_ATTRIBUTE_NORMAL) sets it; hidden, system, archive, ... are accepted
 * and ignored, and so is read-only on a directory. */
typedef enum _GET_FILEEX_INFO_LEVELS {
    GetFileExInfoStandard,
    GetFileExMaxInfoLevel
} GET_FILEEX_INFO_LEVELS;
typedef struct _WIN32_FILE_ATTRIBUTE_DATA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA, *LPWIN32_FILE_ATTRIBUTE_DATA;

/* Directory searches: FindFirstFileA/W, FindNextFileA/W and FindClose are exported by
 * libws2mp. "dir\\*.txt", "*", a single name; names match without regard to case, "*.*" is
 * "*"; "." and ".." come first (but in "/"), then the entries in case-insensitive order. A
 * name starting with '.' is FILE_ATTRIBUTE_HIDDEN; cAlternateFileName (the 8.3 name) is
 * empty; a file's creation time is its change time where the system keeps none. */
typedef struct _WIN32_FIND_DATAA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0;
    DWORD dwReserved1;
    CHAR cFileName[MAX_PATH];
    CHAR cAlternateFileName[14];
} WIN32_FIND_DATAA, *PWIN32_FIND_DATAA, *LPWIN32_FIND_DATAA;
typedef struct _WIN32_FIND_DATAW {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0;
    DWORD dwReserved1;
    WCHAR cFileName[MAX_PATH];
    WCHAR cAlternateFileName[14];
} WIN32_FIND_DATAW, *PWIN32_FIND_DATAW, *LPWIN32_FIND_DATAW;
#ifdef UNICODE
typedef WIN32_FIND_DATAW WIN32_FIND_DATA, *PWIN32_FIND_DATA, *LPWIN32_FIND_DATA;
#define FindFirstFile FindFirstFileW
#define FindNextFile FindNextFileW
#else
typedef WIN32_FIND_DATAA WIN32_FIND_DATA, *PWIN32_FIND_DATA, *LPWIN32_FIND_DATA;
#define FindFirstFile FindFirstFileA
#define FindNextFile FindNextFileA
#endif

/* CompareFileTime: -1, 0 or 1 as the first time is earlier, equal or later. */
static inline LONG CompareFileTime(const FILETIME *a, const FILETIME *b)
{
    unsigned long long x = ((unsigned long long)a->dwHighDateTime << 32) | a->dwLowDateTime;
    unsigned long long y = ((unsigned long long)b->dwHighDateTime << 32) | b->dwLowDateTime;
    return x < y ? -1 : x > y ? 1 : 0;
}

/* GetTempFileNameA: "<path>\\<first 3 of prefix><hex>.TMP". With uUnique 0 the file is
 * created, with a number not in use (the time's low bits, then the next); with a number the
 * name is only formed. Returns the number used, or 0: ERROR_DIRECTORY when lpPathName is not
 * an existing directory (with any uUnique, as on Windows), ERROR_ACCESS_DENIED, ... The
 * directory separator is '/' where the path ends with one, else '\\' (see the file names
 * above: both work). */
static inline UINT GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique,
                                    LPSTR lpTempFileName)
{
    char prefix[4] = {0};
    size_t plen = lpPathName ? strlen(lpPathName) : 0;
    const char *sep = (plen > 0 && (lpPathName[plen - 1] == '/' || lpPathName[plen - 1] == '\\')) ? "" : "\\";
    UINT n = uUnique ? (uUnique & 0xFFFFu) : ((UINT)GetTickCount() & 0xFFFFu);
    UINT tries;
    DWORD attrs;
    if (lpPathName == NULL || lpTempFileName == NULL || plen + 14 >= MAX_PATH) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    attrs = GetFileAttributesA(lpPathName);
    if (attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_DIRECTORY)) {
        SetLastError(ERROR_DIRECTORY);
        return 0;
    }
    for (tries = 0; lpPrefixString != NULL && tries < 3 && lpPrefixString[tries]; tries++)
        prefix[tries] = lpPrefixString[tries]; /* not strncpy: GCC warns of its truncation */
    for (tries = 0; tries < 0x10000u; tries++, n = (n + 1) & 0xFFFFu) {
        FILE *f;
        char native[MAX_PATH];
        size_t i;
        if (n == 0)
            continue;
        sprintf(lpTempFileName, "%s%s%s%X.TMP", lpPathName, sep, prefix, n);
        if (uUnique)
            return uUnique;
        for (i = 0; lpTempFileName[i]; i++)
            native[i] = lpTempFileName[i] == '\\' ? '/' : lpTempFileName[i];
        native[i] = '\0';
        f = fopen(native, "wx");
        if (f != NULL) {
            fclose(f);
            return n;
        }
        if (errno != EEXIST) {
            SetLastError(errno == ENOENT ? ERROR_PATH_NOT_FOUND : ERROR_ACCESS_DENIED);
            return 0;
        }
    }
    SetLastError(ERROR_FILE_EXISTS);
    return 0;
}
/* GetTempFileNameW: the same name in UTF-16 (lpTempFileName holds MAX_PATH WCHARs). */
static inline UINT GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique, LPWSTR lpTempFileName)
{
    char *path = ws2mp_wide_to_utf8_(lpPathName), *prefix = ws2mp_wide_to_utf8_(lpPrefixString), name[MAX_PATH * 4];
    UINT n = 0;
    if (path == NULL || lpTempFileName == NULL)
        SetLastError(ERROR_INVALID_PARAMETER);
    else if ((n = GetTempFileNameA(path, prefix, uUnique, name)) != 0 &&
             ws2mp_utf8_to_wide_(name, lpTempFileName, MAX_PATH) <= 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        n = 0;
    }
    free(path);
    free(prefix);
    return n;
}
#ifdef UNICODE
#define GetTempFileName GetTempFileNameW
#else
#define GetTempFileName GetTempFileNameA
#endif

/* SetFilePointerEx takes its distance as a LARGE_INTEGER by value; ws2mp's export takes the
 * 64-bit value. */
#define SetFilePointerEx(hFile, liDistanceToMove, lpNewFilePointer, dwMoveMethod)                  \
    SetFilePointerEx((hFile), (liDistanceToMove).QuadPart, (lpNewFilePointer), (dwMoveMethod))

#ifndef ERROR_DIR_NOT_EMPTY
#define ERROR_DIR_NOT_EMPTY 145L
#endif

/* GetFileTime, SetFileTime, GetFileInformationByHandle (exported by libws2mp, declared in
 * ws2mp.h with `void *` for the structures) on a handle from CreateFile. The creation time
 * is the file's birth time where the system keeps one, else its change time; SetFileTime
 * never changes it, and a NULL, zero or all-0xFF FILETIME leaves that time alone (the system
 * still updates it on later I/O). SetFileTime needs a handle open for writing
 * (ERROR_ACCESS_DENIED). dwVolumeSerialNumber is the low 32 bits of the device number and
 * nFileIndexHigh/Low the inode number. */
typedef struct _BY_HANDLE_FILE_INFORMATION {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD dwVolumeSerialNumber;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD nNumberOfLinks;
    DWORD nFileIndexHigh;
    DWORD nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION, *PBY_HANDLE_FILE_INFORMATION, *LPBY_HANDLE_FILE_INFORMATION;

/* LockFile, UnlockFile, LockFileEx, UnlockFileEx (exported by libws2mp): byte-range locks of
 * a handle from CreateFile, with Windows' rules (an exclusive lock overlaps no lock of this
 * handle, unlocking names the exact range, ERROR_LOCK_VIOLATION / ERROR_NOT_LOCKED). They
 * are advisory (ReadFile/WriteFile are not refused). On Linux a lock belongs to its handle
 * (open file description locks), so a second handle of the same process is refused as on
 * Windows; on macOS and the BSDs the system's locks belong to the process and only other
 * processes are refused. A blocking LockFileEx waits for other handles' locks and completes
 * before it returns (Internal 0, hEvent signalled). */
#define LOCKFILE_FAIL_IMMEDIATELY 0x00000001
#define LOCKFILE_EXCLUSIVE_LOCK 0x00000002

/* GetDiskFreeSpaceExA/W and GetDiskFreeSpaceA/W (exported by libws2mp): the file system of
 * any directory ("C:\\", "\\" and "/" are the root, NULL the current directory) from statvfs;
 * a missing name or another drive letter is ERROR_PATH_NOT_FOUND, a file ERROR_DIRECTORY. GetDiskFreeSpace reports
 * 512-byte sectors and the file system's block as the cluster, counts capped at 0xFFFFFFFF.
 * The out pointers of both may be NULL. */

/* GetFullPathNameA/W (exported by libws2mp): the name made absolute against the current
 * directory by text alone ('\\' separates as '/' does, "." dropped, ".." removes the part
 * before it, never above the root, a trailing separator kept); the result is the system's
 * '/'-separated path (a drive letter is not translated). Returns the length without the NUL,
 * or the size needed with it when the buffer is too small; *lpFilePart points at the last
 * part (NULL after a trailing separator). "" is ERROR_INVALID_NAME. */
#ifndef ERROR_INVALID_NAME
#define ERROR_INVALID_NAME 123L
#endif

/* CopyFile / MoveFile(Ex): a copy takes the contents and permissions; MoveFile refuses an
 * existing target (ERROR_ALREADY_EXISTS) unless MOVEFILE_REPLACE_EXISTING;
 * MOVEFILE_DELAY_UNTIL_REBOOT is ERROR_INVALID_PARAMETER (nothing runs at the next boot). */
#define MOVEFILE_REPLACE_EXISTING 0x00000001
#define MOVEFILE_COPY_ALLOWED 0x00000002
#define MOVEFILE_DELAY_UNTIL_REBOOT 0x00000004
#define MOVEFILE_WRITE_THROUGH 0x00000008

/* Drives and volumes (exported by libws2mp): one drive, C:, stands for the system's root, so
 * a program that lists the drives and asks each for its type, volume or free space gets
 * answers about "/"; any directory names the file system holding it (as a mounted folder
 * does); another drive letter's root does not exist. GetLogicalDrives: 0x4 (C:);
 * GetLogicalDriveStrings: "C:\\\0\0". GetDriveType: DRIVE_FIXED, DRIVE_REMOTE (NFS, SMB),
 * DRIVE_CDROM, DRIVE_RAMDISK (tmpfs) or DRIVE_NO_ROOT_DIR. GetVolumeInformation: an empty
 * label, the device number as the serial (as GetFileInformationByHandle's
 * dwVolumeSerialNumber), the file system's type name ("ext4", "xfs", "tmpfs", "nfs", ...);
 * ERROR_BAD_LENGTH for a name buffer too small. The one volume's unique name
 * (FindFirstVolume, GetVolumeNameForVolumeMountPoint("C:\\")) is "\\?\Volume{...}\", which
 * these calls take as they take "C:\\" (and "\\?\C:\\"); GetVolumePathNamesForVolumeName
 * gives its drive, "C:\\\0\0". */
#define DRIVE_UNKNOWN 0
#define DRIVE_NO_ROOT_DIR 1
#define DRIVE_REMOVABLE 2
#define DRIVE_FIXED 3
#define DRIVE_REMOTE 4
#define DRIVE_CDROM 5
#define DRIVE_RAMDISK 6
#define FILE_CASE_SENSITIVE_SEARCH 0x00000001
#define FILE_CASE_PRESERVED_NAMES 0x00000002
#define FILE_UNICODE_ON_DISK 0x00000004
#define FILE_PERSISTENT_ACLS 0x00000008
#define FILE_FILE_COMPRESSION 0x00000010
#define FILE_VOLUME_QUOTAS 0x00000020
#define FILE_SUPPORTS_SPARSE_FILES 0x00000040
#define FILE_SUPPORTS_REPARSE_POINTS 0x00000080
#define FILE_VOLUME_IS_COMPRESSED 0x00008000
#define FILE_SUPPORTS_OBJECT_IDS 0x00010000
#define FILE_SUPPORTS_ENCRYPTION 0x00020000
#define FILE_NAMED_STREAMS 0x00040000
#define FILE_READ_ONLY_VOLUME 0x00080000
#define FILE_SUPPORTS_HARD_LINKS 0x00400000

/* FindFirstFileExA/W (exported by libws2mp): FindFirstFile with FindExInfoStandard or
 * FindExInfoBasic, FindExSearchNameMatch or FindExSearchLimitToDirectories (advisory, as on
 * NTFS: every match is listed, check FILE_ATTRIBUTE_DIRECTORY), no search filter, and the
 * FIND_FIRST_EX_* flags (accepted; names match without regard to case). */
typedef enum _FINDEX_INFO_LEVELS {
    FindExInfoStandard,
    FindExInfoBasic,
    FindExInfoMaxInfoLevel
} FINDEX_INFO_LEVELS;
typedef enum _FINDEX_SEARCH_OPS {
    FindExSearchNameMatch,
    FindExSearchLimitToDirectories,
    FindExSearchLimitToDevices,
    FindExSearchMaxSearchOp
} FINDEX_SEARCH_OPS;
#define FIND_FIRST_EX_CASE_SENSITIVE 0x00000001
#define FIND_FIRST_EX_LARGE_FETCH 0x00000002
#define FIND_FIRST_EX_ON_DISK_ENTRIES_ONLY 0x00000004

/* GetFileInformationByHandleEx (exported by libws2mp) on a handle from CreateFile:
 * FileBasicInfo, FileStandardInfo, FileNameInfo (the path, '\\'-separated without a drive
 * letter; a buffer too small gets what fits, the whole FileNameLength and ERROR_MORE_DATA),
 * FileAttributeTagInfo, FileAlignmentInfo and FileIdInfo (device and inode numbers); other
 * classes are ERROR_INVALID_PARAMETER, a buffer smaller than the structure ERROR_BAD_LENGTH.
 * GetFinalPathNameByHandleA/W: the same path for every flag (Windows gives "\\\\?\\C:\\..."
 * with VOLUME_NAME_DOS). */
typedef enum _FILE_INFO_BY_HANDLE_CLASS {
    FileBasicInfo,
    FileStandardInfo,
    FileNameInfo,
    FileRenameInfo,
    FileDispositionInfo,
    FileAllocationInfo,
    FileEndOfFileInfo,
    FileStreamInfo,
    FileCompressionInfo,
    FileAttributeTagInfo,
    FileIdBothDirectoryInfo,
    FileIdBothDirectoryRestartInfo,
    FileIoPriorityHintInfo,
    FileRemoteProtocolInfo,
    FileFullDirectoryInfo,
    FileFullDirectoryRestartInfo,
    FileStorageInfo,
    FileAlignmentInfo,
    FileIdInfo,
    FileIdExtdDirectoryInfo,
    FileIdExtdDirectoryRestartInfo,
    MaximumFileInfoByHandleClass
} FILE_INFO_BY_HANDLE_CLASS, *PFILE_INFO_BY_HANDLE_CLASS;
typedef struct _FILE_BASIC_INFO {
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    DWORD FileAttributes;
} FILE_BASIC_INFO, *PFILE_BASIC_INFO;
typedef struct _FILE_STANDARD_INFO {
    LARGE_INTEGER AllocationSize;
    LARGE_INTEGER EndOfFile;
    DWORD NumberOfLinks;
    BOOLEAN DeletePending;
    BOOLEAN Directory;
} FILE_STANDARD_INFO, *PFILE_STANDARD_INFO;
typedef struct _FILE_NAME_INFO {
    DWORD FileNameLength;
    WCHAR FileName[1];
} FILE_NAME_INFO, *PFILE_NAME_INFO;
typedef struct _FILE_ATTRIBUTE_TAG_INFO {
    DWORD FileAttributes;
    DWORD ReparseTag;
} FILE_ATTRIBUTE_TAG_INFO, *PFILE_ATTRIBUTE_TAG_INFO;
typedef struct _FILE_ALIGNMENT_INFO {
    ULONG AlignmentRequirement;
} FILE_ALIGNMENT_INFO, *PFILE_ALIGNMENT_INFO;
typedef struct _FILE_ID_128 {
    BYTE Identifier[16];
} FILE_ID_128, *PFILE_ID_128;
typedef struct _FILE_ID_INFO {
    ULONGLONG VolumeSerialNumber;
    FILE_ID_128 FileId;
} FILE_ID_INFO, *PFILE_ID_INFO;
#define FILE_NAME_NORMALIZED 0x0
#define FILE_NAME_OPENED 0x8
#define VOLUME_NAME_DOS 0x0
#define VOLUME_NAME_GUID 0x1
#define VOLUME_NAME_NT 0x2
#define VOLUME_NAME_NONE 0x4

/* CreateHardLinkA/W, CreateSymbolicLinkA/W (exported by libws2mp): '\\' read as '/' in both
 * names; no privilege is needed for a symbolic link. */
#define SYMBOLIC_LINK_FLAG_DIRECTORY 0x1
#define SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE 0x2

/* CopyFileExA/W, MoveFileWithProgressA/W (exported by libws2mp; LPPROGRESS_ROUTINE is declared
 * in ws2mp.h): the routine is called before the first byte (CALLBACK_STREAM_SWITCH) and after
 * each MiB (CALLBACK_CHUNK_FINISHED), with NULL file handles; *pbCancel set from another thread
 * cancels; a stopped copy fails with ERROR_REQUEST_ABORTED. A move calls it only when it
 * copies (MOVEFILE_COPY_ALLOWED across file systems). */
#define COPY_FILE_FAIL_IF_EXISTS 0x00000001
#define COPY_FILE_RESTARTABLE 0x00000002
#define COPY_FILE_OPEN_SOURCE_FOR_WRITE 0x00000004
#define COPY_FILE_ALLOW_DECRYPTED_DESTINATION 0x00000008
#define COPY_FILE_COPY_SYMLINK 0x00000800
#define COPY_FILE_NO_BUFFERING 0x00001000
#define PROGRESS_CONTINUE 0
#define PROGRESS_CANCEL 1
#define PROGRESS_STOP 2
#define PROGRESS_QUIET 3
#define CALLBACK_CHUNK_FINISHED 0x00000000
#define CALLBACK_STREAM_SWITCH 0x00000001

/* Paths in their other forms: there are no 8.3 short names here, so GetLongPathName and
 * GetShortPathName give the name back as it is once it exists (ERROR_FILE_NOT_FOUND
 * otherwise); the length without the NUL, or the size needed with it. The buffers may be the
 * same. As on Windows: NULL is ERROR_INVALID_PARAMETER, "" ERROR_PATH_NOT_FOUND, a wildcard
 * ERROR_INVALID_NAME, and a "\\?\" prefix is kept in the answer (the file is looked up
 * without it). */
static inline DWORD ws2mp_same_path_(LPCSTR from, LPSTR to, DWORD size)
{
    size_t n;
    LPCSTR look = from;
    if (from == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (from[0] == '\0') {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return 0;
    }
    if (strncmp(from, "\\\\?\\", 4) == 0)
        look = from + 4;
    if (strpbrk(look, "*?") != NULL) {
        SetLastError(ERROR_INVALID_NAME);
        return 0;
    }
    if (GetFileAttributesA(look) == INVALID_FILE_ATTRIBUTES) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return 0;
    }
    n = strlen(from);
    if (to == NULL || (size_t)size <= n)
        return (DWORD)(n + 1);
    memmove(to, from, n + 1);
    return (DWORD)n;
}
static inline DWORD GetLongPathNameA(LPCSTR lpszShortPath, LPSTR lpszLongPath, DWORD cchBuffer)
{
    return ws2mp_same_path_(lpszShortPath, lpszLongPath, cchBuffer);
}
static inline DWORD GetShortPathNameA(LPCSTR lpszLongPath, LPSTR lpszShortPath, DWORD cchBuffer)
{
    return ws2mp_same_path_(lpszLongPath, lpszShortPath, cchBuffer);
}
static inline DWORD ws2mp_same_path_w_(LPCWSTR from, LPWSTR to, DWORD size)
{
    char *path = ws2mp_wide_to_utf8_(from);
    DWORD n = 0;
    if (path == NULL)
        SetLastError(ERROR_INVALID_PARAMETER);
    else if (ws2mp_same_path_(path, NULL, 0) != 0)
        n = ws2mp_copy_out_w_(to, size, path);
    free(path);
    return n;
}
static inline DWORD GetLongPathNameW(LPCWSTR lpszShortPath, LPWSTR lpszLongPath, DWORD cchBuffer)
{
    return ws2mp_same_path_w_(lpszShortPath, lpszLongPath, cchBuffer);
}
static inline DWORD GetShortPathNameW(LPCWSTR lpszLongPath, LPWSTR lpszShortPath, DWORD cchBuffer)
{
    return ws2mp_same_path_w_(lpszLongPath, lpszShortPath, cchBuffer);
}

/* SearchPathA/W: looks for lpFileName (lpExtension added when the name has none) in the
 * ';'-separated lpPath, or, when it is NULL, in the program's directory, the current directory
 * and the PATH directories; a name with a directory is looked up as it is. Returns the full
 * path's length (GetFullPathName's, *lpFilePart at its file name), or the size needed, or 0
 * with ERROR_FILE_NOT_FOUND. */
static inline int ws2mp_search_in_(const char *dir, size_t dlen, const char *name, const char *ext, char *found,
                                   size_t cap)
{
    int n = snprintf(found, cap, "%.*s%s%s%s", (int)dlen, dir, dlen > 0 ? "/" : "", name, ext);
    DWORD a;
    if (n < 0 || (size_t)n >= cap)
        return 0;
    a = GetFileAttributesA(found);
    return a != INVALID_FILE_ATTRIBUTES && !(a & FILE_ATTRIBUTE_DIRECTORY);
}
static inline DWORD SearchPathA(LPCSTR lpPath, LPCSTR lpFileName, LPCSTR lpExtension, DWORD nBufferLength,
                                LPSTR lpBuffer, LPSTR *lpFilePart)
{
    char found[4096], program[4096];
    const char *base, *ext = "", *list = NULL, *p;
    int hit = 0;
    char sep = ';';
    if (lpFileName == NULL || lpFileName[0] == '\0') {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    base = strrchr(lpFileName, '\\') > strrchr(lpFileName, '/') ? strrchr(lpFileName, '\\') : strrchr(lpFileName, '/');
    if (lpExtension != NULL && strchr(base ? base : lpFileName, '.') == NULL)
        ext = lpExtension;
    if (base != NULL) {
        hit = ws2mp_search_in_("", 0, lpFileName, ext, found, sizeof found);
    } else if (lpPath != NULL) {
        list = lpPath;
    } else {
        DWORD n = GetModuleFileNameA(NULL, program, sizeof program);
        char *slash = n > 0 && n < sizeof program ? strrchr(program, '\\') : NULL;
        if (slash != NULL)
            *slash = '\0';
        hit = slash != NULL && ws2mp_search_in_(program, strlen(program), lpFileName, ext, found, sizeof found);
        if (!hit)
            hit = ws2mp_search_in_(".", 1, lpFileName, ext, found, sizeof found);
        list = getenv("PATH");
        sep = ':';
    }
    for (p = base == NULL && !hit ? list : NULL; p != NULL && *p && !hit;) {
        const char *end = strchr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 0)
            hit = ws2mp_search_in_(p, len, lpFileName, ext, found, sizeof found);
        p = end ? end + 1 : NULL;
    }
    if (!hit) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return 0;
    }
    return GetFullPathNameA(found, nBufferLength, lpBuffer, lpFilePart);
}
static inline DWORD SearchPathW(LPCWSTR lpPath, LPCWSTR lpFileName, LPCWSTR lpExtension, DWORD nBufferLength,
                                LPWSTR lpBuffer, LPWSTR *lpFilePart)
{
    char *path = ws2mp_wide_to_utf8_(lpPath), *name = ws2mp_wide_to_utf8_(lpFileName);
    char *ext = ws2mp_wide_to_utf8_(lpExtension), full[4096];
    DWORD n = SearchPathA(path, name, ext, sizeof full, full, NULL), r = 0;
    if (n > 0 && n < sizeof full) {
        r = ws2mp_copy_out_w_(lpBuffer, nBufferLength, full);
        if (lpFilePart != NULL && lpBuffer != NULL && r < nBufferLength) {
            LPWSTR part = lpBuffer;
            DWORD i;
            for (i = 0; i < r; i++)
                if (lpBuffer[i] == '/' || lpBuffer[i] == '\\')
                    part = lpBuffer + i + 1;
            *lpFilePart = part;
        }
    }
    free(path);
    free(name);
    free(ext);
    return r;
}

/* NeedCurrentDirectoryForExePathA/W (Windows' <processenv.h>): whether a search for the
 * program lpExeName (as CreateProcess or SearchPath runs it) should look in the current
 * directory: always for a name with a directory in it, else unless the environment has
 * NoDefaultCurrentDirectoryInExePath (any value). */
static inline BOOL NeedCurrentDirectoryForExePathA(LPCSTR lpExeName)
{
    DWORD saved = GetLastError(), n;
    if (lpExeName != NULL && (strchr(lpExeName, '\\') != NULL || strchr(lpExeName, '/') != NULL))
        return TRUE;
    n = GetEnvironmentVariableA("NoDefaultCurrentDirectoryInExePath", NULL, 0);
    SetLastError(saved);
    return n == 0;
}
static inline BOOL NeedCurrentDirectoryForExePathW(LPCWSTR lpExeName)
{
    char *name = ws2mp_wide_to_utf8_(lpExeName);
    BOOL r = NeedCurrentDirectoryForExePathA(name);
    free(name);
    return r;
}
#ifdef UNICODE
#define NeedCurrentDirectoryForExePath NeedCurrentDirectoryForExePathW
#else
#define NeedCurrentDirectoryForExePath NeedCurrentDirectoryForExePathA
#endif

/* ReplaceFileA/W: the replacement takes the replaced file's name (a rename: a reader sees one
 * file or the other), the replaced file going to lpBackupFileName if one is given. Both must
 * exist (ERROR_FILE_NOT_FOUND). The replaced file's attributes and ACLs are not carried over
 * (Windows keeps them); the flags and the reserved arguments are accepted. */
#define REPLACEFILE_WRITE_THROUGH 0x00000001
#define REPLACEFILE_IGNORE_MERGE_ERRORS 0x00000002
#define REPLACEFILE_IGNORE_ACL_ERRORS 0x00000004
#ifndef ERROR_UNABLE_TO_MOVE_REPLACEMENT
#define ERROR_UNABLE_TO_REMOVE_REPLACED 1175L
#define ERROR_UNABLE_TO_MOVE_REPLACEMENT 1176L
#define ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 1177L
#endif
static inline BOOL ReplaceFileA(LPCSTR lpReplacedFileName, LPCSTR lpReplacementFileName, LPCSTR lpBackupFileName,
                                DWORD dwReplaceFlags, LPVOID lpExclude, LPVOID lpReserved)
{
    (void)dwReplaceFlags;
    (void)lpExclude;
    (void)lpReserved;
    if (lpReplacedFileName == NULL || lpReplacementFileName == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (GetFileAttributesA(lpReplacedFileName) == INVALID_FILE_ATTRIBUTES ||
        GetFileAttributesA(lpReplacementFileName) == INVALID_FILE_ATTRIBUTES) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return FALSE;
    }
    if (lpBackupFileName != NULL && !CopyFileA(lpReplacedFileName, lpBackupFileName, FALSE)) {
        SetLastError(ERROR_UNABLE_TO_REMOVE_REPLACED);
        return FALSE;
    }
    if (!MoveFileExA(lpReplacementFileName, lpReplacedFileName, MOVEFILE_REPLACE_EXISTING)) {
        SetLastError(ERROR_UNABLE_TO_MOVE_REPLACEMENT);
        return FALSE;
    }
    return TRUE;
}
static inline BOOL ReplaceFileW(LPCWSTR lpReplacedFileName, LPCWSTR lpReplacementFileName, LPCWSTR lpBackupFileName,
                                DWORD dwReplaceFlags, LPVOID lpExclude, LPVOID lpReserved)
{
    char *a = ws2mp_wide_to_utf8_(lpReplacedFileName), *b = ws2mp_wide_to_utf8_(lpReplacementFileName);
    char *c = ws2mp_wide_to_utf8_(lpBackupFileName);
    BOOL ok = ReplaceFileA(a, b, c, dwReplaceFlags, lpExclude, lpReserved);
    free(a);
    free(b);
    free(c);
    return ok;
}

/* GetCompressedFileSizeA/W: files here are neither compressed nor sparse as far as Windows'
 * answer goes: the file's size (low DWORD returned, high into *lpFileSizeHigh), or
 * INVALID_FILE_SIZE with ERROR_FILE_NOT_FOUND. */
static inline DWORD GetCompressedFileSizeA(LPCSTR lpFileName, LPDWORD lpFileSizeHigh)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExA(lpFileName, GetFileExInfoStandard, &data))
        return INVALID_FILE_SIZE;
    if (lpFileSizeHigh != NULL)
        *lpFileSizeHigh = data.nFileSizeHigh;
    SetLastError(0);
    return data.nFileSizeLow;
}
static inline DWORD GetCompressedFileSizeW(LPCWSTR lpFileName, LPDWORD lpFileSizeHigh)
{
    char *name = ws2mp_wide_to_utf8_(lpFileName);
    DWORD n = GetCompressedFileSizeA(name, lpFileSizeHigh);
    DWORD err = GetLastError();
    free(name);
    SetLastError(err);
    return n;
}

/* CreateDirectoryExA/W: CreateDirectory; the template directory (which must exist:
 * ERROR_PATH_NOT_FOUND) lends nothing (its attributes and streams are Windows'). */
static inline BOOL CreateDirectoryExA(LPCSTR lpTemplateDirectory, LPCSTR lpNewDirectory,
                                      LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    DWORD a = lpTemplateDirectory ? GetFileAttributesA(lpTemplateDirectory) : INVALID_FILE_ATTRIBUTES;
    if (a == INVALID_FILE_ATTRIBUTES || !(a & FILE_ATTRIBUTE_DIRECTORY)) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    return CreateDirectoryA(lpNewDirectory, lpSecurityAttributes);
}
static inline BOOL CreateDirectoryExW(LPCWSTR lpTemplateDirectory, LPCWSTR lpNewDirectory,
                                      LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    char *t = ws2mp_wide_to_utf8_(lpTemplateDirectory);
    DWORD a = t ? GetFileAttributesA(t) : INVALID_FILE_ATTRIBUTES;
    free(t);
    if (a == INVALID_FILE_ATTRIBUTES || !(a & FILE_ATTRIBUTE_DIRECTORY)) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    return CreateDirectoryW(lpNewDirectory, lpSecurityAttributes);
}

#ifdef UNICODE
#define CreateFile CreateFileW
#define DeleteFile DeleteFileW
#define GetFileAttributes GetFileAttributesW
#define GetFileAttributesEx GetFileAttributesExW
#define SetFileAttributes SetFileAttributesW
#define CreateDirectory CreateDirectoryW
#define RemoveDirectory RemoveDirectoryW
#define CopyFile CopyFileW
#define MoveFile MoveFileW
#define MoveFileEx MoveFileExW
#define GetDiskFreeSpaceEx GetDiskFreeSpaceExW
#define GetDiskFreeSpace GetDiskFreeSpaceW
#define GetFullPathName GetFullPathNameW
#define GetLogicalDriveStrings GetLogicalDriveStringsW
#define GetDriveType GetDriveTypeW
#define GetVolumeInformation GetVolumeInformationW
#define FindFirstVolume FindFirstVolumeW
#define FindNextVolume FindNextVolumeW
#define GetVolumeNameForVolumeMountPoint GetVolumeNameForVolumeMountPointW
#define GetVolumePathNamesForVolumeName GetVolumePathNamesForVolumeNameW
#define FindFirstFileEx FindFirstFileExW
#define GetFinalPathNameByHandle GetFinalPathNameByHandleW
#define CreateHardLink CreateHardLinkW
#define CreateSymbolicLink CreateSymbolicLinkW
#define CopyFileEx CopyFileExW
#define MoveFileWithProgress MoveFileWithProgressW
#define GetLongPathName GetLongPathNameW
#define GetShortPathName GetShortPathNameW
#define SearchPath SearchPathW
#define ReplaceFile ReplaceFileW
#define GetCompressedFileSize GetCompressedFileSizeW
#define CreateDirectoryEx CreateDirectoryExW
#else
#define CreateFile CreateFileA
#define DeleteFile DeleteFileA
#define GetFileAttributes GetFileAttributesA
#define GetFileAttributesEx GetFileAttributesExA
#define SetFileAttributes SetFileAttributesA
#define CreateDirectory CreateDirectoryA
#define RemoveDirectory RemoveDirectoryA
#define CopyFile CopyFileA
#define MoveFile MoveFileA
#define MoveFileEx MoveFileExA
#define GetDiskFreeSpaceEx GetDiskFreeSpaceExA
#define GetDiskFreeSpace GetDiskFreeSpaceA
#define GetFullPathName GetFullPathNameA
#define GetLogicalDriveStrings GetLogicalDriveStringsA
#define GetDriveType GetDriveTypeA
#define GetVolumeInformation GetVolumeInformationA
#define FindFirstVolume FindFirstVolumeA
#define FindNextVolume FindNextVolumeA
#define GetVolumeNameForVolumeMountPoint GetVolumeNameForVolumeMountPointA
#define GetVolumePathNamesForVolumeName GetVolumePathNamesForVolumeNameA
#define FindFirstFileEx FindFirstFileExA
#define GetFinalPathNameByHandle GetFinalPathNameByHandleA
#define CreateHardLink CreateHardLinkA
#define CreateSymbolicLink CreateSymbolicLinkA
#define CopyFileEx CopyFileExA
#define MoveFileWithProgress MoveFileWithProgressA
#define GetLongPathName GetLongPathNameA
#define GetShortPathName GetShortPathNameA
#define SearchPath SearchPathA
#define ReplaceFile ReplaceFileA
#define GetCompressedFileSize GetCompressedFileSizeA
#define CreateDirectoryEx CreateDirectoryExA
#endif

/* The W helpers above take the C library's wchar_t strings too (ws2mp_wchar_args.h). */
#if !defined(WS2MP_NO_WCHAR_T_OVERLOADS) && !defined(_MSC_VER)
#define WS2MP_WCHAR_ARGS_FOR_FILEAPI_H
#include "ws2mp_wchar_args.h"
#endif

#endif /* WS2MP_COMPAT_FILEAPI_H */
