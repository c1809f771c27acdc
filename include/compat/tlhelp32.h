/*
 * ws2mp compat: <tlhelp32.h>: the process list of a snapshot, as watchdogs and monitoring
 * programs walk it. CreateToolhelp32Snapshot, Process32First/Next and their W forms are
 * exported by libws2mp (declared in ws2mp.h); the snapshot is read from /proc (Linux; other
 * systems fail with ERROR_NOT_SUPPORTED). szExeFile is the program's file name (the kernel's
 * 15-byte command name for another user's process). Threads, modules and heaps are not
 * listed: a snapshot without TH32CS_SNAPPROCESS is ERROR_INVALID_PARAMETER.
 */
#ifndef WS2MP_COMPAT_TLHELP32_H
#define WS2MP_COMPAT_TLHELP32_H

#include "windows.h"

#define TH32CS_SNAPHEAPLIST 0x00000001
#define TH32CS_SNAPPROCESS 0x00000002
#define TH32CS_SNAPTHREAD 0x00000004
#define TH32CS_SNAPMODULE 0x00000008
#define TH32CS_SNAPMODULE32 0x00000010
#define TH32CS_SNAPALL (TH32CS_SNAPHEAPLIST | TH32CS_SNAPPROCESS | TH32CS_SNAPTHREAD | TH32CS_SNAPMODULE)
#define TH32CS_INHERIT 0x80000000
#define MAX_MODULE_NAME32 255
#ifndef ERROR_BAD_LENGTH
#define ERROR_BAD_LENGTH 24L
#endif

typedef struct tagPROCESSENTRY32 PROCESSENTRY32, *PPROCESSENTRY32, *LPPROCESSENTRY32;
typedef struct tagPROCESSENTRY32W PROCESSENTRY32W, *PPROCESSENTRY32W, *LPPROCESSENTRY32W;

#ifdef UNICODE
#define Process32First Process32FirstW
#define Process32Next Process32NextW
#define PROCESSENTRY32 PROCESSENTRY32W
#define PPROCESSENTRY32 PPROCESSENTRY32W
#define LPPROCESSENTRY32 LPPROCESSENTRY32W
#endif

#endif /* WS2MP_COMPAT_TLHELP32_H */
