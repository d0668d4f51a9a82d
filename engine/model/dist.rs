//! `Dist`: a number, or a distribution to sample it from, wherever a file allows a value.
//!
//! In a file a fixed value is a plain number (`0.8`). A distribution is a record whose field
//! names say which one it is, so the name in front is for the reader:
//!
//! | written                              | distribution                   | `--nominal` value |
//! |--------------------------------------|--------------------------------|-------------------|
//! | `Normal(mean: 30, sd: 5)`            | normal                         | mean              |
//! | `Uniform(lo: 10, hi: 20)`            | uniform on [lo, hi]            | (lo + hi) / 2     |
//! | `Beta(a: 2, b: 5)`                   | beta on [0, 1]                 | median (numeric)  |
//! | `Triangular(min: 1, max: 9, mode: 3)`| triangular                     | median            |
//!
//! RON drops the name before `(` when a value may be either a number or a record, so the field
//! set is what decides; in JSON write the record alone (`{"mean": 30, "sd": 5}`).

use rand::Rng;
use rand_distr::{Distribution, Normal as NormalD};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A value in a file: fixed, or sampled per run from a distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dist {
    /// A fixed value.
    Fixed(f64),
    /// Normal with mean and standard deviation (sd ≥ 0).
    Normal { mean: f64, sd: f64 },
    /// Uniform on [lo, hi].
    Uniform { lo: f64, hi: f64 },
    /// Beta(a, b) on [0, 1], a > 0, b > 0.
    Beta { a: f64, b: f64 },
    /// Triangular with min ≤ mode ≤ max.
    Triangular { min: f64, max: f64, mode: f64 },
    /// Exponential with its mean (> 0): memoryless service and waiting times.
    Exponential { mean: f64 },
}

impl Default for Dist {
    fn default() -> Self {
        Dist::Fixed(0.0)
    }
}

impl From<f64> for Dist {
    fn from(v: f64) -> Self {
        Dist::Fixed(v)
    }
}

impl Dist {
    /// Why the parameters are invalid, if they are (non-finite, sd < 0, lo > hi, …).
    pub fn problem(&self) -> Option<String> {
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
        match *self {
            Dist::Fixed(v) if !v.is_finite() => Some(format!("{v} is not a finite number")),
            Dist::Fixed(_) => None,
            Dist::Normal { mean, sd } if !finite(&[mean, sd]) || sd < 0.0 => {
                Some(format!("Normal(mean: {mean}, sd: {sd}) needs finite values and sd >= 0"))
            }
            Dist::Uniform { lo, hi } if !finite(&[lo, hi]) || lo > hi => {
                Some(format!("Uniform(lo: {lo}, hi: {hi}) needs finite lo <= hi"))
            }
            Dist::Beta { a, b } if !finite(&[a, b]) || a <= 0.0 || b <= 0.0 => {
                Some(format!("Beta(a: {a}, b: {b}) needs a > 0 and b > 0"))
            }
            Dist::Triangular { min, max, mode }
                if !(finite(&[min, max, mode]) && min <= mode && mode <= max) || min == max =>
            {
                Some(format!(
                    "Triangular(min: {min}, max: {max}, mode: {mode}) needs min <= mode <= max and min < max"
                ))
            }
            Dist::Exponential { mean } if !(mean.is_finite() && mean > 0.0) => {
                Some(format!("Exponential(mean: {mean}) needs a finite mean > 0"))
            }
            _ => None,
        }
    }

    /// The smallest and largest value a draw can take (±∞ for the normal).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Dist::Fixed(v) => (v, v),
            Dist::Normal { sd: 0.0, mean } => (mean, mean),
            Dist::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            Dist::Uniform { lo, hi } => (lo, hi),
            Dist::Beta { .. } => (0.0, 1.0),
            Dist::Triangular { min, max, .. } => (min, max),
            Dist::Exponential { .. } => (0.0, f64::INFINITY),
        }
    }

    /// The value a `--nominal` run uses: the distribution's median.
    pub fn nominal(&self) -> f64 {
        match *self {
            Dist::Fixed(v) => v,
            Dist::Normal { mean, .. } => mean,
            Dist::Uniform { lo, hi } => 0.5 * (lo + hi),
            Dist::Beta { a, b } => beta_median(a, b),
            Dist::Triangular { min, max, mode } => {
                let mid = 0.5 * (min + max);
                if mode >= mid {
                    min + ((max - min) * (mode - min) / 2.0).sqrt()
                } else {
                    max - ((max - min) * (max - mode) / 2.0).sqrt()
                }
            }
            Dist::Exponential { mean } => mean * std::f64::consts::LN_2,
        }
    }

    /// One draw. Parameters must have passed [`Dist::problem`].
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            Dist::Fixed(v) => v,
            Dist::Normal { mean, sd } => NormalD::new(mean, sd).map_or(mean, |d| d.sample(rng)),
            Dist::Uniform { lo, hi } if lo == hi => lo,
            Dist::Uniform { lo, hi } => {
                rand_distr::Uniform::new_inclusive(lo, hi).map_or(lo, |d| d.sample(rng))
            }
            Dist::Beta { a, b } => rand_distr::Beta::new(a, b).map_or(0.5, |d| d.sample(rng)),
            Dist::Triangular { min, max, mode } => {
                rand_distr::Triangular::new(min, max, mode).map_or(mode, |d| d.sample(rng))
            }
            Dist::Exponential { mean } => rand_distr::Exp::new(1.0 / mean).map_or(mean, |d| d.sample(rng)),
        }
    }

    /// Sample, or take the nominal value.
    pub fn value<R: Rng + ?Sized>(&self, rng: &mut R, nominal: bool) -> f64 {
        if nominal { self.nominal() } else { self.sample(rng) }
    }
}

/// Median of Beta(a, b) by bisection on the regularised incomplete beta (Simpson's rule).
fn beta_median(a: f64, b: f64) -> f64 {
    let pdf = |x: f64| x.powf(a - 1.0) * (1.0 - x).powf(b - 1.0);
    // Integrate on a grid that avoids the (integrable) end singularities.
    let n = 2000;
    let (lo, hi) = (1e-9, 1.0 - 1e-9);
    let h = (hi - lo) / n as f64;
    let mut cdf = Vec::with_capacity(n + 1);
    let mut acc = 0.0;
    cdf.push(0.0);
    for i in 0..n {
        let x0 = lo + i as f64 * h;
        let x1 = x0 + h;
        acc += h / 6.0 * (pdf(x0) + 4.0 * pdf(0.5 * (x0 + x1)) + pdf(x1));
        cdf.push(acc);
    }
    let half = 0.5 * acc;
    let i = cdf.partition_point(|&c| c < half).clamp(1, n);
    let (c0, c1) = (cdf[i - 1], cdf[i]);
    let frac = if c1 > c0 { (half - c0) / (c1 - c0) } else { 0.5 };
    lo + (i as f64 - 1.0 + frac) * h
}

impl Serialize for Dist {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let fields: &[(&str, f64)] = match *self {
            Dist::Fixed(v) => return s.serialize_f64(v),
            Dist::Normal { mean, sd } => &[("mean", mean), ("sd", sd)],
            Dist::Uniform { lo, hi } => &[("lo", lo), ("hi", hi)],
            Dist::Beta { a, b } => &[("a", a), ("b", b)],
            Dist::Triangular { min, max, mode } => &[("min", min), ("max", max), ("mode", mode)],
            Dist::Exponential { mean } => &[("mean", mean)],
        };
        let mut m = s.serialize_map(Some(fields.len()))?;
        for (k, v) in fields {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

const EXPECTED: &str = "a number or a distribution: Normal(mean, sd), Uniform(lo, hi), \
                        Beta(a, b), Triangular(min, max, mode) or Exponential(mean)";

impl<'de> Deserialize<'de> for Dist {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Dist;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dist, E> {
                Ok(Dist::Fixed(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dist, E> {
                Ok(Dist::Fixed(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dist, E> {
                Ok(Dist::Fixed(v as f64))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Dist, A::Error> {
                let mut fields: Vec<(String, f64)> = Vec::new();
                while let Some(key) = m.next_key::<String>()? {
                    let v: f64 = m.next_value().map_err(|_| {
                        de::Error::custom(format!("distribution field `{key}` must be a number"))
                    })?;
                    if fields.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("duplicate field `{key}`")));
                    }
                    fields.push((key, v));
                }
                fields.sort_by(|a, b| a.0.cmp(&b.0));
                let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
                let get = |i: usize| fields[i].1;
                match names.as_slice() {
                    ["mean", "sd"] => Ok(Dist::Normal { mean: get(0), sd: get(1) }),
                    ["hi", "lo"] => Ok(Dist::Uniform { lo: get(1), hi: get(0) }),
                    ["a", "b"] => Ok(Dist::Beta { a: get(0), b: get(1) }),
                    ["max", "min", "mode"] => Ok(Dist::Triangular { min: get(1), max: get(0), mode: get(2) }),
                    ["mean"] => Ok(Dist::Exponential { mean: get(0) }),
                    _ => Err(de::Error::custom(format!(
                        "a distribution with fields ({}) is unknown: expected {EXPECTED}",
                        names.join(", ")
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Dist {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Dist".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let pair = |a: &str, b: &str| {
            serde_json::json!({"type": "object", "additionalProperties": false,
                "required": [a, b], "properties": {a: {"type": "number"}, b: {"type": "number"}}})
        };
        schemars::json_schema!({
            "description": EXPECTED,
            "oneOf": [
                {"type": "number"},
                pair("mean", "sd"),
                pair("lo", "hi"),
                pair("a", "b"),
                {"type": "object", "additionalProperties": false, "required": ["min", "max", "mode"],
                 "properties": {"min": {"type": "number"}, "max": {"type": "number"}, "mode": {"type": "number"}}},
                {"type": "object", "additionalProperties": false, "required": ["mean"],
                 "properties": {"mean": {"type": "number"}}}
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn parse(s: &str) -> Result<Dist, String> {
        ron::from_str::<Dist>(s).map_err(|e| e.to_string())
    }

    #[test]
    fn numbers_and_named_records_parse() {
        assert_eq!(parse("0.8").unwrap(), Dist::Fixed(0.8));
        assert_eq!(parse("3").unwrap(), Dist::Fixed(3.0));
        assert_eq!(parse("Normal(mean: 30, sd: 5)").unwrap(), Dist::Normal { mean: 30.0, sd: 5.0 });
        assert_eq!(parse("Uniform(hi: 2, lo: 1)").unwrap(), Dist::Uniform { lo: 1.0, hi: 2.0 });
        assert_eq!(
            parse("Triangular(min: 1, max: 9, mode: 3)").unwrap(),
            Dist::Triangular { min: 1.0, max: 9.0, mode: 3.0 }
        );
        let json: Dist = serde_json::from_str(r#"{"a": 2, "b": 5}"#).unwrap();
        assert_eq!(json, Dist::Beta { a: 2.0, b: 5.0 });
        let e = parse("Exponential(mean: 60)").unwrap();
        assert_eq!(e, Dist::Exponential { mean: 60.0 });
        assert!((e.nominal() - 60.0 * 2f64.ln()).abs() < 1e-12, "the median");
        assert!(parse("Exponential(mean: 0)").unwrap().problem().is_some());
    }

    #[test]
    fn wrong_input_says_what_was_expected() {
        let e = parse("\"seventy\"").unwrap_err();
        assert!(e.contains("a number or a distribution"), "{e}");
        let e = parse("Normal(mean: 3, sigma: 1)").unwrap_err();
        assert!(e.contains("fields (mean, sigma) is unknown"), "{e}");
    }

    #[test]
    fn invalid_parameters_are_named() {
        assert!(Dist::Normal { mean: 1.0, sd: -1.0 }.problem().is_some());
        assert!(Dist::Uniform { lo: 2.0, hi: 1.0 }.problem().is_some());
        assert!(Dist::Beta { a: 0.0, b: 1.0 }.problem().is_some());
        assert!(Dist::Triangular { min: 0.0, max: 1.0, mode: 2.0 }.problem().is_some());
        assert!(Dist::Fixed(f64::NAN).problem().is_some());
        assert!(Dist::Triangular { min: 0.0, max: 1.0, mode: 1.0 }.problem().is_none());
    }

    #[test]
    fn nominal_is_the_median() {
        assert_eq!(Dist::Uniform { lo: 1.0, hi: 3.0 }.nominal(), 2.0);
        // Symmetric beta: median 0.5; Beta(2, 5) median ≈ 0.26445 (tabulated).
        assert!((Dist::Beta { a: 3.0, b: 3.0 }.nominal() - 0.5).abs() < 1e-6);
        assert!((Dist::Beta { a: 2.0, b: 5.0 }.nominal() - 0.26445).abs() < 1e-4);
        // Triangular(0, 1, 1): F(x) = x², median √0.5.
        let t = Dist::Triangular { min: 0.0, max: 1.0, mode: 1.0 };
        assert!((t.nominal() - 0.5f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn samples_stay_in_support_and_match_the_mean() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let d = Dist::Triangular { min: 2.0, max: 8.0, mode: 5.0 };
        let n = 20_000;
        let mean =
            (0..n).map(|_| d.sample(&mut rng)).inspect(|x| assert!((2.0..=8.0).contains(x))).sum::<f64>()
                / n as f64;
        // Mean 5, sd √(1.5) ≈ 1.22: 5 standard errors ≈ 0.043.
        assert!((mean - 5.0).abs() < 0.043, "{mean}");
    }
}
