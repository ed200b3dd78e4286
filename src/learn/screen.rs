//! The interactive `learn` screen, drawn with crossterm on the alternate screen so that
//! nothing the user had in the terminal is cleared; keys come from the terminal even when the
//! text came from standard input.
//!
//! The screen has a fixed header (which issue, where), a body that scrolls when the terminal
//! is small (the sentence, the note about the last key, the hints), and a fixed footer with
//! the keys, wrapped to the width. A try is typed on the same screen; the end screen sums up
//! the session and waits for a key, so a fast `n` never leaves keys for the shell.
//!
//! Invariant: whatever happens (quit, Ctrl-C, an error, a panic), the terminal is given back
//! as it was: raw mode off, cursor shown, main screen restored. [`Terminal`]'s `Drop` does it,
//! so unwinding restores it too.

use std::io::{self, Write};
use std::time::Duration;

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::style::{Attribute, Color, Print, SetAttribute, SetForegroundColor, Stylize};
use crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{execute, queue};

use super::attempt::judge;
use super::card::{Cell, plain_cells, sentence_cells, wrap_cells};
use super::edit;
use super::hints::{RUNGS, hints};
use super::session::{Key, Session, Step};
use crate::engine::Checker;
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
        // Keys typed while the session closed belong to it, not to the shell.
        while event::poll(Duration::ZERO).unwrap_or(false) {
            if event::read().is_err() {
                break;
            }
        }
        let _ = execute!(self.out, Show, LeaveAlternateScreen);
        let _ = terminal::disable_raw_mode();
    }
}

/// What the screen is doing.
enum Mode {
    Browse,
    Typing(edit::Line),
}

/// The screen's own state: what it shows, and how far the body is scrolled.
struct View<'t> {
    path: &'t str,
    color: bool,
    scroll: usize,
    /// Scroll so that the last hint's first line is visible at the next draw.
    follow: bool,
    mode: Mode,
}

/// Runs the session until the learner quits, from a card or from the end screen.
pub fn run<W: Write>(
    terminal: &mut Terminal<W>,
    path: &str,
    text: &str,
    session: &mut Session,
    color: bool,
    checker: &dyn Checker,
) -> io::Result<()> {
    let mut view = View {
        path,
        color,
        scroll: 0,
        follow: false,
        mode: Mode::Browse,
    };
    loop {
        if session.needs_reveal() {
            view.status(
                &mut terminal.out,
                session,
                "Checking the engine's suggestion…",
            )?;
            session.reveal(text, checker);
        }
        view.draw(&mut terminal.out, session)?;
        let key = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => key,
            _ => continue,
        };
        if let Mode::Typing(line) = &mut view.mode {
            match key.code {
                KeyCode::Enter => {
                    let typed = line.text.clone();
                    view.mode = Mode::Browse;
                    view.status(&mut terminal.out, session, "Checking your version…")?;
                    let card = session.card();
                    let around: Vec<_> = session
                        .cards
                        .iter()
                        .filter(|other| {
                            other.issue.span.start >= card.sentence.start
                                && other.issue.span.end <= card.sentence.end
                        })
                        .map(|other| other.issue)
                        .collect();
                    match judge(card, &around, &typed, checker) {
                        Ok(verdict) => session.tried(&verdict),
                        Err(why) => session.note = Some(why),
                    }
                    view.scroll = 0;
                }
                KeyCode::Esc => view.mode = Mode::Browse,
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    view.mode = Mode::Browse
                }
                _ => edit_line(line, key),
            }
            continue;
        }
        if view.scroll_key(&key) {
            continue;
        }
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
        let before = (session.current, session.rung());
        match session.press(pressed) {
            Step::Done => return Ok(()),
            Step::Try => view.mode = Mode::Typing(edit::Line::new(&session.card().shown)),
            Step::Show | Step::End => {}
        }
        if (session.current, session.rung()) != before || session.finished {
            view.scroll = 0;
        }
        view.follow = pressed == Key::Hint;
    }
}

/// A key typed into the try line.
fn edit_line(line: &mut edit::Line, key: KeyEvent) {
    match key.code {
        KeyCode::Char(c) => line.insert(c),
        KeyCode::Backspace => line.backspace(),
        KeyCode::Delete => line.delete(),
        KeyCode::Left => line.left(),
        KeyCode::Right => line.right(),
        KeyCode::Home => line.home(),
        KeyCode::End => line.end(),
        _ => {}
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Normal,
    Bold,
    Dim,
    Bad,
    Good,
}

enum Line {
    Text(String, Style),
    Cells(Vec<Cell>, Option<usize>),
}

impl Line {
    fn text(text: impl Into<String>, style: Style) -> Line {
        Line::Text(text.into(), style)
    }
}

/// Terminal size, with the classic 80x24 when a pseudo-terminal reports none.
fn size() -> (usize, usize) {
    match terminal::size() {
        Ok((columns, rows)) if columns > 0 && rows > 0 => (usize::from(columns), usize::from(rows)),
        _ => (80, 24),
    }
}

impl View<'_> {
    /// Scrolls the body for arrow and page keys; true if the key was one of them.
    fn scroll_key(&mut self, key: &KeyEvent) -> bool {
        let page = size().1.saturating_sub(6).max(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.scroll += 1,
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(page),
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll += page,
            _ => return false,
        }
        self.follow = false;
        true
    }

    /// Draws the screen with `message` as its only body line (while the engines work).
    fn status(&self, out: &mut impl Write, session: &Session, message: &str) -> io::Result<()> {
        let (columns, rows) = size();
        let width = columns.clamp(20, 100) - 2;
        let header = self.header(session, width);
        queue!(out, Clear(ClearType::All))?;
        for (row, line) in header.iter().enumerate().take(rows) {
            queue!(out, MoveTo(1, row as u16))?;
            self.line(out, line)?;
        }
        queue!(
            out,
            MoveTo(1, header.len().min(rows.saturating_sub(1)) as u16),
            Print(message.dim())
        )?;
        out.flush()
    }

    fn header(&self, session: &Session, width: usize) -> Vec<Line> {
        let mut head = Vec::new();
        let (at, total) = session.position();
        let mut title = if session.finished {
            let issues = if total == 1 { "issue" } else { "issues" };
            format!("End of the text: {total} {issues}")
        } else {
            format!("Issue {at} of {total}")
        };
        let skipped = session.skipped();
        if skipped > 0 {
            title.push_str(&format!(" · {skipped} skipped"));
        }
        let card = session.card();
        let place = format!("{}:{}:{}", self.path, card.start.line, card.start.column);
        let both = format!("{title}  ·  {place}");
        if session.finished {
            head.push(Line::text(title, Style::Bold));
        } else if both.chars().count() <= width {
            head.push(Line::text(both, Style::Bold));
        } else {
            head.push(Line::text(title, Style::Bold));
            for line in wrap(&place, width) {
                head.push(Line::text(line, Style::Dim));
            }
        }
        head.push(Line::text("─".repeat(width), Style::Dim));
        head
    }

    /// The body's lines, and the line to keep in view: the newest hint's first line, or the
    /// try line's cursor.
    fn body(&self, session: &Session, width: usize) -> (Vec<Line>, usize) {
        let mut body = Vec::new();
        let mut last_hint = 0;
        if session.finished {
            let tally = session.tally();
            if let Some(note) = &session.note {
                for line in wrap(note, width) {
                    body.push(Line::text(line, Style::Normal));
                }
            }
            body.push(Line::text("The end of this text's issues.", Style::Bold));
            body.push(Line::text(String::new(), Style::Normal));
            for (label, count) in [
                ("seen", tally.seen),
                ("tried", tally.tried),
                ("fixed in a try", tally.fixed),
                ("skipped", tally.skipped),
            ] {
                body.push(Line::text(
                    format!("{count:>4} of {} {label}", tally.issues),
                    Style::Normal,
                ));
            }
            body.push(Line::text(String::new(), Style::Normal));
            body.push(Line::text("Grammar points met:", Style::Bold));
            for (entry, count) in session.met() {
                for line in wrap(&format!("{count} × {}", entry.title), width - 2) {
                    body.push(Line::text(format!("  {line}"), Style::Normal));
                }
            }
            return (body, 0);
        }
        let card = session.card();
        for row in wrap_cells(&sentence_cells(card), width) {
            body.push(Line::Cells(row, None));
        }
        body.push(Line::text(String::new(), Style::Normal));
        if let Some(note) = &session.note {
            for line in wrap(note, width) {
                body.push(Line::text(line, Style::Bold));
            }
            body.push(Line::text(String::new(), Style::Normal));
        }
        if let Mode::Typing(line) = &self.mode {
            body.push(Line::text("Your version:", Style::Bold));
            let mut cells = plain_cells(&line.text);
            // The cursor: the cell it stands on, or a space after the end.
            let cursor = plain_cells(&line.text[..line.cursor])
                .len()
                .min(cells.len());
            cells.push(Cell {
                text: " ".into(),
                flagged: false,
            });
            let mut placed = 0;
            let mut cursor_row = body.len();
            for row in wrap_cells(&cells, width) {
                let here =
                    (cursor >= placed && cursor < placed + row.len()).then(|| cursor - placed);
                if here.is_some() {
                    cursor_row = body.len();
                }
                placed += row.len();
                body.push(Line::Cells(row, here));
            }
            return (body, cursor_row);
        }
        for hint in hints(card, session.rung(), session.reveal_of_current()) {
            last_hint = body.len();
            let head = format!("Hint {} of {RUNGS}, {}:", hint.rung, hint.label);
            for line in wrap(&head, width) {
                body.push(Line::text(line, Style::Bold));
            }
            for line in wrap(&hint.text, width - 2) {
                body.push(Line::text(format!("  {line}"), Style::Normal));
            }
            if let Some((incorrect, correct)) = &hint.pair {
                for line in wrap(&format!("✗ {incorrect}"), width - 2) {
                    body.push(Line::text(format!("  {line}"), Style::Bad));
                }
                for line in wrap(&format!("✓ {correct}"), width - 2) {
                    body.push(Line::text(format!("  {line}"), Style::Good));
                }
            }
        }
        (body, last_hint)
    }

    fn keys(&self, session: &Session, scrolls: bool) -> String {
        let mut keys: Vec<&str> = match (&self.mode, session.finished) {
            (Mode::Typing(_), _) => vec!["Enter check it", "← → move", "Esc back"],
            (_, true) => vec!["p back to the last issue"],
            _ => {
                let mut keys = Vec::new();
                if session.rung() < RUNGS {
                    keys.push("h hint");
                }
                keys.extend(["t try", "n next", "p back", "s skip rule"]);
                keys
            }
        };
        if scrolls {
            keys.push("↑↓ scroll");
        }
        // Last, so that the keys line always ends the same way.
        if !matches!(self.mode, Mode::Typing(_)) {
            keys.push("q quit");
        }
        keys.join(" · ")
    }

    /// Draws the whole screen.
    fn draw(&mut self, out: &mut impl Write, session: &Session) -> io::Result<()> {
        let (columns, rows) = size();
        let width = columns.clamp(20, 100) - 2;
        let header = self.header(session, width);
        let (body, last_hint) = self.body(session, width);
        let probe = wrap(&self.keys(session, false), width);
        let room = rows.saturating_sub(header.len() + probe.len()).max(1);
        let scrolls = body.len() > room;
        let footer = wrap(&self.keys(session, scrolls), width);
        let room = rows.saturating_sub(header.len() + footer.len()).max(1);
        // When the body is cut, a row above and a row below say so; they never cover a line.
        let marks = scrolls && room >= 3;
        let most = if marks {
            body.len() - (room - 1)
        } else {
            body.len().saturating_sub(room)
        };
        if let Mode::Typing(_) = self.mode {
            // Keep the row of the try line's cursor in view.
            let first = self.scroll.min(most);
            let shown = room.saturating_sub(2).max(1);
            if last_hint < first {
                self.scroll = last_hint;
            } else if last_hint >= first + shown {
                self.scroll = last_hint + 1 - shown;
            }
        } else if self.follow {
            // Show the new hint from its first line, or the bottom if it all fits.
            self.scroll = last_hint.min(most).max(self.scroll.min(most));
            self.follow = false;
        }
        self.scroll = self.scroll.min(most);
        let above = marks && self.scroll > 0;
        let mut lines = room - usize::from(above);
        let below = marks && self.scroll + lines < body.len();
        lines -= usize::from(below);

        queue!(out, Clear(ClearType::All))?;
        let mut row = 0;
        for line in &header {
            if row < rows {
                queue!(out, MoveTo(1, row as u16))?;
                self.line(out, line)?;
            }
            row += 1;
        }
        if above {
            queue!(out, MoveTo(1, row as u16), Print("↑ more above".dim()))?;
            row += 1;
        }
        for line in &body[self.scroll..(self.scroll + lines).min(body.len())] {
            queue!(out, MoveTo(1, row as u16))?;
            self.line(out, line)?;
            row += 1;
        }
        if below {
            queue!(out, MoveTo(1, row as u16), Print("↓ more below".dim()))?;
        }
        let footer_row = rows.saturating_sub(footer.len());
        for (i, line) in footer.iter().enumerate() {
            queue!(
                out,
                MoveTo(1, (footer_row + i) as u16),
                Print(line.as_str().dim())
            )?;
        }
        out.flush()
    }

    fn line(&self, out: &mut impl Write, line: &Line) -> io::Result<()> {
        match line {
            Line::Text(text, style) => {
                match (style, self.color) {
                    (Style::Bold, _) => queue!(out, Print(text.as_str().bold()))?,
                    (Style::Dim, _) => queue!(out, Print(text.as_str().dim()))?,
                    (Style::Bad, true) => queue!(out, Print(text.as_str().red()))?,
                    (Style::Good, true) => queue!(out, Print(text.as_str().green()))?,
                    _ => queue!(out, Print(text.as_str()))?,
                }
                Ok(())
            }
            Line::Cells(cells, cursor) => {
                // Flagged words: bold and underlined, and red when colours are on; the
                // cursor of the try line in reverse video.
                let mut highlighted = false;
                for (i, cell) in cells.iter().enumerate() {
                    if *cursor == Some(i) {
                        queue!(
                            out,
                            SetAttribute(Attribute::Reverse),
                            Print(&cell.text),
                            SetAttribute(Attribute::NoReverse)
                        )?;
                        continue;
                    }
                    if cell.flagged != highlighted {
                        highlighted = cell.flagged;
                        if highlighted {
                            if self.color {
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
