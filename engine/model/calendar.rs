//! Calendar time: the scenario start with its UTC offset, and the time strings files may use.
//!
//! A time in a file (`When`) is one of:
//! - `"D2 14:30"`: day 2 of the scenario (D1 is the start date), local clock time;
//! - `"+36h"`, `"+1h30m"`, `"+45m"`, `"+90s"`: an offset from the scenario start;
//! - `"2021-07-25T12:30:00+08:00"`: an absolute time with its UTC offset (track times are UTC: `Z`).
//!
//! Everything resolves to integer seconds since the scenario start.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The scenario start: seconds since the Unix epoch (UTC) and the local UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// Start, seconds since 1970-01-01T00:00:00Z.
    pub start_utc_s: i64,
    /// Local offset east of UTC, seconds (+08:00 is 28 800).
    pub utc_offset_s: i32,
}

/// A time string from a file, resolved against a [`Calendar`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct When(pub String);

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const FORMS: &str = "expected \"D2 14:30\", an offset like \"+36h\" or \"+1h30m\", or \
                     \"2021-07-25T12:30:00+08:00\"";

impl Calendar {
    /// Parse a start like `2021-07-24T08:00:00+08:00`.
    pub fn parse(start: &str) -> Result<Calendar, String> {
        let (utc, off) = parse_iso(start)?;
        Ok(Calendar { start_utc_s: utc, utc_offset_s: off })
    }

    /// Seconds since the start for a time string.
    pub fn resolve(&self, when: &When) -> Result<i64, String> {
        let s = when.0.trim();
        if let Some(rest) = s.strip_prefix('+') {
            return parse_offset(rest).ok_or_else(|| format!("\"{s}\": {FORMS}"));
        }
        if let Some(rest) = s.strip_prefix('D') {
            let (day, clock) = rest.split_once(' ').ok_or_else(|| format!("\"{s}\": {FORMS}"))?;
            let day: i64 = day.parse().map_err(|_| format!("\"{s}\": {FORMS}"))?;
            if day < 1 {
                return Err(format!("\"{s}\": days count from D1"));
            }
            let clock_s = parse_clock(clock).ok_or_else(|| format!("\"{s}\": {FORMS}"))?;
            let local_start = self.start_utc_s + self.utc_offset_s as i64;
            let day0 = local_start.div_euclid(86_400) * 86_400;
            return Ok(day0 + (day - 1) * 86_400 + clock_s - local_start);
        }
        let (utc, _) = parse_iso(s).map_err(|_| format!("\"{s}\": {FORMS}"))?;
        Ok(utc - self.start_utc_s)
    }

    /// "D2 14:30" for seconds since the start (local time; D1 is the start date).
    pub fn label(&self, t_s: i64) -> String {
        let local_start = self.start_utc_s + self.utc_offset_s as i64;
        let local = local_start + t_s;
        let day = local.div_euclid(86_400) - local_start.div_euclid(86_400) + 1;
        let sod = local.rem_euclid(86_400);
        format!("D{day} {:02}:{:02}", sod / 3600, (sod % 3600) / 60)
    }

    /// Local hour of day (0–23.99) at `t_s`: for day/night behaviour.
    pub fn local_hour(&self, t_s: i64) -> f64 {
        let local = self.start_utc_s + self.utc_offset_s as i64 + t_s;
        local.rem_euclid(86_400) as f64 / 3600.0
    }

    /// ISO 8601 local time with offset, e.g. `2021-07-24T08:00:00+08:00`.
    pub fn iso(&self, t_s: i64) -> String {
        let local = self.start_utc_s + self.utc_offset_s as i64 + t_s;
        let (y, m, d) = civil_from_days(local.div_euclid(86_400));
        let sod = local.rem_euclid(86_400);
        let off = self.utc_offset_s;
        let sign = if off < 0 { '-' } else { '+' };
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            sod / 3600,
            (sod % 3600) / 60,
            sod % 60,
            off.abs() / 3600,
            (off.abs() % 3600) / 60
        )
    }
}

fn parse_offset(s: &str) -> Option<i64> {
    let mut total = 0i64;
    let mut num = String::new();
    let mut any = false;
    for c in s.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let unit = match c {
            'd' => 86_400.0,
            'h' => 3600.0,
            'm' => 60.0,
            's' => 1.0,
            _ => return None,
        };
        let v: f64 = num.parse().ok()?;
        total += (v * unit).round() as i64;
        num.clear();
        any = true;
    }
    (any && num.is_empty()).then_some(total)
}

fn parse_clock(s: &str) -> Option<i64> {
    let mut parts = s.split(':');
    let h: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let sec: i64 = parts.next().map_or(Some(0), |x| x.parse().ok())?;
    (parts.next().is_none() && (0..24).contains(&h) && (0..60).contains(&m) && (0..60).contains(&sec))
        .then_some(h * 3600 + m * 60 + sec)
}

/// `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)` → (UTC seconds since epoch, offset seconds).
fn parse_iso(s: &str) -> Result<(i64, i32), String> {
    let bad = || format!("\"{s}\": expected a date and time like \"2021-07-24T08:00:00+08:00\"");
    let (date, rest) = s.split_once('T').ok_or_else(bad)?;
    let mut dp = date.split('-');
    let y: i64 = dp.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
    let mo: u32 = dp.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
    let d: u32 = dp.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
    if dp.next().is_some() || !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
        return Err(bad());
    }
    let (clock, off) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0)
    } else {
        let i = rest.rfind(['+', '-']).ok_or_else(bad)?;
        let (c, o) = rest.split_at(i);
        let sign = if o.starts_with('-') { -1 } else { 1 };
        let (oh, om) = o[1..].split_once(':').ok_or_else(bad)?;
        let oh: i32 = oh.parse().map_err(|_| bad())?;
        let om: i32 = om.parse().map_err(|_| bad())?;
        if oh > 14 || om > 59 {
            return Err(bad());
        }
        (c, sign * (oh * 3600 + om * 60))
    };
    let sod = parse_clock(clock).ok_or_else(bad)?;
    let local = days_from_civil(y, mo, d) * 86_400 + sod;
    Ok((local - off as i64, off))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal() -> Calendar {
        Calendar::parse("2021-07-24T08:00:00+08:00").unwrap()
    }

    #[test]
    fn epoch_and_offsets() {
        // 2021-07-24T00:00:00Z is 1 627 084 800 s after the epoch.
        assert_eq!(cal().start_utc_s, 1_627_084_800);
        assert_eq!(cal().utc_offset_s, 8 * 3600);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn every_form_resolves() {
        let c = cal();
        assert_eq!(c.resolve(&When("+1h30m".into())).unwrap(), 5400);
        assert_eq!(c.resolve(&When("D1 08:00".into())).unwrap(), 0);
        assert_eq!(c.resolve(&When("D2 14:30".into())).unwrap(), 30 * 3600 + 1800);
        // In-Fa's landfall at Putuo, 25 Jul 12:30 BJT, given in UTC.
        assert_eq!(c.resolve(&When("2021-07-25T04:30:00Z".into())).unwrap(), 28 * 3600 + 1800);
        assert!(c.resolve(&When("tomorrow".into())).unwrap_err().contains("expected"));
        assert!(c.resolve(&When("D2 25:00".into())).is_err());
    }

    #[test]
    fn labels_show_day_and_local_clock() {
        let c = cal();
        assert_eq!(c.label(0), "D1 08:00");
        assert_eq!(c.label(30 * 3600 + 1800), "D2 14:30");
        assert_eq!(c.iso(3600), "2021-07-24T09:00:00+08:00");
        assert!((c.local_hour(14 * 3600) - 22.0).abs() < 1e-12);
    }
}
