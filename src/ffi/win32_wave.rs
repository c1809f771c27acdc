//! Waveform audio (`<mmsystem.h>`): `waveOut*` and `waveIn*` over `win32::wave`'s virtual
//! devices, with Windows' handles, header flags, callbacks (window, thread, function, event)
//! and `MMRESULT` codes. The structures (`WAVEFORMATEX`, `WAVEHDR`, `WAVEOUTCAPS`, `MMTIME`)
//! are the compat header's, packed as Windows packs them; the calls take them as pointers.

use super::win32_sync::SetEvent;
use super::win32_window::{PostMessageA, PostThreadMessageA};
use crate::win32::wave::{Device, Direction, Format, Queued};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::os::raw::c_void;
use std::sync::Arc;

const MMSYSERR_NOERROR: u32 = 0;
const MMSYSERR_ERROR: u32 = 1;
const MMSYSERR_BADDEVICEID: u32 = 2;
const MMSYSERR_INVALHANDLE: u32 = 5;
const MMSYSERR_NOMEM: u32 = 7;
const MMSYSERR_INVALFLAG: u32 = 10;
const MMSYSERR_INVALPARAM: u32 = 11;
const WAVERR_BADFORMAT: u32 = 32;
const WAVERR_STILLPLAYING: u32 = 33;
const WAVERR_UNPREPARED: u32 = 34;

const WHDR_DONE: u32 = 0x01;
const WHDR_PREPARED: u32 = 0x02;
const WHDR_INQUEUE: u32 = 0x10;

const WAVE_MAPPER: u32 = u32::MAX;
const WAVE_FORMAT_QUERY: u32 = 0x0001;
const WAVE_FORMAT_PCM: u16 = 1;
const CALLBACK_TYPEMASK: u32 = 0x0007_0000;
const CALLBACK_NULL: u32 = 0;
const CALLBACK_WINDOW: u32 = 0x0001_0000;
const CALLBACK_THREAD: u32 = 0x0002_0000;
const CALLBACK_FUNCTION: u32 = 0x0003_0000;
const CALLBACK_EVENT: u32 = 0x0005_0000;

const MM_WOM_OPEN: u32 = 0x3BB;
const MM_WOM_CLOSE: u32 = 0x3BC;
const MM_WOM_DONE: u32 = 0x3BD;
const MM_WIM_OPEN: u32 = 0x3BE;
const MM_WIM_CLOSE: u32 = 0x3BF;
const MM_WIM_DATA: u32 = 0x3C0;

const TIME_MS: u32 = 0x0001;
const TIME_SAMPLES: u32 = 0x0002;
const TIME_BYTES: u32 = 0x0004;

/// `WAVEFORMATEX` (18 bytes, packed).
#[repr(C, packed)]
#[derive(Clone, Copy)]
struct WaveFormat {
    format_tag: u16,
    channels: u16,
    samples_per_sec: u32,
    avg_bytes_per_sec: u32,
    block_align: u16,
    bits_per_sample: u16,
}

/// `WAVEHDR` (48 bytes on 64-bit systems).
#[repr(C)]
struct WaveHdr {
    data: *mut u8,
    buffer_length: u32,
    bytes_recorded: u32,
    user: usize,
    flags: u32,
    loops: u32,
    next: *mut c_void,
    reserved: usize,
}

/// How an open device tells the program about its buffers.
#[derive(Clone, Copy)]
enum Notify {
    Nothing,
    Window(usize),
    Thread(u32),
    Function(
        unsafe extern "C" fn(*mut c_void, u32, usize, usize, usize),
        usize,
    ),
    Event(usize),
}

// SAFETY: the callback and its instance are the program's, called as Windows calls them.
unsafe impl Send for Notify {}
// SAFETY: as above; the values are only read.
unsafe impl Sync for Notify {}

impl Notify {
    fn send(self, handle: usize, message: u32, param: usize) {
        match self {
            Notify::Nothing => {}
            Notify::Window(hwnd) => {
                PostMessageA(hwnd as *mut c_void, message, handle, param as isize);
            }
            Notify::Thread(tid) => {
                PostThreadMessageA(tid, message, handle, param as isize);
            }
            // SAFETY: the program gave this function with CALLBACK_FUNCTION.
            Notify::Function(f, instance) => unsafe {
                f(handle as *mut c_void, message, instance, param, 0)
            },
            Notify::Event(event) => {
                SetEvent(event as *mut c_void);
            }
        }
    }
}

struct Open {
    device: Device,
    notify: Notify,
    direction: Direction,
    format: Format,
    volume: Mutex<u32>,
}

static DEVICES: Mutex<Option<HashMap<usize, Arc<Open>>>> = Mutex::new(None);

/// Device handles: a tag and a count (never a table handle or a pointer).
const HANDLE_TAG: usize = 0x3A5E_0000;

fn device(handle: *mut c_void, direction: Direction) -> Result<Arc<Open>, u32> {
    DEVICES
        .lock()
        .as_ref()
        .and_then(|d| d.get(&(handle as usize)).cloned())
        .filter(|o| o.direction == direction)
        .ok_or(MMSYSERR_INVALHANDLE)
}

/// Runs an MMRESULT call under the ABI's panic guard.
fn mm(body: impl FnOnce() -> Result<(), u32>) -> u32 {
    super::call(MMSYSERR_ERROR, || {
        Ok(body().err().unwrap_or(MMSYSERR_NOERROR))
    })
}

/// A program buffer on a device.
struct Header {
    hdr: usize,
    handle: usize,
    message: u32,
    notify: Notify,
}

impl Header {
    fn get(&self) -> *mut WaveHdr {
        self.hdr as *mut WaveHdr
    }
}

impl Queued for Header {
    fn len(&self) -> usize {
        // SAFETY: the program keeps a queued header valid until it is handed back.
        unsafe { (*self.get()).buffer_length as usize }
    }

    fn samples(&self) -> Vec<u8> {
        let len = self.len();
        // SAFETY: as above; lpData holds dwBufferLength bytes.
        unsafe { std::slice::from_raw_parts((*self.get()).data, len).to_vec() }
    }

    fn record(&mut self, data: &[u8]) {
        let n = data.len().min(self.len());
        // SAFETY: as above; at most dwBufferLength bytes are written.
        unsafe {
            std::ptr::copy_nonoverlapping(data.as_ptr(), (*self.get()).data, n);
            (*self.get()).bytes_recorded = n as u32;
        }
    }

    fn done(self: Box<Self>) {
        // SAFETY: as above; the flags are the header's.
        unsafe { (*self.get()).flags = ((*self.get()).flags & !WHDR_INQUEUE) | WHDR_DONE };
        self.notify.send(self.handle, self.message, self.hdr);
    }
}

/// The PCM format `pwfx` describes, or `WAVERR_BADFORMAT`.
///
/// # Safety
/// `pwfx` must be NULL or point to a `WAVEFORMATEX` (or `PCMWAVEFORMAT`: 16 bytes read).
unsafe fn read_format(pwfx: *const c_void) -> Result<Format, u32> {
    if pwfx.is_null() {
        return Err(MMSYSERR_INVALPARAM);
    }
    // SAFETY: caller guarantee; the packed copy is read unaligned.
    let f = unsafe { std::ptr::read_unaligned(pwfx.cast::<WaveFormat>()) };
    let (tag, channels, rate, avg, align, bits) = (
        f.format_tag,
        f.channels,
        f.samples_per_sec,
        f.avg_bytes_per_sec,
        f.block_align,
        f.bits_per_sample,
    );
    let consistent = tag == WAVE_FORMAT_PCM
        && (1..=8).contains(&channels)
        && matches!(bits, 8 | 16 | 24 | 32)
        && (1..=384_000).contains(&rate)
        && u32::from(align) == u32::from(channels) * u32::from(bits) / 8
        && avg == rate * u32::from(align);
    if !consistent {
        return Err(WAVERR_BADFORMAT);
    }
    Ok(Format {
        bytes_per_second: avg,
        block_align: align,
    })
}

/// `waveOutOpen` / `waveInOpen`.
///
/// # Safety
/// As `waveOutOpen`.
unsafe fn open(
    direction: Direction,
    out: *mut *mut c_void,
    device_id: u32,
    pwfx: *const c_void,
    callback: usize,
    instance: usize,
    flags: u32,
) -> u32 {
    mm(|| {
        if device_id != 0 && device_id != WAVE_MAPPER {
            return Err(MMSYSERR_BADDEVICEID);
        }
        // SAFETY: caller guarantee.
        let format = unsafe { read_format(pwfx) }?;
        if flags & WAVE_FORMAT_QUERY != 0 {
            return Ok(());
        }
        if out.is_null() {
            return Err(MMSYSERR_INVALPARAM);
        }
        let notify = match flags & CALLBACK_TYPEMASK {
            CALLBACK_NULL => Notify::Nothing,
            CALLBACK_WINDOW => Notify::Window(callback),
            CALLBACK_THREAD => Notify::Thread(callback as u32),
            CALLBACK_FUNCTION if callback != 0 => Notify::Function(
                // SAFETY: the program passed a waveOutProc / waveInProc with CALLBACK_FUNCTION.
                unsafe {
                    std::mem::transmute::<
                        usize,
                        unsafe extern "C" fn(*mut c_void, u32, usize, usize, usize),
                    >(callback)
                },
                instance,
            ),
            CALLBACK_EVENT => Notify::Event(callback),
            _ => return Err(MMSYSERR_INVALFLAG),
        };
        let device = Device::open(direction, format).map_err(|_| MMSYSERR_NOMEM)?;
        let handle = {
            let mut devices = DEVICES.lock();
            let map = devices.get_or_insert_with(HashMap::new);
            let handle = (0..)
                .map(|n: usize| HANDLE_TAG + 4 * (n + 1))
                .find(|h| !map.contains_key(h))
                .expect("a free handle value");
            map.insert(
                handle,
                Arc::new(Open {
                    device,
                    notify,
                    direction,
                    format,
                    volume: Mutex::new(0xFFFF_FFFF),
                }),
            );
            handle
        };
        // SAFETY: caller guarantee: `out` is writable.
        unsafe { out.write(handle as *mut c_void) };
        let opened = if direction == Direction::Out {
            MM_WOM_OPEN
        } else {
            MM_WIM_OPEN
        };
        notify.send(handle, opened, 0);
        Ok(())
    })
}

/// `waveOutClose` / `waveInClose`.
fn close(handle: *mut c_void, direction: Direction) -> u32 {
    mm(|| {
        let open = device(handle, direction)?;
        open.device.close().map_err(|_| WAVERR_STILLPLAYING)?;
        if let Some(d) = DEVICES.lock().as_mut() {
            d.remove(&(handle as usize));
        }
        let closed = if direction == Direction::Out {
            MM_WOM_CLOSE
        } else {
            MM_WIM_CLOSE
        };
        open.notify.send(handle as usize, closed, 0);
        Ok(())
    })
}

/// The header `pwh` after its size and pointer are checked.
fn header(pwh: *mut c_void, cbwh: u32) -> Result<*mut WaveHdr, u32> {
    if pwh.is_null() || (cbwh as usize) < std::mem::size_of::<WaveHdr>() {
        return Err(MMSYSERR_INVALPARAM);
    }
    Ok(pwh.cast())
}

/// `wave*PrepareHeader` (`prepare`) / `wave*UnprepareHeader`.
///
/// # Safety
/// `pwh` must be NULL or a writable `WAVEHDR`.
unsafe fn prepare(
    handle: *mut c_void,
    direction: Direction,
    pwh: *mut c_void,
    cbwh: u32,
    prepare: bool,
) -> u32 {
    mm(|| {
        device(handle, direction)?;
        let h = header(pwh, cbwh)?;
        // SAFETY: caller guarantee.
        let h = unsafe { &mut *h };
        if prepare {
            h.flags |= WHDR_PREPARED;
        } else {
            if h.flags & WHDR_INQUEUE != 0 {
                return Err(WAVERR_STILLPLAYING);
            }
            h.flags &= !WHDR_PREPARED;
        }
        Ok(())
    })
}

/// `waveOutWrite` / `waveInAddBuffer`.
///
/// # Safety
/// `pwh` must be NULL or a writable `WAVEHDR` that stays valid until it is handed back.
unsafe fn enqueue(handle: *mut c_void, direction: Direction, pwh: *mut c_void, cbwh: u32) -> u32 {
    mm(|| {
        let open = device(handle, direction)?;
        let h = header(pwh, cbwh)?;
        // SAFETY: caller guarantee.
        let hdr = unsafe { &mut *h };
        if hdr.flags & WHDR_PREPARED == 0 {
            return Err(WAVERR_UNPREPARED);
        }
        if hdr.flags & WHDR_INQUEUE != 0 {
            return Err(WAVERR_STILLPLAYING);
        }
        if hdr.data.is_null() && hdr.buffer_length > 0 {
            return Err(MMSYSERR_INVALPARAM);
        }
        hdr.flags = (hdr.flags & !WHDR_DONE) | WHDR_INQUEUE;
        if direction == Direction::In {
            hdr.bytes_recorded = 0;
        }
        open.device.queue(Box::new(Header {
            hdr: h as usize,
            handle: handle as usize,
            message: if direction == Direction::Out {
                MM_WOM_DONE
            } else {
                MM_WIM_DATA
            },
            notify: open.notify,
        }));
        Ok(())
    })
}

/// `wave*GetPosition`: `TIME_BYTES`, `TIME_SAMPLES` or `TIME_MS`; another `wType` is answered
/// in bytes (`wType` becomes `TIME_BYTES`), as Windows answers a format it does not keep.
///
/// # Safety
/// `pmmt` must be NULL or a writable `MMTIME` of `cbmmt` bytes.
unsafe fn position(
    handle: *mut c_void,
    direction: Direction,
    pmmt: *mut c_void,
    cbmmt: u32,
) -> u32 {
    mm(|| {
        let open = device(handle, direction)?;
        if pmmt.is_null() || cbmmt < 12 {
            return Err(MMSYSERR_INVALPARAM);
        }
        let bytes = open.device.position();
        let p = pmmt.cast::<u32>();
        // SAFETY: caller guarantee: 12 bytes, wType then the 32-bit value.
        let wanted = unsafe { p.read_unaligned() };
        let (kind, value) = match wanted {
            TIME_SAMPLES => (
                TIME_SAMPLES,
                bytes / u64::from(open.format.block_align.max(1)),
            ),
            TIME_MS => (
                TIME_MS,
                bytes * 1000 / u64::from(open.format.bytes_per_second.max(1)),
            ),
            _ => (TIME_BYTES, bytes),
        };
        // SAFETY: as above.
        unsafe {
            p.write_unaligned(kind);
            p.add(1).write_unaligned(value as u32);
        }
        Ok(())
    })
}

/// The capabilities structure's bytes: ids, driver version, the name (in 32 characters of
/// one or two bytes), the formats (all `WAVE_FORMAT_*` bits), 2 channels, and for output
/// `dwSupport` (`WAVECAPS_VOLUME | WAVECAPS_LRVOLUME | WAVECAPS_SAMPLEACCURATE`).
fn caps(wide: bool, output: bool) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&1u16.to_le_bytes()); // wMid: MM_MICROSOFT
    b.extend_from_slice(&(if output { 2u16 } else { 3u16 }).to_le_bytes()); // wPid
    b.extend_from_slice(&0x0100u32.to_le_bytes()); // vDriverVersion 1.0
    let name = if output {
        "ws2mp virtual output"
    } else {
        "ws2mp virtual input"
    };
    let mut units: Vec<u16> = name.encode_utf16().collect();
    units.resize(32, 0);
    for u in units {
        if wide {
            b.extend_from_slice(&u.to_le_bytes());
        } else {
            b.push(u as u8);
        }
    }
    b.extend_from_slice(&0x000F_FFFFu32.to_le_bytes()); // dwFormats
    b.extend_from_slice(&2u16.to_le_bytes()); // wChannels
    b.extend_from_slice(&0u16.to_le_bytes()); // wReserved1
    if output {
        b.extend_from_slice(&0x002Cu32.to_le_bytes()); // dwSupport
    }
    b
}

/// Copies a capabilities structure out (at most `cb` bytes of it, as Windows does).
///
/// # Safety
/// `out` must be NULL or hold `cb` writable bytes.
unsafe fn get_caps(device_id: usize, out: *mut c_void, cb: u32, wide: bool, output: bool) -> u32 {
    mm(|| {
        if device_id != 0 && device_id as u32 != WAVE_MAPPER && device_id != usize::MAX {
            return Err(MMSYSERR_BADDEVICEID);
        }
        if out.is_null() {
            return Err(MMSYSERR_INVALPARAM);
        }
        let bytes = caps(wide, output);
        // SAFETY: caller guarantee: `cb` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(
                bytes.as_ptr(),
                out.cast::<u8>(),
                bytes.len().min(cb as usize),
            )
        };
        Ok(())
    })
}

/// The number of output devices: 1 (ws2mp's virtual device).
#[no_mangle]
pub extern "C" fn waveOutGetNumDevs() -> u32 {
    1
}

/// The number of input devices: 1 (ws2mp's virtual device).
#[no_mangle]
pub extern "C" fn waveInGetNumDevs() -> u32 {
    1
}

/// The virtual output device's `WAVEOUTCAPSA` (device 0 or `WAVE_MAPPER`).
///
/// # Safety
/// `pwoc` must be NULL or hold `cbwoc` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn waveOutGetDevCapsA(
    uDeviceID: usize,
    pwoc: *mut c_void,
    cbwoc: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { get_caps(uDeviceID, pwoc, cbwoc, false, true) }
}

/// `waveOutGetDevCapsA` with a UTF-16 name (`WAVEOUTCAPSW`).
///
/// # Safety
/// `pwoc` must be NULL or hold `cbwoc` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn waveOutGetDevCapsW(
    uDeviceID: usize,
    pwoc: *mut c_void,
    cbwoc: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { get_caps(uDeviceID, pwoc, cbwoc, true, true) }
}

/// The virtual input device's `WAVEINCAPSA`.
///
/// # Safety
/// `pwic` must be NULL or hold `cbwic` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn waveInGetDevCapsA(uDeviceID: usize, pwic: *mut c_void, cbwic: u32) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { get_caps(uDeviceID, pwic, cbwic, false, false) }
}

/// `waveInGetDevCapsA` with a UTF-16 name (`WAVEINCAPSW`).
///
/// # Safety
/// `pwic` must be NULL or hold `cbwic` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn waveInGetDevCapsW(uDeviceID: usize, pwic: *mut c_void, cbwic: u32) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { get_caps(uDeviceID, pwic, cbwic, true, false) }
}

/// Opens the virtual output device (0 or `WAVE_MAPPER`) for PCM in `pwfx` (8, 16, 24 or 32
/// bits, 1 to 8 channels, consistent `nBlockAlign` and `nAvgBytesPerSec`; else
/// `WAVERR_BADFORMAT`). Buffers written are played at the format's rate: each comes back
/// (`WHDR_DONE`, `WOM_DONE`) when its time has passed; the samples are discarded, or appended
/// to the file `$WS2MP_WAVE_OUT` (raw). `fdwOpen`: `CALLBACK_NULL`, `CALLBACK_WINDOW` (posted
/// `MM_WOM_*` messages), `CALLBACK_THREAD`, `CALLBACK_FUNCTION` (called on ws2mp's device
/// thread), `CALLBACK_EVENT` (set), `WAVE_FORMAT_QUERY` (only checks the format). Returns
/// `MMSYSERR_NOERROR` or the `MMRESULT` error.
///
/// # Safety
/// `phwo` must be NULL (with `WAVE_FORMAT_QUERY`) or writable; `pwfx` a `WAVEFORMATEX`;
/// `dwCallback` what `fdwOpen` says it is.
#[no_mangle]
pub unsafe extern "C" fn waveOutOpen(
    phwo: *mut *mut c_void,
    uDeviceID: u32,
    pwfx: *const c_void,
    dwCallback: usize,
    dwInstance: usize,
    fdwOpen: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe {
        open(
            Direction::Out,
            phwo,
            uDeviceID,
            pwfx,
            dwCallback,
            dwInstance,
            fdwOpen,
        )
    }
}

/// Opens the virtual input device as `waveOutOpen` opens the output: once started, each
/// buffer added is filled at the format's rate (silence, or the samples of the file
/// `$WS2MP_WAVE_IN`: a WAV file's data or raw samples, silence after its end) and comes back
/// (`WHDR_DONE`, `dwBytesRecorded`, `WIM_DATA`).
///
/// # Safety
/// As `waveOutOpen`.
#[no_mangle]
pub unsafe extern "C" fn waveInOpen(
    phwi: *mut *mut c_void,
    uDeviceID: u32,
    pwfx: *const c_void,
    dwCallback: usize,
    dwInstance: usize,
    fdwOpen: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe {
        open(
            Direction::In,
            phwi,
            uDeviceID,
            pwfx,
            dwCallback,
            dwInstance,
            fdwOpen,
        )
    }
}

/// Marks a header prepared (`WHDR_PREPARED`).
///
/// # Safety
/// `pwh` must be NULL or a writable `WAVEHDR` of `cbwh` bytes.
#[no_mangle]
pub unsafe extern "C" fn waveOutPrepareHeader(
    hwo: *mut c_void,
    pwh: *mut c_void,
    cbwh: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { prepare(hwo, Direction::Out, pwh, cbwh, true) }
}

/// Clears `WHDR_PREPARED`; `WAVERR_STILLPLAYING` while the buffer is queued.
///
/// # Safety
/// As `waveOutPrepareHeader`.
#[no_mangle]
pub unsafe extern "C" fn waveOutUnprepareHeader(
    hwo: *mut c_void,
    pwh: *mut c_void,
    cbwh: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { prepare(hwo, Direction::Out, pwh, cbwh, false) }
}

/// Queues a prepared buffer for playing (`WAVERR_UNPREPARED` otherwise).
///
/// # Safety
/// `pwh` must be NULL or a writable `WAVEHDR` whose buffer stays valid until it comes back.
#[no_mangle]
pub unsafe extern "C" fn waveOutWrite(hwo: *mut c_void, pwh: *mut c_void, cbwh: u32) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { enqueue(hwo, Direction::Out, pwh, cbwh) }
}

/// Pauses playing (the buffer being played keeps its place).
#[no_mangle]
pub extern "C" fn waveOutPause(hwo: *mut c_void) -> u32 {
    mm(|| device(hwo, Direction::Out).map(|o| o.device.set_running(false)))
}

/// Resumes playing after `waveOutPause`.
#[no_mangle]
pub extern "C" fn waveOutRestart(hwo: *mut c_void) -> u32 {
    mm(|| device(hwo, Direction::Out).map(|o| o.device.set_running(true)))
}

/// Hands every queued buffer back now (`WOM_DONE` each) and sets the position to 0.
#[no_mangle]
pub extern "C" fn waveOutReset(hwo: *mut c_void) -> u32 {
    mm(|| device(hwo, Direction::Out).map(|o| o.device.reset()))
}

/// Closes the device (`WOM_CLOSE`); `WAVERR_STILLPLAYING` while buffers are queued.
#[no_mangle]
pub extern "C" fn waveOutClose(hwo: *mut c_void) -> u32 {
    close(hwo, Direction::Out)
}

/// The bytes played since opening or the last reset, as `pmmt->wType` asks.
///
/// # Safety
/// `pmmt` must be NULL or a writable `MMTIME` of `cbmmt` bytes.
#[no_mangle]
pub unsafe extern "C" fn waveOutGetPosition(
    hwo: *mut c_void,
    pmmt: *mut c_void,
    cbmmt: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { position(hwo, Direction::Out, pmmt, cbmmt) }
}

/// Records the volume (low word left, high word right); the samples are not scaled.
#[no_mangle]
pub extern "C" fn waveOutSetVolume(hwo: *mut c_void, dwVolume: u32) -> u32 {
    mm(|| device(hwo, Direction::Out).map(|o| *o.volume.lock() = dwVolume))
}

/// The volume `waveOutSetVolume` recorded (0xFFFFFFFF at first).
///
/// # Safety
/// `pdwVolume` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn waveOutGetVolume(hwo: *mut c_void, pdwVolume: *mut u32) -> u32 {
    mm(|| {
        let open = device(hwo, Direction::Out)?;
        if pdwVolume.is_null() {
            return Err(MMSYSERR_INVALPARAM);
        }
        // SAFETY: caller guarantee.
        unsafe { pdwVolume.write(*open.volume.lock()) };
        Ok(())
    })
}

/// `waveOutPrepareHeader` for input.
///
/// # Safety
/// As `waveOutPrepareHeader`.
#[no_mangle]
pub unsafe extern "C" fn waveInPrepareHeader(hwi: *mut c_void, pwh: *mut c_void, cbwh: u32) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { prepare(hwi, Direction::In, pwh, cbwh, true) }
}

/// `waveOutUnprepareHeader` for input.
///
/// # Safety
/// As `waveOutPrepareHeader`.
#[no_mangle]
pub unsafe extern "C" fn waveInUnprepareHeader(
    hwi: *mut c_void,
    pwh: *mut c_void,
    cbwh: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { prepare(hwi, Direction::In, pwh, cbwh, false) }
}

/// Queues a prepared buffer to be recorded into.
///
/// # Safety
/// As `waveOutWrite`.
#[no_mangle]
pub unsafe extern "C" fn waveInAddBuffer(hwi: *mut c_void, pwh: *mut c_void, cbwh: u32) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { enqueue(hwi, Direction::In, pwh, cbwh) }
}

/// Starts recording into the queued buffers.
#[no_mangle]
pub extern "C" fn waveInStart(hwi: *mut c_void) -> u32 {
    mm(|| device(hwi, Direction::In).map(|o| o.device.set_running(true)))
}

/// Stops recording: the buffer being filled comes back with what it holds; the others stay
/// queued.
#[no_mangle]
pub extern "C" fn waveInStop(hwi: *mut c_void) -> u32 {
    mm(|| device(hwi, Direction::In).map(|o| o.device.stop()))
}

/// Stops recording and hands every queued buffer back (`WIM_DATA` each); position 0.
#[no_mangle]
pub extern "C" fn waveInReset(hwi: *mut c_void) -> u32 {
    mm(|| device(hwi, Direction::In).map(|o| o.device.reset()))
}

/// Closes the device (`WIM_CLOSE`); `WAVERR_STILLPLAYING` while buffers are queued.
#[no_mangle]
pub extern "C" fn waveInClose(hwi: *mut c_void) -> u32 {
    close(hwi, Direction::In)
}

/// The bytes recorded since opening or the last reset, as `pmmt->wType` asks.
///
/// # Safety
/// As `waveOutGetPosition`.
#[no_mangle]
pub unsafe extern "C" fn waveInGetPosition(hwi: *mut c_void, pmmt: *mut c_void, cbmmt: u32) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { position(hwi, Direction::In, pmmt, cbmmt) }
}
