//! Bad input: `drill validate` on broken variants of the mini fixtures (tests/fixtures/mini).
//!
//! Each case writes its files into a fresh directory under the system temp dir (the other
//! fixtures copied beside them, so references work), runs the real binary, and checks the exit
//! code (1), the message on stderr with its file, document path and line:col, and that nothing
//! panicked. The directory is removed when the case ends, passed or failed.
//!
//! The plan-against-scenario rules (`validate_plan_for`) run when `drill validate` is given a
//! plan together with scenarios; most of them are checked here through the library.

use std::path::{Path, PathBuf};
use std::process::Command;

const MINI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");
const FIXTURES: [&str; 3] = ["map.ron", "scenario.ron", "plan.ron"];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(MINI).join(name)).expect("fixture is readable")
}

/// A fresh directory holding copies of the fixtures; removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("drill-bad-input-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp dir");
        for f in FIXTURES {
            std::fs::copy(Path::new(MINI).join(f), d.join(f)).expect("copy fixture");
        }
        Dir(d)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// The file's label in messages: its path as given, with forward slashes.
    fn label(&self, name: &str) -> String {
        self.path(name).to_string_lossy().replace('\\', "/")
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write test file");
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What one run of `drill validate` printed.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn validate(files: &[&Path]) -> Run {
    let out =
        Command::new(env!("CARGO_BIN_EXE_drill")).arg("validate").args(files).output().expect("run drill");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Run {
    /// Exit code 1, no panic, and each of `parts` on stderr.
    fn refused(&self, parts: &[&str]) -> &Run {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit code 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panicked:\n{}", self.stderr);
        for p in parts {
            assert!(self.stderr.contains(p), "stderr lacks\n  {p}\nstderr:\n{}", self.stderr);
        }
        self
    }

    fn accepted(&self) -> &Run {
        assert_eq!(
            self.code,
            Some(0),
            "expected exit code 0\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// 1-based line and column (in characters) of the first `needle` after the first `after`.
fn at(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let from = text.find(after).unwrap_or_else(|| panic!("{after:?} not in the text"));
    let i = from + text[from..].find(needle).unwrap_or_else(|| panic!("{needle:?} not after {after:?}"));
    let before = &text[..i];
    (before.matches('\n').count() + 1, before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1)
}

/// Fixture `file` with each `(from, to)` replaced once; panics if a `from` is missing.
fn edited(file: &str, edits: &[(&str, &str)]) -> String {
    let mut text = fixture(file);
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} not in {file}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// One case: fixture `file` edited and written into a fresh directory, then `target` validated.
struct Case {
    dir: Dir,
    file: &'static str,
    text: String,
    run: Run,
}

impl Case {
    fn new(test: &str, file: &'static str, edits: &[(&str, &str)]) -> Case {
        Case::checking(test, file, edits, file)
    }

    fn checking(test: &str, file: &'static str, edits: &[(&str, &str)], target: &str) -> Case {
        let dir = Dir::new(test);
        let text = edited(file, edits);
        dir.write(file, &text);
        let run = validate(&[&dir.path(target)]);
        Case { dir, file, text, run }
    }

    /// Refused with `file: path (l:c): message`, l:c where `needle` first follows `after`.
    fn at(&self, path: &str, after: &str, needle: &str, message: &str) -> &Case {
        let (l, c) = at(&self.text, after, needle);
        self.run.refused(&[&format!("{}: {path} ({l}:{c}): {message}", self.dir.label(self.file))]);
        self
    }

    /// Refused with `message` somewhere on stderr.
    fn says(&self, message: &str) -> &Case {
        self.run.refused(&[message]);
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Files that are not documents at all.

#[test]
fn the_valid_fixtures_validate() {
    let files: Vec<PathBuf> = FIXTURES.iter().map(|f| Path::new(MINI).join(f)).collect();
    let run = validate(&files.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    run.accepted();
    assert_eq!(run.stdout.matches("ok ").count(), 3, "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn malformed_syntax_shows_line_col_and_a_caret() {
    let c = Case::new("syntax", "scenario.ron", &[("members: 22,", "members 22,")]);
    let (l, _) = at(&c.text, "members 22", "members 22");
    let run = c.run.refused(&[&format!("{}:{l}:", c.dir.label("scenario.ron")), "expected colon"]);
    let caret = run.stderr.lines().any(|x| x.trim_start().starts_with('|') && x.trim_end().ends_with('^'));
    assert!(caret, "no caret line:\n{}", run.stderr);
}

#[test]
fn a_truncated_file_is_refused_with_its_place() {
    let dir = Dir::new("truncated");
    let text = fixture("scenario.ron");
    let p = dir.write("scenario.ron", &text[..text.len() / 2]);
    validate(&[&p]).refused(&[&format!("{}:", dir.label("scenario.ron")), "unexpected end"]);
}

#[test]
fn a_binary_file_is_refused() {
    let dir = Dir::new("binary");
    let p = dir.write("scenario.ron", b"(kind: \"scenario\"\x00\x01\x02\xff)");
    validate(&[&p]).refused(&["not a text file (a NUL byte at offset 17)"]);
}

#[test]
fn invalid_utf8_is_refused() {
    let dir = Dir::new("utf8");
    let mut bytes = fixture("map.ron").into_bytes();
    bytes.splice(10..10, [0xc3, 0x28]);
    let p = dir.write("map.ron", bytes);
    validate(&[&p]).refused(&["not UTF-8 text (invalid byte at offset 10)"]);
}

#[test]
fn an_empty_file_is_refused() {
    let dir = Dir::new("empty");
    let p = dir.write("plan.ron", "  \n");
    validate(&[&p]).refused(&[&format!("{}: empty file", dir.label("plan.ron"))]);
}

#[test]
fn a_missing_file_is_refused() {
    let dir = Dir::new("missing");
    validate(&[&dir.path("nothing.ron")]).refused(&[&format!("{}: no such file", dir.label("nothing.ron"))]);
}

#[test]
fn a_missing_map_names_the_scenario_that_named_it() {
    let c = Case::new("missing-map", "scenario.ron", &[("map: \"map.ron\"", "map: \"mapp.ron\"")]);
    c.says("mapp.ron: no such file (the map named by");
}

#[test]
fn a_directory_is_refused() {
    let dir = Dir::new("directory");
    validate(&[&dir.0]).refused(&["is a directory, expected a file"]);
}

#[test]
fn a_special_file_is_refused() {
    if Path::new("/dev/null").exists() {
        validate(&[Path::new("/dev/null")]).refused(&["/dev/null: not a regular file"]);
    }
}

#[test]
fn an_oversized_file_is_refused() {
    let dir = Dir::new("oversized");
    let mut text = String::from("// padding\n");
    text.push_str(&" ".repeat(17 * 1024 * 1024));
    let p = dir.write("scenario.ron", text);
    validate(&[&p]).refused(&["file is 17.0 MiB, larger than the 16 MiB limit"]);
}

#[test]
fn deeply_nested_input_is_refused() {
    let dir = Dir::new("nested");
    let p = dir.write("scenario.ron", "[".repeat(10_000));
    validate(&[&p]).refused(&["nested more than 64 levels deep"]);
    let p = dir.write("scenario.json", "[".repeat(10_000));
    validate(&[&p]).refused(&["scenario.json:1:"]);
}

#[test]
fn a_misspelt_field_is_named_with_its_place() {
    let c = Case::new("misspelt", "scenario.ron", &[("members: 22,", "membres: 22,")]);
    c.at("teams[0].membres", "membres", "membres", "unknown field `membres`, expected one of:");
}

#[test]
fn a_wrong_typed_value_says_what_was_expected() {
    let c = Case::new("wrong-type", "scenario.ron", &[("members: 22,", "members: \"seventy\",")]);
    c.at("teams[0].members", "members", "\"seventy\"", "expected a whole number >= 0, found \"seventy\"");
}

#[test]
fn a_cyclic_base_is_refused() {
    let dir = Dir::new("cycle");
    let a = edited("scenario.ron", &[("format_version: 1,", "format_version: 1, base: \"b.ron\",")]);
    let p = dir.write("a.ron", a);
    dir.write("b.ron", "(kind: \"scenario\", format_version: 1, base: \"a.ron\")");
    validate(&[&p]).refused(&["is its own base (a cycle of base files)"]);
}

#[test]
fn json_with_the_same_schema_is_accepted_by_extension() {
    let dir = Dir::new("json");
    let ls = drill::model::load::load_scenario(&Path::new(MINI).join("scenario.ron")).expect("fixture loads");
    let mut scenario = ls.scenario.clone();
    scenario.map = "map.json".into();
    let map = serde_json::to_string_pretty(&ls.map).expect("map as JSON");
    dir.write("map.json", &map);
    let s = dir.write("scenario.json", serde_json::to_string_pretty(&scenario).expect("scenario as JSON"));
    let run = validate(&[&dir.path("map.json"), &s]);
    run.accepted();
    assert!(run.stdout.contains("ok ") && run.stdout.contains("scenario.json"), "{}", run.stdout);

    // Problems in JSON are placed too.
    let bad = map.replacen("\"vulnerable_share\": 0.3,", "\"vulnerable_share\": 1.3,", 1);
    dir.write("map.json", &bad);
    let (l, c) = at(&bad, "xq-dongcun", "1.3");
    validate(&[&s]).refused(&[&format!(
        "{}: zones[1].vulnerable_share ({l}:{c}): expected a share between 0 and 1, found 1.3",
        dir.label("map.json")
    )]);
}

#[test]
fn several_problems_in_one_file_are_all_listed() {
    let c = Case::new(
        "several",
        "scenario.ron",
        &[
            ("station: \"xq-station\"", "station: \"xq-statoin\""),
            ("members: 6, on_duty: 3", "members: 0, on_duty: 3"),
            ("at: \"D1 12:00\"", "at: \"D5 10:00\""),
        ],
    );
    c.at(
        "teams[0].station",
        "station",
        "\"xq-statoin\"",
        "unknown facility \"xq-statoin\" (did you mean \"xq-station\"?)",
    )
    .at("teams[1].members", "members: 0", "0", "expected at least 1 member, found 0")
    .at("teams[1].on_duty", "members: 0", "3", "expected on_duty <= members (0), found 3")
    .at(
        "injects[0].at",
        "injects",
        "\"D5 10:00\"",
        "time \"D5 10:00\" is after the end of the scenario (72 h)",
    );
    assert!(c.run.stdout.contains("(4 problems)"), "{}", c.run.stdout);
}

// ---------------------------------------------------------------------------------------------
// Ids.

#[test]
fn duplicate_ids_are_refused() {
    // Placed at the second zone with the id, not the first.
    let c = Case::new("dup-zone", "map.ron", &[("id: \"xq-nanwan\"", "id: \"xq-beishan\"")]);
    c.at(
        "zones[3].id",
        "id: \"xq-beishan\", name: \"Nanwan",
        "\"xq-beishan\"",
        "duplicate id \"xq-beishan\"",
    );
    let c = Case::new("dup-facility", "map.ron", &[("id: \"xq-depot\"", "id: \"xq-water\"")]);
    // The depot renamed to the water source's id: the later one is the duplicate.
    c.at(
        "facilities[5].id",
        "id: \"xq-water\", kind: \"water_source\"",
        "\"xq-water\"",
        "duplicate id \"xq-water\"",
    );
}

#[test]
fn empty_ids_are_refused() {
    let c = Case::new("empty-id", "scenario.ron", &[("id: \"xq-team-micro\"", "id: \"\"")]);
    c.at("teams[1].id", "id: \"\"", "\"\"", "empty id, expected a non-empty name");
}

#[test]
fn decision_options_are_unique_and_the_default_is_one_of_them() {
    let c = Case::new(
        "options",
        "scenario.ron",
        &[("(id: \"clear\"", "(id: \"wait\""), ("default: \"wait\"", "default: \"wiat\"")],
    );
    c.at("injects[0].decision.options[1].id", "text: \"Clear it", "\"wait\"", "duplicate id \"wait\"").at(
        "injects[0].decision.default",
        "default",
        "\"wiat\"",
        "unknown option \"wiat\" (did you mean \"wait\"?)",
    );
}

// ---------------------------------------------------------------------------------------------
// References: every id resolves, with the nearest id suggested.

#[test]
fn a_misspelt_station_suggests_the_nearest_id() {
    let c =
        Case::new("station-typo", "scenario.ron", &[("station: \"xq-station\"", "station: \"xq-statoin\"")]);
    c.at(
        "teams[0].station",
        "station",
        "\"xq-statoin\"",
        "unknown facility \"xq-statoin\" (did you mean \"xq-station\"?)",
    );
}

#[test]
fn a_team_lives_at_a_station_and_supplies_at_a_depot_or_shelter() {
    let c = Case::new(
        "station-kind",
        "scenario.ron",
        &[
            ("station: \"xq-station\"", "station: \"xq-depot\""),
            ("facility: \"xq-depot\"", "facility: \"xq-water\""),
        ],
    );
    c.at(
        "teams[0].station",
        "station",
        "\"xq-depot\"",
        "facility \"xq-depot\" is a depot, expected a station",
    )
    .at(
        "supplies[0].facility",
        "supplies",
        "\"xq-water\"",
        "facility \"xq-water\" is a water source, expected a depot or a shelter",
    );
}

#[test]
fn map_references_resolve() {
    let c = Case::new(
        "map-refs",
        "map.ron",
        &[
            ("node: \"n-hill\"", "node: \"n-hil\""),
            ("to: \"n-south\"", "to: \"n-sooth\""),
            ("low_point_m: 9.5, gauge: \"xq-gauge\"", "low_point_m: 9.5, gauge: \"xq-guage\""),
            ("serves: [\"xq-dongcun\"]", "serves: [\"xq-dongcum\"]"),
            ("zone: \"xq-town\", capacity_people", "zone: \"xq-towm\", capacity_people"),
        ],
    );
    c.at(
        "zones[2].node",
        "id: \"xq-beishan\"",
        "\"n-hil\"",
        "unknown node \"n-hil\" (did you mean \"n-hill\"?)",
    )
    .at(
        "links[2].to",
        "l-centre-south",
        "\"n-sooth\"",
        "unknown node \"n-sooth\" (did you mean \"n-south\"?)",
    )
    .at(
        "links[0].gauge",
        "l-centre-east",
        "\"xq-guage\"",
        "unknown gauge \"xq-guage\" (did you mean \"xq-gauge\"?)",
    )
    .at(
        "facilities[2].serves[0]",
        "serves",
        "\"xq-dongcum\"",
        "unknown zone \"xq-dongcum\" (did you mean \"xq-dongcun\"?)",
    )
    .at(
        "facilities[3].zone",
        "xq-shelter-school",
        "\"xq-towm\"",
        "unknown zone \"xq-towm\" (did you mean \"xq-town\"?)",
    );
}

#[test]
fn zone_gauges_resolve() {
    let c = Case::new("zone-gauge", "map.ron", &[("gauge: \"xq-gauge\",\n", "gauge: \"xq-river\",\n")]);
    c.at("zones[1].gauge", "xq-dongcun", "\"xq-river\"", "unknown gauge \"xq-river\"");
}

#[test]
fn hazard_references_resolve() {
    let c = Case::new(
        "hazard-refs",
        "scenario.ron",
        &[
            ("\"xq-dongcun\", \"xq-beishan\"]", "\"xq-dongcun\", \"xq-beishen\"]"),
            ("(gauge: \"xq-gauge\"", "(gauge: \"xq-gague\""),
            ("zone: \"xq-town\", at", "zone: \"xq-twon\", node: \"n-nowhere\", at"),
        ],
    );
    c.at(
        "hazards.rain[0].zones[1]",
        "rain",
        "\"xq-beishen\"",
        "unknown zone \"xq-beishen\" (did you mean \"xq-beishan\"?)",
    )
    .at(
        "hazards.gauges[0].gauge",
        "gauges",
        "\"xq-gague\"",
        "unknown gauge \"xq-gague\" (did you mean \"xq-gauge\"?)",
    )
    .at(
        "hazards.fires[0].zone",
        "fires",
        "\"xq-twon\"",
        "unknown zone \"xq-twon\" (did you mean \"xq-town\"?)",
    )
    .at("hazards.fires[0].node", "fires", "\"n-nowhere\"", "unknown node \"n-nowhere\"");
}

#[test]
fn transfer_front_and_effect_references_resolve() {
    let c = Case::new(
        "effect-refs",
        "scenario.ron",
        &[
            ("tags: [\"low_lying\", \"landslide_point\"],", "tags: [\"low_lying\"], zones: [\"xq-nanwam\"],"),
            ("fires: [", "fire_front: [(zone: \"xq-forest\", at: \"D2 02:00\")],\n        fires: ["),
            ("link: \"l-east-hill\"", "link: \"l-east-hil\""),
            ("team: \"xq-team-rescue\"", "team: \"xq-team-rescu\""),
            (
                "(id: \"wait\", text: \"Wait for the rain to ease\")",
                "(id: \"wait\", text: \"Wait\", effect: (do: \"shelter_closed\", facility: \"xq-depot\"))",
            ),
        ],
    );
    c.at("hazards.fire_front[0].zone", "fire_front", "\"xq-forest\"", "unknown zone \"xq-forest\"")
        .at(
            "transfer.zones[0]",
            "transfer",
            "\"xq-nanwam\"",
            "unknown zone \"xq-nanwam\" (did you mean \"xq-nanwan\"?)",
        )
        .at(
            "injects[0].effect.link",
            "road_cut",
            "\"l-east-hil\"",
            "unknown link \"l-east-hil\" (did you mean \"l-east-hill\"?)",
        )
        .at(
            "injects[0].decision.options[0].effect.team",
            "team_unavailable",
            "\"xq-team-rescu\"",
            "unknown team \"xq-team-rescu\" (did you mean \"xq-team-rescue\"?)",
        )
        .at(
            "injects[0].decision.options[1].effect.facility",
            "shelter_closed",
            "\"xq-depot\"",
            "facility \"xq-depot\" is a depot, expected a shelter",
        );
}

#[test]
fn role_cards_name_roles_of_the_plan() {
    let c = Case::new("role", "plan.ron", &[("(role: \"commander\"", "(role: \"comander\"")]);
    c.at(
        "role_cards[0].role",
        "role_cards",
        "\"comander\"",
        "unknown role \"comander\" (did you mean \"commander\"?)",
    );
}

#[test]
fn plan_references_resolve_in_the_scenario() {
    // `drill validate` checks files one by one; the plan-against-scenario rules run in the library.
    use drill::model::load::{load_plan, load_scenario};
    use drill::model::validate::validate_plan_for;
    let dir = Dir::new("plan-for");
    let text = edited(
        "plan.ron",
        &[
            ("teams: [\"xq-team-rescue\"", "teams: [\"xq-team-rescu\""),
            ("jurisdiction: \"xq-dongcun\"", "jurisdiction: \"xq-dongcum\""),
            ("gauge: \"xq-gauge\"", "gauge: \"xq-gague\""),
            ("zone: \"xq-beishan\"", "zone: \"xq-beishen\""),
            ("id: \"xq-inj-1\"", "id: \"xq-inj-2\""),
            ("facilities: [\"xq-shelter-school\"]", "facilities: [\"xq-depot\"]"),
            ("to: \"xq-micro-dongcun\"", "to: \"xq-micro-dongcum\""),
            ("zones: [\"xq-dongcun\", \"xq-nanwan\"]", "zones: [\"xq-dongcun\", \"xq-nanwam\"]"),
            ("links: [\"l-centre-east\"]", "links: [\"l-centre-eats\"]"),
        ],
    );
    let plan = load_plan(&dir.write("plan.ron", &text)).expect("plan loads");
    let scenario = load_scenario(&dir.path("scenario.ron")).expect("scenario loads");
    let out: Vec<String> = validate_plan_for(&plan, &scenario).iter().map(|p| p.to_string()).collect();
    let label = dir.label("plan.ron");
    let sc = format!("in scenario {}", dir.label("scenario.ron"));
    let want = [
        (
            "organisation.agencies[0].teams[0]",
            "\"xq-team-rescu\"",
            format!("unknown team \"xq-team-rescu\" (did you mean \"xq-team-rescue\"?) {sc}"),
        ),
        (
            "levels[3].jurisdiction",
            "\"xq-dongcum\"",
            format!(
                "unknown jurisdiction \"xq-dongcum\" (did you mean \"xq-dongcun\"?) {sc}, expected \"township\", \"county\" or a zone id"
            ),
        ),
        (
            "levels[3].when.gauge",
            "\"xq-gague\"",
            format!("unknown gauge \"xq-gague\" (did you mean \"xq-gauge\"?) {sc}"),
        ),
        (
            "levels[4].when.zone",
            "\"xq-beishen\"",
            format!("unknown zone \"xq-beishen\" (did you mean \"xq-beishan\"?) {sc}"),
        ),
        (
            "levels[5].when.id",
            "\"xq-inj-2\"",
            format!("unknown inject \"xq-inj-2\" (did you mean \"xq-inj-1\"?) {sc}"),
        ),
        (
            "modules[0].actions[0].facilities[0]",
            "\"xq-depot\"",
            format!("facility \"xq-depot\" is a depot, expected a shelter {sc}"),
        ),
        (
            "modules[1].actions[2].to",
            "\"xq-micro-dongcum\"",
            format!("unknown facility \"xq-micro-dongcum\" (did you mean \"xq-micro-dongcun\"?) {sc}"),
        ),
        (
            "modules[2].actions[0].zones[1]",
            "\"xq-nanwam\"",
            format!("unknown zone \"xq-nanwam\" (did you mean \"xq-nanwan\"?) {sc}"),
        ),
        (
            "modules[2].actions[1].links[0]",
            "\"l-centre-eats\"",
            format!("unknown link \"l-centre-eats\" (did you mean \"l-centre-east\"?) {sc}"),
        ),
    ];
    assert_eq!(out.len(), want.len(), "{out:#?}");
    for ((path, needle, msg), got) in want.iter().zip(&out) {
        let (l, c) = at(&text, needle, needle);
        assert_eq!(got, &format!("{label}: {path} ({l}:{c}): {msg}"));
    }
    // The same plan file on its own is fine: these are references into a scenario.
    validate(&[&dir.path("plan.ron")]).accepted();
}

// ---------------------------------------------------------------------------------------------
// Numbers.

#[test]
fn shares_lie_between_0_and_1() {
    let c = Case::new("share", "map.ron", &[("vulnerable_share: 0.3,", "vulnerable_share: 1.4,")]);
    c.at(
        "zones[1].vulnerable_share",
        "vulnerable_share: 1.4",
        "1.4",
        "expected a share between 0 and 1, found 1.4",
    );
}

#[test]
fn link_lengths_speeds_and_capacities_are_positive() {
    let c = Case::new(
        "link-numbers",
        "map.ron",
        &[(
            "length_m: 1800.0, speed_kmh: 25.0, capacity_vph: 800.0",
            "length_m: -1800.0, speed_kmh: 0, capacity_vph: 800.0",
        )],
    );
    c.at("links[2].length_m", "l-centre-south", "-1800", "expected a number > 0, found -1800").at(
        "links[2].speed_kmh",
        "speed_kmh: 0",
        "0",
        "expected a number > 0, found 0",
    );
}

#[test]
fn distribution_parameters_are_valid() {
    let c = Case::new(
        "dist",
        "scenario.ron",
        &[("turnout_s: Uniform(lo: 60, hi: 120)", "turnout_s: Normal(mean: 90, sd: -5)")],
    );
    c.at(
        "teams[0].turnout_s",
        "turnout_s",
        "Normal",
        "Normal(mean: 90, sd: -5) needs finite values and sd >= 0",
    );
}

#[test]
fn a_share_distribution_stays_within_0_and_1() {
    let c = Case::new(
        "dist-share",
        "scenario.ron",
        &[("Uniform(lo: 0.15, hi: 0.25)", "Uniform(lo: 0.5, hi: 1.5)")],
    );
    c.at(
        "behaviour.shelter_share",
        "shelter_share",
        "Uniform",
        "expected a share between 0 and 1, but Uniform(lo: 0.5, hi: 1.5) can draw values from 0.5 to 1.5",
    );
}

#[test]
fn households_fit_the_population() {
    let c = Case::new(
        "households",
        "map.ron",
        &[
            ("population: 1200, households: 420", "population: 1200, households: 1420"),
            ("population: 800, households: 300", "population: 800, households: 0"),
        ],
    );
    c.at("zones[1].households", "1420", "1420", "expected households <= population (1200), found 1420").at(
        "zones[2].households",
        "households: 0",
        "0",
        "expected households > 0 for a population of 800, found 0",
    );
}

#[test]
fn team_counts_are_consistent() {
    let c =
        Case::new("team-counts", "scenario.ron", &[("members: 22, on_duty: 8", "members: 22, on_duty: 30")]);
    c.at("teams[0].on_duty", "on_duty: 30", "30", "expected on_duty <= members (22), found 30");
}

#[test]
fn the_origin_is_a_place_on_earth() {
    let c = Case::new(
        "origin",
        "map.ron",
        &[("origin: (lat_deg: 29.7, lon_deg: 120.4)", "origin: (lat_deg: 120.4, lon_deg: 29.7)")],
    );
    c.at("origin.lat_deg", "lat_deg", "120.4", "expected a latitude between -90 and 90, found 120.4");
}

#[test]
fn a_warning_stage_lies_below_the_guaranteed_stage() {
    let c = Case::new("gauge", "map.ron", &[("warning_stage_m: 9.5", "warning_stage_m: 11.5")]);
    c.at(
        "gauges[0].warning_stage_m",
        "warning_stage_m",
        "11.5",
        "expected the warning stage (11.5 m) at or below the guaranteed stage (11 m)",
    );
}

#[test]
fn tick_duration_and_series_steps_are_checked() {
    let c = Case::new(
        "clock",
        "scenario.ron",
        &[
            ("duration_h: 72.0", "duration_h: 300.0"),
            ("tick_s: 60", "tick_s: 7"),
            ("step_h: 6.0", "step_h: 0.0"),
        ],
    );
    c.at("duration_h", "duration_h", "300.0", "duration 300 h, more than the limit of 240 h")
        .at("tick_s", "tick_s", "7", "expected a tick of 10 to 600 s that divides 3600, found 7")
        .at("hazards.gauges[0].step_h", "step_h", "0.0", "expected a number > 0, found 0");
    let c = Case::new("zero-duration", "scenario.ron", &[("duration_h: 72.0", "duration_h: 0")]);
    c.at("duration_h", "duration_h", "0", "expected a duration > 0 h, found 0");
}

#[test]
fn rain_is_not_negative() {
    let c = Case::new("rain", "scenario.ron", &[("mm: [2.0, 5.0, 12.0", "mm: [2.0, -5.0, 12.0")]);
    c.at("hazards.rain[0].mm[1]", "mm:", "-5.0", "expected a number >= 0, found -5");
}

// ---------------------------------------------------------------------------------------------
// Fields that belong to one kind of facility.

#[test]
fn only_shelters_have_a_capacity() {
    let c = Case::new(
        "depot-capacity",
        "map.ron",
        &[(
            "zone: \"xq-town\"),\n        (id: \"xq-water\"",
            "zone: \"xq-town\", capacity_people: 50),\n        (id: \"xq-water\"",
        )],
    );
    c.at(
        "facilities[4].capacity_people",
        "capacity_people: 50",
        "50",
        "only shelters have a capacity, this is a depot",
    );
}

#[test]
fn stations_shelters_and_water_sources_have_their_fields() {
    let c = Case::new(
        "kind-fields",
        "map.ron",
        &[(", station: \"comprehensive\"", ""), (", capacity_people: 300", ""), (", flow_lps: 20.0", "")],
    );
    c.at(
        "facilities[1].station",
        "(id: \"xq-station\"",
        "(",
        "a station needs `station`, its kind: one of comprehensive,",
    )
    .at(
        "facilities[3].capacity_people",
        "(id: \"xq-shelter-school\"",
        "(",
        "a shelter needs `capacity_people`",
    )
    .at("facilities[5].flow_lps", "(id: \"xq-water\"", "(", "a water source needs `flow_lps`");
}

// ---------------------------------------------------------------------------------------------
// Times.

#[test]
fn the_start_must_parse() {
    let c = Case::new(
        "start",
        "scenario.ron",
        &[("start: \"2021-07-24T08:00:00+08:00\"", "start: \"24 July 2021\"")],
    );
    c.at("start", "start", "\"24 July", "invalid start \"24 July 2021\": expected a date and time like");
}

#[test]
fn times_lie_within_the_scenario() {
    let c = Case::new(
        "times",
        "scenario.ron",
        &[
            ("at: \"D2 20:00\"", "at: \"D1 07:00\""),
            ("at: \"D2 06:00\"", "at: \"D2 6 o'clock\""),
            ("landfall: \"D2 12:30\"", "landfall: \"+80h\""),
            ("(gauge: \"xq-gauge\", start: \"D1 08:00\"", "(gauge: \"xq-gauge\", start: \"D4 09:00\""),
        ],
    );
    c.at("hazards.landfall", "landfall", "\"+80h\"", "time \"+80h\" is after the end of the scenario (72 h)")
        .at(
            "hazards.gauges[0].start",
            "(gauge",
            "\"D4 09:00\"",
            "time \"D4 09:00\" is after the end of the scenario (72 h)",
        )
        .at(
            "hazards.warnings[1].at",
            "warnings",
            "\"D2 6",
            "invalid time \"D2 6 o'clock\": expected \"D2 14:30\"",
        )
        .at(
            "hazards.fires[0].at",
            "fires",
            "\"D1 07:00\"",
            "time \"D1 07:00\" is before the start of the scenario (\"2021-07-24T08:00:00+08:00\")",
        );
}

#[test]
fn series_may_start_early_and_track_points_may_lie_outside_the_run() {
    let c = Case::new(
        "early-series",
        "scenario.ron",
        &[
            (
                "(zones: [\"xq-dongcun\", \"xq-beishan\"], start: \"D1 08:00\"",
                "(zones: [\"xq-dongcun\", \"xq-beishan\"], start: \"D1 02:00\"",
            ),
            (
                "landfall: \"D2 12:30\",",
                "landfall: \"D2 12:30\",\n        typhoon: (name: \"In-Fa\", points: [\
                 (at: \"2021-07-20T00:00:00Z\", lat_deg: 24.0, lon_deg: 128.0, pressure_hpa: 970, max_wind_mps: 35),\
                 (at: \"2021-07-30T00:00:00Z\", lat_deg: 34.0, lon_deg: 118.0, pressure_hpa: 998, max_wind_mps: 15)]),",
            ),
        ],
    );
    c.run.accepted();
}

// ---------------------------------------------------------------------------------------------
// Roads.

#[test]
fn one_way_links_can_strand_a_zone() {
    let c = Case::new(
        "one-way",
        "map.ron",
        &[
            ("low_point_m: 9.8, tree_lined: true", "low_point_m: 9.8, tree_lined: true, one_way: true"),
            ("low_point_m: 20.0, tree_lined: true", "low_point_m: 20.0, tree_lined: true, one_way: true"),
        ],
    );
    c.at(
        "zones[2].node",
        "id: \"xq-beishan\"",
        "\"n-hill\"",
        "there is no road from zone \"xq-beishan\" (node \"n-hill\") back to the command centre \"xq-command\"",
    );
}

#[test]
fn an_unconnected_shelter_is_named() {
    let c = Case::new(
        "island",
        "map.ron",
        &[
            (
                "(id: \"l-centre-north\", from: \"n-centre\", to: \"n-north\"",
                "(id: \"l-centre-north\", from: \"n-north\", to: \"n-north\"",
            ),
            (
                "(id: \"l-north-hill\", from: \"n-north\", to: \"n-hill\"",
                "(id: \"l-north-hill\", from: \"n-north\", to: \"n-north\"",
            ),
        ],
    );
    c.says("a link from node \"n-north\" to itself, expected two nodes").at(
        "facilities[3].node",
        "xq-shelter-school",
        "\"n-north\"",
        "shelter \"xq-shelter-school\" (node \"n-north\") is not connected by road to the command centre \"xq-command\"",
    );
}

#[test]
fn a_map_without_a_command_centre_is_refused() {
    // Without the command centre, roads are checked from the first zone; the depot's node is left
    // with one-way roads out only.
    let c = Case::new(
        "no-command",
        "map.ron",
        &[
            ("kind: \"command_centre\"", "kind: \"depot\""),
            ("from: \"n-centre\", to: \"n-west\"", "from: \"n-west\", to: \"n-centre\", one_way: true"),
            ("low_point_m: 11.0", "low_point_m: 11.0, one_way: true"),
        ],
    );
    c.at(
        "facilities",
        "facilities",
        "[",
        "the map has no command centre, expected a facility of kind \"command_centre\"",
    )
    .at(
        "facilities[4].node",
        "xq-depot",
        "\"n-west\"",
        "depot \"xq-depot\" (node \"n-west\") cannot be reached by road from the first zone \"xq-town\"",
    );
}

// ---------------------------------------------------------------------------------------------
// Sizes.

#[test]
fn too_many_households_are_refused() {
    let c = Case::new(
        "households-limit",
        "map.ron",
        &[("population: 3000, households: 1100", "population: 3000000, households: 2000000")],
    );
    c.at("zones", "zones", "[", "2 001 060 households, more than the limit of 1 000 000");
}

#[test]
fn too_many_zones_are_refused() {
    let zone = |i: usize| {
        format!(
            "(id: \"z{i}\", name: \"z\", kind: \"village\", node: \"n-centre\", x_m: 0, y_m: 0, area_km2: 1, \
             population: 10, households: 4, vulnerable_share: 0.3, car_share: 0.5, elevation_m: 10),\n"
        )
    };
    let many: String = (0..1_001).map(zone).collect();
    let c = Case::new("zones-limit", "map.ron", &[("zones: [\n", &format!("zones: [\n{many}"))]);
    c.at("zones", "zones", "[", "1 005 zones, more than the limit of 1 000");
}

// ---------------------------------------------------------------------------------------------
// Overlays: a problem is placed in the file that gave the offending value.

#[test]
fn problems_through_a_base_are_placed_in_the_file_that_wrote_them() {
    let dir = Dir::new("overlay");
    let top = "(kind: \"scenario\", format_version: 1, base: \"scenario.ron\",\n \
               teams: [(id: \"xq-team-micro\", on_duty: 9)],\n \
               behaviour: (compliance_advice: 1.5),\n)";
    let p = dir.write("variant.ron", top);
    let base = edited("scenario.ron", &[("duration_h: 72.0", "duration_h: -1.0")]);
    dir.write("scenario.ron", &base);
    let ((l, c), (l1, c1), (l2, c2)) =
        (at(&base, "duration_h", "-1.0"), at(top, "on_duty", "9"), at(top, "compliance_advice", "1.5"));
    let variant = dir.label("variant.ron");
    validate(&[&p]).refused(&[
        &format!("{variant}: teams[1].on_duty ({l1}:{c1}): expected on_duty <= members (6), found 9"),
        &format!(
            "{variant}: behaviour.compliance_advice ({l2}:{c2}): expected a share between 0 and 1, found 1.5"
        ),
        &format!("{}: duration_h ({l}:{c}): expected a duration > 0 h, found -1", dir.label("scenario.ron")),
    ]);
}

#[test]
fn a_plan_naming_a_team_the_scenario_lacks_is_refused_when_validated_with_it() {
    let dir = Dir::new("plan-for-scenario");
    let text = edited("plan.ron", &[("\"xq-team-micro\"", "\"xq-team-mikro\"")]);
    dir.write("plan.ron", &text);
    let run = validate(&[&dir.path("scenario.ron"), &dir.path("plan.ron")]);
    let (l, c) = at(&text, "agencies", "\"xq-team-mikro\"");
    run.refused(&[&format!(
        "{}: organisation.agencies[0].teams[1] ({l}:{c}): unknown team \"xq-team-mikro\" (did you mean \"xq-team-micro\"?)",
        dir.label("plan.ron")
    )]);
    // Alone, the plan cannot be checked against a scenario and passes.
    assert_eq!(validate(&[&dir.path("plan.ron")]).code, Some(0));
}
