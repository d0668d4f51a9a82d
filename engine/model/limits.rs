//! Documented size limits of the input files. A file beyond a limit is refused by validation with
//! its size and the limit (`2 000 000 households, more than the limit of 1 000 000`).
//!
//! The limits are far above a real township (Fengqiao: 33 zones, 53 nodes, 82 links, 40
//! facilities, about 20,000 households) and keep a run's memory and time bounded: a county-sized
//! map fits, an accidental or hostile one does not. Files themselves are bounded at
//! [`MAX_FILE_BYTES`](super::source::MAX_FILE_BYTES) and nesting at
//! [`MAX_NESTING`](super::source::MAX_NESTING); `base` chains at
//! [`MAX_BASE_DEPTH`](super::load::MAX_BASE_DEPTH).

/// Zones on a map.
pub const MAX_ZONES: u64 = 1_000;
/// Road nodes on a map.
pub const MAX_NODES: u64 = 50_000;
/// Road links on a map.
pub const MAX_LINKS: u64 = 100_000;
/// Facilities on a map.
pub const MAX_FACILITIES: u64 = 5_000;
/// Gauges, dikes and reservoirs on a map (each).
pub const MAX_WATER_WORKS: u64 = 1_000;
/// Households over all zones of a map (each household is an agent).
pub const MAX_HOUSEHOLDS: u64 = 1_000_000;
/// Teams in a scenario.
pub const MAX_TEAMS: u64 = 2_000;
/// Supply stocks in a scenario.
pub const MAX_SUPPLIES: u64 = 50_000;
/// Injects in a scenario (the MSEL).
pub const MAX_INJECTS: u64 = 5_000;
/// Fire incidents in a scenario.
pub const MAX_FIRES: u64 = 5_000;
/// Expected calls over all call streams of a scenario (rate × window).
pub const MAX_CALLS: u64 = 200_000;
/// Values over all rain and stage series of a scenario.
pub const MAX_SERIES_VALUES: u64 = 100_000;
/// Points of a typhoon track.
pub const MAX_TRACK_POINTS: u64 = 10_000;
/// Simulated duration of a scenario, hours (ten days).
pub const MAX_DURATION_H: f64 = 240.0;
/// Shortest tick, seconds.
pub const MIN_TICK_S: u32 = 10;
/// Longest tick, seconds.
pub const MAX_TICK_S: u32 = 600;
/// Agencies, roles, level rules, modules or role cards in a plan (each).
pub const MAX_PLAN_ITEMS: u64 = 1_000;
/// Actions over all modules of a plan.
pub const MAX_ACTIONS: u64 = 10_000;

/// A count with spaces between thousands, as limits are written in messages: `1 000 000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// `2 000 000 households, more than the limit of 1 000 000`, or none when within the limit.
pub fn over(count: u64, limit: u64, what: &str) -> Option<String> {
    (count > limit).then(|| format!("{} {what}, more than the limit of {}", grouped(count), grouped(limit)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1 000");
        assert_eq!(grouped(2_000_000), "2 000 000");
        assert_eq!(grouped(12_345_678), "12 345 678");
    }

    #[test]
    fn over_names_the_size_and_the_limit() {
        assert_eq!(
            over(2_000_000, MAX_HOUSEHOLDS, "households").as_deref(),
            Some("2 000 000 households, more than the limit of 1 000 000")
        );
        assert_eq!(over(MAX_ZONES, MAX_ZONES, "zones"), None);
    }
}
