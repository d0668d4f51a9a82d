//! The charts' strings (titles, axes, legends), English and Chinese: part of the one table in
//! [`crate::report::lang`].

/// Key, English, Chinese.
pub const STRINGS: &[(&str, &str, &str)] = &[
    // Units.
    ("chart.unit.min", "min", "分钟"),
    ("chart.unit.m", "m", "米"),
    // Hazard.
    ("chart.hazard.title", "Hazard, warnings and response level", "灾情、预警与响应等级"),
    ("chart.hazard.stage", "Stage", "水位"),
    ("chart.hazard.stage_axis", "Stage (m)", "水位（米）"),
    ("chart.hazard.wind", "Wind, max (m/s)", "最大风速（米/秒）"),
    ("chart.hazard.wind_axis", "Wind (m/s)", "风速（米/秒）"),
    ("chart.hazard.rain", "Rain rate, max (mm/h)", "最大雨强（毫米/时）"),
    ("chart.hazard.rain_axis", "Rain (mm/h)", "雨强（毫米/时）"),
    ("chart.hazard.hrr", "Fire heat release (MW)", "火灾热释放速率（兆瓦）"),
    ("chart.hazard.fire", "Heat release", "热释放速率"),
    ("chart.hazard.hrr_axis", "Heat (MW)", "热释放（兆瓦）"),
    ("chart.hazard.burned", "Burned area (ha)", "过火面积（公顷）"),
    ("chart.hazard.burned_axis", "Burned (ha)", "过火（公顷）"),
    ("chart.hazard.warning_blue", "Blue warning", "蓝色预警"),
    ("chart.hazard.warning_yellow", "Yellow warning", "黄色预警"),
    ("chart.hazard.warning_orange", "Orange warning", "橙色预警"),
    ("chart.hazard.warning_red", "Red warning", "红色预警"),
    ("chart.hazard.level_iv", "Response level IV", "Ⅳ级响应"),
    ("chart.hazard.level_iii", "Response level III", "Ⅲ级响应"),
    ("chart.hazard.level_ii", "Response level II", "Ⅱ级响应"),
    ("chart.hazard.level_i", "Response level I", "Ⅰ级响应"),
    ("chart.hazard.level_short", "Level", "响应等级"),
    // Evacuation.
    (
        "chart.evacuation.title",
        "Evacuation: people warned, leaving and transferred",
        "人员转移：预警、撤离与转移",
    ),
    ("chart.evacuation.warned", "Warned", "已预警"),
    ("chart.evacuation.decided", "Decided to leave", "已决定撤离"),
    ("chart.evacuation.transferred", "Transferred (shelters and relatives)", "已转移（安置点及投亲靠友）"),
    ("chart.evacuation.sheltered", "In shelters", "在安置点"),
    ("chart.evacuation.should", "Should transfer", "应转移"),
    ("chart.evacuation.deadline", "Deadline", "转移时限"),
    ("chart.evacuation.people_axis", "People", "人数"),
    // Team Gantt.
    ("chart.gantt.title", "What each team was doing", "各队伍任务时间线"),
    ("chart.gantt.en_route", "En route", "赶赴途中"),
    ("chart.gantt.on_scene", "On scene", "现场处置"),
    ("chart.gantt.standing_by", "Standing by", "待命"),
    ("chart.gantt.to_dike", "To dike work", "赶赴堤防"),
    ("chart.gantt.dike", "Dike work", "堤防抢险"),
    ("chart.gantt.prepositioning", "Pre-positioning", "前置备勤"),
    ("chart.gantt.to_road", "To a cut road", "赶赴阻断道路"),
    ("chart.gantt.clearing", "Clearing road", "道路抢通"),
    ("chart.gantt.returning", "Returning", "返回"),
    ("chart.gantt.call", "Answering a call", "处置求助"),
    ("chart.gantt.resting", "Resting", "轮休"),
    ("chart.gantt.out", "Out of service", "无法出动"),
    // Response times.
    ("chart.response.title", "Response times: report to first arrival", "响应时间：从接报到首批到场"),
    ("chart.response.fires", "Fires", "火灾"),
    ("chart.response.calls", "Calls for help", "求助"),
    ("chart.response.tiers", "135 tiers", "“135”梯队"),
    ("chart.response.circle", "Rescue circle", "救援圈"),
    ("chart.response.circle_short", "Circle", "救援圈"),
    ("chart.response.tier1", "T1", "一梯队"),
    ("chart.response.tier2", "T2", "二梯队"),
    ("chart.response.tier3", "T3", "三梯队"),
    ("chart.response.unreached", "Never reached:", "未到场："),
    ("chart.response.minutes_axis", "Response time (min)", "响应时间（分钟）"),
    ("chart.response.count_axis", "Incidents", "事件数"),
    // Shelters and supplies.
    ("chart.shelters.title", "People in shelters", "安置点人数"),
    ("chart.shelters.others", "Others", "其他"),
    ("chart.shelters.people_axis", "People", "人数"),
    ("chart.supplies.title", "Supplies in stock", "物资库存"),
    ("chart.supplies.start", ", start", "，初始"),
    ("chart.supplies.percent_axis", "% of starting stock", "占初始库存%"),
    ("chart.item.water_l", "Water (L)", "饮用水（升）"),
    ("chart.item.food_rations", "Food (rations)", "食品（份）"),
    ("chart.item.blankets", "Blankets", "棉被"),
    ("chart.item.medical_kits", "Medical kits", "医疗包"),
    ("chart.item.sandbags", "Sandbags", "沙袋"),
    ("chart.item.fuel_l", "Fuel (L)", "燃油（升）"),
    // Map.
    ("chart.map.title", "Township map", "乡镇地图"),
    ("chart.map.road", "Road", "道路"),
    ("chart.map.closed", "Road closed at some point", "道路封闭（曾）"),
    ("chart.map.zone", "Zone", "区域"),
    ("chart.map.dry", "Zone, not flooded", "区域（未受淹）"),
    ("chart.map.flooded", "Peak depth", "最大淹没水深"),
    ("chart.map.burned", "Zone with a fire", "发生火灾的区域"),
    ("chart.map.shelter", "Shelter", "安置点"),
    ("chart.map.station", "Station", "救援站点"),
    ("chart.map.depot", "Supply depot", "物资仓库"),
    ("chart.map.command", "Command centre", "指挥中心"),
    ("chart.map.size_note", "Circle size: residents", "圆大小：人口"),
    ("chart.map.east_km", "East (km)", "东（千米）"),
    ("chart.map.north_km", "North (km)", "北（千米）"),
];

#[cfg(test)]
mod tests {
    use super::STRINGS;

    #[test]
    fn every_key_is_a_chart_key_used_by_the_charts() {
        let sources = [
            include_str!("hazard.rs"),
            include_str!("evacuation.rs"),
            include_str!("gantt.rs"),
            include_str!("response.rs"),
            include_str!("stocks.rs"),
            include_str!("map.rs"),
            include_str!("render.rs"),
        ]
        .concat();
        for (key, en, zh) in STRINGS {
            assert!(key.starts_with("chart."), "{key}");
            assert!(sources.contains(&format!("\"{key}\"")), "{key} is never used");
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
        }
        // Every key the charts use is in the table.
        for piece in sources.split('"').skip(1).step_by(2) {
            if piece.starts_with("chart.") && !piece.contains(' ') && !piece.ends_with('.') {
                assert!(STRINGS.iter().any(|(k, ..)| *k == piece), "{piece} is not in the table");
            }
        }
    }
}
