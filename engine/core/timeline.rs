//! The timeline: every fact of a run as an event in sim time — the one record reports read.

use super::time::SimTime;
use bevy_ecs::prelude::*;

/// What kind of fact an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    Warning,
    Level,
    Order,
    Action,
    Inject,
    Decision,
    Ignition,
    Detection,
    Report,
    Dispatch,
    Arrival,
    Control,
    Return,
    Shelter,
    Road,
    Evacuation,
    Harm,
    Request,
    /// A flood fact: overtopping, breach, piping, spill.
    Flood,
    /// Supplies: a convoy sent or unloaded.
    Supply,
    /// A role-card step done, late or missed.
    Step,
    /// Two hazards' work drawing on one team: who got it, by the plan's priorities.
    Conflict,
    /// A facilitator's note or an evaluator's rating, in sim time.
    Note,
}

impl EventKind {
    /// The name written to `timeline.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Warning => "warning",
            EventKind::Level => "level",
            EventKind::Order => "order",
            EventKind::Action => "action",
            EventKind::Inject => "inject",
            EventKind::Decision => "decision",
            EventKind::Ignition => "ignition",
            EventKind::Detection => "detection",
            EventKind::Report => "report",
            EventKind::Dispatch => "dispatch",
            EventKind::Arrival => "arrival",
            EventKind::Control => "control",
            EventKind::Return => "return",
            EventKind::Shelter => "shelter",
            EventKind::Road => "road",
            EventKind::Evacuation => "evacuation",
            EventKind::Harm => "harm",
            EventKind::Request => "request",
            EventKind::Flood => "flood",
            EventKind::Supply => "supply",
            EventKind::Step => "step",
            EventKind::Conflict => "conflict",
            EventKind::Note => "note",
        }
    }
}

/// One fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// When it happened (exact, not rounded to the tick).
    pub t: SimTime,
    /// What kind of fact.
    pub kind: EventKind,
    /// Who acted (a team, the command, a jurisdiction), or empty.
    pub who: String,
    /// Where (a zone, facility or link id), or empty.
    pub place: String,
    /// What happened, in words.
    pub text: String,
}

/// All events of the run, appended in stage order; sorted by time (stably) at the end.
#[derive(Resource, Debug, Default)]
pub struct Timeline(pub Vec<Event>);

impl Timeline {
    /// Record a fact.
    pub fn push(
        &mut self,
        t: SimTime,
        kind: EventKind,
        who: impl Into<String>,
        place: impl Into<String>,
        text: impl Into<String>,
    ) {
        self.0.push(Event { t, kind, who: who.into(), place: place.into(), text: text.into() });
    }
}
