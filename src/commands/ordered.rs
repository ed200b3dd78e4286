//! Work done on several threads and handed back in order, with a bounded number of items
//! begun ahead of the one being handed back: what lets `check` report a long file as it is
//! checked, holding a window of results rather than the whole file's.
//!
//! Boundary: it knows nothing of files or engines; it runs a function on items and hands
//! the results to another, on the calling thread. Invariant: results reach `done` in the
//! order of the items, each once, and no item is begun while `window` or more items before
//! it are still to be handed over.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::Duration;

/// What [`run`] hands to its caller.
pub enum Event<R> {
    /// The result of the item at this index, in order.
    Done(usize, R),
    /// Nothing new for a while (a tick: time to redraw a progress bar).
    Waiting,
}

/// How long [`run`] waits for a result before it says [`Event::Waiting`].
const TICK: Duration = Duration::from_millis(100);

/// Which item is begun next, and how many have been handed over.
struct Progress {
    next: usize,
    handed: usize,
}

/// Runs `work` on each item on `workers` threads, and hands each result to `done` on this
/// thread in the order of `items`, as soon as it and every one before it are ready. At most
/// `window` items are begun and not yet handed over. An error from `done` (a closed output)
/// stops the run and is returned; the threads finish the items they have begun.
pub fn run<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(Event<R>) -> io::Result<()>,
) -> io::Result<()> {
    let window = window.max(1);
    let progress = Mutex::new(Progress { next: 0, handed: 0 });
    let moved = Condvar::new();
    let stop = AtomicBool::new(false);
    // A thread never holds the lock while it works or sends, so it cannot be poisoned by
    // a panic in `work`; if it were, the run is over anyway.
    let lock = || {
        progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel();
        for _ in 0..workers.clamp(1, items.len().max(1)) {
            let sender = sender.clone();
            let (work, moved, stop, lock) = (&work, &moved, &stop, &lock);
            scope.spawn(move || {
                loop {
                    let i = {
                        let mut progress = lock();
                        while progress.next < items.len()
                            && progress.next >= progress.handed + window
                            && !stop.load(Ordering::Relaxed)
                        {
                            progress = moved
                                .wait(progress)
                                .unwrap_or_else(|poisoned| poisoned.into_inner());
                        }
                        if progress.next >= items.len() || stop.load(Ordering::Relaxed) {
                            return;
                        }
                        progress.next += 1;
                        progress.next - 1
                    };
                    if sender.send((i, work(&items[i]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut ready = BTreeMap::new();
        let mut handed = 0;
        let mut give = |event: Event<R>| {
            done(event).inspect_err(|_| {
                stop.store(true, Ordering::Relaxed);
                moved.notify_all();
            })
        };
        loop {
            match receiver.recv_timeout(TICK) {
                Ok((i, result)) => {
                    ready.insert(i, result);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => give(Event::Waiting)?,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
            while let Some(result) = ready.remove(&handed) {
                give(Event::Done(handed, result))?;
                handed += 1;
                lock().handed = handed;
                moved.notify_all();
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn results_come_in_order_and_no_item_begins_more_than_a_window_ahead() {
        let items: Vec<usize> = (0..200).collect();
        let handed = AtomicUsize::new(0);
        let farthest = AtomicUsize::new(0);
        let mut order = Vec::new();
        run(
            &items,
            4,
            5,
            |&i| {
                // Later items are quicker, so they would run ahead if they could.
                std::thread::sleep(Duration::from_micros(((200 - i) * 20) as u64));
                farthest.fetch_max(i - handed.load(Ordering::SeqCst), Ordering::SeqCst);
                i * 2
            },
            |event| {
                if let Event::Done(i, result) = event {
                    assert_eq!(result, i * 2);
                    order.push(i);
                    handed.store(i + 1, Ordering::SeqCst);
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(order, items);
        assert!(farthest.load(Ordering::SeqCst) < 5, "{farthest:?}");
    }

    #[test]
    fn an_error_from_done_stops_the_run() {
        let items: Vec<usize> = (0..1000).collect();
        let begun = AtomicUsize::new(0);
        let result = run(
            &items,
            2,
            3,
            |_| begun.fetch_add(1, Ordering::SeqCst),
            |event| match event {
                Event::Done(10, _) => Err(io::Error::from(io::ErrorKind::BrokenPipe)),
                _ => Ok(()),
            },
        );
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert!(begun.load(Ordering::SeqCst) < 20, "{begun:?}");
    }

    #[test]
    fn no_items_is_no_work() {
        let mut events = 0;
        run(
            &[] as &[u8],
            2,
            3,
            |_| (),
            |_| {
                events += 1;
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(events, 0);
    }
}
