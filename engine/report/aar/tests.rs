//! aar.md's tests: the decisions section and the evaluator's rating.

use super::*;
use crate::report::markdown::play::{plain, tabletop};

#[test]
fn a_session_adds_the_decisions_section_and_the_evaluators_rating() {
    let (o, meta) = tabletop(Lang::En, "");
    let aar = aar_md(&o, &meta);
    let headings: Vec<&str> = aar.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## 1. Exercise overview",
            "## 2. Analysis of capabilities",
            "## 3. Decisions and their consequences",
            "## 4. Strengths",
            "## 5. Areas for improvement",
            "## 6. Improvement plan",
        ]
    );
    assert!(aar.contains("### 5.1 deficiency (不足项) — Evacuation and sheltering"));
    assert!(aar.contains("Score 88 / 100 (computed by the plan's rule: 50) · AQ/T 9009 grade 5 (excellent)"));
    assert!(aar.contains(
        "| Objective | Capability | Capability rating | Evaluator's rating | Rule that produced it |\n\
         |---|---|---|---|---|\n"
    ));
    assert!(aar.contains(
        "| Evacuation and sheltering | U — unable to be performed | S — performed with some challenges \
         (roster \\| late, D1 14:01) | target not met"
    ));
    assert!(aar.contains("| Command and coordination | P — performed without challenges |  | met ("));
    let start = aar.find("## 3. Decisions").unwrap();
    let section = &aar[start..aar.find("## 4. Strengths").unwrap()];
    assert_eq!(
        section,
        "## 3. Decisions and their consequences\n\n\
         ### 3.1 Orders and their consequences\n\n\
         - D1 12:01 · `dispatch t-fq-boat to sh-fengyuan` — t-fq-boat sent to sh-fengyuan; arrived D1 \
         12:40 (39 min after the order)\n\
         - D1 14:20 · `evacuate should-transfer organised` — organised transfer ordered for 14 zones at D1 \
         14:20, 3 h 10 min after the yellow typhoon warning (D1 10:00)\n\
         - D2 09:01 · `choose infa-expand expand-organised` — option expand-organised\n\n\
         ### 3.2 Decision points\n\n\
         - D2 09:01 · infa-expand: Extend the transfer to Chenjia? → expand-organised: Organised transfer \
         of Chenjia as well. — Taken by: the players\n\
         - D2 17:20 · infa-second: Extend the transfer to Chenjia? → wait: Organised transfer of Chenjia \
         as well. — Taken by: default (no answer)\n\n\
         ### 3.3 Observations (the facilitator's notes)\n\n\
         - D1 12:01 — Commander convenes the joint post\n\n"
    );
    let zh = aar_md(&tabletop(Lang::Zh, "").0, &tabletop(Lang::Zh, "").1);
    assert!(zh.contains("## 3. 决策及其后果") && zh.contains("### 3.3 观察记录(导调记录)"));
    assert!(!zh.contains("play.") && !zh.contains("aar.d") && !zh.contains("aar.o"));
}

#[test]
fn a_plain_run_keeps_its_sections_and_default_decisions_get_theirs() {
    let (mut o, meta) = plain(Lang::En);
    let aar = aar_md(&o, &meta);
    assert!(!aar.contains("Decisions and their consequences") && !aar.contains("Evaluator"));
    assert!(aar.contains("## 3. Strengths") && aar.contains("### 4.1 deficiency"));
    assert!(aar.contains("## 5. Improvement plan") && aar.contains("Score 50 / 100 · AQ/T"));
    o.play.decisions = tabletop(Lang::En, "").0.play.decisions.split_off(1);
    let aar = aar_md(&o, &meta);
    assert!(aar.contains(
        "## 3. Decisions and their consequences\n\n### 3.1 Decision points\n\n- D2 17:20 · infa-second"
    ));
    assert!(aar.contains("## 4. Strengths") && aar.contains("## 6. Improvement plan"));
}
