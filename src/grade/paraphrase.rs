//! Paraphrase: hears a key point said in other words than its keywords.
//!
//! Keywords are precise, but no list foresees every way a candidate says a thing ("the first
//! node where they go different ways" for "split point"). A point's own sentence and its
//! keywords together name what it is about; the words among them that belong to this point
//! alone — not to the prompt, not to another point of the question, not common English — are
//! its *own words*. One sentence of the answer that uses [`NEEDED`] of them, none after a
//! negation in its clause, makes the point in other words. Such a point earns half credit (see [`super::PARAPHRASE_CREDIT`])
//! but counts as made for the core rule, so a good answer in a candidate's own words is not
//! capped for one unforeseen phrasing, while an answer that only names the topic scores little.
//! A point marked `strict` is never earned this way.

use std::collections::{HashMap, HashSet};

use super::keyword::{Doc, Keyword};
use super::normalize;
use crate::bank::KeyPoint;

/// Words of ordinary talk that name no idea of their own, beside the NLTK stop list.
const GENERIC: &[&str] = &[
    "able",
    "actually",
    "also",
    "always",
    "answer",
    "anyone",
    "anything",
    "ask",
    "asked",
    "back",
    "bit",
    "came",
    "case",
    "come",
    "could",
    "e",
    "eg",
    "end",
    "etc",
    "even",
    "every",
    "everyone",
    "everything",
    "example",
    "feel",
    "felt",
    "first",
    "g",
    "gave",
    "get",
    "getting",
    "give",
    "go",
    "going",
    "gone",
    "good",
    "got",
    "great",
    "ie",
    "instead",
    "just",
    "keep",
    "kept",
    "kind",
    "knew",
    "know",
    "let",
    "like",
    "lot",
    "made",
    "make",
    "many",
    "may",
    "might",
    "much",
    "must",
    "need",
    "never",
    "new",
    "nothing",
    "one",
    "part",
    "people",
    "per",
    "point",
    "put",
    "rather",
    "really",
    "said",
    "say",
    "see",
    "seen",
    "someone",
    "something",
    "sort",
    "still",
    "sure",
    "take",
    "thing",
    "think",
    "thought",
    "time",
    "told",
    "took",
    "tried",
    "try",
    "two",
    "use",
    "used",
    "using",
    "want",
    "wanted",
    "way",
    "well",
    "went",
    "whether",
    "work",
    "worked",
    "would",
    "yes",
];

/// The stems of common English words: NLTK's stop list and [`GENERIC`].
pub(super) fn stop() -> &'static HashSet<String> {
    static STOP_STEMS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    STOP_STEMS.get_or_init(|| {
        stop_words::get("en").iter().map(String::as_str).chain(GENERIC.iter().copied()).map(normalize::stem).collect()
    })
}

/// How many of a point's own words one sentence must use.
pub const NEEDED: usize = 2;

/// Each point's own stems: from its sentence and keywords (`keywords`, compiled, one list per
/// point), minus the prompt's words, common words, and words another point of the question
/// also uses.
pub fn own_words(prompt: &str, points: &[KeyPoint], keywords: &[Vec<Keyword>]) -> Vec<HashSet<String>> {
    let stop = stop();
    let prompt: HashSet<String> = normalize::tokens(prompt).into_iter().map(|t| t.stem).collect();
    let per: Vec<HashSet<String>> = points
        .iter()
        .zip(keywords)
        .map(|(p, keywords)| {
            // A negation keyword's words are what the point denies ("not include*"): they would
            // let the opposite claim make it in other words.
            let leaves: Vec<&str> = keywords
                .iter()
                .flat_map(Keyword::leaves)
                .filter(|k| !k.is_negation())
                .map(|k| k.text.as_str())
                .collect();
            std::iter::once(p.point.as_str())
                .chain(leaves)
                .flat_map(|s| normalize::tokens(s).into_iter().map(|t| t.stem))
                .collect::<Vec<_>>()
                .into_iter()
                .filter(|s| s.chars().count() >= 3 && !stop.contains(s) && !prompt.contains(s))
                .filter(|s| !s.chars().all(|c| c.is_ascii_digit()))
                .collect()
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for set in &per {
        for s in set {
            *count.entry(s.as_str()).or_default() += 1;
        }
    }
    per.iter().map(|set| set.iter().filter(|s| count[s.as_str()] == 1).cloned().collect()).collect()
}

/// The words of the first sentence of `doc` that uses [`NEEDED`] of `own`, if any.
pub fn find(doc: &Doc, own: &HashSet<String>) -> Option<String> {
    let t = doc.tokens();
    let mut start = 0;
    while start < t.len() {
        let sentence = doc.sentence_of(start);
        let mut end = start;
        while end < t.len() && doc.sentence_of(end) == sentence {
            end += 1;
        }
        let mut seen: Vec<usize> = Vec::new();
        let mut stems: HashSet<&str> = HashSet::new();
        for (i, token) in t.iter().enumerate().take(end).skip(start) {
            if own.contains(&token.stem) && !doc.in_negated_clause(i) && stems.insert(token.stem.as_str()) {
                seen.push(i);
            }
        }
        if stems.len() >= NEEDED {
            let words: Vec<String> = seen.iter().map(|&i| doc.quote(i, i)).collect();
            return Some(words.join(" … "));
        }
        start = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::{PointMatch, match_points, matched_score};

    fn point(text: &str, keywords: &[&str]) -> KeyPoint {
        KeyPoint {
            point: text.into(),
            keywords: keywords.iter().map(|s| s.to_string()).collect(),
            star: None,
            core: false,
            strict: false,
            weight: 1,
        }
    }

    /// Each point's own words, its keywords compiled.
    fn own(prompt: &str, points: &[KeyPoint]) -> Vec<HashSet<String>> {
        let keywords: Vec<Vec<Keyword>> =
            points.iter().map(|p| p.keywords.iter().map(|k| Keyword::new(k)).collect()).collect();
        own_words(prompt, points, &keywords)
    }

    fn sorted(set: &HashSet<String>) -> Vec<&str> {
        let mut v: Vec<&str> = set.iter().map(String::as_str).collect();
        v.sort();
        v
    }

    const PROMPT: &str = "How do you find the lowest common ancestor of two keys in a binary search tree?";

    fn lca() -> Vec<KeyPoint> {
        vec![
            point("If both keys are smaller go left, if both are larger go right", &["both smaller"]),
            point("The first node where they fall on different sides is the answer", &["split point", "diverge"]),
        ]
    }

    #[test]
    fn own_words_leave_out_the_prompt_common_words_and_other_points() {
        let own = own(PROMPT, &lca());
        // "keys" is the prompt's, "if", "are", "both" are common English, "go" is ordinary talk.
        assert_eq!(sorted(&own[0]), ["larger", "left", "right", "smaller"]);
        assert_eq!(sorted(&own[1]), ["differ", "diverg", "fall", "node", "side", "split"]);
    }

    #[test]
    fn a_negation_keyword_gives_no_own_words() {
        let points = vec![
            point(
                "The external call is outside the transaction",
                &["not include* & external", "outside & transaction"],
            ),
            point("Use an idempotency key", &["idempotency key"]),
        ];
        let own = own("Does Kafka's exactly-once cover a payment call?", &points);
        assert_eq!(sorted(&own[0]), ["extern", "outsid", "transact"]);
    }

    #[test]
    fn one_sentence_with_two_own_words_makes_the_point() {
        let own = own(PROMPT, &lca());
        let doc = Doc::new("Walk down from the root. Stop at the node where they go to different sides.");
        assert_eq!(find(&doc, &own[1]).as_deref(), Some("node … different … sides"));
        // Two own words in different sentences, or one of them negated, are not enough.
        assert_eq!(find(&Doc::new("Look at each node. They end on different paths."), &own[1]), None);
        assert_eq!(find(&Doc::new("The node is not on different sides."), &own[1]), None);
        // Other words anywhere after a negation in their clause do not count either.
        assert_eq!(find(&Doc::new("We never went back to the node on different sides."), &own[1]), None);
        assert!(find(&Doc::new("We never went back, the node was on different sides."), &own[1]).is_some());
    }

    #[test]
    fn other_words_earn_half_and_satisfy_the_core_rule() {
        let mut points = lca();
        points[1].core = true;
        let answer = "If both are smaller go left, otherwise right. The node where they land on different sides is it.";
        let m = match_points(PROMPT, &points, answer);
        assert_eq!(m[0], PointMatch { hit: true, quote: Some("both are smaller".into()), paraphrase: false });
        assert!(m[1].hit && m[1].paraphrase, "{m:?}");
        assert_eq!(matched_score(&points, &m), 0.75);
        assert_eq!(m[1].describe().unwrap(), "in other words: \"node … different … sides\" (half credit)");
        points[1].strict = true;
        let m = match_points(PROMPT, &points, answer);
        assert!(!m[1].hit);
        assert_eq!(matched_score(&points, &m), crate::grade::CORE_CAP);
    }

    #[test]
    fn a_point_named_only_to_be_rejected_is_not_made_in_other_words() {
        let points = vec![
            point("A min-heap of size k whose root is the smallest kept value", &["min heap", "min-heap"]),
            point("Replace the root when a new value beats it", &["replace the root"]),
        ];
        let prompt = "Find the k largest values in a stream.";
        let m = match_points(prompt, &points, "A heap whose size stays at k, with the smallest on top.");
        assert!(m[0].hit && m[0].paraphrase, "{m:?}");
        let m = match_points(prompt, &points, "Use a max heap of size k instead of a min heap, smallest on top.");
        assert!(!m[0].hit, "{m:?}");
    }
}
