//! What the charts read of a run's series: columns as (hours, value) points, thinned for
//! drawing, and the calendar time axis (ticks at round local clock times, "D2 14:30" labels).

use crate::core::Outcome;
use crate::model::Calendar;

/// The most points a drawn line keeps.
pub(super) const MAX_POINTS: usize = 600;

/// A line: (hours since the start, value), finite values only.
pub(super) type Line = Vec<(f64, f64)>;

/// The column `name` as a line; None when the series lacks it.
pub(super) fn column(o: &Outcome, name: &str) -> Option<Line> {
    let ix = o.series.columns.iter().position(|c| c == name)?;
    Some(
        o.series
            .rows
            .iter()
            .filter_map(|(t_s, row)| {
                let v = *row.get(ix)?;
                v.is_finite().then_some((*t_s as f64 / 3600.0, v))
            })
            .collect(),
    )
}

/// Every column named `<prefix><suffix>`, as (suffix, line), in column order.
pub(super) fn columns_with_prefix(o: &Outcome, prefix: &str) -> Vec<(String, Line)> {
    o.series
        .columns
        .iter()
        .filter_map(|c| c.strip_prefix(prefix))
        .filter(|suffix| !suffix.is_empty())
        .filter_map(|suffix| Some((suffix.to_string(), column(o, &format!("{prefix}{suffix}"))?)))
        .collect()
}

/// The line holds something other than zeros.
pub(super) fn has_signal(line: &[(f64, f64)]) -> bool {
    line.iter().any(|(_, v)| *v != 0.0)
}

/// The largest value (0 for an empty line).
pub(super) fn peak(line: &[(f64, f64)]) -> f64 {
    line.iter().map(|(_, v)| *v).fold(0.0, f64::max)
}

/// The lowest and highest value, or None for an empty line.
pub(super) fn extent(lines: &[&[(f64, f64)]]) -> Option<(f64, f64)> {
    let mut it = lines.iter().flat_map(|l| l.iter().map(|(_, v)| *v));
    let first = it.next()?;
    Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
}

/// A y range showing `lo..hi` with some headroom; from zero when `from_zero` and the values are
/// not negative; never empty.
pub(super) fn y_range(lo: f64, hi: f64, from_zero: bool) -> (f64, f64) {
    let lo = if from_zero { lo.min(0.0) } else { lo };
    let span = hi - lo;
    if !(span.is_finite() && span > 1e-9) {
        let pad = if hi.abs() > 1e-9 { hi.abs() * 0.1 } else { 1.0 };
        return if from_zero && lo >= 0.0 { (0.0, hi + pad) } else { (lo - pad, hi + pad) };
    }
    let lo = if from_zero && lo >= 0.0 { 0.0 } else { lo - span * 0.05 };
    (lo, hi + span * 0.08)
}

/// `line` thinned to at most `MAX_POINTS`, keeping each bucket's lowest and highest point (so
/// peaks survive).
pub(super) fn thin(line: &[(f64, f64)]) -> Line {
    if line.len() <= MAX_POINTS {
        return line.to_vec();
    }
    let buckets = MAX_POINTS / 2;
    let size = line.len().div_ceil(buckets);
    let mut out = Vec::with_capacity(MAX_POINTS + 1);
    for chunk in line.chunks(size) {
        let lo = chunk.iter().enumerate().min_by(|a, b| a.1.1.total_cmp(&b.1.1));
        let hi = chunk.iter().enumerate().max_by(|a, b| a.1.1.total_cmp(&b.1.1));
        if let (Some((il, l)), Some((ih, h))) = (lo, hi) {
            match il.cmp(&ih) {
                std::cmp::Ordering::Less => out.extend([*l, *h]),
                std::cmp::Ordering::Greater => out.extend([*h, *l]),
                std::cmp::Ordering::Equal => out.push(*l),
            }
        }
    }
    out
}

/// Point-wise sum of lines sampled at the same rows (the shorter one's length).
pub(super) fn sum(a: &[(f64, f64)], b: &[(f64, f64)]) -> Line {
    a.iter().zip(b).map(|((t, x), (_, y))| (*t, x + y)).collect()
}

/// The time axis of a chart: hours since the start, from `t0_h` to `t1_h` (never empty), with
/// ticks at round local clock times.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TimeAxis {
    pub t0_h: f64,
    pub t1_h: f64,
    pub ticks_h: Vec<f64>,
    pub calendar: Calendar,
}

/// Tick steps, seconds: 10 min … 1 week.
const STEPS_S: [i64; 12] =
    [600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 259_200, 604_800];

impl TimeAxis {
    /// The axis covering `t0_s..t1_s` with at most `max_ticks` ticks.
    pub fn new(calendar: Calendar, t0_s: i64, t1_s: i64, max_ticks: usize) -> TimeAxis {
        let (t0_s, t1_s) = if t1_s > t0_s { (t0_s, t1_s) } else { (t0_s - 1800, t0_s + 1800) };
        let span_s = t1_s - t0_s;
        let step_s =
            STEPS_S.iter().copied().find(|s| span_s / s < max_ticks.max(2) as i64).unwrap_or(STEPS_S[11]);
        let local0 = calendar.start_utc_s + calendar.utc_offset_s as i64;
        let first = (local0 + t0_s).div_euclid(step_s) * step_s + step_s - local0;
        let first = if first - step_s >= t0_s { first - step_s } else { first };
        let ticks_h = (0..)
            .map(|k| first + k * step_s)
            .take_while(|t| *t <= t1_s)
            .take(64)
            .map(|t| t as f64 / 3600.0)
            .collect();
        TimeAxis { t0_h: t0_s as f64 / 3600.0, t1_h: t1_s as f64 / 3600.0, ticks_h, calendar }
    }

    /// The axis over the series' rows, stretched to include `extra_h` hours (deadlines, spans).
    pub fn of_series(o: &Outcome, extra_h: &[f64], max_ticks: usize) -> Option<TimeAxis> {
        let ts = o.series.rows.iter().map(|(t, _)| *t as f64 / 3600.0).chain(extra_h.iter().copied());
        Self::spanning(o.calendar, ts, max_ticks)
    }

    /// The axis over the hours `ts` (non-finite ones ignored); None when there are none.
    pub fn spanning(calendar: Calendar, ts: impl Iterator<Item = f64>, max_ticks: usize) -> Option<TimeAxis> {
        let (lo, hi) = ts.filter(|t| t.is_finite()).fold(None, |acc: Option<(f64, f64)>, t| {
            Some(acc.map_or((t, t), |(a, b)| (a.min(t), b.max(t))))
        })?;
        let to_s = |h: f64| (h * 3600.0).clamp(-1e12, 1e12).round() as i64;
        Some(TimeAxis::new(calendar, to_s(lo), to_s(hi), max_ticks))
    }

    /// "D2 14:30" for hours since the start.
    pub fn label(&self, h: f64) -> String {
        self.calendar.label((h * 3600.0).round() as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Series;

    fn cal() -> Calendar {
        Calendar { start_utc_s: 1_600_000_200, utc_offset_s: 8 * 3600 }
    }

    #[test]
    fn ticks_fall_on_round_clock_times_inside_the_axis() {
        let ax = TimeAxis::new(cal(), 600, 259_200, 9);
        assert!(ax.ticks_h.len() <= 9 && ax.ticks_h.len() >= 3, "{:?}", ax.ticks_h);
        for t in &ax.ticks_h {
            assert!(*t >= ax.t0_h && *t <= ax.t1_h);
            assert!(ax.label(*t).ends_with(":00"), "{}", ax.label(*t));
        }
        // A zero-length span still makes an axis.
        let one = TimeAxis::new(cal(), 3600, 3600, 8);
        assert!(one.t1_h > one.t0_h);
        assert!(!one.ticks_h.is_empty());
        assert!(TimeAxis::spanning(cal(), [f64::NAN].into_iter(), 8).is_none());
    }

    #[test]
    fn thinning_keeps_the_peak_and_bounds_the_size() {
        let line: Line =
            (0..5000).map(|i| (i as f64, if i == 2345 { 99.0 } else { (i % 7) as f64 })).collect();
        let thin = thin(&line);
        assert!(thin.len() <= MAX_POINTS, "{}", thin.len());
        assert!(thin.iter().any(|p| p.1 == 99.0));
        assert!(thin.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn columns_skip_non_finite_values_and_ranges_are_never_empty() {
        let o = Outcome {
            series: Series {
                columns: vec!["a".into(), "sheltered.x".into()],
                rows: vec![(0, vec![f64::NAN, 1.0]), (600, vec![2.0, f64::INFINITY])],
            },
            ..super::super::fixture::empty()
        };
        assert_eq!(column(&o, "a"), Some(vec![(600.0 / 3600.0, 2.0)]));
        assert_eq!(columns_with_prefix(&o, "sheltered.").len(), 1);
        assert!(column(&o, "b").is_none());
        let (lo, hi) = y_range(3.0, 3.0, false);
        assert!(hi > lo);
        let (lo, hi) = y_range(0.0, 0.0, true);
        assert!(lo == 0.0 && hi > 0.0);
        assert_eq!(extent(&[&[]]), None);
    }
}
