//! Matching: where a keyword occurs in an answer, and whether that occurrence counts.
//!
//! A keyword is one of four patterns. Words (`delete key`, `min-heap`) match stems in order
//! with at most one extra word between them, or run together (`hash set` ~ "hashset"); a word
//! ending in `*` is an explicit prefix. Notation (`O(n)`, `-1`, `2^n`) matches a whole piece of
//! the answer's notation form. Symbols alone (`%`) match anywhere. A words match right after a
//! negation in the same clause ("never in the repository") does not count, nor does one that a
//! verdict later in its clause takes back ("paging the owners should be a last resort").
//!
//! The fourth, *together* (`max heap & lower|smaller|small half`), names an idea by the words
//! that must meet in one sentence rather than by every way of phrasing it: each part between
//! `&` is a list of alternatives split by `|`, and every part must have an alternative that
//! counts in the same sentence, in any order. "The small half goes in a max-heap" makes it;
//! "a max-heap" alone, or the two parts in different sentences, do not.
//!
//! Written with `&&` (`session* && redis|key-value`), a together keyword's parts must meet in
//! one clause: the way to bind a role to its thing, so "a relational database for sessions, a
//! key-value store for the social graph" does not put sessions in the key-value store. Parts of
//! notation or symbols still meet by sentence.

use std::ops::Range;

use super::normalize::{self, Token};

/// Words that cancel a keyword right after them besides [`NEGATORS`]: "instead of", "rather
/// than", "skip", "nobody" ("tech debt nobody pays back").
const REJECTIONS: &[&str] = &["without", "instead", "rather", "neither", "nor", "skip", "skipping", "nobody"];

/// Whether `w` cancels a keyword right after it: a "not" word or one of [`REJECTIONS`].
fn is_negation(w: &str) -> bool {
    NEGATORS.contains(&w) || REJECTIONS.contains(&w)
}

/// Whether the token at `k` cancels what follows it: "instead" and "rather" only as "instead
/// of" and "rather than", since on their own they choose what follows ("what I do instead is
/// keep liveness local", "I'd rather keep transactions short").
fn negates(t: &[Token], k: usize) -> bool {
    let next = t.get(k + 1).map(|n| n.raw.as_str());
    match t[k].raw.as_str() {
        "instead" => next == Some("of"),
        "rather" => next == Some("than"),
        w => is_negation(w),
    }
}

/// Words right after a keyword that take it back: "output encoding is unnecessary", "wrap nothing".
const DISMISSALS: &[&str] = &["unnecessary", "overkill", "needless", "pointless", "useless", "nothing", "optional"];

/// Negations that take back what comes before them when followed by one of these: "is not needed".
const NOT_WHAT: &[&str] = &[
    "needed",
    "necessary",
    "required",
    "matter",
    "matters",
    "help",
    "helps",
    "work",
    "works",
    "scale",
    "scales",
    "important",
    "worth",
];

/// How many words before a match a negation still cancels it.
const NEGATION_REACH: usize = 3;

/// An answer prepared once for matching many keywords against it.
#[derive(Debug)]
pub struct Doc<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    /// The words without synonyms folded, so a keyword that spells out part of an acronym
    /// ("least recently") still meets the answer's "least recently used".
    plain: Vec<Token>,
    notation: String,
    /// Sentence number of each folded token.
    sentences: Vec<u32>,
    /// Where each stem occurs, among the folded words and among the plain ones: a keyword is
    /// looked for only where its first word is.
    at: Positions,
    plain_at: Positions,
    /// Each sentence as a document of its own, for notation and symbols in together keywords:
    /// made when first needed, once per answer.
    parts: std::cell::OnceCell<Vec<(u32, usize, Doc<'a>)>>,
}

/// The positions of each stem in a list of tokens, in order.
type Positions = std::collections::HashMap<String, Vec<usize>>;

fn positions(t: &[Token]) -> Positions {
    let mut at = Positions::with_capacity(t.len());
    for (i, x) in t.iter().enumerate() {
        at.entry(x.stem.clone()).or_default().push(i);
    }
    at
}

impl<'a> Doc<'a> {
    /// Prepares `text`.
    pub fn new(text: &'a str) -> Self {
        let plain = normalize::plain_tokens(text);
        let tokens = normalize::fold(plain.clone());
        let mut n = 0;
        let sentences = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let gap = if i > 0 { &text[tokens[i - 1].span.end.min(t.span.start)..t.span.start] } else { "" };
                // "n! leaves" is notation, not the end of a sentence.
                let factorial = gap.trim_start().starts_with('!')
                    && (tokens[i - 1].raw.chars().count() == 1
                        || tokens[i - 1].raw.chars().all(|c| c.is_ascii_digit()))
                    && !gap.contains(['.', '?', ';', '\n'])
                    && text[t.span.start..].starts_with(|c: char| c.is_lowercase());
                let gap_start = if i > 0 { tokens[i - 1].span.end.min(t.span.start) } else { 0 };
                let ends = gap.char_indices().any(|(k, c)| {
                    matches!(c, '!' | '?' | ';' | '\n') || (c == '.' && normalize::ends_sentence(text, gap_start + k))
                });
                if ends && !factorial {
                    n += 1;
                }
                n
            })
            .collect();
        let (at, plain_at) = (positions(&tokens), positions(&plain));
        Doc {
            text,
            tokens,
            plain,
            notation: normalize::notation(text, false),
            sentences,
            at,
            plain_at,
            parts: std::cell::OnceCell::new(),
        }
    }

    /// `text` for notation and symbols alone, without its words.
    fn notation_only(text: &'a str) -> Self {
        Doc {
            text,
            tokens: Vec::new(),
            plain: Vec::new(),
            notation: normalize::notation(text, false),
            sentences: Vec::new(),
            at: Positions::new(),
            plain_at: Positions::new(),
            parts: std::cell::OnceCell::new(),
        }
    }

    /// The sentence the folded token `i` belongs to.
    pub fn sentence_of(&self, i: usize) -> u32 {
        self.sentences[i]
    }

    /// Whether the folded token `i` follows a negation in its clause.
    pub fn is_negated(&self, i: usize) -> bool {
        negated(&self.tokens, i)
    }

    /// Whether the folded token `i` comes anywhere after a negation in its clause ("never went
    /// back to clean it up"): other words are held to more than a keyword is.
    pub fn in_negated_clause(&self, i: usize) -> bool {
        let clause = self.tokens[i].clause;
        (0..i).rev().take_while(|&k| self.tokens[k].clause == clause).any(|k| negates(&self.tokens, k))
    }

    /// The answer's words.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The original text of a token range, for feedback.
    pub fn quote(&self, first: usize, last: usize) -> String {
        quote_of(self.text, &self.tokens, first, last)
    }
}

/// The original text of tokens `first..=last`.
fn quote_of(text: &str, t: &[Token], first: usize, last: usize) -> String {
    text[t[first].span.start..t[last].span.end].to_owned()
}

/// Whether the words right after the token at `last` (in its clause) take it back: "is not
/// needed", "is overkill", "… nothing".
fn dismissed(t: &[Token], last: usize) -> bool {
    let clause = t[last].clause;
    let after: Vec<&str> = t[last + 1..]
        .iter()
        .take_while(|x| x.clause == clause)
        .map(|x| x.raw.as_str())
        .filter(|w| !INTENSIFIERS.contains(w))
        .take(NEGATION_REACH)
        .collect();
    after.iter().enumerate().any(|(k, w)| {
        (DISMISSALS.contains(w) || (is_negation(w) && after.get(k + 1).is_some_and(|n| NOT_WHAT.contains(n))))
            && !asked(&after, k)
    })
}

/// Words that open a question about what follows them: "ask which parts seem unnecessary",
/// "check whether a cache is overkill". A judgement inside such a question is being asked
/// about, not passed.
const ASKING: &[&str] = &["which", "what", "whether", "why", "if"];

/// Words after "which" that make it a relative pronoun ("a cache which is overkill") rather
/// than a question ("which parts seem unnecessary").
const RELATIVE: &[&str] = &[
    "is", "are", "was", "were", "would", "will", "seems", "seemed", "feels", "felt", "sounds", "makes", "made", "just",
    "only",
];

/// Whether the words after a keyword, up to a judgement at `judgement`, open a question about it.
fn asked(after: &[&str], judgement: usize) -> bool {
    after[..judgement]
        .iter()
        .enumerate()
        .any(|(k, w)| ASKING.contains(w) && (*w != "which" || after.get(k + 1).is_none_or(|n| !RELATIVE.contains(n))))
}

/// Words that, anywhere later in a keyword's clause, judge what it names not worth doing:
/// "paging the owners should be a last resort", "draining just makes deploys slower".
const VERDICTS: &[&[&str]] = &[
    &["last", "resort"],
    &["not", "worth"],
    &["isn't", "worth"],
    &["aren't", "worth"],
    &["never", "worth"],
    &["waste", "of", "time"],
    &["not", "a", "concern"],
    &["isn't", "a", "concern"],
    &["aren't", "a", "concern"],
    &["overkill"],
    &["unnecessary"],
    &["pointless"],
    &["needless"],
    &["across", "as", "greedy"],
    &["across", "as", "pushy"],
    &["across", "as", "rude"],
    &["across", "as", "arrogant"],
    &["across", "as", "desperate"],
    &["across", "as", "difficult"],
    &["across", "as", "indecisive"],
    &["looks", "indecisive"],
    &["look", "indecisive"],
    &["looks", "weak"],
    &["look", "weak"],
    &["makes", "you", "look"],
    &["make", "you", "look"],
    &["makes", "me", "look"],
    &["make", "me", "look"],
    &["don't", "matter"],
    &["doesn't", "matter"],
    &["didn't", "matter"],
    &["not", "matter"],
    &["isn't", "useful"],
    &["not", "useful"],
    &["useless"],
    &["is", "a", "waste"],
    &["are", "a", "waste"],
    &["was", "a", "waste"],
    &["were", "a", "waste"],
    &["condescending"],
    &["patronising"],
    &["patronizing"],
];

/// Belittling a thing: "just" or "only" before one of [`BELITTLED`], perhaps past a "have"
/// ("just makes deploys slower", "only adds latency", "would only have added pressure"), unless
/// what follows is "sure", "sense" or a pronoun or article ("only adds a few minutes" weighs a
/// cost; it does not dismiss).
const BELITTLE: &[&str] = &["just", "only"];

/// The verbs of [`BELITTLE`].
const BELITTLED: &[&str] = &[
    "make",
    "makes",
    "made",
    "add",
    "adds",
    "added",
    "create",
    "creates",
    "created",
    "cause",
    "causes",
    "caused",
    "slow",
    "slows",
    "hide",
    "hides",
    "waste",
    "wastes",
    "spam",
    "spams",
    "annoy",
    "annoys",
    "confuse",
    "confuses",
    "distract",
    "distracts",
];

/// The verbs of [`BELITTLED`] that can weigh a cost instead of dismissing ("only adds a few
/// minutes", "just makes sure"); "just slows the team down" dismisses whatever follows.
const WEIGHED: &[&str] = &["make", "makes", "made", "add", "adds", "added", "create", "creates", "created"];

/// Words that intensify without changing what a judgement says: "isn't really a concern".
const INTENSIFIERS: &[&str] = &["really", "actually", "truly", "honestly", "very"];

/// Whether a keyword's own words pass a verdict (`scrum && pointless`): its parts then name
/// the judgement they are looking for.
fn judges(text: &str) -> bool {
    let text = text.to_lowercase();
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric() && c != '\'').collect();
    VERDICTS.iter().any(|v| words.windows(v.len()).any(|w| w == *v)) || words.iter().any(|w| BELITTLE.contains(w))
}

/// Whether `w` makes a person the subject of a new statement: one of [`SUBJECTS`] but "they",
/// which may be the thing just named.
fn person(w: &str) -> bool {
    SUBJECTS.contains(&w) && !w.starts_with("they")
}

/// Whether the rest of the keyword's clause after `last` judges it not worth doing.
fn verdict(t: &[Token], last: usize) -> bool {
    let clause = t[last].clause;
    // A person as a new subject starts a statement of their own: "I explained it as a phone
    // line - we can only make so many calls" does not belittle the explanation; "they" may be
    // the thing itself ("runbooks go stale so fast that they aren't worth writing"), and "I
    // think" only weighs the verdict that follows ("retries I think are pointless").
    let tail = &t[last + 1..];
    let new_statement =
        |j: usize| person(&tail[j].raw) && !tail.get(j + 1).is_some_and(|n| BELIEFS.contains(&n.raw.as_str()));
    let end = (0..tail.len()).find(|&j| tail[j].clause != clause || new_statement(j)).unwrap_or(tail.len());
    let rest: Vec<&str> = tail[..end].iter().map(|x| x.raw.as_str()).filter(|w| !INTENSIFIERS.contains(w)).collect();
    // A verdict denied is none: "so it doesn't come across as pushy".
    let denied = |k: usize| rest[k.saturating_sub(3)..k].iter().any(|w| is_negation(w));
    (0..rest.len()).any(|k| {
        (VERDICTS.iter().any(|v| rest[k..].starts_with(v) && (is_negation(v[0]) || !denied(k)))
            || (BELITTLE.contains(&rest[k]) && {
                let verb = if rest.get(k + 1) == Some(&"have") { k + 2 } else { k + 1 };
                rest.get(verb).is_some_and(|w| BELITTLED.contains(w))
                    && rest.get(verb + 1).is_some_and(|w| {
                        !WEIGHED.contains(&rest[verb]) || !matches!(*w, "sure" | "sense" | "it" | "them" | "a" | "the")
                    })
            }))
            && !asked(&rest, k)
    })
}

/// Words a negation reaches through without using up its reach: "don't need to handle
/// duplicates", "never have to worry about retries", and verbs of finding, whose object is what
/// was not found: "never really figured out the root cause".
const CARRIERS: &[&str] = &[
    "need",
    "needs",
    "have",
    "has",
    "worry",
    "about",
    "bother",
    "any",
    "even",
    "care",
    "really",
    "actually",
    "figured",
    "figure",
    "found",
    "find",
    "tracked",
    "pinned",
    "understood",
    "identified",
    "out",
    "down",
];

/// Words that make a negation after them in their clause a condition being checked.
const CONDITIONS: &[&str] = &["if", "unless", "whether", "when"];

/// Words that start a new action within a clause, so a condition before them does not govern a
/// negation after them: "check whether reads are slow and not add a cache".
const NEXT_ACTION: &[&str] = &["and", "then", "so"];

/// Whether the negation at `k` states a condition being checked, not a rejection: "if the top
/// isn't the matching opener".
fn conditional(t: &[Token], k: usize) -> bool {
    t[..k]
        .iter()
        .rev()
        .take_while(|y| y.clause == t[k].clause && !NEXT_ACTION.contains(&y.raw.as_str()))
        .any(|y| CONDITIONS.contains(&y.raw.as_str()))
}

/// Negations of a state ("hadn't moved", "wasn't working"), which do not reach past "and",
/// "then" or "so" to the next action, as "didn't test and deploy" does.
const STATES_DENIED: &[&str] = &["hadn't", "hasn't", "haven't", "wasn't", "weren't", "isn't", "aren't"];

/// Subjects that start a new statement inside a clause, beyond the reach of a negation before
/// them: "after an hour of no progress I ping a teammate".
const SUBJECTS: &[&str] =
    &["i", "i'd", "i'll", "i'm", "we", "we'd", "we'll", "we're", "he", "he'd", "she", "she'd", "they", "they'd"];

/// Verbs through which a negation reaches a new subject: "I don't think we need a cache".
const BELIEFS: &[&str] = &["think", "believe", "feel", "say", "expect", "suppose", "guess", "reckon", "see"];

/// Duties a speaker can disown: "it's not my job to …".
const DUTIES: &[&str] = &["job", "problem", "responsibility", "place", "concern"];

/// What "no" denies of all that follows it: "no need to …", "no point in …", "no reason to …".
const UNNEEDED: &[&str] = &["need", "point", "reason"];

/// Verbs of memory that, denied, deny all that follows them in the clause: "I can't really
/// think of a deadline I missed that was my fault", "I don't remember a time I got it wrong".
const RECALLS: &[&str] = &["think", "remember", "recall"];

/// Whether the token at `i` comes after "not my job" (or "problem", "place", …), "can't think
/// of" (or "remember", "recall") or "no need to" in its clause: everything the speaker then names is what
/// they decline to do or deny ever happened, however far along the clause it comes ("it's not
/// really my job to work out what they actually need").
fn disowned(t: &[Token], i: usize) -> bool {
    let clause = t[i].clause;
    let recalled = (1..i).rev().take_while(|&k| t[k].clause == clause).any(|k| {
        RECALLS.contains(&t[k].raw.as_str())
            && (t[k].raw != "think" || t.get(k + 1).is_some_and(|n| n.raw == "of"))
            && negated_here(t, k).is_some()
    });
    // "there was no need to discuss what they needed" declines all it names.
    let needless = (1..i).rev().take_while(|&k| t[k].clause == clause).any(|k| {
        UNNEEDED.contains(&t[k].raw.as_str())
            && t[k - 1].raw == "no"
            && t.get(k + 1).is_some_and(|n| matches!(n.raw.as_str(), "to" | "in" | "for"))
            && !conditional(t, k - 1)
    });
    recalled
        || needless
        || (2..i).rev().take_while(|&k| t[k].clause == clause).any(|k| {
            DUTIES.contains(&t[k].raw.as_str())
                && matches!(t[k - 1].raw.as_str(), "my" | "our")
                && negated_here(t, k - 1).is_some()
        })
}

/// Whether a negation, not a condition, comes before the token at `i` in its clause.
fn denied_from(t: &[Token], i: usize) -> bool {
    (0..i).rev().take_while(|&k| t[k].clause == t[i].clause).any(|k| negates(t, k) && !conditional(t, k))
}

/// Whether the token at `i` follows a negation in its clause.
fn negated(t: &[Token], i: usize) -> bool {
    if disowned(t, i) {
        return true;
    }
    let clause = t[i].clause;
    let mut reach = NEGATION_REACH;
    let mut next_action = false;
    for (k, x) in t[..i].iter().enumerate().rev().take_while(|(_, x)| x.clause == clause) {
        if negates(t, k) {
            // A state denied ends at the next action: "her PR hadn't moved and offered to pair".
            let state_ended = next_action && STATES_DENIED.contains(&x.raw.as_str());
            return !conditional(t, k) && !state_ended;
        }
        next_action |= NEXT_ACTION.contains(&x.raw.as_str());
        // "I don't think we need X" still says no to X: a belief verb carries the negation on.
        if SUBJECTS.contains(&x.raw.as_str()) && !(k > 0 && BELIEFS.contains(&t[k - 1].raw.as_str())) {
            return false;
        }
        // "to" after a carrier ("need to", "have to") is carried too; after "forget" it is not.
        // So are "of" and "than" of "instead of" and "rather than".
        let before = k.checked_sub(1).map(|b| t[b].raw.as_str());
        let carried = CARRIERS.contains(&x.raw.as_str())
            || (x.raw == "to" && before.is_some_and(|b| CARRIERS.contains(&b)))
            || (x.raw == "of" && before == Some("instead"))
            || (x.raw == "than" && before == Some("rather"));
        if !carried {
            reach -= 1;
            if reach == 0 {
                return false;
            }
        }
    }
    // The rest of a list the negation began: "you don't need load balancers, caching or replicas".
    let start = t[..i].iter().rposition(|x| x.clause != clause).map_or(0, |k| k + 1);
    start > 0 && listed(t, start) && negated(t, start - 1)
}

/// Words that open a clause of its own rather than the next item of a list: "don't lock, use
/// channels or atomics" says what to do instead.
const NOT_AN_ITEM: &[&str] = &[
    "use", "add", "try", "keep", "make", "put", "write", "call", "run", "ask", "check", "get", "do", "go", "pick",
    "choose", "prefer", "rely", "switch", "move", "build", "send", "return", "throw", "set", "give", "take", "wrap",
    "split", "let", "just", "instead", "rather", "only", "then", "so", "because", "since", "which", "that", "but",
    "not", "no", "never", "it", "this", "there",
];

/// Whether the clause starting at `start` is the last items of a list the clause before it
/// began, in the same sentence: a few words joined by "or" or "nor" ("caching or replicas"),
/// perhaps after more items of a word or two ("indexes, caching or replicas").
fn listed(t: &[Token], start: usize) -> bool {
    // Only a clause right after the one before it, in the same sentence, goes on its list.
    if t[start - 1].clause + 1 != t[start].clause || t[start - 1].sentence != t[start].sentence {
        return false;
    }
    let mut k = start;
    for _ in 0..4 {
        let end = t[k..].iter().position(|x| x.clause != t[k].clause).map_or(t.len(), |n| k + n);
        let words = &t[k..end];
        if words.len() > 4
            || t[k].sentence != t[start].sentence
            || NOT_AN_ITEM.contains(&words[0].raw.as_str())
            || words.iter().any(|x| SUBJECTS.contains(&x.raw.as_str()))
        {
            return false;
        }
        // The list ends with "or" or "nor" before its last item.
        if words.iter().skip(1).any(|x| matches!(x.raw.as_str(), "or" | "nor")) {
            return true;
        }
        if end == t.len() || words.len() > 2 {
            return false;
        }
        k = end;
    }
    false
}

#[derive(Debug, Clone)]
enum Pattern {
    Words {
        stems: Vec<String>,
        plain: Vec<String>,
        joined: String,
        run: String,
        prefix: Option<String>,
    },
    Notation(String),
    Symbols(String),
    /// Parts that must all meet in one sentence (or, written with `&&`, one clause), each a
    /// list of alternatives.
    Together {
        parts: Vec<Vec<Keyword>>,
        clause: bool,
        /// Whether a verdict later in a part's clause takes that part back: not when the
        /// keyword names a verdict itself (see [`judges`]). Decided once, when compiled.
        heed_verdicts: bool,
    },
    /// Alternatives written in one keyword with `|` (`dry run|game day`): any one of them.
    Any(Vec<Keyword>),
}

/// A compiled keyword.
#[derive(Debug, Clone)]
pub struct Keyword {
    /// The keyword as the bank wrote it.
    pub text: String,
    pattern: Pattern,
}

/// Where a keyword matched, as the words of the answer that earned it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The matched part of the answer, as written.
    pub quote: String,
}

impl Keyword {
    /// Compiles `text`.
    pub fn new(text: &str) -> Self {
        let trimmed = text.trim();
        // `&&` binds the parts to one clause; a lone `&&` in notation (`a && b`) has no words.
        let clause = trimmed.contains("&&");
        // With `&&` anywhere, every part is bound to the clause: `a & b && c` is three parts.
        let parts: Vec<&str> = trimmed.split('&').map(str::trim).filter(|p| !clause || !p.is_empty()).collect();
        // Some part names a word, so notation such as `n & (n - 1)` or `R&D` stays one keyword.
        let pattern = if parts.len() > 1
            && parts.iter().all(|p| p.chars().any(char::is_alphanumeric))
            && parts.iter().any(|p| worded(p))
        {
            Pattern::Together {
                parts: parts
                    .iter()
                    .map(|p| p.split('|').map(str::trim).filter(|a| !a.is_empty()).map(Keyword::new).collect())
                    .collect(),
                clause,
                heed_verdicts: !judges(trimmed),
            }
        } else if let Some(alternatives) = alternatives(trimmed) {
            Pattern::Any(alternatives.into_iter().map(Keyword::new).collect())
        } else if let Some(words) = starred_phrase(trimmed) {
            // "start* over", "garbage collect*": stems already cover a word's endings.
            return Keyword { pattern: Keyword::new(&words).pattern, text: trimmed.to_owned() };
        } else if !trimmed.chars().any(char::is_alphanumeric) {
            Pattern::Symbols(trimmed.to_owned())
        } else if let Some(prefix) = trimmed.strip_suffix('*').filter(|p| !normalize::is_notation(p)) {
            Pattern::Words {
                stems: Vec::new(),
                plain: Vec::new(),
                joined: String::new(),
                run: String::new(),
                prefix: Some(prefix.to_lowercase()),
            }
        } else if normalize::is_notation(trimmed) {
            Pattern::Notation(normalize::notation(trimmed, false))
        } else {
            let stems = normalize::stems(trimmed);
            let run: String =
                trimmed.to_lowercase().chars().filter(|c| c.is_alphanumeric() || *c == '+' || *c == '#').collect();
            let plain = normalize::plain_tokens(trimmed).into_iter().map(|t| t.stem).collect();
            Pattern::Words { joined: normalize::stem(&run), run, stems, plain, prefix: None }
        };
        Keyword { text: trimmed.to_owned(), pattern }
    }

    /// Whether this keyword is notation (matched on the notation form).
    pub fn is_notation(&self) -> bool {
        matches!(self.pattern, Pattern::Notation(_))
    }

    /// The keywords this one is made of: the alternatives of a together keyword, else itself.
    pub fn leaves(&self) -> Vec<&Keyword> {
        match &self.pattern {
            Pattern::Together { parts, .. } => parts.iter().flatten().collect(),
            Pattern::Any(alternatives) => alternatives.iter().collect(),
            _ => vec![self],
        }
    }

    /// Whether the keyword is a negation ("not badmouth"), made by a "not" before its words.
    pub fn is_negation(&self) -> bool {
        matches!(&self.pattern, Pattern::Words { stems, .. } if stems.len() > 1 && NEGATORS.contains(&stems[0].as_str()))
    }

    /// The explicit prefix of a `word*` keyword.
    pub fn prefix(&self) -> Option<&str> {
        match &self.pattern {
            Pattern::Words { prefix, .. } => prefix.as_deref(),
            _ => None,
        }
    }

    /// Whether a words keyword's words occur in the answer in a row, counted or not. Where
    /// [`Keyword::find`] found nothing, an occurrence is one the answer rejects ("instead of a
    /// min heap", "no retries needed").
    pub fn occurs(&self, doc: &Doc) -> bool {
        match &self.pattern {
            Pattern::Words { stems, prefix: None, .. } if !stems.is_empty() => {
                doc.tokens.windows(stems.len()).any(|w| w.iter().zip(stems).all(|(t, s)| &t.stem == s))
            }
            Pattern::Any(alternatives) => alternatives.iter().any(|k| k.occurs(doc)),
            _ => false,
        }
    }

    /// The first occurrence of the keyword in `doc` that counts.
    pub fn find(&self, doc: &Doc) -> Option<Found> {
        match &self.pattern {
            Pattern::Symbols(s) => doc.text.contains(s.as_str()).then(|| Found { quote: s.clone() }),
            Pattern::Notation(n) => {
                find_notation(&doc.notation, n).map(|r| Found { quote: doc.notation[r].to_owned() })
            }
            // A keyword on its own is also taken back by a verdict later in its clause; a
            // together keyword names its context itself ("sprints && don't work").
            Pattern::Words { prefix: Some(p), .. } => {
                let t = &doc.tokens;
                (0..t.len())
                    .find_map(|i| {
                        prefix_at(t, i, p).filter(|&last| !negated(t, i) && !verdict(t, last)).map(|last| (i, last))
                    })
                    .map(|(i, last)| Found { quote: doc.quote(i, last) })
            }
            Pattern::Words { .. } => {
                let t = &doc.tokens;
                let last = |end: usize| t.partition_point(|x| x.span.end <= end).saturating_sub(1);
                self.spans(doc, true)
                    .find(|r| !verdict(t, last(r.end)))
                    .map(|r| Found { quote: doc.text[r].to_owned() })
            }
            Pattern::Together { parts, clause, heed_verdicts } => find_together(doc, parts, *clause, *heed_verdicts),
            Pattern::Any(alternatives) => alternatives.iter().find_map(|k| k.find(doc)),
        }
    }

    /// The parts of the answer where a words keyword occurs and counts, as byte ranges of the
    /// answer, in order; with `heed_negation` false, also where a negation takes it back.
    fn spans<'d>(&'d self, doc: &'d Doc, heed_negation: bool) -> Box<dyn Iterator<Item = Range<usize>> + 'd> {
        let span = |t: &[Token], (first, last): (usize, usize)| t[first].span.start..t[last].span.end;
        match &self.pattern {
            Pattern::Words { prefix: Some(p), .. } => {
                let t = &doc.tokens;
                Box::new(
                    (0..t.len())
                        .filter_map(move |i| {
                            prefix_at(t, i, p).filter(|_| !heed_negation || !negated(t, i)).map(|last| (i, last))
                        })
                        .map(move |m| span(t, m)),
                )
            }
            Pattern::Words { stems, plain, joined, run, .. } => Box::new(
                words_at(&doc.tokens, &doc.at, stems, joined, run, heed_negation)
                    .map(move |m| span(&doc.tokens, m))
                    .chain(
                        words_at(&doc.plain, &doc.plain_at, plain, joined, run, heed_negation)
                            .map(move |m| span(&doc.plain, m)),
                    ),
            ),
            _ => Box::new(std::iter::empty()),
        }
    }
}

/// Where the explicit prefix `p` of a `word*` keyword starts at token `i`, as the index of its
/// last token. A hyphenated prefix (`trade-off*`) is met by its words in a row, the last one
/// begun ("trade-offs", "trade offs"), or written as one word ("tradeoffs").
fn prefix_at(t: &[Token], i: usize, p: &str) -> Option<usize> {
    // A trailing hyphen (`volatile-*`) leaves an empty last part: any next word begins it.
    let mut parts: Vec<&str> = p.split(['-', ' ']).collect();
    let end = parts.pop().unwrap_or_default();
    parts.retain(|w| !w.is_empty());
    let (end, lead) = (end, parts.as_slice());
    if lead.is_empty() {
        return t[i].raw.starts_with(p).then_some(i);
    }
    if !end.is_empty() && t[i].raw.starts_with(&[lead.concat().as_str(), end].concat()) {
        return Some(i);
    }
    let last = i + lead.len();
    (last < t.len()
        && t[last].sentence == t[i].sentence
        && lead.iter().enumerate().all(|(k, w)| t[i + k].raw == *w)
        && t[last].raw.starts_with(end))
    .then_some(last)
}

/// The first sentence in which every part of a together keyword has an alternative that
/// counts. Notation and symbols are looked for in each sentence's own text.
fn find_together(doc: &Doc, parts: &[Vec<Keyword>], by_clause: bool, heed_verdicts: bool) -> Option<Found> {
    let t = &doc.tokens;
    if t.is_empty() {
        return None;
    }
    let token = |at: usize| t.partition_point(|x| x.span.end <= at).min(t.len() - 1);
    let sentence = |at: usize| doc.sentences[token(at)];
    // The clause a words match is in, when the parts must meet in one.
    let clause = |at: usize| by_clause.then(|| t[token(at)].clause);
    // Each sentence's notation, from its first word to the next sentence's: made only for a
    // part with notation or symbols, and once per answer.
    let sentences = || {
        doc.parts.get_or_init(|| {
            let mut bounds: Vec<(u32, usize)> = Vec::new();
            for (i, x) in t.iter().enumerate() {
                if bounds.last().is_none_or(|&(n, _)| n != doc.sentences[i]) {
                    bounds.push((doc.sentences[i], x.span.start));
                }
            }
            bounds
                .iter()
                .enumerate()
                .map(|(k, &(n, start))| {
                    let end = bounds.get(k + 1).map_or(doc.text.len(), |&(_, e)| e);
                    (n, start, Doc::notation_only(&doc.text[start..end]))
                })
                .collect::<Vec<_>>()
        })
    };
    // For each part, where it counts: (sentence, clause, position, quote).
    type At = (u32, Option<u32>, usize, String);
    let mut found: Vec<Vec<At>> = Vec::new();
    // A part that is itself a negation ("password* & not log") says what the negation of the
    // others means: "never log passwords, tokens or card numbers" names them all.
    let negating = |alternatives: &[Keyword]| alternatives.iter().any(Keyword::is_negation);
    let said_negated = parts.iter().any(|alternatives| negating(alternatives));
    for alternatives in parts {
        let mut at = Vec::new();
        let heed_negation = !said_negated || negating(alternatives);
        for k in alternatives {
            match k.pattern {
                Pattern::Words { .. } => at.extend(
                    k.spans(doc, heed_negation)
                        .filter(|r| !heed_verdicts || !verdict(t, token(r.end - 1)))
                        .map(|r| (sentence(r.start), clause(r.start), r.start, doc.text[r].to_owned())),
                ),
                _ => at.extend(
                    sentences().iter().filter_map(|(n, start, part)| k.find(part).map(|f| (*n, None, *start, f.quote))),
                ),
            }
        }
        if at.is_empty() {
            return None;
        }
        found.push(at);
    }
    // The parts meet in one sentence, and in one clause: the first part that knows its clause
    // sets it for the rest (notation and symbols only know their sentence).
    found[0].iter().find_map(|anchor| {
        let mut quotes: Vec<(usize, &str)> = Vec::new();
        let mut clause = anchor.1;
        for at in &found {
            let (_, c, pos, quote) =
                at.iter().find(|m| m.0 == anchor.0 && (clause.is_none() || m.1.is_none() || m.1 == clause))?;
            clause = clause.or(*c);
            quotes.push((*pos, quote));
        }
        quotes.sort();
        // A pairing said under a "not" that opens its clause is what the answer denies: "you
        // don't need a constraint on email because the id is already unique".
        if by_clause && denied_from(t, token(quotes[0].0)) {
            return None;
        }
        Some(Found { quote: quotes.into_iter().map(|(_, q)| q).collect::<Vec<_>>().join(" … ") })
    })
}

/// The alternatives of a keyword written `a|b|c`, when every one names a word: notation such as
/// `|v| - 1` or `x | y` keeps its bars.
fn alternatives(text: &str) -> Option<Vec<&str>> {
    let alternatives: Vec<&str> = text.split('|').map(str::trim).collect();
    (alternatives.len() > 1 && alternatives.iter().all(|a| worded(a))).then_some(alternatives)
}

/// Whether some of a keyword's `|`-separated parts name words and others do not (`at most
/// |v|-1`, `within d days|<= d`): its bars are then taken as notation, not as "or", which is
/// rarely what the author meant.
pub fn mixed_bars(text: &str) -> bool {
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    !text.contains('&') && parts.len() > 1 && alternatives(text).is_none() && parts.iter().any(|p| worded(p))
}

/// Whether `text` names a word: a run of two letters or more.
fn worded(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic()).any(|w| w.chars().count() >= 2)
}

/// A phrase of words with `*` after some of them ("start* over"), without the stars: in a
/// phrase, a word is matched by its stem, which covers its endings.
fn starred_phrase(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let starred = |w: &str| w.strip_suffix('*').is_some_and(|s| !s.is_empty() && s.chars().all(char::is_alphabetic));
    (words.len() > 1 && words.iter().any(|w| starred(w)) && words.iter().all(|w| starred(w) || !w.contains('*')))
        .then(|| words.iter().map(|w| w.trim_end_matches('*')).collect::<Vec<_>>().join(" "))
}

/// Negations that say "not": a keyword starting with one is made by any of them.
const NEGATORS: &[&str] = &[
    "not",
    "never",
    "no",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "shouldn't",
    "won't",
    "can't",
    "couldn't",
    "wouldn't",
    "hasn't",
    "haven't",
    "hadn't",
    "cannot",
];

/// Words that say "not" in an answer to a negation keyword, besides [`NEGATORS`]: "I skip my
/// life story" makes `not life story`.
const LEAVING_OUT: &[&str] = &["skip", "skipping", "without", "avoid", "avoiding", "omit"];

/// Words that may stand between a negation and what it negates: "wouldn't ever blame", "can
/// never be freed", "skip my life story".
const NEGATED_THROUGH: &[&str] = &[
    "ever", "even", "really", "just", "be", "been", "get", "actually", "my", "the", "a", "an", "any", "our", "their",
    "his", "her", "your",
];

/// The "not" that negates the token at `i` directly, as a rejection rather than a condition:
/// right before it, or with one of [`NEGATED_THROUGH`] between.
fn negated_here(t: &[Token], i: usize) -> Option<usize> {
    let not = |k: usize| {
        let w = t[k].raw.as_str();
        (NEGATORS.contains(&w) || LEAVING_OUT.contains(&w)) && t[k].clause == t[i].clause && !conditional(t, k)
    };
    if i >= 1 && not(i - 1) {
        Some(i - 1)
    } else if i >= 2 && NEGATED_THROUGH.contains(&t[i - 1].raw.as_str()) && not(i - 2) {
        Some(i - 2)
    } else {
        None
    }
}

/// The last token of `stems` as a phrase starting at token `i`, each next word after at most
/// one extra word that is not a negation.
fn phrase_from(t: &[Token], i: usize, stems: &[String]) -> Option<usize> {
    if t[i].stem != stems[0] {
        return None;
    }
    let mut at = i;
    for s in &stems[1..] {
        at = (at + 1..(at + 3).min(t.len()))
            .find(|&j| &t[j].stem == s && t[j].sentence == t[i].sentence && (j == at + 1 || !negates(t, at + 1)))?;
    }
    Some(at)
}

/// Where `stems` occur among the words `t` and count, as first and last token, in order.
fn words_at<'t>(
    t: &'t [Token],
    at: &Positions,
    stems: &'t [String],
    joined: &'t str,
    run: &'t str,
    heed_negation: bool,
) -> impl Iterator<Item = (usize, usize)> + 't {
    let self_negating = stems.first().is_some_and(|s| is_negation(s));
    let counts = move |i: usize| !heed_negation || self_negating || !negated(t, i);
    let negator = stems.len() > 1 && NEGATORS.contains(&stems[0].as_str());
    // Where a match can start: at the first word, at the second for a negation keyword, at
    // the words run together, or at a word that begins a one-word keyword written as two.
    let mut starts: Vec<usize> = Vec::new();
    let mut add = |stem: &str| starts.extend(at.get(stem).into_iter().flatten());
    if let Some(first) = stems.first() {
        add(first);
        if negator {
            add(&stems[1]);
        }
        if stems.len() > 1 {
            add(joined);
        } else {
            // The keyword's stem goes on with the next word's first letter ("hash set" for
            // `hashset`): only there can the two words stem to it together.
            let stem = first.as_bytes();
            starts.extend((0..t.len().saturating_sub(1)).filter(|&i| {
                let n = t[i].raw.len();
                n < run.len()
                    && run.starts_with(t[i].raw.as_str())
                    && stem.get(n).is_some_and(|c| t[i + 1].raw.as_bytes().first() == Some(c))
            }));
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts.into_iter().filter_map(move |i| {
        // A keyword that is a negation ("not blame") is made by any negation of its words:
        // "I'd never blame", "I wouldn't ever blame".
        if negator
            && let Some(last) = phrase_from(t, i, &stems[1..])
            && let Some(not) = negated_here(t, i)
        {
            return Some((not, last));
        }
        // Each next word may come after at most one extra word, which may not be a negation:
        // "I couldn't reproduce" is not "I reproduced".
        if let Some(at) = phrase_from(t, i, stems)
            && counts(i)
            && !dismissed(t, at)
        {
            return Some((i, at));
        }
        // The keyword's words run together in the answer ("hash set" ~ "hashset"), or the
        // answer's two words run together in the keyword ("hashset" ~ "hash set").
        if stems.len() > 1 && t[i].stem == joined && counts(i) {
            return Some((i, i));
        }
        if stems.len() == 1
            && i + 1 < t.len()
            && t[i].raw.len() < run.len()
            && run.starts_with(t[i].raw.as_str())
            && normalize::stem(&format!("{}{}", t[i].raw, t[i + 1].raw)) == stems[0]
            && counts(i)
        {
            return Some((i, i + 1));
        }
        None
    })
}

/// The first occurrence of notation `needle` in `hay` that stands alone: not glued to letters or
/// digits on either side, so `o(n)` is not found in `o(n^2)` and `-1` is not found in `-10`.
fn find_notation(hay: &str, needle: &str) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let glued_before = |c: char| c.is_alphanumeric() || (needle.starts_with(|n: char| n.is_alphanumeric()) && c == '-');
    let glued_after = |c: char| c.is_alphanumeric() || matches!(c, '^' | '*' | '/');
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = hay[..start].chars().last();
        let after = hay[end..].chars().next();
        let before_ok =
            before.is_none_or(|c| !glued_before(c)) || !needle.starts_with(|n: char| n.is_alphanumeric() || n == '-');
        let after_ok =
            after.is_none_or(|c| !glued_after(c)) || !needle.ends_with(|n: char| n.is_alphanumeric() || n == ')');
        if before_ok && after_ok {
            return Some(start..end);
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(keyword: &str, answer: &str) -> bool {
        Keyword::new(keyword).find(&Doc::new(answer)).is_some()
    }

    #[test]
    fn words_match_inflections_not_prefixes() {
        assert!(hit("delete", "I'd be deleting the row"));
        assert!(hit("requests", "each request is retried"));
        assert!(hit("privately", "keep it private"));
        assert!(hit("clustered", "InnoDB clusters rows"));
        assert!(!hit("tag", "the stage"));
        assert!(!hit("met", "a method with metrics"));
        assert!(!hit("index", "reindex"));
    }

    #[test]
    fn phrases_allow_one_extra_word_and_run_together() {
        assert!(hit("delete key", "delete the key"));
        assert!(!hit("delete key", "delete all of the key"));
        assert!(hit("compare and set", "a compare-and-set loop"));
        assert!(hit("hash set", "a HashSet of seen values"));
        assert!(hit("hashset", "a hash set of seen values"));
        assert!(hit("hashsets", "two hash sets"));
        assert!(hit("deadlines", "every dead line"));
        assert!(!hit("hashset", "a hash map"));
        // A keyword is looked for only where its first word occurs, in any of its places.
        assert!(hit("seen values", "values, then the seen values"));
        assert!(hit("not blame", "I would not blame them, I'd never blame"));
        assert!(hit("min-heap", "a min heap of size k"));
        assert!(!hit("min heap", "a max-heap of size k"));
    }

    #[test]
    fn negation_cancels_a_match_in_its_clause() {
        assert!(!hit("in the repository", "secrets are never in the repository"));
        assert!(!hit("repository", "never in the repository"));
        assert!(hit("repository", "not secrets, but the repository holds config"));
        assert!(!hit("max heap", "use a min heap rather than a max heap"));
        // "No need to" declines all that follows it; "is a waste" judges what came before.
        assert!(!hit(
            "actually needed",
            "so there was no need to discuss what they actually needed or give them options"
        ));
        assert!(hit("actually needed", "I asked what they actually needed, so there was no need to build all of it"));
        assert!(!hit("notes", "writing long notes is a waste because each on-call starts fresh"));
        assert!(hit("notes", "skipping the notes is a waste of the last shift's knowledge, so I write notes"));
        // A memory denied denies what follows it.
        assert!(!hit("my fault", "I can't really think of a deadline I missed that was my fault."));
        assert!(!hit("apologi*", "I don't remember a time I had to apologise to a client"));
        assert!(hit("my fault", "I don't think anyone noticed, but I said it was my fault"));
        assert!(hit("my fault", "I remember a deadline I missed that was my fault"));
        // A negation covers the rest of the list it began.
        assert!(!hit("replicas", "so you don't need load balancers, caching or replicas."));
        assert!(!hit("cach*", "so you don't need load balancers, caching or replicas."));
        assert!(!hit("tokens", "never log passwords, API keys, tokens or card numbers"));
        assert!(hit("channels", "don't share memory with a mutex, use channels or atomics"));
        assert!(hit("replicas", "we didn't need sharding, but replicas or a cache helped"));
        assert!(hit("replicas", "no sharding yet, read replicas first"));
        // A negation the keyword asks for covers its other parts: `password* & not log`.
        assert!(hit("password*|card number* & not log", "Never log passwords, tokens or card numbers."));
        assert!(!hit("password*|card number* & not log", "Log passwords for context."));
        assert!(!hit("pay back", "quick fixes become tech debt nobody pays back"));
        assert!(!hit("their range", "asking about their range comes across as greedy"));
        assert!(hit("their range", "I'd ask their range politely so it doesn't come across as pushy"));
        assert!(hit("pay back", "we logged the debt and will pay it back next sprint"));
        assert!(hit("min heap", "use a min heap rather than a max heap"));
        assert!(hit("never commit", "I never commit secrets"));
        assert!(hit("cache stampede", "coalesce requests to avoid a cache stampede"));
        assert!(!hit("output encoding", "validate input; output encoding is not needed"));
        assert!(hit("private", "mark orders no-cache private"));
        assert!(hit("no-store", "send no-store on the orders"));
        assert!(!hit("wrap", "Wrap nothing, just rehash on login"));
        assert!(!hit("bff", "a BFF is overkill here"));
        // A judgement asked about is not passed: "which parts seem unnecessary".
        assert!(hit("ask", "I'd ask which parts seem unnecessary to them"));
        assert!(hit("ask", "I ask what feels pointless"));
        assert!(hit("cach*", "I'd ask the team about caching and whether it is overkill here"));
        assert!(!hit("cach*", "we added caching which is overkill"));
        assert!(!hit("cach*", "we added caching which just adds latency"));
        // A verdict later in the clause takes the idea back, however far from the keyword.
        assert!(!hit("page the owning team", "page the owning team at 3 a.m. should be a last resort"));
        assert!(!hit("drain*", "Draining connections and pre-stop delays just make deploys slower"));
        assert!(!hit("research*", "Researching each company in depth isn't worth the time"));
        assert!(!hit("canary", "a canary release only adds complexity"));
        assert!(!hit("alternative", "suggesting an alternative would be condescending"));
        assert!(hit("alternative", "suggest an alternative so it isn't condescending"));
        assert!(hit("drain*", "Draining just makes sure in-flight requests finish"));
        assert!(hit("canary", "a canary release, which only adds a few minutes"));
        assert!(hit("canary", "a canary makes it safe, and it only adds a few minutes"));
        assert!(!hit("voic*", "voicing objections just slows the team down"));
        assert!(!hit("every half hour", "repeating 'still investigating' every half hour just spams people"));
        assert!(hit("every half hour", "an update every half hour, so nobody is left guessing"));
        assert!(!hit("politeness", "Politeness isn't really a concern at this scale"));
        assert!(!hit("output encoding", "output encoding is not really needed"));
        assert!(!hit("handover", "you don't really need a handover"));
        assert!(hit("politeness", "Politeness is a real concern: one queue per host"));
        // So is a together keyword's part, unless the keyword names the verdict itself.
        assert!(!hit("wak* & owning team", "Waking the owning team at 3 a.m. should be a last resort"));
        assert!(hit("escalat* && last resort", "Escalating to the owners is my last resort"));
        assert!(!hit("signature checks", "skip signature checks in staging"));
        assert!(hit("output encoding", "output encoding is what stops it, not input filtering"));
        assert!(!hit("duplicates", "so consumers don't need to handle duplicates"));
        assert!(!hit("i reproduced", "I couldn't reproduce it locally"));
        assert!(!hit("listen", "he wouldn't listen"));
        assert!(hit("matching opener", "if the top isn't the matching opener, it's unbalanced"));
        assert!(!hit("matching opener", "the top isn't the matching opener"));
        assert!(!hit("cache", "If you use a CDN, you don't need a cache"));
        assert!(!hit("cache", "I'd check whether reads are slow and not add a cache"));
        assert!(!hit("cache", "I'd measure first when it matters and never add a cache"));
        assert!(!hit("cache", "Wait until traffic grows and don't add a cache"));
        assert!(hit("duplicates", "Don't forget to handle duplicates"));
        assert!(!hit("unique", "the email no longer needs to be unique"));
        assert!(hit("retries", "Don't forget to add retries"));
        assert!(hit("retries", "It is not hard to add retries"));
        assert!(!hit("retries", "you never have to worry about retries"));
        assert!(hit("retries", "no question: add retries with backoff"));
        assert!(hit("ping a teammate", "After 30 minutes of no progress I ping a teammate"));
        assert!(!hit("help", "I keep at it instead of asking for help"));
        assert!(!hit("postgres", "use Redis rather than a Postgres table"));
        assert!(hit("help", "I ask for help instead of guessing"));
        // Alone, "instead" and "rather" choose what follows instead of rejecting it.
        assert!(hit("liveness a cheap", "What I do instead is make liveness a cheap local check"));
        assert!(hit("short transactions", "I'd rather keep short transactions"));
        assert!(!hit("short transactions", "long ones rather than short transactions"));
        assert!(!hit("rolling restart", "a blue-green switch instead of a rolling restart"));
        assert!(hit("page the team", "After ten minutes without progress I'd page the team"));
        assert!(!hit("ping a teammate", "I don't ping a teammate"));
        assert!(!hit("cache", "no, we cache nothing"));
        assert!(!hit("versioned keys", "I don't think we need versioned keys"));
        assert!(!hit("versioned keys", "Reads go w/out versioned keys"));
        assert!(!hit("switching", "switching halfway looks indecisive"));
        assert!(hit("switching", "switching now, so it doesn't look indecisive later"));
        assert!(!hit("ask for help", "asking for help looks weak"));
        assert!(!hit("status page", "a status page just confuses customers"));
        assert!(!hit("clarifying questions", "Asking clarifying questions makes you look junior"));
        assert!(hit("clarifying questions", "I ask clarifying questions so it doesn't make me look careless later"));
        assert!(!hit("flagging it early", "flagging it early would only have added pressure"));
        assert!(!hit("flagging it early", "flagging it early would only cause panic"));
        assert!(hit("flagging it early", "flagging it early would only have added a day"));
        assert!(!hit("politeness", "politeness and robots.txt don't really matter at this scale"));
        assert!(hit("politeness", "politeness matters even at this scale"));
        assert!(!hit("explain", "EXPLAIN isn't very useful because the plan changes all the time"));
        assert!(hit("explain", "EXPLAIN is useful because it shows the real plan"));
        assert!(hit("explained it as", "I explained it as a phone line - we can only make so many calls an hour"));
        assert!(!hit("status page", "a status page only makes customers call more"));
        assert!(!hit("runbooks", "runbooks go out of date so fast that they aren't worth writing"));
        assert!(!hit("retries", "retries I think are pointless here"));
        // A state denied does not reach the next action; a deed denied does.
        assert!(hit("offered to pair", "her PR hadn't moved and offered to pair"));
        assert!(hit("offered to pair", "the build wasn't green so offered to pair"));
        assert!(!hit("retry", "we don't cache and retry"));
        assert!(!hit("offered to pair", "the PR hadn't offered to pair"));
        // A verb of finding carries the negation to what was not found.
        assert!(!hit("root cause", "I never really figured out the root cause"));
        assert!(!hit("root cause", "we didn't find the root cause"));
        assert!(hit("root cause", "I finally figured out the root cause"));
        // "Not my job to …" disowns the rest of its clause, past a new subject.
        assert!(!hit("actually need", "It's not really my job to work out what they actually need"));
        assert!(!hit("root cause", "it wasn't our problem to find the root cause"));
        assert!(hit("actually need", "it wasn't my job to decide, so I asked what they actually need"));
        assert!(hit("actually need", "my job is to work out what they actually need"));
        assert!(hit("actually need", "if it's not my job, I still ask what they actually need"));
    }

    #[test]
    fn a_negation_keyword_is_made_by_any_negation() {
        assert!(hit("not badmouth", "I'd never badmouth my manager"));
        assert!(hit("not badmouth", "I wouldn't ever badmouth anyone"));
        let found = Keyword::new("not badmouth").find(&Doc::new("I'd never badmouth my manager"));
        assert_eq!(found.map(|f| f.quote).as_deref(), Some("never badmouth"));
        assert!(hit("not blame the team", "I don't blame the team"));
        assert!(hit("never blame", "we did not blame anyone"));
        assert!(!hit("not blame", "I blame the team"));
        assert!(!hit("not blame", "if you don't blame people, you learn more"));
        assert!(hit("never freed", "the objects can never be freed"));
        assert!(hit("not life story", "I skip my life story"));
        assert!(hit("not hobbies", "I'd avoid hobbies"));
        assert!(!hit("no duplicates", "you don't need to worry about duplicates"));
        assert!(!hit("skip duplicates", "you don't need to worry about duplicates"));
        assert!(hit("not hobbies", "a quick intro w/o hobbies"));
        assert!(!hit("backoff", "retry w/o backoff"));
        assert!(hit("backoff", "retry w/ backoff"));
    }

    #[test]
    fn a_star_in_a_phrase_is_its_word_stem() {
        assert!(hit("start* over", "so we started over from the spec"));
        assert!(hit("garbage collect*", "the garbage collector runs"));
        assert!(hit("not include*", "it doesn't include the payment call"));
        assert!(!hit("not include*", "it includes the payment call"));
        assert!(hit("n * 2^n", "it is n * 2^n in total"));
    }

    #[test]
    fn a_phrase_stays_in_its_sentence() {
        assert!(!hit("owned the", "It was a project of her own. The release went out"));
        assert!(!hit("first rotate", "Rewrite history first; rotating the key is optional"));
        assert!(hit("first rotate", "First, rotate the key"));
    }

    #[test]
    fn notation_matches_whole_expressions() {
        assert!(hit("O(n)", "it runs in O(n) time"));
        assert!(!hit("o(n)", "it is O(n²)"));
        assert!(!hit("o(n)", "O(n log n) overall"));
        assert!(hit("o(n^2)", "quadratic, O(n²)"));
        assert!(hit("O(n log n)", "o(nlogn)"));
        assert!(!hit("-1", "returns 10"));
        assert!(!hit("-1", "returns -10"));
        assert!(hit("-1", "returns -1 when missing"));
        assert!(hit("log -s", "git log -S 'text' finds it"));
        assert!(hit("1 + min", "else 1 + min(dp[i-1][j], dp[i][j-1])"));
        assert!(!hit("log -s", "git log --grep finds it"));
        assert!(hit("sorted half", "the sorted half's range"));
        assert!(hit("2^n", "there are 2ⁿ subsets"));
        assert!(hit("1<<n", "loop to 1 << n"));
        assert!(hit("%", "latency fell 40%"));
    }

    #[test]
    fn synonyms_meet_both_ways() {
        assert!(hit("k8s", "we run on Kubernetes"));
        assert!(hit("kubernetes", "deployed to k8s"));
        assert!(hit("pull request", "I opened a PR"));
        assert!(hit("oom killer", "the out-of-memory killer"));
        assert!(hit("tail latency", "p99 went down"));
        assert!(hit("least recently", "LRU evicts the least recently used entry"));
        assert!(!hit("continuous delivery", "continuous deployment ships every change"));
    }

    #[test]
    fn together_parts_meet_in_one_sentence() {
        let kw = "max heap & lower|smaller|small half";
        assert!(hit(kw, "The small half goes in a max-heap, the big half in a min-heap."));
        assert!(hit(kw, "a max heap holding the lower half"));
        assert!(!hit(kw, "Use a max heap. The lower half is kept elsewhere."));
        assert!(!hit(kw, "a max heap of size k"));
        assert!(!hit(kw, "the smaller half goes in a min heap, never a max heap"));
        assert!(hit("increment* & count|counter", "when you hit unvisited land, increment the count"));
        assert!(!hit("increment* & count|counter", "increment i; the count is kept in a map"));
        assert_eq!(
            Keyword::new("drop & old column|fullname").find(&Doc::new("then contract - drop fullname")).unwrap().quote,
            "drop … fullname"
        );
        assert!(hit("o(log n) & insert*", "each insert is O(log n)"));
        assert!(!hit("o(log n) & insert*", "lookups are O(log n)"));
        assert!(!hit("o(log n) & insert*", "Inserts are fast. Lookups are O(log n)."));
        assert!(hit("n! & leaves", "A tree with n! leaves."));
        assert!(!hit("crashed & restart", "It crashed! then we had to restart it."));
        assert!(hit("n & (n - 1)", "clear the lowest bit with n & (n - 1)"));
    }

    #[test]
    fn a_double_ampersand_binds_the_parts_to_one_clause() {
        let sessions = "session* && redis|key-value";
        assert!(hit(sessions, "Sessions go in Redis with a TTL, the catalogue in a document store."));
        assert!(hit(sessions, "I'd keep sessions in a key-value store"));
        assert!(!hit(sessions, "A relational database for sessions, a key-value store for the friends graph."));
        assert!(hit(
            "session* & redis|key-value",
            "A relational database for sessions, a key-value store for the friends graph."
        ));
        let found = Keyword::new(sessions).find(&Doc::new("Orders in Postgres; sessions in Redis."));
        assert_eq!(found.map(|f| f.quote).as_deref(), Some("sessions … Redis"));
        assert!(hit("o(1) && amortized|amortised", "Each push is amortised O(1), but a single one can be O(n)"));
        assert!(!hit("o(1) && amortized|amortised", "It is not amortised. It is O(1)"));
        let three = "o(1) && amortized && push*";
        assert!(hit(three, "O(1) amortised per push"));
        assert!(!hit(three, "O(1) amortised, but each push copies"), "the notation anchor knows no clause");
        assert!(hit("session* & redis && ttl", "sessions in Redis with a TTL"));
        assert!(!hit("session* & redis && ttl", "sessions in Redis, a TTL on the catalogue"));
        // A pairing under a "not" that opens its clause is denied, however far the parts are.
        let unique = "unique && email";
        assert!(!hit(unique, "you don't need a unique constraint on email anymore because the id is already unique"));
        assert!(hit(unique, "you don't need email as the key, but keep email unique"));
        assert!(hit(unique, "when it isn't the key the email should still be unique"));
    }

    #[test]
    fn bars_between_words_are_alternatives() {
        let drill = "game day|dry run|fire drill";
        assert!(hit(drill, "we ran a dry run of the failover"));
        assert!(hit(drill, "a game day every quarter"));
        assert!(!hit(drill, "we ran the failover for real"));
        assert!(!hit(drill, "we never did a dry run"), "each alternative keeps its negation");
        let found = Keyword::new(drill).find(&Doc::new("We held a fire drill on Friday."));
        assert_eq!(found.map(|f| f.quote).as_deref(), Some("fire drill"));
        // Notation keeps its bars.
        assert!(hit("|v| - 1", "relax every edge |V| - 1 times"));
        assert_eq!(Keyword::new("x | y").leaves().len(), 1);
        assert!(mixed_bars("within d days|<= d"));
        assert!(!mixed_bars("game day|dry run"));
        assert!(!mixed_bars("|v| - 1"));
        assert!(!mixed_bars("session* & redis|key-value"));
    }

    #[test]
    fn explicit_prefixes() {
        assert!(hit("idempot*", "it is idempotent"));
        assert!(!hit("idempot*", "it is repeatable"));
        let found = Keyword::new("trade-off*").find(&Doc::new("I'd explain the trade-offs first"));
        assert_eq!(found.map(|f| f.quote).as_deref(), Some("trade-offs"));
        assert!(hit("trade-off*", "the tradeoff is memory"));
        assert!(hit("time-box*", "so I time-boxed it to an hour"));
        assert!(!hit("time-box*", "a time machine in a box"));
        assert!(!hit("trade-off*", "trade. Offsets"));
        assert!(!hit("trade-off*", "I never explain trade-offs"));
        assert!(hit("volatile-*", "only volatile-lru keys are evicted"));
        assert!(hit("re-run*", "we are re-running the job"));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any phrase of plain words (no negation) is found in itself, in any case.
        #[test]
        fn a_phrase_matches_itself(words in proptest::collection::vec("[a-z]{2,9}", 1..5)) {
            prop_assume!(!words.iter().any(|w| is_negation(w)));
            let phrase = words.join(" ");
            let (upper, hyphenated) = (phrase.to_uppercase(), format!("so, {}.", words.join("-")));
            prop_assert!(Keyword::new(&phrase).find(&Doc::new(&upper)).is_some());
            prop_assert!(Keyword::new(&phrase).find(&Doc::new(&hyphenated)).is_some());
        }

        /// A word after "never" in the same clause does not count; after a comma it does.
        #[test]
        fn negation_reaches_into_its_clause_only(word in "[a-z]{4,9}") {
            prop_assume!(!is_negation(&word) && word != "but");
            let kw = Keyword::new(&word);
            let (negated, later) = (format!("never the {word}"), format!("never mind, the {word}"));
            prop_assert!(kw.find(&Doc::new(&negated)).is_none());
            prop_assert!(kw.find(&Doc::new(&later)).is_some());
        }
    }
}
