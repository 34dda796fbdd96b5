//! The report as one self-contained HTML page: the [`Report`]'s figures and the [`charts`]
//! poured into a minijinja template (autoescaped; only the charts' SVG is marked safe), and the
//! file written so a reader never sees half of it.

use std::{
    io::{self, Write},
    path::Path,
};

use minijinja::{Environment, Value, context, value::Serde};
use serde::Serialize;

use crate::progress::{
    charts::{self, Chart},
    report::Report,
};

/// The page template. Its name ends in `.html.j2`, so minijinja escapes HTML in every value.
const TEMPLATE: &str = include_str!("report.html.j2");

/// A chart as the template sees it.
#[derive(Serialize)]
struct ChartView<'a> {
    id: &'a str,
    svg: &'a str,
    points: usize,
}

/// A line of the accuracy chart's legend.
#[derive(Serialize)]
struct Legend<'a> {
    topic: &'a str,
    colour: String,
}

/// Draws every chart of `r`.
pub fn charts(r: &Report) -> Result<Vec<Chart>, String> {
    let mut all = vec![
        charts::accuracy(r)?,
        charts::calendar(r)?,
        charts::readiness(r)?,
        charts::times(r)?,
        charts::calibration(r)?,
    ];
    if let Some(p) = &r.plan {
        all.push(charts::plan(p)?);
    }
    Ok(all)
}

/// The HTML page for `r` with its `charts`.
pub fn render(r: &Report, charts: &[Chart]) -> Result<String, String> {
    let mut env = Environment::new();
    env.add_template("report.html.j2", TEMPLATE).map_err(|e| e.to_string())?;
    let views: std::collections::BTreeMap<&str, ChartView> =
        charts.iter().map(|c| (c.id, ChartView { id: c.id, svg: &c.svg, points: c.points })).collect();
    let legend: Vec<Legend> = r
        .accuracy_by_topic
        .iter()
        .enumerate()
        .map(|(i, t)| Legend { topic: &t.topic, colour: charts::palette_css(i) })
        .collect();
    let template = env.get_template("report.html.j2").map_err(|e| e.to_string())?;
    template
        .render(context! {
            r => Value::from(Serde(r)),
            plan => Value::from(Serde(&r.plan)),
            charts => Value::from(Serde(&views)),
            legend => Value::from(Serde(&legend)),
            accuracy => format!("{:.0}%", 100.0 * r.accuracy),
        })
        .map_err(|e| e.to_string())
}

/// Writes `html` to `path` through a temporary file in the same directory, renamed into place.
pub fn write(path: &Path, html: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or("report".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(html.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
