//! The engines requests are checked with: the server's own, loaded at start, and variants
//! with other rule selections or dialects, loaded when a request first asks for one.
//!
//! A variant costs as much memory as the server's own engines (about 350 MB), so at most
//! `capacity` are kept; the least recently used one goes when another is needed (requests
//! still checking with it keep it until they are done). Requests that ask for a variant
//! being loaded wait for that one load. With a capacity of 0, every request is checked with
//! the server's engines: rules can still be turned off, but not on.

use std::sync::{Arc, Mutex, OnceLock};

use crate::cli::Common;
use crate::engine::RuleSelection;
use crate::service::Service;

type Loaded = Arc<OnceLock<Result<Arc<Service>, String>>>;

/// The server's engines and the variants loaded so far.
pub struct Variants {
    base: Arc<Service>,
    capacity: usize,
    /// Loaded (or loading) variants, the most recently used last.
    loaded: Mutex<Vec<(RuleSelection, Loaded)>>,
}

impl Variants {
    pub fn new(base: Arc<Service>, capacity: usize) -> Variants {
        Variants {
            base,
            capacity,
            loaded: Mutex::new(Vec::new()),
        }
    }

    /// The server's own engines.
    pub fn base(&self) -> &Arc<Service> {
        &self.base
    }

    /// The engines for a selection (`None`: the server's), loading them if need be. Blocks
    /// while they load. An error is one line.
    pub fn get(&self, selection: Option<&RuleSelection>) -> Result<Arc<Service>, String> {
        let Some(selection) = selection.filter(|_| self.capacity > 0) else {
            return Ok(self.base.clone());
        };
        let slot = {
            let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
            let slot = match loaded.iter().position(|(known, _)| known == selection) {
                Some(at) => loaded.remove(at).1,
                None => Loaded::default(),
            };
            if loaded.len() >= self.capacity {
                loaded.remove(0);
            }
            loaded.push((selection.clone(), slot.clone()));
            slot
        };
        slot.get_or_init(|| {
            let common = Common {
                selection: selection.clone(),
                ..self.base.common().clone()
            };
            Service::load(&common, false).map(Arc::new)
        })
        .clone()
    }
}
