//! The drill layer: injects and decision points (player commands and sessions arrive with the
//! tabletop issue).

pub mod injects;

pub use injects::InjectCursor;
