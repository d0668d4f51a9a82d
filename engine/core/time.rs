//! Simulation time: integer seconds since the scenario start, and the clock resource.

use crate::model::Calendar;
use bevy_ecs::prelude::*;

/// Seconds since the scenario start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SimTime(pub i64);

impl SimTime {
    /// Seconds as a float, for models.
    pub fn secs(self) -> f64 {
        self.0 as f64
    }
    /// Hours as a float.
    pub fn hours(self) -> f64 {
        self.0 as f64 / 3600.0
    }
    /// A time `s` seconds later (rounded up to a whole second so nothing happens early).
    pub fn plus_s(self, s: f64) -> SimTime {
        SimTime(self.0 + s.max(0.0).ceil() as i64)
    }
}

/// The clock: current time, tick length, end, calendar.
#[derive(Resource, Debug, Clone)]
pub struct Clock {
    /// Current time: the end of the tick being simulated.
    pub now: SimTime,
    /// Tick length, s.
    pub tick_s: i64,
    /// End of the run.
    pub end: SimTime,
    /// Calendar for labels.
    pub calendar: Calendar,
    /// Ticks run so far.
    pub ticks: u64,
}

impl Clock {
    /// Start of the current tick.
    pub fn tick_start(&self) -> SimTime {
        SimTime(self.now.0 - self.tick_s)
    }
    /// "D2 14:30".
    pub fn label(&self, t: SimTime) -> String {
        self.calendar.label(t.0)
    }
    /// Whether the run has reached its end.
    pub fn finished(&self) -> bool {
        self.now >= self.end
    }
}

/// Stage 1: advance the clock by one tick.
pub fn advance_clock(mut clock: ResMut<Clock>) {
    clock.now = SimTime(clock.now.0 + clock.tick_s);
    clock.ticks += 1;
}
