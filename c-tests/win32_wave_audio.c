/*
 * A conferencing endpoint's audio path, the way Windows voice programs are written: the wave
 * input records 50 ms buffers (CALLBACK_EVENT) that go out as UDP datagrams on loopback; the
 * receiving side plays each datagram through the wave output (CALLBACK_FUNCTION counting
 * WOM_DONE). The input device reads a WAV file the test writes ($WS2MP_WAVE_IN), the output
 * appends what it plays to another ($WS2MP_WAVE_OUT), so every sample is checked end to end;
 * the pace is the format's byte rate. Then Windows' rules for headers, pause/reset/stop,
 * positions and bad arguments.
 */
#include <winsock2.h>
#include <windows.h>
#include <mmsystem.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define RATE 8000
#define BUF_BYTES 800 /* 50 ms of 8 kHz 16-bit mono */
#define NBUF 4
#define ROUNDS 10

static volatile LONG g_done;

static void CALLBACK on_play(HWAVEOUT hwo, UINT msg, DWORD_PTR instance, DWORD_PTR p1, DWORD_PTR p2)
{
    (void)hwo;
    (void)p2;
    if (msg == WOM_DONE && instance == 0x1234 && (((WAVEHDR *)p1)->dwFlags & WHDR_DONE))
        InterlockedIncrement(&g_done);
}

static void format_pcm(WAVEFORMATEX *f)
{
    memset(f, 0, sizeof(*f));
    f->wFormatTag = WAVE_FORMAT_PCM;
    f->nChannels = 1;
    f->nSamplesPerSec = RATE;
    f->wBitsPerSample = 16;
    f->nBlockAlign = 2;
    f->nAvgBytesPerSec = RATE * 2;
}

static short sample(int i)
{
    return (short)(i * 7 - 3000);
}

/* A WAV file of `n` samples of the pattern. */
static int write_wav(const char *path, int n)
{
    FILE *f = fopen(path, "wb");
    DWORD riff = 36 + (DWORD)n * 2, fmt_len = 16, rate = RATE, bytes = RATE * 2, data = (DWORD)n * 2;
    WORD pcm = 1, mono = 1, align = 2, bits = 16;
    int i;
    if (f == NULL)
        return 0;
    fwrite("RIFF", 1, 4, f);
    fwrite(&riff, 4, 1, f);
    fwrite("WAVEfmt ", 1, 8, f);
    fwrite(&fmt_len, 4, 1, f);
    fwrite(&pcm, 2, 1, f);
    fwrite(&mono, 2, 1, f);
    fwrite(&rate, 4, 1, f);
    fwrite(&bytes, 4, 1, f);
    fwrite(&align, 2, 1, f);
    fwrite(&bits, 2, 1, f);
    fwrite("data", 1, 4, f);
    fwrite(&data, 4, 1, f);
    for (i = 0; i < n; i++) {
        short s = sample(i);
        fwrite(&s, 2, 1, f);
    }
    return fclose(f) == 0;
}

static void test_layouts_and_caps(void)
{
    WAVEOUTCAPSA oc;
    WAVEINCAPSA ic;
    WAVEFORMATEX f;
    HWAVEOUT hwo;
    CHECK_EQ(sizeof(WAVEFORMATEX), 18, "WAVEFORMATEX is 18 bytes (packed)");
    CHECK_EQ(sizeof(MMTIME), 12, "MMTIME is 12 bytes");
    CHECK_EQ(sizeof(WAVEOUTCAPSA), 52, "WAVEOUTCAPSA is 52 bytes");
    CHECK_EQ(sizeof(WAVEINCAPSA), 48, "WAVEINCAPSA is 48 bytes");
    if (sizeof(void *) == 8)
        CHECK_EQ(sizeof(WAVEHDR), 48, "WAVEHDR is 48 bytes on 64-bit systems");
    CHECK(waveOutGetNumDevs() == 1 && waveInGetNumDevs() == 1, "one output and one input device");
    CHECK(waveOutGetDevCapsA(0, &oc, sizeof(oc)) == MMSYSERR_NOERROR && oc.szPname[0] != '\0' &&
              (oc.dwFormats & WAVE_FORMAT_1M16) && oc.wChannels == 2,
          "waveOutGetDevCaps: a name, the formats, 2 channels");
    CHECK(waveInGetDevCapsA(WAVE_MAPPER, &ic, sizeof(ic)) == MMSYSERR_NOERROR && ic.szPname[0] != '\0',
          "waveInGetDevCaps of WAVE_MAPPER");
    CHECK_EQ(waveOutGetDevCapsA(7, &oc, sizeof(oc)), MMSYSERR_BADDEVICEID, "device 7: MMSYSERR_BADDEVICEID");
    format_pcm(&f);
    CHECK_EQ(waveOutOpen(NULL, WAVE_MAPPER, &f, 0, 0, WAVE_FORMAT_QUERY), MMSYSERR_NOERROR,
             "WAVE_FORMAT_QUERY of 8 kHz 16-bit mono");
    f.nBlockAlign = 3;
    CHECK_EQ(waveOutOpen(&hwo, WAVE_MAPPER, &f, 0, 0, CALLBACK_NULL), WAVERR_BADFORMAT, "an inconsistent format: WAVERR_BADFORMAT");
    format_pcm(&f);
    f.wFormatTag = 0x31; /* GSM 6.10 */
    CHECK_EQ(waveOutOpen(&hwo, WAVE_MAPPER, &f, 0, 0, CALLBACK_NULL), WAVERR_BADFORMAT, "a compressed format: WAVERR_BADFORMAT");
    format_pcm(&f);
    CHECK_EQ(waveOutOpen(&hwo, 3, &f, 0, 0, CALLBACK_NULL), MMSYSERR_BADDEVICEID, "device 3: MMSYSERR_BADDEVICEID");
    CHECK_EQ(waveOutOpen(&hwo, 0, &f, 0, 0, 0x00070000), MMSYSERR_INVALFLAG, "an unknown callback type: MMSYSERR_INVALFLAG");
}

/* Records ROUNDS buffers, sends each on loopback, plays each datagram; checks every sample. */
static void test_conference(const char *in_path, const char *out_path)
{
    WAVEFORMATEX f;
    HWAVEIN hwi;
    HWAVEOUT hwo;
    WAVEHDR in_hdr[NBUF], out_hdr[ROUNDS];
    static char in_buf[NBUF][BUF_BYTES], out_buf[ROUNDS][BUF_BYTES];
    HANDLE ready = CreateEventA(NULL, FALSE, FALSE, NULL);
    SOCKET tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in addr;
    int len = sizeof(addr), i, got = 0, sent = 0, next = 0, bad = 0;
    DWORD start, elapsed;
    MMTIME pos;
    FILE *played;

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (struct sockaddr *)&addr, sizeof(addr)) == 0 && getsockname(rx, (struct sockaddr *)&addr, &len) == 0,
            "the receiving side's UDP socket");
    format_pcm(&f);
    SetEnvironmentVariableA("WS2MP_WAVE_IN", in_path);
    SetEnvironmentVariableA("WS2MP_WAVE_OUT", out_path);
    REQUIRE(waveInOpen(&hwi, WAVE_MAPPER, &f, (DWORD_PTR)ready, 0, CALLBACK_EVENT) == MMSYSERR_NOERROR, "waveInOpen (CALLBACK_EVENT)");
    REQUIRE(waveOutOpen(&hwo, WAVE_MAPPER, &f, (DWORD_PTR)on_play, 0x1234, CALLBACK_FUNCTION) == MMSYSERR_NOERROR,
            "waveOutOpen (CALLBACK_FUNCTION)");
    CHECK_EQ(WaitForSingleObject(ready, 0), WAIT_OBJECT_0, "the event is set at WIM_OPEN");
    for (i = 0; i < NBUF; i++) {
        memset(&in_hdr[i], 0, sizeof(WAVEHDR));
        in_hdr[i].lpData = in_buf[i];
        in_hdr[i].dwBufferLength = BUF_BYTES;
        CHECK(waveInPrepareHeader(hwi, &in_hdr[i], sizeof(WAVEHDR)) == MMSYSERR_NOERROR && (in_hdr[i].dwFlags & WHDR_PREPARED),
              "waveInPrepareHeader");
        CHECK_EQ(waveInAddBuffer(hwi, &in_hdr[i], sizeof(WAVEHDR)), MMSYSERR_NOERROR, "waveInAddBuffer");
    }
    CHECK(in_hdr[0].dwFlags & WHDR_INQUEUE, "a queued buffer is WHDR_INQUEUE");
    CHECK_EQ(waveInUnprepareHeader(hwi, &in_hdr[0], sizeof(WAVEHDR)), WAVERR_STILLPLAYING, "unpreparing a queued buffer: WAVERR_STILLPLAYING");
    start = GetTickCount();
    CHECK_EQ(waveInStart(hwi), MMSYSERR_NOERROR, "waveInStart");
    while (sent < ROUNDS && WaitForSingleObject(ready, 5000) == WAIT_OBJECT_0) {
        for (i = 0; i < NBUF && sent < ROUNDS; i++) {
            WAVEHDR *h = &in_hdr[(next + i) % NBUF];
            if (!(h->dwFlags & WHDR_DONE) || (h->dwFlags & WHDR_INQUEUE))
                break;
            sendto(tx, h->lpData, (int)h->dwBytesRecorded, 0, (struct sockaddr *)&addr, sizeof(addr));
            sent++;
            waveInAddBuffer(hwi, h, sizeof(WAVEHDR));
        }
        next = (next + i) % NBUF;
    }
    elapsed = GetTickCount() - start;
    CHECK_EQ(waveInStop(hwi), MMSYSERR_NOERROR, "waveInStop: the buffers not begun stay queued");
    CHECK_EQ(sent, ROUNDS, "ten recorded buffers went out");
    CHECK(elapsed >= ROUNDS * 50 - 60, "recording runs at the format's rate (10 x 50 ms)");
    for (got = 0; got < ROUNDS; got++) {
        int n = recv(rx, out_buf[got], BUF_BYTES, 0);
        memset(&out_hdr[got], 0, sizeof(WAVEHDR));
        out_hdr[got].lpData = out_buf[got];
        out_hdr[got].dwBufferLength = n > 0 ? (DWORD)n : 0;
        waveOutPrepareHeader(hwo, &out_hdr[got], sizeof(WAVEHDR));
        if (waveOutWrite(hwo, &out_hdr[got], sizeof(WAVEHDR)) != MMSYSERR_NOERROR)
            bad++;
    }
    CHECK_EQ(bad, 0, "every datagram is written to the output");
    for (i = 0; i < 100 && g_done < ROUNDS; i++)
        Sleep(20);
    CHECK_EQ(g_done, ROUNDS, "each played buffer comes back through the callback (WOM_DONE, WHDR_DONE)");
    pos.wType = TIME_BYTES;
    CHECK(waveOutGetPosition(hwo, &pos, sizeof(pos)) == MMSYSERR_NOERROR && pos.wType == TIME_BYTES &&
              pos.u.cb == ROUNDS * BUF_BYTES,
          "waveOutGetPosition: the bytes played");
    pos.wType = TIME_SAMPLES;
    CHECK(waveOutGetPosition(hwo, &pos, sizeof(pos)) == MMSYSERR_NOERROR && pos.u.sample == ROUNDS * BUF_BYTES / 2,
          "... in samples");
    CHECK_EQ(waveInClose(hwi), WAVERR_STILLPLAYING, "waveInClose with buffers queued: WAVERR_STILLPLAYING");
    CHECK_EQ(waveInReset(hwi), MMSYSERR_NOERROR, "waveInReset hands them back");
    for (i = 0; i < NBUF; i++) {
        CHECK((in_hdr[i].dwFlags & WHDR_DONE) && !(in_hdr[i].dwFlags & WHDR_INQUEUE), "... each WHDR_DONE");
        waveInUnprepareHeader(hwi, &in_hdr[i], sizeof(WAVEHDR));
    }
    CHECK_EQ(waveInClose(hwi), MMSYSERR_NOERROR, "then waveInClose");
    for (i = 0; i < ROUNDS; i++)
        waveOutUnprepareHeader(hwo, &out_hdr[i], sizeof(WAVEHDR));
    CHECK_EQ(waveOutClose(hwo), MMSYSERR_NOERROR, "waveOutClose");

    played = fopen(out_path, "rb");
    REQUIRE(played != NULL, "the output file");
    for (i = 0; i < ROUNDS * BUF_BYTES / 2; i++) {
        short s;
        if (fread(&s, 2, 1, played) != 1 || s != sample(i)) {
            bad++;
            break;
        }
    }
    fclose(played);
    CHECK_EQ(bad, 0, "the played samples are the recorded file's, in order, end to end");
    closesocket(tx);
    closesocket(rx);
    CloseHandle(ready);
    SetEnvironmentVariableA("WS2MP_WAVE_IN", NULL);
    SetEnvironmentVariableA("WS2MP_WAVE_OUT", NULL);
}

static void test_rules(void)
{
    WAVEFORMATEX f;
    HWAVEOUT hwo;
    HWAVEIN hwi;
    WAVEHDR h[3];
    static char buf[3][16000];
    DWORD t0;
    int i;
    format_pcm(&f);
    REQUIRE(waveOutOpen(&hwo, 0, &f, 0, 0, CALLBACK_NULL) == MMSYSERR_NOERROR, "waveOutOpen (CALLBACK_NULL)");
    for (i = 0; i < 3; i++) {
        memset(&h[i], 0, sizeof(WAVEHDR));
        h[i].lpData = buf[i];
        h[i].dwBufferLength = sizeof(buf[i]); /* 1 s each */
    }
    CHECK_EQ(waveOutWrite(hwo, &h[0], sizeof(WAVEHDR)), WAVERR_UNPREPARED, "writing an unprepared header: WAVERR_UNPREPARED");
    CHECK_EQ(waveOutPrepareHeader(hwo, &h[0], 8), MMSYSERR_INVALPARAM, "a header size too small: MMSYSERR_INVALPARAM");
    for (i = 0; i < 3; i++) {
        waveOutPrepareHeader(hwo, &h[i], sizeof(WAVEHDR));
        waveOutWrite(hwo, &h[i], sizeof(WAVEHDR));
    }
    CHECK_EQ(waveOutClose(hwo), WAVERR_STILLPLAYING, "waveOutClose while playing: WAVERR_STILLPLAYING");
    CHECK_EQ(waveOutPause(hwo), MMSYSERR_NOERROR, "waveOutPause");
    Sleep(50);
    CHECK(!(h[0].dwFlags & WHDR_DONE), "paused: the first second is not done");
    CHECK_EQ(waveOutRestart(hwo), MMSYSERR_NOERROR, "waveOutRestart");
    t0 = GetTickCount();
    CHECK_EQ(waveOutReset(hwo), MMSYSERR_NOERROR, "waveOutReset");
    CHECK((h[0].dwFlags & WHDR_DONE) && (h[2].dwFlags & WHDR_DONE) && GetTickCount() - t0 < 500,
          "... hands every buffer back at once");
    CHECK_EQ(waveOutClose(hwo), MMSYSERR_NOERROR, "then waveOutClose");
    CHECK_EQ(waveOutClose(hwo), MMSYSERR_INVALHANDLE, "a closed handle: MMSYSERR_INVALHANDLE");

    {
        /* CALLBACK_THREAD: the messages come to this thread's queue. */
        MSG msg;
        UINT seen[3] = {0, 0, 0};
        int n = 0;
        PeekMessageA(&msg, NULL, 0, 0, PM_NOREMOVE);
        REQUIRE(waveOutOpen(&hwo, 0, &f, GetCurrentThreadId(), 0, CALLBACK_THREAD) == MMSYSERR_NOERROR,
                "waveOutOpen (CALLBACK_THREAD)");
        memset(&h[0], 0, sizeof(WAVEHDR));
        h[0].lpData = buf[0];
        h[0].dwBufferLength = 1600; /* 100 ms */
        waveOutPrepareHeader(hwo, &h[0], sizeof(WAVEHDR));
        waveOutWrite(hwo, &h[0], sizeof(WAVEHDR));
        while (n < 2 && GetMessageA(&msg, NULL, 0, 0) > 0) {
            if (msg.message == MM_WOM_OPEN || msg.message == MM_WOM_DONE) {
                seen[n++] = msg.message;
                if (msg.message == MM_WOM_DONE)
                    CHECK((HWAVEOUT)msg.wParam == hwo && (WAVEHDR *)msg.lParam == &h[0], "MM_WOM_DONE: the device and the header");
            }
        }
        CHECK(seen[0] == MM_WOM_OPEN && seen[1] == MM_WOM_DONE, "MM_WOM_OPEN, then MM_WOM_DONE, posted to the thread");
        waveOutUnprepareHeader(hwo, &h[0], sizeof(WAVEHDR));
        waveOutClose(hwo);
        CHECK(PeekMessageA(&msg, NULL, MM_WOM_CLOSE, MM_WOM_CLOSE, PM_REMOVE) && msg.message == MM_WOM_CLOSE,
              "MM_WOM_CLOSE at waveOutClose");
    }

    REQUIRE(waveInOpen(&hwi, 0, &f, 0, 0, CALLBACK_NULL) == MMSYSERR_NOERROR, "waveInOpen");
    memset(&h[0], 0, sizeof(WAVEHDR));
    h[0].lpData = buf[0];
    h[0].dwBufferLength = sizeof(buf[0]);
    memset(buf[0], 0x55, sizeof(buf[0]));
    waveInPrepareHeader(hwi, &h[0], sizeof(WAVEHDR));
    waveInAddBuffer(hwi, &h[0], sizeof(WAVEHDR));
    Sleep(100);
    CHECK(!(h[0].dwFlags & WHDR_DONE), "an input that is not started records nothing");
    waveInStart(hwi);
    Sleep(200);
    CHECK_EQ(waveInStop(hwi), MMSYSERR_NOERROR, "waveInStop");
    CHECK((h[0].dwFlags & WHDR_DONE) && h[0].dwBytesRecorded >= 2000 && h[0].dwBytesRecorded < 16000 &&
              h[0].dwBytesRecorded % 2 == 0,
          "... the buffer comes back with the part recorded (whole blocks)");
    CHECK(buf[0][0] == 0 && buf[0][1] == 0, "without a file the input records silence");
    waveInUnprepareHeader(hwi, &h[0], sizeof(WAVEHDR));
    CHECK_EQ(waveInClose(hwi), MMSYSERR_NOERROR, "waveInClose");
    CHECK_EQ(waveInStart((HWAVEIN)hwo), MMSYSERR_INVALHANDLE, "an output handle given to waveInStart: MMSYSERR_INVALHANDLE");
}

int main(void)
{
    WSADATA wsa;
    char dir[MAX_PATH], in_path[MAX_PATH], out_path[MAX_PATH];
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    GetTempPathA(sizeof(dir), dir);
    sprintf(in_path, "%sws2mp_wave_in_%lu.wav", dir, (unsigned long)GetCurrentProcessId());
    sprintf(out_path, "%sws2mp_wave_out_%lu.raw", dir, (unsigned long)GetCurrentProcessId());
    REQUIRE(write_wav(in_path, ROUNDS * BUF_BYTES), "a WAV file to record from");
    DeleteFileA(out_path);
    test_layouts_and_caps();
    test_conference(in_path, out_path);
    test_rules();
    DeleteFileA(in_path);
    DeleteFileA(out_path);
    WSACleanup();
    return check_done();
}
