//! `CoInitialize`, `CoInitializeEx`, `CoUninitialize`: the per-thread COM initialisation count
//! and concurrency model, without COM itself. Programs that call them around Winsock code (or
//! libraries that do, to be safe) get Windows' answers: `S_OK` for a thread's first call,
//! `S_FALSE` for each further call with the same model, `RPC_E_CHANGED_MODE` for a call asking
//! for the other model (which does not count); `CoUninitialize` undoes one counted call, and
//! the thread may pick a model again once the count is back to 0.

use std::cell::Cell;

pub(crate) const S_OK: i32 = 0;
pub(crate) const S_FALSE: i32 = 1;
/// `RPC_E_CHANGED_MODE`.
pub(crate) const RPC_E_CHANGED_MODE: i32 = 0x8001_0106_u32 as i32;

/// `COINIT_APARTMENTTHREADED` (absent: `COINIT_MULTITHREADED`).
pub(crate) const APARTMENT_THREADED: u32 = 0x2;

/// A thread's concurrency model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Model {
    /// Single-threaded apartment (`CoInitialize`, `COINIT_APARTMENTTHREADED`).
    Apartment,
    /// Multithreaded apartment (`COINIT_MULTITHREADED`).
    Multithreaded,
}

impl Model {
    /// The model `CoInitializeEx`'s flags ask for (the other flags change nothing here).
    pub(crate) fn from_flags(flags: u32) -> Model {
        if flags & APARTMENT_THREADED != 0 {
            Model::Apartment
        } else {
            Model::Multithreaded
        }
    }
}

thread_local! {
    /// The calling thread's count of counted calls, and its model while that is above 0.
    static STATE: Cell<(u32, Option<Model>)> = const { Cell::new((0, None)) };
}

/// `CoInitializeEx` on the calling thread: its HRESULT.
pub(crate) fn initialize(model: Model) -> i32 {
    STATE
        .try_with(|s| match s.get() {
            (0, _) => {
                s.set((1, Some(model)));
                S_OK
            }
            (n, Some(m)) if m == model => {
                s.set((n.saturating_add(1), Some(m)));
                S_FALSE
            }
            _ => RPC_E_CHANGED_MODE,
        })
        .unwrap_or(S_OK)
}

/// `CoUninitialize` on the calling thread: undoes one counted call (none left: nothing).
pub(crate) fn uninitialize() {
    let _ = STATE.try_with(|s| match s.get() {
        (0, _) | (1, _) => s.set((0, None)),
        (n, m) => s.set((n - 1, m)),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_models_are_per_thread() {
        std::thread::spawn(|| {
            assert_eq!(initialize(Model::Apartment), S_OK);
            assert_eq!(initialize(Model::Apartment), S_FALSE);
            assert_eq!(initialize(Model::Multithreaded), RPC_E_CHANGED_MODE);
            let other = std::thread::spawn(|| initialize(Model::Multithreaded));
            assert_eq!(other.join().unwrap(), S_OK, "another thread starts afresh");
            uninitialize();
            assert_eq!(
                initialize(Model::Multithreaded),
                RPC_E_CHANGED_MODE,
                "one call still counts"
            );
            uninitialize();
            assert_eq!(
                initialize(Model::Multithreaded),
                S_OK,
                "count 0: a new model"
            );
            uninitialize();
            uninitialize();
            assert_eq!(
                initialize(Model::Apartment),
                S_OK,
                "an extra CoUninitialize is harmless"
            );
        })
        .join()
        .unwrap();
    }
}
