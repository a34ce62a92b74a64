//! tandem's integration tests: one test binary (see `[[test]]` in
//! Cargo.toml) whose modules each cover one part of the tool.

#[macro_use]
mod util;

mod align;
mod anchors;
mod cli;
mod eval;
mod gold;
mod hay;
mod sample;
mod segment;
