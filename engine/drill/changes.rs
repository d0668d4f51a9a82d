//! "Since the last stop" in the situation brief: the timeline events recorded since the last
//! brief, in time order, like events collapsed into one line, the important kinds kept first.

use super::text::{WIDTH, cut, put, wrap_with};
use crate::core::setting::Setting;
use crate::core::{Event, EventKind, Timeline};

/// Most timeline events listed under "since the last stop".
const EVENTS_MAX: usize = 25;

/// Kinds always worth a line; the rest fill what room is left.
fn key(k: EventKind) -> bool {
    !matches!(
        k,
        EventKind::Step | EventKind::Return | EventKind::Supply | EventKind::Action | EventKind::Conflict
    )
}

pub(super) fn since(out: &mut String, s: &Setting, tl: &Timeline, since_event: usize) {
    let mut all: Vec<&Event> = tl.0.iter().skip(since_event).collect();
    all.sort_by_key(|e| e.t);
    let steps = all.iter().filter(|e| e.kind == EventKind::Step).count();
    all.retain(|e| e.kind != EventKind::Step);
    let steps = if steps > 0 { format!(" and {steps} role-card steps") } else { String::new() };
    put(out, &format!("SINCE THE LAST STOP: {} events{steps}", all.len()));
    // A run of events of one kind by one actor at one time (a plan's orders for many zones) is one
    // line: the first, and how many more.
    let mut ev: Vec<(&Event, usize)> = Vec::new();
    for e in all {
        match ev.last_mut() {
            Some((f, k)) if f.t == e.t && f.kind == e.kind && f.who == e.who && !e.who.is_empty() => *k += 1,
            _ => ev.push((e, 0)),
        }
    }
    let latest = |mut v: Vec<usize>, room: usize| {
        v.drain(..v.len().saturating_sub(room));
        v
    };
    let mut shown = latest((0..ev.len()).filter(|&i| key(ev[i].0.kind)).collect(), EVENTS_MAX);
    let room = EVENTS_MAX - shown.len();
    shown.extend(latest((0..ev.len()).filter(|&i| !key(ev[i].0.kind)).collect(), room));
    shown.sort_unstable();
    for &i in &shown {
        let (e, more) = ev[i];
        let who = if e.who.is_empty() { &e.place } else { &e.who };
        let head = format!("  {}  {:<10} {:<18} ", s.calendar.label(e.t.0), e.kind.as_str(), cut(who, 18));
        if matches!(e.kind, EventKind::Inject | EventKind::Decision) {
            let words: Vec<String> = e.text.split(' ').map(String::from).collect();
            wrap_with(out, &head, &words, 4, " ");
        } else if more > 0 {
            let tail = format!(" [+{more} more like it]");
            put(
                out,
                &format!("{head}{}{tail}", cut(&e.text, WIDTH - head.chars().count() - tail.chars().count())),
            );
        } else {
            put(out, &format!("{head}{}", e.text));
        }
    }
    let hidden: usize = (0..ev.len()).filter(|i| !shown.contains(i)).map(|i| 1 + ev[i].1).sum();
    if hidden > 0 {
        put(out, &format!("  … and {hidden} more (timeline.csv has them all)"));
    }
}
