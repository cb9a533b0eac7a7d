//! SQLite's own memory from mimalloc, as every Rust allocation of the program is
//! (`main.rs`). SQLite allocates for every statement it steps: each cell, record and
//! cursor. With glibc's allocator behind it, a tenth of an import's writing thread went
//! into `malloc`, `free` and their locks (issue 10, `perf`), and SQLite took a mutex per
//! allocation to keep statistics nobody reads (`SQLITE_CONFIG_MEMSTATUS`, off here).
//!
//! SQLite takes its allocator only before it first starts up, so [`install`] runs before
//! the first connection this module's store opens. If something in the process opened a
//! connection before (a test opening a file directly, say), SQLite refuses the change and
//! keeps its default allocator: slower, not wrong, so the refusal is ignored.

use std::ffi::{c_int, c_void};
use std::sync::Once;

use libmimalloc_sys as mi;
use rusqlite::ffi;

unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    // SAFETY: mi_malloc accepts any size; SQLite never asks for a negative one.
    unsafe { mi::mi_malloc(n.max(0) as usize) }
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    // SAFETY: SQLite frees only what x_malloc or x_realloc returned.
    unsafe { mi::mi_free(p) }
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    // SAFETY: as x_free, for `p`.
    unsafe { mi::mi_realloc(p, n.max(0) as usize) }
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    // SAFETY: as x_free, for `p`.
    let size = unsafe { mi::mi_usable_size(p) };
    c_int::try_from(size).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    // SQLite's own rule for its default allocator: a multiple of 8.
    n.saturating_add(7) & !7
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}

/// Give SQLite mimalloc and no memory statistics, once per process, before it starts up.
pub(super) fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(x_malloc),
            xFree: Some(x_free),
            xRealloc: Some(x_realloc),
            xSize: Some(x_size),
            xRoundup: Some(x_roundup),
            xInit: Some(x_init),
            xShutdown: Some(x_shutdown),
            pAppData: std::ptr::null_mut(),
        };
        // SAFETY: both calls are made before SQLite is initialized by this module's first
        // connection (or are refused with SQLITE_MISUSE and change nothing); SQLite copies
        // `methods` before sqlite3_config returns, and every function in it is valid for the
        // life of the process.
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &methods as *const _);
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up_to_eight_and_never_overflow() {
        // SAFETY: x_roundup touches no memory.
        let r = |n| unsafe { x_roundup(n) };
        assert_eq!(r(1), 8);
        assert_eq!(r(8), 8);
        assert_eq!(r(9), 16);
        assert!(r(c_int::MAX) >= 0);
    }

    #[test]
    fn what_is_allocated_can_be_measured_grown_and_freed() {
        // SAFETY: the pointers come from x_malloc/x_realloc and are freed once.
        unsafe {
            let p = x_malloc(100);
            assert!(!p.is_null());
            assert!(x_size(p) >= 100);
            std::ptr::write_bytes(p as *mut u8, 7, 100);
            let q = x_realloc(p, 10_000);
            assert!(x_size(q) >= 10_000);
            assert_eq!(*(q as *const u8).add(99), 7);
            x_free(q);
        }
    }
}
