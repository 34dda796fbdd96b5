//! Where a job seeker stands over weeks: the study plan toward an interview date ([`plan`]) and
//! the self-contained HTML progress report: its figures ([`report`]), charts ([`charts`]) and page
//! ([`page`]).

pub mod charts;
pub mod page;
pub mod plan;
pub mod report;
