//! Stable typed ids: dense indices into the run's static tables, fixed at load time.
//! Strings live on only for files and reports.

use bevy_ecs::prelude::*;

macro_rules! id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Component)]
        pub struct $name(pub u32);
        impl $name {
            /// As an index into its table.
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(/// A zone (village, community, park, forest).
    ZoneId);
id!(/// A road node.
    NodeId);
id!(/// A directed road arc (a two-way link is two arcs).
    ArcId);
id!(/// A facility.
    FacilityId);
id!(/// A team.
    TeamId);
id!(/// A household.
    HouseholdId);
id!(/// A fire or other incident.
    IncidentId);
id!(/// A river gauge.
    GaugeId);
