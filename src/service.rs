//! A checker that stays loaded, for the faces that answer many documents in one process
//! (`ownvoice lsp`, `ownvoice serve`): the engines, the writer's personal dictionary and the
//! result cache, set up once from resolved settings, then any number of documents checked on
//! them by the same code path as `ownvoice check` (prose by format, paragraph by paragraph,
//! overlapping findings merged, ignore comments applied).
//!
//! Nothing here prints, and nothing writes any file but the result cache, and that only when
//! the face calls [`Service::save`]. Errors are one line, for the face to show.

use std::io;

use crate::Checked;
use crate::cache::{self, Cache, Cached};
use crate::cli::Common;
use crate::dictionary::{self, Personal};
use crate::engine::{Checker, EngineError, Engines, Finding, RuleId};
use crate::input::{self, Format, prose::Prose};

/// The engines loaded once, with the settings and the cache they answer with.
pub struct Service {
    common: Common,
    engines: Engines,
    cache: Option<Cache>,
    /// Things the writer should know that did not stop the service (a default personal
    /// dictionary that could not be read), one line each.
    pub warnings: Vec<String>,
}

impl Service {
    /// Loads the engines for these settings. `cache` uses the result cache in the user's cache
    /// folder (`--no-cache` turns it off). An error is one line naming the cause, and the file
    /// where a configuration file or dictionary is to blame.
    pub fn load(common: &Common, cache: bool) -> Result<Service, String> {
        let (personal, warnings) = personal(common)?;
        let engines = engines(common, &personal)?;
        let cache = if cache {
            open_cache(common, &personal)
        } else {
            None
        };
        Ok(Service {
            common: common.clone(),
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
        let prose = input::prose(text, format, &self.common.latex_prose);
        let checker = Cached {
            cache: self.cache.as_ref(),
            engines: Some(&self.engines as &dyn Checker),
        };
        crate::check_prose(text, &prose, &checker)
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
            cache: self.cache.as_ref(),
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

    /// Every rule the engines know, with whether it runs with this service's settings.
    pub fn rules(&self) -> impl Iterator<Item = (RuleId, bool)> + '_ {
        self.engines.rules()
    }

    /// Writes the findings made since the last save to the cache folder, so that the next
    /// run (of any face) finds them. Failing to is for the face to warn about.
    pub fn save(&self) -> io::Result<()> {
        self.cache.as_ref().map_or(Ok(()), Cache::save)
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
    match Engines::load(&common.selection) {
        Ok(mut engines) => {
            if let Some(harper) = &mut engines.harper {
                harper.personal = personal.clone();
            }
            Ok(engines)
        }
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
