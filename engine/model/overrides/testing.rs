//! Shared by the unit tests of the override files: the documents they load, and loading them
//! with `--set` overrides.

use super::Override;
use crate::model::error::InputError;
use crate::run::{Inputs, load_inputs_with};
use std::fmt;
use std::path::{Path, PathBuf};

pub(super) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The In-Fa scenario (over its township base) and the comprehensive plan.
pub(super) fn infa() -> (PathBuf, PathBuf) {
    (root().join("scenarios/fengqiao/typhoon-infa.ron"), root().join("plans/fengqiao-comprehensive.ron"))
}

pub(super) fn mini() -> (PathBuf, PathBuf) {
    (root().join("tests/fixtures/mini/scenario.ron"), root().join("tests/fixtures/mini/plan.ron"))
}

/// Load with `PATH=VALUE` overrides (one value each).
pub(super) fn load(files: (PathBuf, PathBuf), specs: &[&str]) -> Result<Inputs, InputError> {
    let overrides: Vec<Override> = specs
        .iter()
        .map(|s| {
            let (path, values) = Override::parse(s).unwrap();
            assert_eq!(values.len(), 1, "{s}");
            Override::new(path, &values[0])
        })
        .collect();
    load_inputs_with(&files.0, &files.1, &overrides)
}

pub(super) fn error(files: (PathBuf, PathBuf), specs: &[&str]) -> String {
    load(files, specs).map(|_| ()).expect_err("the overrides are refused").to_string()
}

pub(super) fn dbg<T: fmt::Debug>(x: &T) -> String {
    format!("{x:?}")
}
