//! The integration suite: one binary, one module per area, all driving the built `quiz`.

mod harness;

mod content;
mod faults;
mod grading;

mod banks;
mod blind;
mod commands;
mod history;
mod input;
mod learning;
mod mock;
mod plan;
mod practice;
mod pty;
mod report;
mod robust;
