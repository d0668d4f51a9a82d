//! What the command tells the agents: evacuation orders per zone, tasks for teams, the county
//! request and measures in force. The command writes; the agents stage reads and acts.

use crate::core::{FacilityId, IncidentId, SimTime, TeamId, ZoneId};
use crate::model::OrderKind;
use bevy_ecs::prelude::*;

/// An evacuation order for a zone.
#[derive(Debug, Clone, Copy)]
pub struct ZoneOrder {
    pub zone: ZoneId,
    pub kind: OrderKind,
    pub t: SimTime,
    /// The village cadres come to help the households that cannot leave unaided.
    pub assist: bool,
}

/// Orders issued and not yet taken up by households; the strongest order per zone so far.
#[derive(Resource, Debug, Default)]
pub struct Orders {
    pub new: Vec<ZoneOrder>,
    pub strongest: Vec<Option<OrderKind>>,
    /// The strongest order per zone in effect (heard from its time on).
    pub in_effect: Vec<Option<OrderKind>>,
    /// When each zone was first ordered out.
    pub first_at: Vec<Option<SimTime>>,
}

/// Order strength: sweep > organised > mandatory > advice.
pub fn strength(k: OrderKind) -> u8 {
    match k {
        OrderKind::Advice => 1,
        OrderKind::Mandatory => 2,
        OrderKind::Organised => 3,
        OrderKind::Sweep => 4,
    }
}

impl Orders {
    /// No orders, for `zones` zones.
    pub fn new(zones: usize) -> Orders {
        Orders {
            new: Vec::new(),
            strongest: vec![None; zones],
            in_effect: vec![None; zones],
            first_at: vec![None; zones],
        }
    }

    /// Order a zone out unless an order at least as strong stands. Returns whether it was issued.
    /// An order may take effect later than it is issued (`t` in the future): households hear it
    /// from `t` ([`Orders::due`]).
    pub fn issue(&mut self, zone: ZoneId, kind: OrderKind, t: SimTime, assist: bool) -> bool {
        if self.strongest[zone.ix()].is_some_and(|k| strength(k) >= strength(kind)) {
            return false;
        }
        self.strongest[zone.ix()] = Some(kind);
        self.first_at[zone.ix()].get_or_insert(t);
        self.new.push(ZoneOrder { zone, kind, t, assist });
        true
    }

    /// Take the orders in effect by `now`, in time then zone order; later ones stay.
    pub fn due(&mut self, now: SimTime) -> Vec<ZoneOrder> {
        let (mut due, later): (Vec<ZoneOrder>, Vec<ZoneOrder>) = self.new.drain(..).partition(|o| o.t <= now);
        self.new = later;
        due.sort_by_key(|o| (o.t, o.zone));
        for o in &due {
            let e = &mut self.in_effect[o.zone.ix()];
            if e.is_none_or(|k| strength(k) < strength(o.kind)) {
                *e = Some(o.kind);
            }
        }
        due
    }
}

/// What a team is told to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskKind {
    /// Go to an incident and work it; the 135 tier it was sent as (1–3), 0 otherwise.
    Incident(IncidentId, u8),
    /// Move to a facility and stand by there.
    PrePosition(FacilityId),
    /// Clear a cut road link (fallen trees, debris).
    ClearRoad(usize),
    /// Answer a call: on scene for its service time.
    Call(IncidentId),
    /// Load sandbags at a depot and reinforce dikes (an order of [`crate::agents::dikework::DikeWorks`]).
    Reinforce(FacilityId, usize),
}

/// A task reaching a team at `t` (after its agency's channel, where not integrated).
#[derive(Debug, Clone, Copy)]
pub struct Task {
    pub team: TeamId,
    pub kind: TaskKind,
    pub t: SimTime,
}

/// Tasks not yet taken up.
#[derive(Resource, Debug, Default)]
pub struct TeamTasks(pub Vec<Task>);

/// The county reinforcement request.
#[derive(Resource, Debug, Default)]
pub struct County {
    /// When the township asked.
    pub requested_at: Option<SimTime>,
    /// When county teams can be dispatched.
    pub available_at: Option<SimTime>,
}

impl County {
    /// Whether county teams may be sent now.
    pub fn available(&self, now: SimTime) -> bool {
        self.available_at.is_some_and(|t| t <= now)
    }
}

/// Measures the command has put in force.
#[derive(Resource, Debug, Default)]
pub struct Measures {
    /// The five stops (五停): outdoor activities, school, work, business, transport — since when.
    pub five_stops: Option<SimTime>,
}
