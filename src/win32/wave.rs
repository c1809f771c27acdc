//! The waveform audio devices (`waveIn*`, `waveOut*`): one virtual device each way, paced by
//! the clock at the format's byte rate, as a sound card would take or give samples. What is
//! played is discarded, or appended to the file `$WS2MP_WAVE_OUT` (raw samples); what is
//! recorded is silence, or the samples of `$WS2MP_WAVE_IN` (a WAV file's data, or raw samples;
//! silence after its end). A device runs on a thread of its own, which hands each buffer back
//! to the program (through the ABI layer's [`Queued::done`]) once its time has passed.

use parking_lot::{Condvar, Mutex};
use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A program buffer queued on a device; the ABI layer reads and writes the program's memory.
pub trait Queued: Send {
    /// Its size in bytes.
    fn len(&self) -> usize;
    /// Output: the samples it holds.
    fn samples(&self) -> Vec<u8>;
    /// Input: stores the samples recorded into it (at most `len` bytes) and their count.
    fn record(&mut self, data: &[u8]);
    /// Marks it done and tells the program (`WOM_DONE`, `WIM_DATA`).
    fn done(self: Box<Self>);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Out,
    In,
}

/// A PCM format as the device paces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    pub bytes_per_second: u32,
    pub block_align: u16,
}

impl Format {
    fn duration(&self, bytes: usize) -> Duration {
        Duration::from_secs_f64(bytes as f64 / f64::from(self.bytes_per_second.max(1)))
    }

    /// The whole blocks played or recorded in `elapsed`.
    fn bytes_in(&self, elapsed: Duration) -> usize {
        let bytes = (elapsed.as_secs_f64() * f64::from(self.bytes_per_second)) as usize;
        let block = usize::from(self.block_align.max(1));
        bytes / block * block
    }
}

struct State {
    queue: VecDeque<Box<dyn Queued>>,
    /// Output: not paused. Input: started.
    running: bool,
    /// When the buffer at the head began (None: not begun, or paused before its end).
    began: Option<Instant>,
    /// Time the head buffer had already spent before a pause.
    spent: Duration,
    /// Bytes played or recorded since opening or the last reset.
    position: u64,
    closing: bool,
    /// Where recorded samples come from, where played ones go.
    source: Option<std::fs::File>,
    sink: Option<std::fs::File>,
}

struct Shared {
    format: Format,
    direction: Direction,
    state: Mutex<State>,
    wake: Condvar,
}

/// An open device.
pub struct Device {
    shared: Arc<Shared>,
}

/// `WAVERR_STILLPLAYING`: buffers are still queued.
#[derive(Debug, PartialEq, Eq)]
pub struct StillPlaying;

/// The file behind `$name`: a WAV file positioned at its samples, or a raw one.
fn open_source(name: &str) -> Option<std::fs::File> {
    let path = std::env::var_os(name)?;
    let mut f = std::fs::File::open(path).ok()?;
    let mut head = [0u8; 12];
    if f.read_exact(&mut head).is_ok() && &head[0..4] == b"RIFF" && &head[8..12] == b"WAVE" {
        // Chunks until "data".
        let mut chunk = [0u8; 8];
        while f.read_exact(&mut chunk).is_ok() {
            let size = u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
            if &chunk[0..4] == b"data" {
                return Some(f);
            }
            let skip = u64::from(size) + u64::from(size & 1);
            if std::io::copy(&mut (&mut f).take(skip), &mut std::io::sink()).ok()? != skip {
                return None;
            }
        }
        return None;
    }
    use std::io::Seek;
    f.rewind().ok()?;
    Some(f)
}

fn open_sink(name: &str) -> Option<std::fs::File> {
    let path = std::env::var_os(name)?;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .ok()
}

impl Device {
    /// Opens the device and starts its thread. Output runs at once; input once `start`ed.
    pub fn open(direction: Direction, format: Format) -> std::io::Result<Device> {
        let (source, sink) = match direction {
            Direction::In => (open_source("WS2MP_WAVE_IN"), None),
            Direction::Out => (None, open_sink("WS2MP_WAVE_OUT")),
        };
        let shared = Arc::new(Shared {
            format,
            direction,
            state: Mutex::new(State {
                queue: VecDeque::new(),
                running: direction == Direction::Out,
                began: None,
                spent: Duration::ZERO,
                position: 0,
                closing: false,
                source,
                sink,
            }),
            wake: Condvar::new(),
        });
        let runner = shared.clone();
        std::thread::Builder::new()
            .name("ws2mp-wave".into())
            .spawn(move || run(&runner))?;
        Ok(Device { shared })
    }

    /// Queues a buffer (`waveOutWrite`, `waveInAddBuffer`).
    pub fn queue(&self, buffer: Box<dyn Queued>) {
        self.shared.state.lock().queue.push_back(buffer);
        self.shared.wake.notify_all();
    }

    /// `waveOutRestart` / `waveInStart` (`true`), `waveOutPause` (`false`).
    pub fn set_running(&self, running: bool) {
        let mut s = self.shared.state.lock();
        if s.running && !running {
            if let Some(began) = s.began.take() {
                s.spent += began.elapsed();
            }
        }
        s.running = running;
        self.shared.wake.notify_all();
    }

    /// `waveInStop`: stops recording; the buffer being filled is handed back with what it holds.
    pub fn stop(&self) {
        let mut s = self.shared.state.lock();
        s.running = false;
        let partial = s.began.take().and_then(|began| {
            let elapsed = s.spent + began.elapsed();
            finish_head(&self.shared, &mut s, Some(elapsed))
        });
        s.spent = Duration::ZERO;
        drop(s);
        self.shared.wake.notify_all();
        if let Some(b) = partial {
            b.done();
        }
    }

    /// `waveOutReset` / `waveInReset`: every queued buffer is handed back now (a recording one
    /// with what it holds), the position goes back to 0; output keeps running, input stops.
    pub fn reset(&self) {
        let mut s = self.shared.state.lock();
        let mut back = Vec::new();
        if self.shared.direction == Direction::In {
            if let Some(began) = s.began.take() {
                let elapsed = s.spent + began.elapsed();
                back.extend(finish_head(&self.shared, &mut s, Some(elapsed)));
            }
            s.running = false;
        } else {
            s.running = true;
        }
        s.began = None;
        s.spent = Duration::ZERO;
        back.extend(s.queue.drain(..));
        s.position = 0;
        drop(s);
        self.shared.wake.notify_all();
        for b in back {
            b.done();
        }
    }

    /// Bytes played or recorded since opening or the last reset.
    pub fn position(&self) -> u64 {
        let s = self.shared.state.lock();
        let now = s.began.map_or(s.spent, |b| s.spent + b.elapsed());
        let head = s.queue.front().map_or(0, |b| b.len());
        s.position + self.shared.format.bytes_in(now).min(head) as u64
    }

    /// Closes the device; `StillPlaying` while buffers are queued.
    pub fn close(&self) -> Result<(), StillPlaying> {
        let mut s = self.shared.state.lock();
        if !s.queue.is_empty() {
            return Err(StillPlaying);
        }
        s.closing = true;
        self.shared.wake.notify_all();
        Ok(())
    }
}

/// Takes the head buffer off the queue, played (its samples to the sink) or recorded for
/// `elapsed` (all of it when None); the caller hands it back with the lock released (the
/// program's callback may call the device again).
fn finish_head(
    shared: &Shared,
    s: &mut State,
    elapsed: Option<Duration>,
) -> Option<Box<dyn Queued>> {
    let mut head = s.queue.pop_front()?;
    let len = head.len();
    let bytes = elapsed.map_or(len, |e| shared.format.bytes_in(e).min(len));
    match shared.direction {
        Direction::Out => {
            if let Some(sink) = s.sink.as_mut() {
                let _ = sink.write_all(&head.samples());
            }
        }
        Direction::In => {
            let mut data = vec![0u8; bytes];
            if let Some(source) = s.source.as_mut() {
                let mut got = 0;
                while got < bytes {
                    match source.read(&mut data[got..]) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => got += n,
                    }
                }
            }
            head.record(&data);
        }
    }
    s.position += bytes as u64;
    s.began = None;
    s.spent = Duration::ZERO;
    Some(head)
}

/// The device's thread: each head buffer is handed back once its time has passed.
fn run(shared: &Shared) {
    let mut s = shared.state.lock();
    loop {
        if s.closing {
            return;
        }
        if !s.running || s.queue.is_empty() {
            shared.wake.wait(&mut s);
            continue;
        }
        let began = *s.began.get_or_insert_with(Instant::now);
        let len = s.queue.front().map_or(0, |b| b.len());
        let due = began + shared.format.duration(len).saturating_sub(s.spent);
        let now = Instant::now();
        if now < due {
            shared.wake.wait_for(&mut s, due - now);
            continue;
        }
        // On time: the next buffer starts where this one ended, so the pace does not drift.
        let finished = finish_head(shared, &mut s, None);
        if s.running && !s.queue.is_empty() {
            s.began = Some(due);
        }
        if let Some(b) = finished {
            parking_lot::MutexGuard::unlocked(&mut s, || b.done());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    struct Probe {
        len: usize,
        done: mpsc::Sender<(usize, Instant)>,
        recorded: usize,
    }

    impl Queued for Probe {
        fn len(&self) -> usize {
            self.len
        }
        fn samples(&self) -> Vec<u8> {
            vec![1; self.len]
        }
        fn record(&mut self, data: &[u8]) {
            self.recorded = data.len();
        }
        fn done(self: Box<Self>) {
            let _ = self.done.send((self.recorded, Instant::now()));
        }
    }

    #[test]
    fn output_buffers_come_back_at_the_byte_rate() {
        let format = Format {
            bytes_per_second: 8000,
            block_align: 1,
        };
        let dev = Device::open(Direction::Out, format).unwrap();
        let (tx, rx) = mpsc::channel();
        let start = Instant::now();
        for _ in 0..3 {
            dev.queue(Box::new(Probe {
                len: 400,
                done: tx.clone(),
                recorded: 0,
            }));
        }
        for _ in 0..3 {
            rx.recv_timeout(Duration::from_secs(5)).unwrap();
        }
        assert!(
            start.elapsed() >= Duration::from_millis(140),
            "3 × 50 ms of samples"
        );
        assert_eq!(dev.position(), 1200);
        assert_eq!(dev.close(), Ok(()));
    }

    #[test]
    fn input_records_only_when_started_and_stop_returns_the_part_recorded() {
        let format = Format {
            bytes_per_second: 10_000,
            block_align: 2,
        };
        let dev = Device::open(Direction::In, format).unwrap();
        let (tx, rx) = mpsc::channel();
        dev.queue(Box::new(Probe {
            len: 10_000,
            done: tx.clone(),
            recorded: 0,
        }));
        assert!(
            rx.recv_timeout(Duration::from_millis(100)).is_err(),
            "not started"
        );
        assert_eq!(dev.close(), Err(StillPlaying));
        dev.set_running(true);
        std::thread::sleep(Duration::from_millis(100));
        dev.stop();
        let (recorded, _) = rx.recv_timeout(Duration::from_secs(1)).unwrap();
        assert!(
            (800..10_000).contains(&recorded) && recorded % 2 == 0,
            "{recorded}"
        );
        assert_eq!(dev.close(), Ok(()));
    }
}
