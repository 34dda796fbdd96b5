//! Where a job seeker stands over weeks: the study plan toward an interview date ([`plan`]) and
//! the self-contained HTML progress report ([`page`]).

pub mod plan;
