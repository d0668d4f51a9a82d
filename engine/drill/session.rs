//! A tabletop session (`drill play`): one World stepped tick by tick between stops — the next
//! inject or decision point, or the time the facilitator asked for — taking the players'
//! commands at each stop, recording every command that changes the run (saved after each),
//! and, at `end`, running the rest with the plan to the Outcome. A recording replayed (to
//! resume, or with `drill run --decisions`) gives the same run, because an order given at a stop
//! is carried out in the first tick after it, whichever way it arrives.

use super::command::{HELP, Line, Names, canonical, parse};
use super::decisions::{Act, DecisionPoints, Given, Goal, PlayerOrders};
use super::recording::{Entry, Recording};
use crate::agents::team::{Team, TeamState};
use crate::command::incident::Incident;
use crate::command::levels::Levels;
use crate::core::setting::Setting;
use crate::core::{Clock, Outcome, SimTime};
use crate::run::{Inputs, RunError, RunOptions};
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::Schedule;
use std::path::PathBuf;

/// What a command line gave back.
#[derive(Debug)]
pub enum Reply {
    /// Text to show; the session goes on.
    Text(String),
    /// `end`: the run is finished.
    Ended(Box<Outcome>),
}

/// A session in progress.
pub struct Session {
    world: World,
    schedule: Schedule,
    setting: Setting,
    capabilities: Vec<String>,
    pub recording: Recording,
    /// Where the recording is saved after every command (none in tests that only replay).
    save_to: Option<PathBuf>,
    /// Timeline events already shown in a brief.
    mark: usize,
}

impl Session {
    /// A session at the scenario start, recording into `recording` (commands it already holds
    /// are not replayed: see [`Session::resume`]).
    pub fn start(inputs: &Inputs, opts: &RunOptions, save_to: Option<PathBuf>) -> Result<Session, RunError> {
        let mut world = crate::run::world(inputs, opts)?;
        let mut schedule = crate::run::schedule::tick_schedule();
        if let Err(e) = schedule.initialize(&mut world) {
            return Err(RunError::Schedule(e.to_string(schedule.graph(), &world)));
        }
        let setting = world.resource::<Setting>().clone();
        let capabilities = crate::model::evaluation::for_plan(&inputs.plan.plan)
            .capabilities
            .into_iter()
            .map(|c| c.id)
            .collect();
        Ok(Session {
            world,
            schedule,
            setting,
            capabilities,
            recording: Recording::new(inputs, opts.seed, opts.nominal),
            save_to,
            mark: 0,
        })
    }

    /// Continue a recorded session: replay its commands, then record on into `save_to`.
    pub fn resume(
        inputs: &Inputs,
        recorded: &Recording,
        save_to: Option<PathBuf>,
    ) -> Result<Session, String> {
        if let Some(end) = recorded.commands.iter().find(|e| e.line == "end") {
            return Err(format!(
                "the session ended at {}: nothing to resume (drill run --decisions replays it)",
                end.at
            ));
        }
        let opts = RunOptions { seed: recorded.seed, nominal: recorded.nominal, check_every_tick: false };
        let mut s = Session::start(inputs, &opts, None).map_err(|e| e.to_string())?;
        for (k, e) in recorded.commands.iter().enumerate() {
            let now = s.now();
            if e.t_s != now.0 {
                return Err(format!(
                    "command {} (\"{}\") was given at {} but the replay reached it at {}: the session \
                     does not replay on these inputs",
                    k + 1,
                    e.line,
                    e.at,
                    s.label(now)
                ));
            }
            if let Err(why) = s.command(&e.line, &e.wall) {
                return Err(format!("command {} (\"{}\") at {}: {why}", k + 1, e.line, e.at));
            }
        }
        s.save_to = save_to;
        s.save()?;
        Ok(s)
    }

    /// The current sim time.
    pub fn now(&self) -> SimTime {
        self.world.resource::<Clock>().now
    }

    /// The current sim time as reports show it ("D2 14:30").
    pub fn label_now(&self) -> String {
        self.label(self.now())
    }

    fn label(&self, t: SimTime) -> String {
        self.setting.calendar.label(t.0)
    }

    fn open_points(&self) -> Vec<usize> {
        self.world.resource::<DecisionPoints>().pending.iter().map(|p| p.0).collect()
    }

    /// The brief of the current stop (and mark its events seen).
    pub fn brief(&mut self) -> String {
        let text = super::brief::brief(&mut self.world, self.mark);
        self.mark = self.world.resource::<crate::core::Timeline>().0.len();
        text
    }

    /// Completion candidates for the word under the cursor.
    pub fn complete(&self, before: &[&str], word: &str) -> Vec<String> {
        let open = self.open_points();
        let n = Names { s: &self.setting, capabilities: &self.capabilities, open: &open };
        super::completion::complete(before, word, &n)
    }

    /// Take one command line typed at wall time `wall`. Errors leave the session unchanged.
    pub fn command(&mut self, line: &str, wall: &str) -> Result<Reply, String> {
        let open = self.open_points();
        let n = Names { s: &self.setting, capabilities: &self.capabilities, open: &open };
        let parsed = parse(line, &n)?;
        let now = self.now();
        let finished = self.world.resource::<Clock>().finished();
        match parsed {
            Line::Help => Ok(Reply::Text(HELP.into())),
            Line::Status => Ok(Reply::Text(self.brief())),
            Line::Teams => Ok(Reply::Text(super::brief::teams(&mut self.world))),
            Line::Map => Ok(Reply::Text(super::brief::text_map(&mut self.world))),
            Line::Undo => self.undo(),
            Line::Advance(_) | Line::Until(_) if finished => {
                Err("the scenario has ended: type end for the report".into())
            }
            Line::Advance(d) => {
                self.record(line.trim(), wall)?;
                Ok(Reply::Text(self.run_to(SimTime(now.0 + d))))
            }
            Line::Until(t) if t <= now => {
                Err(format!("{} is not after now ({})", self.label(t), self.label(now)))
            }
            Line::Until(t) => {
                self.record(line.trim(), wall)?;
                Ok(Reply::Text(self.run_to(t)))
            }
            Line::End => {
                self.record("end", wall)?;
                while !self.world.resource::<Clock>().finished() {
                    self.schedule.run(&mut self.world);
                }
                Ok(Reply::Ended(Box::new(crate::run::finish::outcome(&mut self.world))))
            }
            Line::Order(act) => {
                self.check(&act)?;
                let text = canonical(&act, &self.setting);
                self.record(&text, wall)?;
                let reply = match &act {
                    Act::Note(_) => "noted".to_string(),
                    Act::Rate(..) => format!("recorded: {text} (kept beside the computed rating)"),
                    _ => format!("ordered: {text} (carried out as time runs on)"),
                };
                self.world.resource_mut::<PlayerOrders>().given.push(Given { t: now, act, line: text });
                Ok(Reply::Text(reply))
            }
        }
    }

    /// Refuse an order the run cannot carry out now, saying why.
    fn check(&mut self, act: &Act) -> Result<(), String> {
        let Act::Dispatch(team, goal) = act else { return Ok(()) };
        let now = self.now();
        let mut q = self.world.query::<(&Team, &TeamState)>();
        let state = q.iter(&self.world).find(|(t, _)| t.0 == *team).map(|(_, st)| st.clone());
        let id = &self.setting.teams[team.ix()].id;
        if !matches!(state, Some(TeamState::Idle { .. })) {
            let home = self.setting.teams[team.ix()].node;
            let doing = state.map_or("not in the run", |st| {
                crate::run::activity::activity(&st, home).unwrap_or("at its station")
            });
            return Err(format!("{id} is not free ({doing}); free teams are listed by `teams`"));
        }
        let (incident, call) = match goal {
            Goal::Facility(f) => {
                let f = &self.setting.facilities[f.ix()];
                return match state {
                    Some(TeamState::Idle { node })
                        if node == f.node && node != self.setting.teams[team.ix()].node =>
                    {
                        Err(format!("{id} already stands by at {}", f.id))
                    }
                    _ => Ok(()),
                };
            }
            Goal::Fire(i) => (*i, false),
            Goal::Call(i) => (*i, true),
        };
        let mut q = self.world.query::<(&Incident, Option<&crate::command::calls::Call>)>();
        let known = q
            .iter(&self.world)
            .any(|(i, c)| i.idx == incident && c.is_some() == call && i.t_report.is_some_and(|t| t <= now));
        if known {
            Ok(())
        } else {
            Err("the command knows of no such incident; `status` lists the incidents known".into())
        }
    }

    /// Record a command and save the recording.
    fn record(&mut self, line: &str, wall: &str) -> Result<(), String> {
        let now = self.now();
        self.recording.commands.push(Entry {
            at: self.label(now),
            t_s: now.0,
            wall: wall.to_string(),
            line: line.to_string(),
        });
        self.save()
    }

    fn save(&self) -> Result<(), String> {
        match &self.save_to {
            Some(p) => self.recording.save(p),
            None => Ok(()),
        }
    }

    /// Take back the last order given at this stop.
    fn undo(&mut self) -> Result<Reply, String> {
        let now = self.now();
        let player = self.world.resource::<PlayerOrders>();
        let last_here = player.given.len() > player.next && player.given.last().is_some_and(|g| g.t == now);
        let recorded_last =
            self.recording.commands.last().is_some_and(|e| e.t_s == now.0 && is_order(&e.line));
        if !(last_here && recorded_last) {
            return Err("nothing to undo at this stop (orders are carried out once time runs on)".into());
        }
        let g = self.world.resource_mut::<PlayerOrders>().given.pop();
        self.recording.commands.pop();
        self.save()?;
        Ok(Reply::Text(format!("taken back: {}", g.map_or(String::new(), |g| g.line))))
    }

    /// Step until `until`, the next inject released, or the end; then the brief.
    fn run_to(&mut self, until: SimTime) -> String {
        let released = |w: &World| w.resource::<Levels>().injects_released.len();
        let before = released(&self.world);
        while self.now() < until && !self.world.resource::<Clock>().finished() {
            self.schedule.run(&mut self.world);
            if released(&self.world) > before {
                break;
            }
        }
        let why = if released(&self.world) > before {
            "stopped for an inject".to_string()
        } else if self.world.resource::<Clock>().finished() {
            "the scenario has ended: type end for the report".to_string()
        } else {
            format!("paused at {}", self.label(self.now()))
        };
        format!("{why}\n{}", self.brief())
    }
}

/// Whether a recorded line is an order, note or rating (what undo can take back).
fn is_order(line: &str) -> bool {
    let w = line.split_whitespace().next().unwrap_or("");
    !matches!(w, "advance" | "a" | "until" | "u" | "end")
}

/// The players' orders of a recording, for `drill run --decisions`: each order line parsed on
/// the run's names, at the sim time it was given.
pub fn orders_of(rec: &Recording, inputs: &Inputs, setting: &Setting) -> Result<Vec<Given>, String> {
    let capabilities: Vec<String> = crate::model::evaluation::for_plan(&inputs.plan.plan)
        .capabilities
        .into_iter()
        .map(|c| c.id)
        .collect();
    let open: Vec<usize> =
        (0..setting.injects.len()).filter(|&i| setting.injects[i].decision.is_some()).collect();
    let n = Names { s: setting, capabilities: &capabilities, open: &open };
    let mut out = Vec::new();
    for (k, e) in rec.commands.iter().enumerate() {
        match parse(&e.line, &n) {
            Ok(Line::Order(act)) => {
                let line = canonical(&act, setting);
                out.push(Given { t: SimTime(e.t_s), act, line });
            }
            Ok(_) => {}
            Err(why) => return Err(format!("commands[{k}] (\"{}\"): {why}", e.line)),
        }
    }
    Ok(out)
}
