//! Times in a scenario: the start, the duration, the tick, and every `When` against them.

use super::Check;
use crate::model::calendar::{Calendar, When};
use crate::model::limits::{MAX_DURATION_H, MAX_TICK_S, MIN_TICK_S};
use crate::model::scenario::Scenario;

/// What a scenario's times are checked against.
pub(super) struct Clock {
    /// The calendar, if `start` parsed.
    cal: Option<Calendar>,
    /// The start as written.
    start: String,
    /// The end, s after the start, if the duration is valid.
    end_s: Option<i64>,
    /// The duration, h, as written.
    pub duration_h: f64,
}

/// Which times a `When` may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Span {
    /// From the start to the end of the scenario.
    Run,
    /// Anything up to the end (a series may begin before the start).
    UpToEnd,
    /// Any time: it only has to parse (typhoon track points).
    Any,
}

impl Clock {
    /// Check `start`, `duration_h` and `tick_s`; the clock the other times are checked against.
    pub fn check(c: &mut Check, s: &Scenario) -> Clock {
        let cal = match Calendar::parse(&s.start) {
            Ok(cal) => Some(cal),
            Err(e) => {
                c.report("start", None, format!("invalid start {e}"));
                None
            }
        };
        let d = s.duration_h;
        let end_s = if !(d.is_finite() && d > 0.0) {
            c.report("duration_h", None, format!("expected a duration > 0 h, found {d}"));
            None
        } else {
            if d > MAX_DURATION_H {
                c.report(
                    "duration_h",
                    None,
                    format!("duration {d} h, more than the limit of {MAX_DURATION_H} h"),
                );
            }
            Some((d * 3600.0).round() as i64)
        };
        let t = s.tick_s;
        if !(MIN_TICK_S..=MAX_TICK_S).contains(&t) || 3600 % t != 0 {
            c.report(
                "tick_s",
                None,
                format!("expected a tick of {MIN_TICK_S} to {MAX_TICK_S} s that divides 3600, found {t}"),
            );
        }
        Clock { cal, start: s.start.clone(), end_s, duration_h: d }
    }

    /// Check that `w` parses and lies within `span`; its seconds since the start if it parses.
    pub fn when(&self, c: &mut Check, path: &str, w: &When, span: Span) -> Option<i64> {
        let cal = self.cal?;
        let t = match cal.resolve(w) {
            Ok(t) => t,
            Err(e) => {
                c.report(path, None, format!("invalid time {e}"));
                return None;
            }
        };
        if span == Span::Run && t < 0 {
            c.report(
                path,
                None,
                format!("time \"{w}\" is before the start of the scenario (\"{}\")", self.start),
            );
        }
        if span != Span::Any
            && let Some(end) = self.end_s
            && t > end
        {
            c.report(
                path,
                None,
                format!("time \"{w}\" is after the end of the scenario ({} h)", self.duration_h),
            );
        }
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::testing;

    fn scenario(start: &str, duration_h: f64, tick_s: u32) -> Scenario {
        let ron = format!(
            "(kind: \"scenario\", format_version: 1, name: \"x\", map: \"m.ron\", start: \"{start}\", \
             duration_h: {duration_h}, tick_s: {tick_s}, teams: [])"
        );
        testing::doc(&ron)
    }

    #[test]
    fn times_lie_within_the_scenario() {
        let src = testing::one("s.ron", "()");
        let mut c = Check::new(&src, 1);
        let clock = Clock::check(&mut c, &scenario("2021-07-24T08:00:00+08:00", 72.0, 60));
        assert!(c.out.is_empty());
        assert_eq!(clock.when(&mut c, "a", &When("D4 08:00".into()), Span::Run), Some(72 * 3600));
        clock.when(&mut c, "b", &When("D5 10:00".into()), Span::Run);
        clock.when(&mut c, "c", &When("D1 07:00".into()), Span::Run);
        clock.when(&mut c, "d", &When("D1 07:00".into()), Span::UpToEnd);
        clock.when(&mut c, "e", &When("D9 07:00".into()), Span::Any);
        clock.when(&mut c, "f", &When("tomorrow".into()), Span::Any);
        let msgs: Vec<String> =
            c.out.iter().map(|p| format!("{}: {}", p.path.as_deref().unwrap(), p.message)).collect();
        assert_eq!(
            msgs,
            [
                "b: time \"D5 10:00\" is after the end of the scenario (72 h)",
                "c: time \"D1 07:00\" is before the start of the scenario (\"2021-07-24T08:00:00+08:00\")",
                "f: invalid time \"tomorrow\": expected \"D2 14:30\", an offset like \"+36h\" or \"+1h30m\", \
                 or \"2021-07-25T12:30:00+08:00\"",
            ]
        );
    }

    #[test]
    fn start_duration_and_tick_are_checked_together() {
        let src = testing::one("s.ron", "()");
        let mut c = Check::new(&src, 1);
        let clock = Clock::check(&mut c, &scenario("24 July", 300.0, 7));
        assert_eq!(c.out.len(), 3);
        assert!(c.out[0].message.starts_with("invalid start \"24 July\": expected a date"), "{}", c.out[0]);
        assert_eq!(c.out[1].message, "duration 300 h, more than the limit of 240 h");
        assert_eq!(c.out[2].message, "expected a tick of 10 to 600 s that divides 3600, found 7");
        // Without a calendar times are not checked (the start is already reported).
        assert_eq!(clock.when(&mut c, "x", &When("D1 08:00".into()), Span::Run), None);
        assert_eq!(c.out.len(), 3);
        Clock::check(&mut c, &scenario("2021-07-24T08:00:00+08:00", 0.0, 600));
        assert_eq!(c.out[3].message, "expected a duration > 0 h, found 0");
    }
}
