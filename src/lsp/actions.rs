//! Code actions that carry commands, never edits, and the commands themselves: the lesson
//! shown, or the writer's choice written by the server (`choices.rs`), so that every client
//! gets them, including clients that run no command of their own.
//!
//! Invariant: an action is a title and a command; no answer here holds an edit.

use lsp_types::{CodeAction, CodeActionKind, Command, Diagnostic};
use serde_json::{Value, json};

use super::choices::{add_word, disable_rule, write_whole};
use crate::catalogue::catalogue;

pub const EXPLAIN: &str = "ownvoice.explain";
pub const ADD_WORD: &str = "ownvoice.addWord";
pub const DISABLE_RULE: &str = "ownvoice.disableRule";
pub const COMMANDS: [&str; 3] = [EXPLAIN, ADD_WORD, DISABLE_RULE];

/// The rule that lets a writer's own words through the spell checker.
const SPELL_CHECK: &str = "HARPER/SpellCheck";

/// What one issue offers, read from a diagnostic's `data`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub rule: String,
    pub explanation: String,
    pub flagged: String,
}

impl Target {
    /// The target of one of our diagnostics (`None` for another server's).
    pub fn of(diagnostic: &Diagnostic) -> Option<Target> {
        if diagnostic.source.as_deref() != Some(super::diagnostics::SOURCE) {
            return None;
        }
        let data = diagnostic.data.as_ref()?;
        let field = |name: &str| data.get(name)?.as_str().map(str::to_string);
        Some(Target {
            rule: field("rule")?,
            explanation: field("explanation")?,
            flagged: field("flagged").unwrap_or_default(),
        })
    }
}

/// The actions for these issues: explain, add the word (spelling), turn the rule off for the
/// workspace (when there is one) and for the writer. `ladder` keeps the grammar point's name
/// out of the titles, as the diagnostics do. `literal` clients take code actions; others
/// only commands.
pub fn actions(targets: &[Target], workspace: bool, ladder: bool, literal: bool) -> Vec<Value> {
    let mut commands: Vec<Command> = Vec::new();
    for target in targets {
        let title = catalogue()
            .entry(&target.explanation)
            .map_or(target.explanation.clone(), |entry| entry.title.clone());
        let mut offered = vec![Command::new(
            if ladder {
                "Explain this issue".to_string()
            } else {
                format!("Explain: {title}")
            },
            EXPLAIN.into(),
            Some(vec![json!(target.explanation)]),
        )];
        let word = target.flagged.trim();
        if target.rule.eq_ignore_ascii_case(SPELL_CHECK) && !word.is_empty() && word.len() < 100 {
            offered.push(Command::new(
                format!("Add “{word}” to my dictionary"),
                ADD_WORD.into(),
                Some(vec![json!(word)]),
            ));
        }
        let rule = if ladder {
            "this rule".to_string()
        } else {
            target.rule.clone()
        };
        if workspace {
            offered.push(Command::new(
                format!("Turn off {rule} for this workspace"),
                DISABLE_RULE.into(),
                Some(vec![json!(target.rule), json!("workspace")]),
            ));
        }
        offered.push(Command::new(
            format!("Turn off {rule} for me"),
            DISABLE_RULE.into(),
            Some(vec![json!(target.rule), json!("user")]),
        ));
        for command in offered {
            if !commands
                .iter()
                .any(|c| c.command == command.command && c.arguments == command.arguments)
            {
                commands.push(command);
            }
        }
    }
    commands
        .into_iter()
        .map(|command| {
            if literal {
                json!(CodeAction {
                    title: command.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    command: Some(command),
                    ..CodeAction::default()
                })
            } else {
                json!(command)
            }
        })
        .collect()
}

impl super::server::Server {
    /// `textDocument/codeAction`: for the client's diagnostics in the range (or, when it sent
    /// none of ours, the issues there), actions that carry commands only.
    pub(super) fn code_action(
        &mut self,
        params: Value,
    ) -> Result<Value, (lsp_server::ErrorCode, String)> {
        let params: lsp_types::CodeActionParams =
            serde_json::from_value(params).map_err(super::server::Server::invalid)?;
        let wanted = params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|kind| CodeActionKind::QUICKFIX.as_str().starts_with(kind.as_str()))
        });
        if !wanted {
            return Ok(json!([]));
        }
        let mut targets: Vec<Target> = params
            .context
            .diagnostics
            .iter()
            .filter_map(Target::of)
            .collect();
        if targets.is_empty()
            && let Some(report) = self.reports.get(params.text_document.uri.as_str())
        {
            targets = report
                .within(params.range)
                .into_iter()
                .map(|i| Target {
                    rule: report.issues[i].rule.clone(),
                    explanation: report.issues[i].explanation.id.clone(),
                    flagged: report.flagged(i).to_string(),
                })
                .collect();
        }
        let ladder = self.settings.hints == super::settings::Hints::Ladder;
        Ok(Value::Array(actions(
            &targets,
            self.root.is_some(),
            ladder,
            self.client.code_action_literals,
        )))
    }

    /// `workspace/executeCommand`: shows a lesson, or writes the writer's choice to their
    /// dictionary or configuration and checks again with it.
    pub(super) fn execute(
        &mut self,
        params: Value,
    ) -> Result<Value, (lsp_server::ErrorCode, String)> {
        let params: lsp_types::ExecuteCommandParams =
            serde_json::from_value(params).map_err(super::server::Server::invalid)?;
        let argument = |n: usize| {
            params
                .arguments
                .get(n)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let missing = || {
            (
                lsp_server::ErrorCode::InvalidParams,
                format!("{} needs its arguments", params.command),
            )
        };
        let done = match params.command.as_str() {
            EXPLAIN => {
                let id = argument(0).ok_or_else(missing)?;
                self.explain(&id)
            }
            ADD_WORD => {
                let word = argument(0).ok_or_else(missing)?;
                let path = crate::dictionary::default_path()
                    .ok_or("there is no config folder to keep a dictionary in".to_string());
                path.and_then(|path| {
                    let added = add_word(&path, &word)?;
                    Ok((path, added))
                })
                .map(|(path, added)| {
                    if added {
                        self.reload(true);
                    }
                    format!(
                        "ownvoice: “{word}” is {} your dictionary ({})",
                        if added { "now in" } else { "already in" },
                        path.display()
                    )
                })
            }
            DISABLE_RULE => {
                let rule = argument(0).ok_or_else(missing)?;
                let path = match argument(1).as_deref() {
                    Some("workspace") => self
                        .root
                        .as_deref()
                        .map(super::settings::workspace_file)
                        .ok_or("there is no workspace folder".to_string()),
                    _ => crate::config::user_file().ok_or("there is no config folder".to_string()),
                };
                path.and_then(|path| Ok((disable_rule(&path, &rule)?, path)))
                    .map(|(changed, path)| {
                        if changed {
                            self.reload(false);
                        }
                        format!(
                            "ownvoice: {rule} is {} in {}",
                            if changed { "now off" } else { "already off" },
                            path.display()
                        )
                    })
            }
            other => {
                return Err((
                    lsp_server::ErrorCode::InvalidParams,
                    format!("ownvoice has no command {other}"),
                ));
            }
        };
        match done {
            Ok(message) => {
                if !message.is_empty() {
                    self.show(3, &message);
                }
                Ok(Value::Null)
            }
            Err(error) => {
                self.show(1, &format!("ownvoice: {error}"));
                Err((lsp_server::ErrorCode::RequestFailed, error))
            }
        }
    }

    /// Opens the lesson of a grammar point: as a page the client shows when it can, else as
    /// a message. Returns what to say besides (nothing).
    fn explain(&mut self, id: &str) -> Result<String, String> {
        let entry = catalogue()
            .entry(id)
            .ok_or_else(|| format!("there is no grammar point '{id}'"))?;
        if self.client.show_document
            && let Some(folder) = crate::cache::dir().map(|dir| dir.join("lessons"))
        {
            let path = folder.join(format!("{}.md", entry.id));
            if write_whole(&path, super::hover::lesson_page(entry).as_bytes()).is_ok() {
                self.ask(
                    "window/showDocument",
                    json!({ "uri": super::documents::uri_of(&path), "takeFocus": true }),
                );
                return Ok(String::new());
            }
        }
        self.show(3, &super::hover::lesson_message(entry));
        Ok(String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_carry_commands_and_the_spelling_one_only_for_spelling() {
        let spelling = Target {
            rule: "HARPER/SpellCheck".into(),
            explanation: "spelling".into(),
            flagged: "recieve".into(),
        };
        let grammar = Target {
            rule: "GRAMMAR/HE_VERB_AGR".into(),
            explanation: "subject-verb-agreement".into(),
            flagged: "need".into(),
        };
        let offered = actions(&[spelling, grammar], true, false, true);
        let titles: Vec<&str> = offered
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect();
        assert!(
            titles.contains(&"Add “recieve” to my dictionary"),
            "{titles:?}"
        );
        assert!(
            titles.contains(&"Explain: Subject and verb agreement"),
            "{titles:?}"
        );
        assert!(titles.contains(&"Turn off GRAMMAR/HE_VERB_AGR for this workspace"));
        assert_eq!(titles.iter().filter(|t| t.starts_with("Add")).count(), 1);
        for action in &offered {
            assert!(action.get("edit").is_none() && action["command"].is_object());
        }
    }
}
