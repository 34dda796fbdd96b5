//! Text charts: bars, sparklines and calendar cells in Unicode block characters, readable
//! without colour.

/// A horizontal bar of `width` cells filled to `fraction` (0–1), in eighths.
pub fn bar(fraction: f64, width: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (fraction.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s: String = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(PARTS[eighths % 8]);
    }
    let used = s.chars().count();
    s.extend(std::iter::repeat_n('·', width - used));
    s
}

/// A sparkline of values in 0–1; `None` (no data) shows as a dot.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| match v {
            None => '·',
            Some(x) => LEVELS[((x.clamp(0.0, 1.0) * 7.0).round()) as usize],
        })
        .collect()
}

/// One cell per count, shaded relative to the largest: empty days are dots.
pub fn calendar(counts: &[usize]) -> String {
    const SHADES: [char; 4] = ['░', '▒', '▓', '█'];
    let max = counts.iter().copied().max().unwrap_or(0);
    counts.iter().map(|&c| if c == 0 { '·' } else { SHADES[((c * 4 - 1) / max.max(1)).min(3)] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars() {
        assert_eq!(bar(0.0, 4), "····");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.5, 4), "██··");
        assert_eq!(bar(0.3, 4), "█▎··");
        assert_eq!(bar(7.0, 2), "██");
    }

    #[test]
    fn sparklines_and_calendars() {
        assert_eq!(sparkline(&[None, Some(0.0), Some(0.5), Some(1.0)]), "·▁▅█");
        assert_eq!(calendar(&[0, 1, 2, 3, 4, 8]), "·░░▒▒█");
        assert_eq!(calendar(&[0, 0]), "··");
    }
}
