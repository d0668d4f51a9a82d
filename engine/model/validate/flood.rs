//! Rules for the modelled flood: catchments, rating curves, dike and reservoir parameters.

use super::Check;
use super::scenario::Names;
use crate::model::Dist;
use crate::model::flood::FloodModel;
use std::collections::BTreeSet;

/// Check `hazards.flood_model` against the map's names.
pub(super) fn check(c: &mut Check, names: &Names, f: &FloodModel) {
    let p = "hazards.flood_model";
    let modelled: BTreeSet<&str> = f.reservoirs.iter().map(|r| r.reservoir.as_str()).collect();
    let outlets: BTreeSet<&str> = names.gauges.iter().copied().chain(modelled.iter().copied()).collect();
    c.ids(&format!("{p}.catchments"), f.catchments.iter().map(|k| k.id.as_str()));
    for (i, k) in f.catchments.iter().enumerate() {
        let q = format!("{p}.catchments[{i}]");
        for (j, z) in k.zones.iter().enumerate() {
            c.refer(&format!("{q}.zones[{j}]"), "zone", z, &names.zones);
        }
        if k.zones.is_empty() {
            c.report(&format!("{q}.zones"), None, "expected at least one zone whose rain falls on it");
        }
        c.positive(&format!("{q}.area_km2"), k.area_km2);
        let cn = format!("{q}.curve_number");
        if c.dist(&cn, &k.curve_number) {
            let (lo, hi) = match k.curve_number {
                Dist::Normal { mean, .. } => (mean, mean),
                d => d.support(),
            };
            if lo < 30.0 || hi > 100.0 {
                c.report(&cn, None, format!("expected curve numbers between 30 and 100, found {lo}–{hi}"));
            }
        }
        c.positive(&format!("{q}.k_h"), k.k_h);
        c.non_negative(&format!("{q}.baseflow_m3s"), k.baseflow_m3s);
        c.refer(&format!("{q}.to"), "gauge or modelled reservoir", &k.to, &outlets);
    }
    let mut rated = BTreeSet::new();
    for (i, r) in f.ratings.iter().enumerate() {
        let q = format!("{p}.ratings[{i}]");
        if c.refer(&format!("{q}.gauge"), "gauge", &r.gauge, &names.gauges) && !rated.insert(r.gauge.as_str())
        {
            c.report(&format!("{q}.gauge"), Some(&r.gauge), format!("gauge {:?} has two ratings", r.gauge));
        }
        c.positive(&format!("{q}.a"), r.a);
        if let Some(h0) = r.h0_m {
            c.finite(&format!("{q}.h0_m"), h0);
        }
        c.between(&format!("{q}.b"), r.b, 1.0, 3.0, "a rating exponent");
    }
    for (i, k) in f.catchments.iter().enumerate() {
        if names.gauges.contains(k.to.as_str()) && !rated.contains(k.to.as_str()) {
            let msg = format!("gauge {:?} receives a catchment but has no rating curve", k.to);
            c.report(&format!("{p}.catchments[{i}].to"), Some(&k.to), msg);
        }
    }
    let d = &f.dikes;
    c.finite(&format!("{p}.dikes.h50_below_crest_m"), d.h50_below_crest_m);
    c.non_negative(&format!("{p}.dikes.sigma_m"), d.sigma_m);
    c.dist_positive(&format!("{p}.dikes.breach_width_m"), &d.breach_width_m);
    c.non_negative(&format!("{p}.dikes.drainage_m3s"), d.drainage_m3s);
    c.between(
        &format!("{p}.dikes.polder_curve_number"),
        d.polder_curve_number,
        30.0,
        100.0,
        "a curve number",
    );
    let sl = &f.slopes;
    for (i, &(hours, mm)) in sl.critical_rain.iter().enumerate() {
        c.positive(&format!("{p}.slopes.critical_rain[{i}].0"), hours);
        c.positive(&format!("{p}.slopes.critical_rain[{i}].1"), mm);
    }
    c.dist_non_negative(&format!("{p}.slopes.flash_lead_min"), &sl.flash_lead_min);
    c.dist_non_negative(&format!("{p}.slopes.flash_depth_m"), &sl.flash_depth_m);
    c.non_negative(&format!("{p}.slopes.flash_duration_h"), sl.flash_duration_h);
    c.positive(&format!("{p}.slopes.landslide_scale"), sl.landslide_scale);
    c.share(&format!("{p}.slopes.houses_destroyed_share"), sl.houses_destroyed_share);
    c.ids(&format!("{p}.reservoirs"), f.reservoirs.iter().map(|r| r.reservoir.as_str()));
    for (i, r) in f.reservoirs.iter().enumerate() {
        let q = format!("{p}.reservoirs[{i}]");
        c.refer(&format!("{q}.reservoir"), "reservoir", &r.reservoir, &names.reservoirs);
        if let Some(v) = r.initial_level_m {
            c.finite(&format!("{q}.initial_level_m"), v);
        }
        if let Some(a) = r.surface_area_km2 {
            c.positive(&format!("{q}.surface_area_km2"), a);
        }
        c.positive(&format!("{q}.spillway_length_m"), r.spillway_length_m);
        if let Some(h) = r.piping_h50_m {
            c.finite(&format!("{q}.piping_h50_m"), h);
        }
        c.non_negative(&format!("{q}.piping_sigma_m"), r.piping_sigma_m);
        if c.refer(&format!("{q}.to"), "gauge", &r.to, &names.gauges) && !rated.contains(r.to.as_str()) {
            c.report(&format!("{q}.to"), Some(&r.to), format!("gauge {:?} has no rating curve", r.to));
        }
        c.non_negative(&format!("{q}.reach_k_h"), r.reach_k_h);
        c.non_negative(&format!("{q}.channel_m3s"), r.channel_m3s);
        c.positive(&format!("{q}.valley_width_m"), r.valley_width_m);
        c.positive(&format!("{q}.valley_slope"), r.valley_slope);
        c.positive(&format!("{q}.valley_manning_n"), r.valley_manning_n);
    }
}
