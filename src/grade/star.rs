//! Story cues: how a behavioural answer says each part of STAR in ordinary words.
//!
//! A strong candidate does not say "my task was"; they say "I had two weeks to…", "I rewrote
//! the importer", "we launched on time". These cues tick a key point marked with a STAR part,
//! so bank key points can hold what is specific to the question instead of set phrases.

use std::sync::OnceLock;

use super::keyword::{Doc, Found, Keyword};
use crate::bank::Star;

const SITUATION: &[&str] = &[
    "at my",
    "in my previous",
    "in my last",
    "in my first",
    "in my current",
    "when i was",
    "we were",
    "our team",
    "my team",
    "years ago",
    "last year",
    "the project",
    "at a startup",
    "we had",
    "there was",
    "i was working",
    "i joined",
    "i worked",
    "at the time",
    "our service",
    "our company",
    "a customer",
    "a client",
    "a colleague",
    "a teammate",
    "one time",
    "a while back",
    "recently",
    "on a project",
    "we were building",
    "our product",
    "our api",
    "our platform",
    "in my role",
    "a few months",
    "last quarter",
    "we used to",
];
const TASK: &[&str] = &[
    "i had to",
    "i needed to",
    "i need to",
    "my job",
    "my role",
    "my task",
    "my goal",
    "i was responsible",
    "i owned",
    "i was asked",
    "i was given",
    "the goal was",
    "it was up to me",
    "assigned to me",
    "i had two",
    "i had a week",
    "i had three",
    "i had one",
    "deadline",
    "i was in charge",
    "i was tasked",
    "i took on",
    "i volunteered",
    "my responsibility",
    "i was the",
    "wanted to",
    "needed to",
    "we had to",
    "we needed",
    "was supposed to",
    "were supposed to",
    "the goal",
    "the aim",
    "i offered",
    "to make sure",
    "so that",
    "it fell to me",
    "stepped in",
    "i decided to",
    "i took it",
    "my part",
    "up to me",
    "i had a",
    "i was on call",
    "on call",
];
const RESULT: &[&str] = &[
    "as a result",
    "in the end",
    "eventually",
    "shipped",
    "launched",
    "on time",
    "percent",
    "fell",
    "dropped",
    "reduced",
    "cut",
    "improved",
    "saved",
    "learned",
    "since then",
    "now i",
    "outcome",
    "went from",
    "down to",
    "never again",
    "lesson",
    "went live",
    "resolved",
    "fixed",
    "delivered",
    "finished",
    "succeeded",
    "halved",
    "doubled",
    "it worked",
    "agreed",
    "ended up",
    "no longer",
    "afterwards",
    "from then on",
    "takeaway",
    "after that",
    "ever since",
    "no more",
    "fewer",
    "went down",
    "went up",
    "stopped",
    "rolled out",
    "adopted",
    "thanked",
    "on schedule",
    "ahead of",
    "by the end",
    "taught me",
    "i now",
    "these days",
    "zero",
    "half",
    "twice",
    "faster",
    "closed",
    "signed off",
    "went well",
    "paid off",
    "i learned",
];

/// Past forms that do not end in -ed.
const IRREGULAR: &[&str] = &[
    "wrote",
    "rewrote",
    "built",
    "rebuilt",
    "made",
    "took",
    "went",
    "spoke",
    "met",
    "ran",
    "reran",
    "set",
    "sent",
    "gave",
    "told",
    "led",
    "found",
    "brought",
    "began",
    "chose",
    "drew",
    "got",
    "kept",
    "left",
    "paid",
    "put",
    "said",
    "sat",
    "saw",
    "split",
    "stood",
    "taught",
    "thought",
    "understood",
    "won",
    "dug",
    "fought",
    "caught",
    "bought",
    "held",
    "knew",
    "lost",
    "meant",
    "sought",
    "spent",
    "dealt",
    "felt",
    "heard",
    "shut",
    "read",
    "cut",
    "broke",
    "fed",
    "hid",
    "let",
    "rode",
    "shot",
    "slept",
    "struck",
    "swore",
    "threw",
    "woke",
];

/// Compiles the story cues, once per process.
pub fn warm_up() {
    cues(Star::Situation);
}

fn cues(part: Star) -> &'static [Keyword] {
    static ALL: OnceLock<[Vec<Keyword>; 3]> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let compile = |list: &[&str]| list.iter().map(|k| Keyword::new(k)).collect();
        [compile(SITUATION), compile(TASK), compile(RESULT)]
    });
    match part {
        Star::Situation => &all[0],
        Star::Task => &all[1],
        Star::Result => &all[2],
        Star::Action => &[],
    }
}

/// The words of the answer that tell `part` of a story, if any.
pub fn cue(part: Star, doc: &Doc) -> Option<Found> {
    match part {
        Star::Action => action(doc),
        Star::Result => cues(part).iter().find_map(|k| k.find(doc)).or_else(|| measured(doc)),
        Star::Situation => cues(part).iter().find_map(|k| k.find(doc)).or_else(|| story_opening(doc)),
        Star::Task => cues(part).iter().find_map(|k| k.find(doc)),
    }
}

/// A story's opening: a verb in the past tense among the first words ("Our deploys kept
/// breaking…", "A colleague got a migration ticket…").
fn story_opening(doc: &Doc) -> Option<Found> {
    let t = doc.tokens();
    let opening = t.iter().take_while(|w| w.clause == t[0].clause).take(20).count().max(1);
    (0..opening.min(t.len()))
        .find(|&i| is_past(&t[i].raw) || matches!(t[i].raw.as_str(), "was" | "were" | "had"))
        .map(|i| Found { quote: doc.quote(0, i) })
}

/// Whether `w` looks like a verb in the past tense.
fn is_past(w: &str) -> bool {
    (w.len() >= 4
        && w.ends_with("ed")
        && !matches!(w, "need" | "feed" | "seed" | "speed" | "indeed" | "embed" | "shred"))
        || IRREGULAR.contains(&w)
}

/// "I" followed (perhaps after one adverb) by a verb in the past tense: what the speaker did.
fn action(doc: &Doc) -> Option<Found> {
    let t = doc.tokens();
    let past = is_past;
    (0..t.len()).find_map(|i| {
        if t[i].raw != "i" {
            return None;
        }
        let verb = (i + 1..(i + 3).min(t.len())).find(|&j| past(&t[j].raw))?;
        Some(Found { quote: doc.quote(i, verb) })
    })
}

/// A measured outcome: a percentage, or "from <number> to <number>".
fn measured(doc: &Doc) -> Option<Found> {
    let t = doc.tokens();
    let number = |i: usize| t.get(i).is_some_and(|t| t.raw.starts_with(|c: char| c.is_ascii_digit()));
    (0..t.len()).find_map(|i| {
        if t[i].raw == "%" && i > 0 && number(i - 1) {
            return Some(Found { quote: doc.quote(i - 1, i) });
        }
        if t[i].raw == "from" && number(i + 1) {
            let to = (i + 2..(i + 5).min(t.len())).find(|&j| t[j].raw == "to" && number(j + 1))?;
            return Some(Found { quote: doc.quote(i, to + 1) });
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn told(part: Star, answer: &str) -> Option<String> {
        cue(part, &Doc::new(answer)).map(|f| f.quote)
    }

    #[test]
    fn stories_in_ordinary_words() {
        assert_eq!(told(Star::Task, "I had two weeks to ship the export").as_deref(), Some("I had two"));
        assert_eq!(told(Star::Action, "So I quickly rewrote the importer").as_deref(), Some("I quickly rewrote"));
        assert_eq!(told(Star::Action, "I asked the team").as_deref(), Some("I asked"));
        assert_eq!(told(Star::Result, "we launched on time").as_deref(), Some("launched"));
        assert_eq!(told(Star::Result, "the error rate dipped 40 %").as_deref(), Some("40 %"));
        assert_eq!(told(Star::Result, "errors fell from 12 to 1 a week").as_deref(), Some("fell"));
        assert_eq!(told(Star::Result, "latency from 900 to 120 ms").as_deref(), Some("from 900 to 120"));
        assert_eq!(told(Star::Situation, "At my last job we had a flaky deploy").as_deref(), Some("At my"));
        assert_eq!(told(Star::Action, "The team decided"), None);
        assert_eq!(
            told(Star::Situation, "Our deploys kept breaking because the platform team changed the image").as_deref(),
            Some("Our deploys kept")
        );
        assert_eq!(told(Star::Situation, "I think testing is important"), None);
        assert_eq!(told(Star::Result, "I think it is important"), None);
    }
}
