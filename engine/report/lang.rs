//! The reports' languages: one table of strings, English and Chinese, looked up by key.
//! Every string a report prints comes from here (user text — names, events — is shown as given).

/// A report language (`--lang en|zh`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// The tables looked up, in order: the reports' own, then the charts'.
const TABLES: &[&[(&str, &str, &str)]] = &[STRINGS, super::charts::strings::STRINGS];

/// The string for `key` in `lang`; the key itself when the table lacks it (a test checks every
/// key used exists).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    for table in TABLES {
        if let Some((_, en, zh)) = table.iter().find(|(k, ..)| *k == key) {
            return match lang {
                Lang::En => en,
                Lang::Zh => zh,
            };
        }
    }
    key
}

/// Whether the table has `key`.
pub fn has(key: &str) -> bool {
    TABLES.iter().any(|table| table.iter().any(|(k, ..)| *k == key))
}

/// Key, English, Chinese.
pub const STRINGS: &[(&str, &str, &str)] = &[
    ("rating.P", "P — performed without challenges", "P — 顺利完成"),
    ("rating.S", "S — performed with some challenges", "S — 基本完成，存在一些问题"),
    ("rating.M", "M — performed with major challenges", "M — 勉强完成，存在重大问题"),
    ("rating.U", "U — unable to be performed", "U — 未能完成"),
    ("grade.5", "5 (excellent)", "5(优秀)"),
    ("grade.3", "3 (pass)", "3(合格)"),
    ("grade.1", "1 (poor)", "1(不合格)"),
    ("class.deficiency", "deficiency (不足项)", "不足项"),
    ("class.correction", "correction item (整改项)", "整改项"),
    ("class.improvement", "improvement item (改进项)", "改进项"),
    ("poete.planning", "Planning", "预案(计划)"),
    ("poete.organisation", "Organisation", "组织"),
    ("poete.equipment", "Equipment", "装备物资"),
    ("poete.training", "Training", "培训"),
    ("due.deficiency", "30 days after the drill", "演练后30日内"),
    ("due.correction", "before the next drill (90 days)", "下次演练前(90日内)"),
    ("due.improvement", "within 180 days", "180日内"),
    ("hz.typhoon", "typhoon", "台风"),
    ("hz.rainstorm", "rainstorm", "暴雨"),
    ("hz.flood", "flood", "洪水"),
    ("hz.fire", "fire", "火灾"),
    ("hz.forest_fire", "forest fire", "森林火灾"),
    ("hz.calls", "calls for help", "求助警情"),
    // report.md
    ("md.figure", "Figure", "指标"),
    ("md.value", "Value", "数值"),
    ("md.metric", "Metric", "指标名"),
    ("md.role", "Role", "类别"),
    ("md.file", "File", "文件"),
    ("md.class", "Class", "类别"),
    ("md.jurisdiction", "Jurisdiction", "辖区"),
    ("md.changes", "Changes", "变化"),
    ("md.agency", "Agency", "单位"),
    ("md.incidents", "Incidents", "事件数"),
    ("md.s.evaluation", "Evaluation", "演练评估"),
    ("md.s.findings", "Findings", "问题项"),
    ("md.s.levels", "Response levels per jurisdiction", "各辖区响应等级"),
    ("md.s.warnings", "Warnings and response levels", "预警与响应等级"),
    ("md.s.orders", "Orders, shelters and measures", "指令、安置点与措施"),
    ("md.s.fires", "Fires", "火灾"),
    ("md.s.injects", "Injects and decisions", "情景注入与决策"),
    ("md.s.cards", "Role cards: steps done, late or missed", "处置卡:步骤完成、超时或未执行"),
    ("md.s.conflicts", "Force conflicts between hazards", "多灾种力量冲突"),
    ("md.s.picture", "Common picture: incidents each agency knew of", "共同态势:各单位掌握的事件数"),
    ("md.s.metrics", "All metrics", "全部指标"),
    ("md.k.evacuation_should_transfer_people", "People who should be transferred", "应转移人数"),
    ("md.k.evacuation_transferred_by_deadline_share", "Share transferred by the deadline", "时限内转移比例"),
    ("md.k.evacuation_transferred_share", "Share transferred by the end", "最终转移比例"),
    ("md.k.evacuation_time_to_90pct_h", "Hours from first order to 90 % out", "首次指令至转移90%用时(小时)"),
    ("md.k.evacuation_refused_people", "People who refused to leave", "拒绝转移人数"),
    ("md.k.shelter_peak_occupancy_people", "Peak shelter occupancy (people)", "安置点峰值人数"),
    ("md.k.people_dead", "Deaths", "死亡人数"),
    ("md.k.fire_incidents", "Fires", "火灾起数"),
    (
        "md.k.fire_response_time_mean_s",
        "Mean response time, alarm to first arrival (s)",
        "平均响应时间,接警至首车到场(秒)",
    ),
    (
        "md.k.fire_135_tier1_within_share",
        "135 tier 1 within 1 min (share of fires)",
        "“135”第一梯队1分钟到场比例",
    ),
    ("md.k.fire_135_tier2_within_share", "135 tier 2 within 3 min", "“135”第二梯队3分钟到场比例"),
    ("md.k.fire_135_tier3_within_share", "135 tier 3 within 5 min", "“135”第三梯队5分钟到场比例"),
    (
        "md.k.fire_time_to_control_mean_min",
        "Mean time from alarm to control (min)",
        "接警至控制平均用时(分钟)",
    ),
    (
        "md.k.coverage_circle_population_share",
        "Population inside the 15-minute circle",
        "15分钟救援圈覆盖人口比例",
    ),
    ("md.k.command_township_level_max", "Highest township response level (4 = I)", "镇最高响应等级(4 = I级)"),
    (
        "md.k.incidents_response_time_median_s",
        "Median response time over every incident (s)",
        "全部事件响应时间中位数(秒)",
    ),
    ("md.k.dispatch_duplicate_units", "Units sent where one was already sent", "重复派出力量数"),
    ("md.k.role_cards_steps_late", "Role-card steps done late", "处置卡步骤超时数"),
    ("md.k.role_cards_steps_missed", "Role-card steps missed", "处置卡步骤未执行数"),
    // The after-action report (HSEEP AAR/IP).
    ("aar.title", "After-action report and improvement plan", "演练评估报告与改进计划"),
    ("aar.overview", "Exercise overview", "演练概况"),
    ("aar.scenario", "Scenario", "情景"),
    ("aar.hazards", "Hazards", "灾种"),
    ("aar.plan", "Plan", "预案"),
    ("aar.agencies", "Agencies", "参演单位"),
    ("aar.start", "Scenario start", "情景开始时间"),
    ("aar.run", "What this run is", "本次运行"),
    ("aar.nominal", "nominal: every uncertain input at its median", "名义运行:所有不确定输入取中位数"),
    ("aar.realisation", "one realisation of the uncertain inputs, seed", "不确定输入的一次随机实现,种子"),
    ("aar.analysis", "Analysis of capabilities", "能力分析"),
    ("aar.score", "Score", "得分"),
    ("aar.grade", "AQ/T 9009 grade", "AQ/T 9009 等级"),
    ("aar.objective", "Objective", "目标"),
    ("aar.capability", "Capability", "能力"),
    ("aar.rating", "Capability rating", "能力评级"),
    ("aar.rule", "Rule that produced it", "评级依据"),
    ("aar.met", "met", "已达标"),
    ("aar.steps_missed", "Role-card steps missed", "处置卡步骤未执行"),
    ("aar.steps_late", "Role-card steps late", "处置卡步骤超时"),
    ("aar.harm", "Harm attributable", "可归因伤亡"),
    ("aar.shortage", "Shortage", "物资短缺"),
    ("aar.not_exercised", "not exercised", "未涉及"),
    ("aar.no_challenge", "exercised, no target applied, no challenge", "已涉及,无适用目标,无问题"),
    ("aar.strengths", "Strengths", "优点"),
    ("aar.no_strengths", "No target was met with margin.", "没有留有余量地达成的目标。"),
    ("aar.improvement", "Areas for improvement", "待改进事项"),
    (
        "aar.no_findings",
        "No findings: every exercised capability was performed without challenges.",
        "无问题项:所有涉及的能力均顺利完成。",
    ),
    ("aar.evidence", "Evidence", "证据"),
    ("aar.value", "value", "数值"),
    ("aar.threshold", "threshold", "阈值"),
    ("aar.time", "time", "时间"),
    ("aar.place", "place", "地点"),
    ("aar.who", "who", "责任方"),
    ("aar.recommendation", "Recommendation", "建议"),
    ("aar.plan_table", "Improvement plan", "改进计划"),
    ("aar.issue", "Issue", "问题"),
    ("aar.action", "Corrective action", "整改措施"),
    ("aar.element", "Capability element", "能力要素"),
    ("aar.responsible", "Responsible organisation", "责任单位"),
    ("aar.due", "Due", "完成时限"),
    ("aar.office", "Township emergency management office", "镇应急管理办公室"),
    // The players' part of a tabletop session (report.md, aar.md, report.html).
    ("play.title", "Players' decisions", "参演人员的决策"),
    ("play.orders", "Orders and their consequences", "指令及其后果"),
    ("play.command", "Command", "指令"),
    ("play.consequence", "Consequence", "后果"),
    ("play.points", "Decision points", "决策点"),
    ("play.inject", "Inject", "情景注入"),
    ("play.prompt", "Question", "决策事项"),
    ("play.option", "Option taken", "所选方案"),
    ("play.by", "Taken by", "决定方"),
    ("play.by_player", "the players", "参演人员"),
    ("play.by_default", "default (no answer)", "默认方案(未作答)"),
    ("play.notes", "Facilitator's notes", "导调记录"),
    ("play.evaluator", "Evaluator's rating", "评估员评级"),
    ("play.computed", "computed by the plan's rule", "按预案规则计算"),
    ("aar.decisions", "Decisions and their consequences", "决策及其后果"),
    ("aar.observations", "Observations (the facilitator's notes)", "观察记录(导调记录)"),
    // The HTML report.
    ("html.key", "Key figures", "关键指标"),
    ("html.k.should", "people who should be transferred", "应转移人数"),
    ("html.k.by_deadline", "share transferred by the deadline", "时限内转移比例"),
    ("html.k.t90", "hours from the first order to 90 % out", "首次指令至转移90%用时(小时)"),
    ("html.k.shelter_peak", "peak shelter occupancy", "安置点峰值人数"),
    ("html.k.dead", "deaths", "死亡人数"),
    ("html.k.fire_response", "mean fire response, alarm to first arrival (s)", "火灾平均响应时间(秒)"),
    ("html.k.incident_response", "median response over every incident (s)", "全部事件响应时间中位数(秒)"),
    ("html.k.rescue", "median rescue response (min)", "救援响应时间中位数(分钟)"),
    ("html.k.shortage", "shelter supply shortage (person-hours)", "安置点物资短缺(人·小时)"),
    ("html.k.late", "role-card steps late", "处置卡步骤超时数"),
    ("html.timeline", "Timeline", "时间线"),
    ("html.who", "Who", "主体"),
    ("html.what", "What", "事件"),
    ("html.more", "more events in timeline.csv", "条事件见 timeline.csv"),
    ("html.assumptions", "Assumptions", "假设与模型"),
    ("html.inputs", "Inputs", "输入文件"),
    (
        "aar.footer",
        "ratings by the plan's evaluation rule (DESIGN §8); every event is in timeline.csv",
        "评级依据预案评估规则;全部事件见 timeline.csv",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_has_both_languages() {
        let mut keys: Vec<&str> = TABLES.iter().flat_map(|t| t.iter().map(|(k, ..)| *k)).collect();
        for table in TABLES {
            for (k, en, zh) in *table {
                assert!(!en.is_empty() && !zh.is_empty(), "{k}");
            }
        }
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is defined twice");
        assert_eq!(t(Lang::Zh, "rating.U"), "U — 未能完成");
        assert_eq!(t(Lang::En, "no.such.key"), "no.such.key");
    }

    #[test]
    fn every_key_the_reports_look_up_is_in_the_table() {
        let sources = [
            include_str!("markdown.rs"),
            include_str!("markdown/play.rs"),
            include_str!("aar.rs"),
            include_str!("html.rs"),
        ];
        let mut n = 0;
        for src in sources {
            for call in ["t(lang, \"", "t(meta.lang, \""] {
                for (at, _) in src.match_indices(call) {
                    let rest = &src[at + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    assert!(has(key), "{key}");
                    n += 1;
                }
            }
        }
        assert!(n > 100, "only {n} look-ups found");
    }
}
