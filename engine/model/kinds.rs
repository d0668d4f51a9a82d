//! The closed vocabularies files use: hazards, warning colours, response levels, risk tags, kinds.
//!
//! In files each is a lowercase string (`"orange"`, `"low_lying"`), the same in RON and JSON.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s)] $v),+ }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The name used in files and reports.
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

vocabulary!(
    /// A hazard a warning, a plan module or a should-transfer rule is about.
    HazardKind {
        Typhoon = "typhoon",
        Rainstorm = "rainstorm",
        Flood = "flood",
        /// Landslides and debris flows (地质灾害).
        Geological = "geological",
        /// Structure and industrial fires (火灾).
        Fire = "fire",
        ForestFire = "forest_fire",
    }
);

vocabulary!(
    /// Warning signal colours, lowest first (CMA / MWR signals).
    Colour { Blue = "blue", Yellow = "yellow", Orange = "orange", Red = "red" }
);

vocabulary!(
    /// Emergency response levels, lowest first: IV (一般) → I (特别重大). `None` is no response.
    Level { None = "none", IV = "IV", III = "III", II = "II", I = "I" }
);

vocabulary!(
    /// Risk tags on zones: what makes its households should-transfer for a hazard.
    RiskTag {
        /// Small-catchment flash-flood gully (山洪沟).
        FlashFloodGully = "flash_flood_gully",
        /// Geological hazard point: landslide or debris flow (地质灾害隐患点).
        LandslidePoint = "landslide_point",
        /// Dilapidated or low-standard houses (危旧房).
        DilapidatedHouses = "dilapidated_houses",
        /// Low-lying land that floods first (低洼地).
        LowLying = "low_lying",
        /// Outside the dike, on the river side (堤外).
        OutsideDike = "outside_dike",
        /// Below a reservoir dam.
        BelowDam = "below_dam",
        /// Urban built-up area (城镇建成区): the 135 standard applies to fires here.
        BuiltUp = "built_up",
        /// Industrial park (工业园区): the 135 standard applies to fires here.
        Industrial = "industrial",
        /// Next to forest: exposed to a forest fire front.
        ForestEdge = "forest_edge",
    }
);

vocabulary!(
    /// What a zone is.
    ZoneKind {
        Village = "village",
        Community = "community",
        TownCentre = "town_centre",
        IndustrialPark = "industrial_park",
        Forest = "forest",
    }
);

vocabulary!(
    /// Land cover of a zone (flood debris factor; forest fuel later).
    LandCover { Urban = "urban", Farmland = "farmland", Woodland = "woodland", Tea = "tea", Bamboo = "bamboo" }
);

vocabulary!(
    /// What a facility is.
    FacilityKind {
        Station = "station",
        Shelter = "shelter",
        Depot = "depot",
        WaterSource = "water_source",
        CommandCentre = "command_centre",
    }
);

vocabulary!(
    /// The kind of a station (for the 135 tiers and the 15-minute circle).
    StationKind {
        /// Township full-time comprehensive emergency fire rescue station (tier 3).
        Comprehensive = "comprehensive",
        /// Micro fire station of a unit or block (tier 1 for the zones it serves).
        MicroUnit = "micro_unit",
        /// Village micro fire station (tier 2; tier 1 for the zones it serves).
        MicroVillage = "micro_village",
        /// County fire rescue brigade: reinforcement, not a 135 tier.
        CountyBrigade = "county_brigade",
        /// Other posts: militia, police, medical, power, water.
        Other = "other",
    }
);

vocabulary!(
    /// What a team is.
    TeamKind {
        ComprehensiveRescue = "comprehensive_rescue",
        MicroFire = "micro_fire",
        CountyFire = "county_fire",
        Militia = "militia",
        Medical = "medical",
        Police = "police",
        PowerRepair = "power_repair",
        VillageCadres = "village_cadres",
    }
);

vocabulary!(
    /// What a team can do.
    Skill {
        Fire = "fire",
        WaterRescue = "water_rescue",
        EvacuationAssist = "evacuation_assist",
        RoadClearing = "road_clearing",
        Medical = "medical",
        DikeWork = "dike_work",
        ForestFire = "forest_fire",
    }
);

vocabulary!(
    /// Vehicles a team has.
    VehicleKind { Engine = "engine", Boat = "boat", Truck = "truck", Car = "car", Motorbike = "motorbike" }
);

vocabulary!(
    /// Supply items; units are in the name.
    Item {
        WaterL = "water_l",
        FoodRations = "food_rations",
        Blankets = "blankets",
        MedicalKits = "medical_kits",
        Sandbags = "sandbags",
        FuelL = "fuel_l",
    }
);

vocabulary!(
    /// How people are told to leave, which sets their compliance.
    OrderKind {
        /// Organised door-to-door transfer by grid workers and village cadres (组织转移).
        Organised = "organised",
        /// Mandatory order by broadcast (强制转移令).
        Mandatory = "mandatory",
        /// Advice to leave (建议转移).
        Advice = "advice",
        /// The second sweep (回头看) after an organised transfer: cadres and police check every
        /// house of the zone again and take out whoever is still there (依法强制转移).
        Sweep = "sweep",
    }
);

vocabulary!(
    /// What is on fire: sets growth rate (EN 1991-1-2 Annex E; NFPA 204 for industry).
    FireKind {
        Dwelling = "dwelling",
        Shop = "shop",
        Office = "office",
        School = "school",
        /// Ordinary industrial storage: fast growth.
        IndustrialStorage = "industrial_storage",
        /// High-rack or flammable-liquid storage: ultra-fast growth.
        IndustrialFlammable = "industrial_flammable",
        /// A wildland ignition (forest fire model).
        Wildland = "wildland",
    }
);

impl Level {
    /// Roman numeral for reports ("IV"), or "-" for none.
    pub fn label(self) -> &'static str {
        if self == Level::None { "-" } else { self.as_str() }
    }
}

impl FireKind {
    /// The hazard module a fire of this kind belongs to.
    pub fn hazard(self) -> HazardKind {
        if self == FireKind::Wildland { HazardKind::ForestFire } else { HazardKind::Fire }
    }

    /// t² growth coefficient α (kW/s²): NFPA 72 Annex B growth classes by occupancy
    /// (EN 1991-1-2 Annex E), industry fast / ultra-fast (models.md §3.2, §7).
    pub fn alpha_kw_s2(self) -> f64 {
        match self {
            FireKind::Dwelling | FireKind::Office | FireKind::School => 0.01172,
            FireKind::Shop | FireKind::IndustrialStorage | FireKind::Wildland => 0.0469,
            FireKind::IndustrialFlammable => 0.1876,
        }
    }
}
