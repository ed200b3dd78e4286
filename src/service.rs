//! A checker that stays loaded, for the faces that answer many documents in one process
//! (`ownvoice lsp`, `ownvoice serve`): the engines, the writer's personal dictionary and the
//! result cache, set up once from resolved settings, then any number of documents checked on
//! them by the same code path as `ownvoice check` (prose by format, paragraph by paragraph,
//! overlapping findings merged, ignore comments applied).
//!
//! Nothing here prints, and nothing writes any file but the result cache, and that only when
//! the face calls [`Service::save`]. Errors are one line, for the face to show.
//!
//! A service always has a result cache: the one in the user's cache folder, or one in memory
//! when that is turned off or there is no folder, so that a long-lived face checks again only
//! the paragraphs that changed since it last saw them.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cache::{self, Cache, Cached};
use crate::cli::Common;
use crate::dictionary::{self, Personal};
use crate::engine::{Checker, EngineError, Engines, Finding, RuleId};
use crate::input::{self, Format, prose::Prose};
use crate::{Checked, Issue};

/// The engines loaded once, with the settings and the cache they answer with.
pub struct Service {
    common: Common,
    engines: Engines,
    cache: Cache,
    /// Things the writer should know that did not stop the service (a default personal
    /// dictionary that could not be read), one line each.
    pub warnings: Vec<String>,
}

impl Service {
    /// Loads the engines for these settings. `cache` uses the result cache in the user's cache
    /// folder (`--no-cache` turns it off, leaving a cache in memory only). An error is one
    /// line naming the cause, and the file where a configuration file or dictionary is to
    /// blame.
    pub fn load(common: &Common, cache: bool) -> Result<Service, String> {
        let (personal, warnings) = personal(common)?;
        let engines = engines(common, &personal)?;
        let cache = cache
            .then(|| open_cache(common, &personal))
            .flatten()
            .unwrap_or_else(|| Cache::memory(0));
        Ok(Service {
            common: common.clone(),
            engines,
            cache,
            warnings,
        })
    }

    /// [`Service::load`], leaving out each rule id that no engine knows instead of failing: a
    /// long-lived face keeps working with the rest of the settings. Each id left out is a
    /// warning naming it and the file it came from (or "settings" for the face's own).
    pub fn load_forgiving(common: &Common, cache: bool) -> Result<Service, String> {
        let (personal, mut warnings) = personal(common)?;
        let mut common = common.clone();
        let engines = loop {
            match load_engines(&common, &personal) {
                Ok(engines) => break engines,
                Err(EngineError::UnknownRule { given, closest }) => {
                    let place = common
                        .rule_files
                        .iter()
                        .find(|(id, _)| *id == given)
                        .map_or("settings".to_string(), |(_, path)| {
                            path.display().to_string()
                        });
                    let close = closest
                        .map(|id| format!(" (did you mean '{id}'?)"))
                        .unwrap_or_default();
                    warnings.push(format!(
                        "warning: {place}: unknown rule id '{given}'{close} is left out"
                    ));
                    let before = common.selection.enable.len() + common.selection.disable.len();
                    let other = |id: &String| !id.eq_ignore_ascii_case(&given);
                    common.selection.enable.retain(other);
                    common.selection.disable.retain(other);
                    if common.selection.enable.len() + common.selection.disable.len() == before {
                        // Not an id the settings named: nothing left to leave out.
                        return Err(EngineError::UnknownRule {
                            given,
                            closest: None,
                        }
                        .to_string());
                    }
                }
                Err(error) => return Err(error.to_string()),
            }
        };
        let cache = cache
            .then(|| open_cache(&common, &personal))
            .flatten()
            .unwrap_or_else(|| Cache::memory(0));
        Ok(Service {
            common,
            engines,
            cache,
            warnings,
        })
    }

    /// The settings the engines were loaded with.
    pub fn common(&self) -> &Common {
        &self.common
    }

    /// Checks a whole document read as `format`: issues in order of position, with byte
    /// spans into `text`, exactly as `ownvoice check` reports them for the same text.
    pub fn check(&self, text: &str, format: Format) -> Checked {
        self.check_unless(text, format, &AtomicBool::new(false))
            .unwrap_or_default()
    }

    /// [`Service::check`], given up as soon as `cancelled` is set: the paragraphs not yet
    /// begun are skipped and `None` is returned (one already in an engine runs to its end).
    /// Paragraphs checked before that are in the cache, so the next check starts ahead.
    pub fn check_unless(
        &self,
        text: &str,
        format: Format,
        cancelled: &AtomicBool,
    ) -> Option<Checked> {
        let prose = input::prose(text, format, &self.common.latex_prose);
        let checker = Unless {
            checker: Cached {
                cache: Some(&self.cache),
                engines: Some(&self.engines as &dyn Checker),
            },
            cancelled,
        };
        let checked = crate::check_prose(text, &prose, &checker);
        (!cancelled.load(Ordering::Relaxed)).then_some(checked)
    }

    /// Checks prose made by the face itself (`serve` builds it from annotated text) with
    /// `text` its original, keeping only the findings of rules `keep` accepts. Findings are
    /// dropped before overlapping ones are merged, so a rule left out never hides another's
    /// issue on the same words.
    pub fn check_prose(
        &self,
        text: &str,
        prose: &Prose,
        keep: &(dyn Fn(&str) -> bool + Sync),
    ) -> Checked {
        let checker = Cached {
            cache: Some(&self.cache),
            engines: Some(&self.engines as &dyn Checker),
        };
        crate::check_prose(
            text,
            prose,
            &Kept {
                checker: &checker,
                keep,
            },
        )
    }

    /// Keeps only the replacements of `issues` that pass the engines' own check
    /// ([`crate::suggestions::vet`]), as `check --reveal` does: a face that shows
    /// replacements calls this first, so that none it shows makes the sentence fail again.
    pub fn vet(&self, text: &str, issues: &mut [Issue]) {
        let checker = Cached {
            cache: Some(&self.cache),
            engines: Some(&self.engines as &dyn Checker),
        };
        crate::suggestions::vet(text, issues, &checker);
    }

    /// Every rule the engines know, with whether it runs with this service's settings.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, bool)> + '_ {
        self.engines.rules()
    }

    /// Writes the findings made since the last save to the cache folder, so that the next
    /// run (of any face) finds them. Failing to is for the face to warn about.
    pub fn save(&self) -> io::Result<()> {
        self.cache.save()
    }

    /// The result cache the service checks with.
    pub fn cache(&self) -> &Cache {
        &self.cache
    }
}

/// A checker that stops checking once `cancelled` is set: every later paragraph fails at
/// once, and the caller throws the whole result away.
struct Unless<'a, C> {
    checker: C,
    cancelled: &'a AtomicBool,
}

impl<C: Checker> Checker for Unless<'_, C> {
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
        if self.cancelled.load(Ordering::Relaxed) {
            return Err(EngineError::Failed("cancelled".into()));
        }
        self.checker.check(text)
    }
}

/// A checker's findings of the rules `keep` accepts.
struct Kept<'a> {
    checker: &'a dyn Checker,
    keep: &'a (dyn Fn(&str) -> bool + Sync),
}

impl Checker for Kept<'_> {
    fn check(&self, text: &str) -> Result<Vec<Finding>, EngineError> {
        let mut findings = self.checker.check(text)?;
        findings.retain(|finding| (self.keep)(&finding.rule));
        Ok(findings)
    }
}

/// The writer's personal dictionary: the default file's words (a file that cannot be read is
/// a warning), the configured words and every named dictionary (one that cannot be read is
/// an error naming it).
pub fn personal(common: &Common) -> Result<(Personal, Vec<String>), String> {
    let mut personal = Personal::default();
    let mut warnings = Vec::new();
    personal.extend(common.words.iter().map(String::as_str));
    if let Some(path) = dictionary::default_path().filter(|path| path.exists())
        && let Err(error) = personal.read(&path)
    {
        warnings.push(format!("warning: personal dictionary not used: {error}"));
    }
    for path in &common.dictionaries {
        personal.read(path).map_err(|error| error.to_string())?;
    }
    Ok((personal, warnings))
}

/// The result cache for these settings, unless there is nowhere to keep it.
pub fn open_cache(common: &Common, personal: &Personal) -> Option<Cache> {
    Some(Cache::open(
        &cache::dir()?,
        cache::fingerprint(&common.selection, personal)?,
    ))
}

/// Loads the engines with the writer's personal dictionary. An unknown rule id from a
/// configuration file names the file, as its other errors do.
pub fn engines(common: &Common, personal: &Personal) -> Result<Engines, String> {
    match load_engines(common, personal) {
        Ok(engines) => Ok(engines),
        Err(error) => {
            let file = match &error {
                EngineError::UnknownRule { given, .. } => common
                    .rule_files
                    .iter()
                    .find(|(id, _)| id == given)
                    .map(|(_, path)| path),
                _ => None,
            };
            Err(match file {
                Some(path) => format!("{}: {error}", path.display()),
                None => error.to_string(),
            })
        }
    }
}

/// The engines of these settings, with the writer's personal dictionary.
fn load_engines(common: &Common, personal: &Personal) -> Result<Engines, EngineError> {
    let mut engines = Engines::load(&common.selection)?;
    if let Some(harper) = &mut engines.harper {
        harper.personal = personal.clone();
    }
    Ok(engines)
}
