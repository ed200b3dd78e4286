//! The interactive `learn` screen, drawn with crossterm on the alternate screen so that
//! nothing the user had in the terminal is cleared; keys come from the terminal even when the
//! text came from standard input.
//!
//! Invariant: whatever happens (quit, Ctrl-C, an error, a panic), the terminal is given back
//! as it was: raw mode off, cursor shown, main screen restored. [`Terminal`]'s `Drop` does it,
//! so unwinding restores it too.

use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::style::{Attribute, Color, Print, SetAttribute, SetForegroundColor, Stylize};
use crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{execute, queue};

use super::{Key, RUNGS, Session, Step, hints, sentence_cells, wrap_cells};
use crate::report::wrap;

/// The terminal in raw mode on the alternate screen, restored on drop.
pub struct Terminal<W: Write> {
    out: W,
}

impl<W: Write> Terminal<W> {
    /// Takes over the terminal. Fails if there is none to read keys from.
    pub fn open(mut out: W) -> io::Result<Terminal<W>> {
        terminal::enable_raw_mode()?;
        if let Err(error) = execute!(out, EnterAlternateScreen, Hide) {
            let _ = terminal::disable_raw_mode();
            return Err(error);
        }
        Ok(Terminal { out })
    }
}

impl<W: Write> Drop for Terminal<W> {
    fn drop(&mut self) {
        let _ = execute!(self.out, Show, LeaveAlternateScreen);
        let _ = terminal::disable_raw_mode();
    }
}

/// Runs the session until the learner quits or passes the last issue.
pub fn run<W: Write>(
    terminal: &mut Terminal<W>,
    path: &str,
    text: &str,
    session: &mut Session,
    color: bool,
) -> io::Result<()> {
    loop {
        draw(&mut terminal.out, path, text, session, color)?;
        let key = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => key,
            Event::Resize(..) => continue,
            _ => continue,
        };
        let pressed = match key.code {
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Key::Quit,
            KeyCode::Char(c) => match Key::from_char(c) {
                Some(k) => k,
                None => continue,
            },
            KeyCode::Esc => Key::Quit,
            KeyCode::Right | KeyCode::Enter => Key::Next,
            KeyCode::Left => Key::Previous,
            _ => continue,
        };
        if session.press(pressed) == Step::Done {
            return Ok(());
        }
    }
}

/// Draws the whole screen for the current card.
fn draw(
    out: &mut impl Write,
    path: &str,
    text: &str,
    session: &Session,
    color: bool,
) -> io::Result<()> {
    // Some pseudo-terminals report no size at all: assume the classic 80x24.
    let (columns, rows) = match terminal::size() {
        Ok((columns, rows)) if columns > 0 && rows > 0 => (columns, rows),
        _ => (80, 24),
    };
    let width = usize::from(columns).clamp(20, 100) - 2;
    let card = session.card();
    let (at, total) = session.position();
    let mut lines: Vec<Line> = Vec::new();

    let place = format!("{path}:{}:{}", card.start.line, card.start.column);
    lines.push(Line::plain(
        format!("Issue {at} of {total}  ·  {place}"),
        Style::Bold,
    ));
    lines.push(Line::plain("─".repeat(width), Style::Dim));
    for row in wrap_cells(&sentence_cells(text, card), width) {
        lines.push(Line::Cells(row));
    }
    lines.push(Line::plain(String::new(), Style::Normal));
    for hint in hints(card, session.rung()) {
        let head = format!("Hint {} of {RUNGS}, {}:", hint.rung, hint.label);
        lines.push(Line::plain(head, Style::Bold));
        for line in wrap(&hint.text, width - 2) {
            lines.push(Line::plain(format!("  {line}"), Style::Normal));
        }
        if let Some((incorrect, correct)) = &hint.pair {
            lines.push(Line::plain(format!("  ✗ {incorrect}"), Style::Bad));
            lines.push(Line::plain(format!("  ✓ {correct}"), Style::Good));
        }
    }
    let keys = if session.rung() < RUNGS {
        "h next hint · n next issue · p previous · s skip this rule · q quit"
    } else {
        "n next issue · p previous · s skip this rule · q quit"
    };

    // Keep the keys line on screen: clip the body if the terminal is short.
    let body_rows = usize::from(rows).saturating_sub(2).max(1);
    queue!(out, Clear(ClearType::All))?;
    for (row, line) in lines.iter().take(body_rows).enumerate() {
        queue!(out, MoveTo(1, row as u16))?;
        line.draw(out, color)?;
    }
    queue!(out, MoveTo(1, rows.saturating_sub(1)), Print(keys.dim()))?;
    out.flush()
}

#[derive(Clone, Copy)]
enum Style {
    Normal,
    Bold,
    Dim,
    Bad,
    Good,
}

enum Line {
    Text(String, Style),
    Cells(Vec<super::Cell>),
}

impl Line {
    fn plain(text: String, style: Style) -> Line {
        Line::Text(text, style)
    }

    fn draw(&self, out: &mut impl Write, color: bool) -> io::Result<()> {
        match self {
            Line::Text(text, style) => {
                match (style, color) {
                    (Style::Bold, _) => queue!(out, Print(text.as_str().bold()))?,
                    (Style::Dim, _) => queue!(out, Print(text.as_str().dim()))?,
                    (Style::Bad, true) => queue!(out, Print(text.as_str().red()))?,
                    (Style::Good, true) => queue!(out, Print(text.as_str().green()))?,
                    _ => queue!(out, Print(text.as_str()))?,
                }
                Ok(())
            }
            Line::Cells(cells) => {
                // Flagged words: bold and underlined, and red when colours are on.
                let mut highlighted = false;
                for cell in cells {
                    if cell.flagged != highlighted {
                        highlighted = cell.flagged;
                        if highlighted {
                            if color {
                                queue!(out, SetForegroundColor(Color::Red))?;
                            }
                            queue!(
                                out,
                                SetAttribute(Attribute::Bold),
                                SetAttribute(Attribute::Underlined)
                            )?;
                        } else {
                            queue!(out, SetAttribute(Attribute::Reset))?;
                        }
                    }
                    queue!(out, Print(&cell.text))?;
                }
                queue!(out, SetAttribute(Attribute::Reset))
            }
        }
    }
}
