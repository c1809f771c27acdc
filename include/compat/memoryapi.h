/*
 * ws2mp compat: <memoryapi.h>: VirtualAlloc, VirtualFree and VirtualProtect (also through
 * <windows.h>), exported by libws2mp (declared in ws2mp.h). Regions start at 64 KiB
 * boundaries of the system's choosing (a region cannot be reserved at a given address:
 * ERROR_INVALID_ADDRESS); committed pages read as zero; PAGE_GUARD, PAGE_NOCACHE and
 * PAGE_WRITECOMBINE are accepted without effect; VirtualQuery is not provided.
 *
 * File mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex), UnmapViewOfFile,
 * FlushViewOfFile. A named mapping of memory (hFile INVALID_HANDLE_VALUE) is shared with the
 * other processes that name it, as on Windows; a named mapping of a file is known in this
 * process only.
 */
#ifndef WS2MP_COMPAT_MEMORYAPI_H
#define WS2MP_COMPAT_MEMORYAPI_H

#include "windows.h"

#define MEM_COMMIT 0x00001000
#define MEM_RESERVE 0x00002000
#define MEM_DECOMMIT 0x00004000
#define MEM_RELEASE 0x00008000
#define MEM_FREE 0x00010000
#define MEM_PRIVATE 0x00020000
#define MEM_RESET 0x00080000
#define MEM_TOP_DOWN 0x00100000
#define PAGE_NOACCESS 0x01
#define PAGE_READONLY 0x02
#define PAGE_READWRITE 0x04
#define PAGE_WRITECOPY 0x08
#define PAGE_EXECUTE 0x10
#define PAGE_EXECUTE_READ 0x20
#define PAGE_EXECUTE_READWRITE 0x40
#define PAGE_EXECUTE_WRITECOPY 0x80
#define PAGE_GUARD 0x100
#define PAGE_NOCACHE 0x200
#define PAGE_WRITECOMBINE 0x400
#ifndef ERROR_INVALID_ADDRESS
#define ERROR_INVALID_ADDRESS 487L
#endif

#define SECTION_QUERY 0x0001
#define SECTION_MAP_WRITE 0x0002
#define SECTION_MAP_READ 0x0004
#define SECTION_MAP_EXECUTE 0x0008
#define SECTION_EXTEND_SIZE 0x0010
#define SECTION_ALL_ACCESS 0x000F001F
#define FILE_MAP_COPY SECTION_QUERY
#define FILE_MAP_WRITE SECTION_MAP_WRITE
#define FILE_MAP_READ SECTION_MAP_READ
#define FILE_MAP_ALL_ACCESS SECTION_ALL_ACCESS
#define FILE_MAP_EXECUTE 0x0020
#define SEC_IMAGE 0x01000000
#define SEC_RESERVE 0x04000000
#define SEC_COMMIT 0x08000000
#define SEC_NOCACHE 0x10000000
#define SEC_WRITECOMBINE 0x40000000
#define SEC_LARGE_PAGES 0x80000000
#ifndef ERROR_FILE_INVALID
#define ERROR_FILE_INVALID 1006L
#endif
#ifndef ERROR_MAPPED_ALIGNMENT
#define ERROR_MAPPED_ALIGNMENT 1132L
#endif

#ifdef UNICODE
#define CreateFileMapping CreateFileMappingW
#define OpenFileMapping OpenFileMappingW
#else
#define CreateFileMapping CreateFileMappingA
#define OpenFileMapping OpenFileMappingA
#endif

#endif /* WS2MP_COMPAT_MEMORYAPI_H */
