//! The drill layer: the MSEL's injects, contingency injects and decision points; the players'
//! orders and their recording; the tabletop session (`drill play`).

pub mod brief;
mod changes;
pub mod command;
pub mod completion;
pub mod contingency;
pub mod decisions;
pub mod injects;
pub mod outcome;
pub mod recording;
pub mod roster;
pub mod session;
pub mod terminal;
pub mod text;
pub mod textmap;

pub use decisions::{Act, DecisionPoints, Given, Goal, PlayerOrders};
pub use injects::{InjectCursor, Withheld};
