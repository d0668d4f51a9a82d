//! Findings (AQ/T 9009): each reason behind a rating below P becomes a deficiency (不足项: a U,
//! or a correction item repeated since the last drill), a correction item (整改项: an M, or an
//! S on a critical capability) or an improvement item (改进项: any other S), with its evidence
//! and a recommendation.

use super::rating::{Cause, Evidence, Rated, Rating};
use serde::{Deserialize, Serialize};

/// A finding's class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// 不足项: a serious gap, to be fixed by a deadline.
    Deficiency,
    /// 整改项: to be fixed before the next drill.
    Correction,
    /// 改进项: optional.
    Improvement,
}

impl Class {
    /// The name with its Chinese term.
    pub fn label(self) -> &'static str {
        match self {
            Class::Deficiency => "deficiency (不足项)",
            Class::Correction => "correction item (整改项)",
            Class::Improvement => "improvement item (改进项)",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub class: Class,
    pub capability: String,
    pub cause: Cause,
    pub text: String,
    pub evidence: Evidence,
    pub recommendation: String,
    /// A correction item found at the last drill too (escalated to a deficiency).
    #[serde(default)]
    pub repeated: bool,
}

impl Finding {
    /// What identifies a finding across drills: capability, cause and the metric or step.
    pub fn key(&self) -> (&str, Cause, &str) {
        (&self.capability, self.cause, &self.evidence.what)
    }
}

/// What to do about a reason, by its cause.
fn recommend(cap: &Rated, cause: Cause, what: &str) -> String {
    let name = &cap.name;
    match cause {
        Cause::TargetMissed => format!(
            "{name}: the target on `{what}` was not met — revise the plan's timing and forces for it (when the order or dispatch is given, who is sent, from where) and drill it again."
        ),
        Cause::Harm => format!(
            "{name}: people were harmed (`{what}`) — find where and when in the timeline, move the transfer or the response earlier there, and check the forces that could have reached them."
        ),
        Cause::StepMissed => format!(
            "{name}: a role-card step was never taken — make it a named person's task with a checklist and rehearse it."
        ),
        Cause::StepLate => format!(
            "{name}: a role-card step came after its time limit — shorten the path to it (assembly, call-up, who decides) or set a limit the force can meet."
        ),
        Cause::NearThreshold => format!(
            "{name}: `{what}` met its target with little margin — a slightly worse day would miss it; add margin (earlier trigger, one more team)."
        ),
        Cause::Shortage => format!(
            "{name}: a shortage occurred (`{what}`) — stock more at the sites, or ask for relief earlier."
        ),
    }
}

/// The findings of a drill's ratings; a correction item whose key was a correction item or a
/// deficiency in `previous` (the last drill's findings) escalates to a deficiency.
pub fn findings(rated: &[Rated], previous: &[Finding]) -> Vec<Finding> {
    let mut out = Vec::new();
    for cap in rated {
        if cap.rating.is_none_or(|r| r == Rating::P) {
            continue;
        }
        for r in &cap.reasons {
            let class = match r.cause.rating() {
                Rating::U => Class::Deficiency,
                Rating::M => Class::Correction,
                Rating::S if cap.critical => Class::Correction,
                _ => Class::Improvement,
            };
            out.push(Finding {
                class,
                capability: cap.id.clone(),
                cause: r.cause,
                text: r.text.clone(),
                evidence: r.evidence.clone(),
                recommendation: recommend(cap, r.cause, &r.evidence.what),
                repeated: false,
            });
        }
    }
    for f in &mut out {
        let before = previous.iter().any(|p| p.class != Class::Improvement && p.key() == f.key());
        if f.class == Class::Correction && before {
            f.class = Class::Deficiency;
            f.repeated = true;
            f.text = format!("{} — repeated since the last drill", f.text);
        }
    }
    out.sort_by(|a, b| a.class.cmp(&b.class).then(a.capability.cmp(&b.capability)));
    out
}
