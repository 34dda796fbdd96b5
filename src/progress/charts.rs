//! The report's charts, drawn with plotters' SVG backend into strings.
//!
//! Every data point is exactly one SVG element a test can count: a `circle` per point of a
//! line chart, a `rect` per bar or calendar cell. Nothing else in a chart is a circle or a rect
//! (no background fill: the page's CSS colours it), so a chart's count is its data. The colours
//! below are the light theme's; the page's CSS restyles text, grid and empty cells for dark.

use chrono::{Datelike, NaiveDate};
use plotters::{
    coord::Shift,
    prelude::*,
    style::text_anchor::{HPos, Pos, VPos},
};

use crate::progress::report::{PlanProgress, Report};

/// A drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The element id on the page.
    pub id: &'static str,
    /// The SVG document; empty when there is nothing to draw.
    pub svg: String,
    /// Data points drawn (circles or rects in `svg`).
    pub points: usize,
}

/// Text on a chart; the page's CSS sets its colour for the theme.
pub const TEXT: RGBColor = RGBColor(0x33, 0x3A, 0x44);
/// The plan's target line.
pub const TARGET: RGBColor = RGBColor(0x8C, 0x95, 0x9F);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xD8, 0xDD, 0xE3);
/// A calendar day without practice.
pub const EMPTY: RGBColor = RGBColor(0xEB, 0xED, 0xF0);
/// Calendar days from a little to a lot of practice.
pub const HEAT: [RGBColor; 4] =
    [RGBColor(0x9B, 0xE9, 0xA8), RGBColor(0x40, 0xC4, 0x63), RGBColor(0x30, 0xA1, 0x4E), RGBColor(0x21, 0x6E, 0x39)];
/// Ready, borderline and not yet.
pub const GOOD: RGBColor = RGBColor(0x2E, 0xA0, 0x43);
/// See [`GOOD`].
pub const FAIR: RGBColor = RGBColor(0xD4, 0x9A, 0x1C);
/// See [`GOOD`].
pub const POOR: RGBColor = RGBColor(0xD1, 0x36, 0x5F);
/// One colour per topic line, in order; they repeat after ten topics.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(0x2F, 0x7F, 0xD8),
    RGBColor(0xE8, 0x74, 0x1A),
    RGBColor(0x2E, 0xA0, 0x43),
    RGBColor(0xD1, 0x36, 0x5F),
    RGBColor(0x8A, 0x5C, 0xD1),
    RGBColor(0x1A, 0xA3, 0xA3),
    RGBColor(0xC9, 0xA2, 0x27),
    RGBColor(0x7D, 0x8A, 0x99),
    RGBColor(0xE0, 0x56, 0xB5),
    RGBColor(0x5C, 0x9E, 0x2F),
];

/// The colour of the `i`th topic line, as CSS for the page's legend.
pub fn palette_css(i: usize) -> String {
    let RGBColor(r, g, b) = PALETTE[i % PALETTE.len()];
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// Width of every chart, in SVG units; the page scales it to fit.
const W: u32 = 560;
const FONT: u32 = 20;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

/// Draws into an SVG string of `W`×`height`.
fn svg(height: u32, draw: impl FnOnce(&Area) -> Drawn) -> Result<String, String> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (W, height)).into_drawing_area();
        draw(&root).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(buf)
}

fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&TEXT)
}

fn anchored(size: u32, h: HPos, v: VPos) -> TextStyle<'static> {
    font(size).pos(Pos::new(h, v))
}

fn month(d: NaiveDate) -> &'static str {
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.month0() as usize]
}

fn short_date(d: NaiveDate) -> String {
    format!("{} {}", month(d), d.day())
}

/// Accuracy per topic per week: a line per topic, a circle per week with answers.
pub fn accuracy(r: &Report) -> Result<Chart, String> {
    let points = r.accuracy_by_topic.iter().map(|t| t.points()).sum();
    if points == 0 {
        return Ok(Chart { id: "accuracy", svg: String::new(), points });
    }
    let weeks = r.weeks.clone();
    let svg = svg(300, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(28)
            .x_label_area_size(34)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5f64..(weeks.len() as f64 - 0.5), 0f64..100f64)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(GRID)
            .y_labels(6)
            .x_labels(6)
            .label_style(font(FONT))
            .y_label_formatter(&|y| format!("{y:.0}%"))
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() < 0.01 && i >= 0.0 && (i as usize) < weeks.len() {
                    short_date(weeks[i as usize])
                } else {
                    String::new()
                }
            })
            .draw()?;
        for (k, t) in r.accuracy_by_topic.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            let at: Vec<(f64, f64)> =
                t.weekly.iter().enumerate().filter_map(|(w, a)| a.map(|a| (w as f64, 100.0 * a))).collect();
            // Weeks without practice break the line rather than bridge it.
            let mut run: Vec<(f64, f64)> = Vec::new();
            for (w, a) in t.weekly.iter().enumerate() {
                match a {
                    Some(a) => run.push((w as f64, 100.0 * a)),
                    None => {
                        if run.len() > 1 {
                            chart.draw_series(LineSeries::new(run.clone(), colour.stroke_width(1)))?;
                        }
                        run.clear();
                    }
                }
            }
            if run.len() > 1 {
                chart.draw_series(LineSeries::new(run, colour.stroke_width(1)))?;
            }
            chart.draw_series(at.into_iter().map(|p| Circle::new(p, 3, colour.filled())))?;
        }
        Ok(())
    })?;
    Ok(Chart { id: "accuracy", svg, points })
}

/// Six months of practice: a rect per day, a column per week, Monday on top.
pub fn calendar(r: &Report) -> Result<Chart, String> {
    let points = r.calendar.len();
    let max = r.calendar.iter().map(|d| d.answered).max().unwrap_or(0);
    if max == 0 {
        return Ok(Chart { id: "calendar", svg: String::new(), points: 0 });
    }
    let (left, top, cell, gap) = (44i32, 26i32, 16i32, 4i32);
    let height = (top + 7 * (cell + gap) + 4) as u32;
    let svg = svg(height, |root| {
        for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri")] {
            let y = top + row * (cell + gap) + cell / 2;
            root.draw(&Text::new(name, (left - 6, y), anchored(FONT - 3, HPos::Right, VPos::Center)))?;
        }
        let mut last_month = None;
        let mut last_label = -3;
        for (i, d) in r.calendar.iter().enumerate() {
            let (col, row) = (i as i32 / 7, i as i32 % 7);
            let x = left + col * (cell + gap);
            let y = top + row * (cell + gap);
            // A month is named above its first full week, if the last name is not too close.
            if row == 0 && last_month != Some(d.date.month()) {
                last_month = Some(d.date.month());
                if col - last_label >= 3 {
                    last_label = col;
                    root.draw(&Text::new(month(d.date), (x, top - 8), anchored(FONT - 3, HPos::Left, VPos::Bottom)))?;
                }
            }
            root.draw(&Rectangle::new([(x, y), (x + cell, y + cell)], heat(d.answered, max).filled()))?;
        }
        Ok(())
    })?;
    Ok(Chart { id: "calendar", svg, points })
}

/// The calendar colour for `n` answers on a day when the busiest day had `max`.
pub fn heat(n: usize, max: usize) -> RGBColor {
    if n == 0 {
        return EMPTY;
    }
    let step = (n * HEAT.len()).div_ceil(max.max(1)).clamp(1, HEAT.len());
    HEAT[step - 1]
}

/// A horizontal bar chart: a label, a bar and a note per row, over a 0–`max` scale with
/// vertical `marks` (value, label).
struct Bars {
    rows: Vec<(String, f64, String, RGBColor)>,
    max: f64,
    ticks: Vec<(f64, String)>,
    marks: Vec<(f64, String)>,
    /// Per row, a short vertical tick at a value (a time limit).
    limits: Vec<Option<f64>>,
    /// Notes go inside the bars (white) where they fit.
    inside: bool,
}

impl Bars {
    fn draw(&self) -> Result<String, String> {
        let (left, right, top, row_h, bar_h) = (200i32, 120i32, 32i32, 32i32, 20i32);
        let n = self.rows.len() as i32;
        let height = (top + n * row_h + 28) as u32;
        let x_of = |v: f64| left + ((W as i32 - left - right) as f64 * (v / self.max).clamp(0.0, 1.0)).round() as i32;
        let bottom = top + n * row_h;
        svg(height, |root| {
            for (v, label) in &self.ticks {
                let x = x_of(*v);
                root.draw(&PathElement::new(vec![(x, top - 4), (x, bottom)], GRID))?;
                root.draw(&Text::new(label.clone(), (x, bottom + 6), anchored(FONT - 3, HPos::Center, VPos::Top)))?;
            }
            for (k, (label, v, note, colour)) in self.rows.iter().enumerate() {
                let y = top + k as i32 * row_h + (row_h - bar_h) / 2;
                let mid = y + bar_h / 2;
                root.draw(&Text::new(label.clone(), (left - 8, mid), anchored(FONT, HPos::Right, VPos::Center)))?;
                let end = x_of(*v).max(left + 2);
                root.draw(&Rectangle::new([(left, y), (end, y + bar_h)], colour.filled()))?;
                let note_x = match self.limits.get(k).copied().flatten() {
                    Some(limit) => {
                        let x = x_of(limit);
                        root.draw(&PathElement::new(vec![(x, y - 4), (x, y + bar_h + 4)], TEXT.stroke_width(3)))?;
                        end.max(x)
                    }
                    None => end,
                };
                if self.inside && end - left > 44 {
                    // Inside the bar's end, so a mark line crossing past it never covers the figure.
                    let style =
                        ("sans-serif", FONT - 2).into_font().color(&WHITE).pos(Pos::new(HPos::Right, VPos::Center));
                    root.draw(&Text::new(note.clone(), (end - 6, mid), style))?;
                } else {
                    root.draw(&Text::new(
                        note.clone(),
                        (note_x + 6, mid),
                        anchored(FONT - 2, HPos::Left, VPos::Center),
                    ))?;
                }
            }
            for (v, label) in &self.marks {
                let x = x_of(*v);
                root.draw(&PathElement::new(vec![(x, top - 6), (x, bottom + 2)], TEXT.stroke_width(2)))?;
                root.draw(&Text::new(label.clone(), (x, top - 8), anchored(FONT - 3, HPos::Center, VPos::Bottom)))?;
            }
            Ok(())
        })
    }
}

/// Readiness per topic as bars, against the level's bar.
pub fn readiness(r: &Report) -> Result<Chart, String> {
    let points = r.readiness.len();
    if points == 0 {
        return Ok(Chart { id: "readiness", svg: String::new(), points });
    }
    let rows = r
        .readiness
        .iter()
        .map(|t| {
            let v = f64::from(t.readiness);
            let colour = if v >= r.ready_at {
                GOOD
            } else if v >= r.borderline_at {
                FAIR
            } else {
                POOR
            };
            (t.topic.clone(), v, format!("{}", t.readiness), colour)
        })
        .collect();
    let bars = Bars {
        rows,
        max: 100.0,
        ticks: [0, 25, 50, 100].iter().map(|&v| (f64::from(v), v.to_string())).collect(),
        marks: vec![(r.ready_at, format!("{} bar {:.0}", r.level, r.ready_at))],
        limits: Vec::new(),
        inside: true,
    };
    Ok(Chart { id: "readiness", svg: bars.draw()?, points })
}

/// Median answer time per question type as bars, each with its limit marked.
pub fn times(r: &Report) -> Result<Chart, String> {
    let points = r.times.len();
    if points == 0 {
        return Ok(Chart { id: "times", svg: String::new(), points });
    }
    let secs = |ms: u64| ms as f64 / 1000.0;
    let max = r.times.iter().map(|t| secs(t.median_ms.max(t.median_limit_ms))).fold(1.0, f64::max) * 1.05;
    let step = [5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0].into_iter().find(|s| max / s <= 5.0).unwrap_or(600.0);
    let bars = Bars {
        rows: r
            .times
            .iter()
            .map(|t| {
                let colour = if t.median_ms <= t.median_limit_ms { GOOD } else { POOR };
                let note = format!("{} of {}", seconds(t.median_ms), seconds(t.median_limit_ms));
                (t.qtype.name().to_owned(), secs(t.median_ms), note, colour)
            })
            .collect(),
        max,
        ticks: (0..).map(|k| k as f64 * step).take_while(|v| *v <= max).map(|v| (v, format!("{v:.0}s"))).collect(),
        marks: Vec::new(),
        limits: r.times.iter().map(|t| Some(secs(t.median_limit_ms))).collect(),
        inside: false,
    };
    Ok(Chart { id: "times", svg: bars.draw()?, points })
}

fn seconds(ms: u64) -> String {
    format!("{}s", (ms as f64 / 1000.0).round() as u64)
}

/// Accuracy at each confidence level given in mock interviews: a circle per level used.
pub fn calibration(r: &Report) -> Result<Chart, String> {
    let points = r.calibration.len();
    if points == 0 {
        return Ok(Chart { id: "calibration", svg: String::new(), points });
    }
    let svg = svg(280, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_left(16)
            .margin_right(40)
            .x_label_area_size(34)
            .y_label_area_size(60)
            .build_cartesian_2d(0.6f64..3.4f64, 0f64..100f64)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(GRID)
            .y_labels(6)
            .x_labels(3)
            .label_style(font(FONT))
            .y_label_formatter(&|y| format!("{y:.0}%"))
            .x_label_formatter(&|x| match x.round() as i32 {
                1 if (x - 1.0).abs() < 0.01 => "a guess".into(),
                2 if (x - 2.0).abs() < 0.01 => "fairly sure".into(),
                3 if (x - 3.0).abs() < 0.01 => "sure".into(),
                _ => String::new(),
            })
            .draw()?;
        let at: Vec<(f64, f64)> = r.calibration.iter().map(|c| (f64::from(c.confidence), 100.0 * c.accuracy)).collect();
        chart.draw_series(LineSeries::new(at.clone(), PALETTE[0].stroke_width(2)))?;
        chart.draw_series(at.iter().map(|&p| Circle::new(p, 6, PALETTE[0].filled())))?;
        chart.draw_series(r.calibration.iter().zip(&at).map(|(c, &(x, y))| {
            let v = if y > 80.0 { VPos::Top } else { VPos::Bottom };
            let y = if y > 80.0 { y - 5.0 } else { y + 5.0 };
            Text::new(format!("{} of {}", c.correct, c.answered), (x, y), anchored(FONT - 2, HPos::Center, v))
        }))?;
        Ok(())
    })?;
    Ok(Chart { id: "calibration", svg, points })
}

/// Questions seen each day since the plan was made (a circle a day) against the straight line
/// to every question seen three days before the interview.
pub fn plan(p: &PlanProgress) -> Result<Chart, String> {
    let points = p.seen.len();
    let day = |d: NaiveDate| (d - p.start).num_days() as f64;
    let end = day(p.interview).max(1.0);
    let total = p.total.max(1) as f64;
    let svg = svg(300, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(24)
            .x_label_area_size(34)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5f64..end + 0.5, 0f64..total * 1.05)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(GRID)
            .y_labels(6)
            .x_labels(6)
            .label_style(font(FONT))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .x_label_formatter(&|x| {
                if x.fract().abs() < 0.01 && *x >= 0.0 {
                    short_date(p.start + chrono::Duration::days(*x as i64))
                } else {
                    String::new()
                }
            })
            .draw()?;
        let first = p.seen.first().map_or(0.0, |d| d.answered as f64);
        let target = day(p.target).max(0.0);
        chart
            .draw_series(LineSeries::new(vec![(0.0, first), (target, total), (end, total)], TARGET.stroke_width(3)))?;
        chart.draw_series(LineSeries::new(vec![(end, 0.0), (end, total * 1.05)], TEXT.stroke_width(1)))?;
        chart.draw_series(std::iter::once(Text::new(
            "interview",
            (end, total * 1.02),
            anchored(FONT - 3, HPos::Right, VPos::Top),
        )))?;
        let seen: Vec<(f64, f64)> = p.seen.iter().map(|d| (day(d.date), d.answered as f64)).collect();
        if seen.len() > 1 {
            chart.draw_series(LineSeries::new(seen.clone(), PALETTE[0].stroke_width(2)))?;
        }
        let r = if seen.len() > 60 { 2 } else { 4 };
        chart.draw_series(seen.into_iter().map(|p| Circle::new(p, r, PALETTE[0].filled())))?;
        Ok(())
    })?;
    Ok(Chart { id: "plan", svg, points })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_steps_from_empty_to_the_busiest_day() {
        assert_eq!(heat(0, 10), EMPTY);
        assert_eq!(heat(1, 10), HEAT[0]);
        assert_eq!(heat(5, 10), HEAT[1]);
        assert_eq!(heat(10, 10), HEAT[3]);
    }

    #[test]
    fn seconds_read_as_a_person_says_them() {
        assert_eq!(seconds(44_600), "45s");
        assert_eq!(seconds(180_000), "180s");
    }
}
