//! The facilitator's terminal for `drill play`: a line editor with history and Tab completion of
//! commands and names when stdin is a terminal; otherwise commands read line by line from stdin,
//! each echoed after its prompt so the output reads as a transcript.

use super::recording::wall_now;
use super::session::{Reply, Session};
use crate::core::Outcome;
use std::cell::RefCell;
use std::io::{BufRead, Write};
use std::rc::Rc;

/// How a session stopped.
pub enum Stopped {
    /// `end`: the finished run.
    Ended(Box<Outcome>),
    /// The input ran out (or Ctrl-D) before `end`: the recording holds the session so far.
    Interrupted,
}

fn prompt(s: &Session) -> String {
    format!("{}> ", s.label_now())
}

/// Read commands line by line (stdin not a terminal). Errors go to `err` as
/// `stdin:LINE: message` and the session goes on.
pub fn play_lines(
    session: &mut Session,
    input: impl BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Stopped, String> {
    let io = |e: std::io::Error| format!("cannot write: {e}");
    writeln!(out, "{}", session.brief()).map_err(io)?;
    for (k, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("stdin: cannot read: {e}"))?;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        writeln!(out, "{}{}", prompt(session), line.trim()).map_err(io)?;
        match session.command(&line, &wall_now()) {
            Ok(Reply::Text(t)) => writeln!(out, "{t}").map_err(io)?,
            Ok(Reply::Ended(o)) => return Ok(Stopped::Ended(o)),
            Err(e) => {
                writeln!(err, "stdin:{}: {e}", k + 1).map_err(io)?;
                let _ = err.flush();
            }
        }
        let _ = out.flush();
    }
    Ok(Stopped::Interrupted)
}

/// Completion of commands and names from the session.
struct Helper(Rc<RefCell<Session>>);

impl rustyline::completion::Completer for Helper {
    type Candidate = String;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let head = &line[..pos];
        let start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let before: Vec<&str> = head[..start].split_whitespace().collect();
        let Ok(s) = self.0.try_borrow() else { return Ok((start, Vec::new())) };
        Ok((start, s.complete(&before, &head[start..])))
    }
}
impl rustyline::hint::Hinter for Helper {
    type Hint = String;
}
impl rustyline::highlight::Highlighter for Helper {}
impl rustyline::validate::Validator for Helper {}
impl rustyline::Helper for Helper {}

/// An interactive session on a terminal.
pub fn play_terminal(session: Session, out: &mut dyn Write) -> Result<(Stopped, Option<Session>), String> {
    use rustyline::error::ReadlineError;
    let io = |e: std::io::Error| format!("cannot write: {e}");
    let shared = Rc::new(RefCell::new(session));
    let mut ed = rustyline::Editor::<Helper, rustyline::history::DefaultHistory>::new()
        .map_err(|e| format!("cannot open the terminal: {e}"))?;
    ed.set_helper(Some(Helper(shared.clone())));
    writeln!(out, "{}\ntype help for the commands; Tab completes names", shared.borrow_mut().brief())
        .map_err(io)?;
    let stopped = loop {
        let p = prompt(&shared.borrow());
        let line = match ed.readline(&p) {
            Ok(l) => l,
            Err(ReadlineError::Interrupted) => {
                writeln!(out, "(Ctrl-C: type end to finish, or Ctrl-D to leave and resume later)")
                    .map_err(io)?;
                continue;
            }
            Err(ReadlineError::Eof) => break Stopped::Interrupted,
            Err(e) => return Err(format!("cannot read the terminal: {e}")),
        };
        if line.trim().is_empty() {
            continue;
        }
        let _ = ed.add_history_entry(line.as_str());
        let reply = shared.borrow_mut().command(&line, &wall_now());
        match reply {
            Ok(Reply::Text(t)) => writeln!(out, "{t}").map_err(io)?,
            Ok(Reply::Ended(o)) => break Stopped::Ended(o),
            Err(e) => writeln!(out, "error: {e}").map_err(io)?,
        }
    };
    drop(ed);
    Ok((stopped, Rc::try_unwrap(shared).ok().map(RefCell::into_inner)))
}
