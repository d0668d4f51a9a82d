//! Shards: which runs of a batch one process does. Shard I of N does the run ids ≡ I (mod N);
//! the index comes from `--shard I/N`, else from `JOB_COMPLETION_INDEX` (a Kubernetes Indexed
//! Job) with `--shards N`, else from `SLURM_ARRAY_TASK_ID` with `SLURM_ARRAY_TASK_COUNT` (a Slurm
//! job array; `--shards N` may stand in for the count).

use serde::{Deserialize, Serialize};

/// One shard of a batch: index in 0..count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// The whole batch in one process.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Whether this is one part of several.
    pub fn is_part(&self) -> bool {
        self.count > 1
    }

    /// The run ids of this shard among `runs`, ascending.
    pub fn runs(&self, runs: u64) -> impl Iterator<Item = u64> + use<> {
        (self.index..runs).step_by(self.count as usize)
    }

    /// How many runs of `runs` are this shard's.
    pub fn len(&self, runs: u64) -> u64 {
        if self.index >= runs { 0 } else { (runs - self.index).div_ceil(self.count) }
    }

    /// Whether this shard has no run of `runs`.
    pub fn is_empty(&self, runs: u64) -> bool {
        self.len(runs) == 0
    }

    /// The folder name a shard writes into under the batch folder: `shard-2-of-4`.
    pub fn folder(&self) -> String {
        format!("shard-{}-of-{}", self.index, self.count)
    }

    /// Parse `I/N`.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || format!("--shard: expected I/N with 0 ≤ I < N (e.g. 0/4), found \"{text}\"");
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count) =
            (i.trim().parse::<u64>().map_err(|_| bad())?, n.trim().parse::<u64>().map_err(|_| bad())?);
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// The shard from the options and the environment (`env` looks a variable up), in the order
    /// of the module doc; the whole batch when nothing says otherwise.
    pub fn choose(
        shard: Option<&str>,
        shards: Option<u64>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Shard, String> {
        if let Some(s) = shard {
            let s = Shard::parse(s)?;
            if shards.is_some_and(|n| n != s.count) {
                return Err(format!(
                    "--shard {}/{} and --shards {} disagree",
                    s.index,
                    s.count,
                    shards.unwrap_or(0)
                ));
            }
            return Ok(s);
        }
        let number = |var: &str| -> Result<Option<u64>, String> {
            match env(var) {
                None => Ok(None),
                Some(v) if v.trim().is_empty() => Ok(None),
                Some(v) => v
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{var}: expected a whole number, found \"{v}\"")),
            }
        };
        let within = |index: u64, count: u64, from: &str| {
            if count == 0 || index >= count {
                Err(format!("{from}: shard index {index} is not below the shard count {count}"))
            } else {
                Ok(Shard { index, count })
            }
        };
        if let (Some(n), Some(i)) = (shards, number("JOB_COMPLETION_INDEX")?) {
            return within(i, n, "JOB_COMPLETION_INDEX");
        }
        if let Some(i) = number("SLURM_ARRAY_TASK_ID")? {
            let n = match (shards, number("SLURM_ARRAY_TASK_COUNT")?) {
                (Some(n), _) | (None, Some(n)) => n,
                (None, None) => {
                    return Err(
                        "SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor --shards \
                                says how many shards there are"
                            .into(),
                    );
                }
            };
            return within(i, n, "SLURM_ARRAY_TASK_ID");
        }
        match shards {
            Some(n) if n > 1 => Err(format!(
                "--shards {n}: which shard is this? give --shard I/{n}, or run it as a Kubernetes Indexed Job \
                 (JOB_COMPLETION_INDEX) or a Slurm array task (SLURM_ARRAY_TASK_ID)"
            )),
            _ => Ok(Shard::WHOLE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn shard_runs_are_the_ids_congruent_to_the_index() {
        let s = Shard { index: 1, count: 4 };
        assert_eq!(s.runs(10).collect::<Vec<_>>(), vec![1, 5, 9]);
        assert_eq!(s.len(10), 3);
        assert_eq!(Shard { index: 3, count: 4 }.len(3), 0);
        let mut all: Vec<u64> = (0..4).flat_map(|i| Shard { index: i, count: 4 }.runs(10)).collect();
        all.sort();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
        assert_eq!(s.folder(), "shard-1-of-4");
    }

    #[test]
    fn the_shard_comes_from_the_flag_then_kubernetes_then_slurm() {
        let none = env(&[]);
        assert_eq!(Shard::choose(None, None, &none), Ok(Shard::WHOLE));
        assert_eq!(Shard::choose(Some("2/4"), None, &none), Ok(Shard { index: 2, count: 4 }));
        let k8s = env(&[
            ("JOB_COMPLETION_INDEX", "3"),
            ("SLURM_ARRAY_TASK_ID", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(Shard::choose(None, Some(4), &k8s), Ok(Shard { index: 3, count: 4 }));
        // Without --shards the Kubernetes index is not used: Slurm's pair is.
        assert_eq!(Shard::choose(None, None, &k8s), Ok(Shard { index: 1, count: 4 }));
        assert_eq!(Shard::choose(Some("0/2"), None, &k8s), Ok(Shard { index: 0, count: 2 }));
        let slurm = env(&[("SLURM_ARRAY_TASK_ID", "2")]);
        assert_eq!(Shard::choose(None, Some(3), &slurm), Ok(Shard { index: 2, count: 3 }));
    }

    #[test]
    fn bad_shards_are_refused_with_what_was_expected() {
        let none = env(&[]);
        for bad in ["4/4", "a/2", "1", "0/0"] {
            let e = Shard::choose(Some(bad), None, &none).unwrap_err();
            assert!(e.starts_with("--shard: expected I/N"), "{e}");
        }
        assert!(Shard::choose(None, Some(4), &none).unwrap_err().contains("which shard is this?"));
        let e = Shard::choose(None, None, env(&[("SLURM_ARRAY_TASK_ID", "1")])).unwrap_err();
        assert!(e.contains("SLURM_ARRAY_TASK_COUNT"), "{e}");
        let e = Shard::choose(None, Some(2), env(&[("JOB_COMPLETION_INDEX", "5")])).unwrap_err();
        assert_eq!(e, "JOB_COMPLETION_INDEX: shard index 5 is not below the shard count 2");
        let e = Shard::choose(None, Some(2), env(&[("JOB_COMPLETION_INDEX", "x")])).unwrap_err();
        assert!(e.contains("expected a whole number"), "{e}");
    }
}
