//! Short answers: a term, a number or a complexity, compared on what carries meaning.
//!
//! An answer is accepted when it *is* one of the bank's forms (same notation, or the same words
//! after stemming and synonyms), or, unless the question says `exact`, when it contains one as a
//! whole phrase with a few more words that do not contradict it ("20 elements", "the OOM
//! killer", "git reset --soft HEAD~1"). Words such as "or", "not" or "instead", another number
//! where the answer is a number, or another expression where it is notation, contradict. Even
//! an exact question takes a form after a lead-in ("it's", "about"), before an explanation, or
//! with the question's own words around it ("1600 ms before the 5th retry"); an answer that is
//! only a stretch of the prompt is the question given back, and fails.

use super::normalize::{self, is_notation, notation, trim_answer};

/// How many words an answer may add around the expected one.
const MAX_EXTRA_WORDS: usize = 12;
// Counted in the answer's own clause only; an explanation after it is free.

/// Words that turn "X plus filler" into a different answer.
const CONTRADICTING: &[&str] = &[
    "not", "no", "never", "nor", "neither", "or", "vs", "versus", "instead", "rather", "except", "but", "isn't",
    "aren't", "doesn't", "don't", "wrong", "false", "unless",
];

/// Words that make what follows an answer a second, uncertain one ("2, maybe 3").
const HEDGES: &[&str] =
    &["maybe", "perhaps", "possibly", "probably", "sometimes", "depending", "depends", "worst", "could", "might"];

/// Numbers written as words, which a words-only explanation must not hold ("2, maybe three").
const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "twenty", "hundred", "thousand", "million", "billion", "half", "double", "twice",
];

/// How one short question compares answers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules<'a> {
    /// Only the forms themselves, no filler.
    pub exact: bool,
    /// Case carries meaning (GB vs Gb).
    pub match_case: bool,
    /// The question's prompt: a number it gives ("2 of the 5 can fail") restates the question
    /// rather than contradicting the answer.
    pub prompt: &'a str,
}

/// Units a number may carry; an answer in another unit than every form's is a different answer.
const UNITS: &[&str] = &[
    "b",
    "kb",
    "mb",
    "gb",
    "tb",
    "pb",
    "kib",
    "mib",
    "gib",
    "tib",
    "bit",
    "bits",
    "byte",
    "bytes",
    "kbps",
    "mbps",
    "gbps",
    "kbit",
    "mbit",
    "gbit",
    "ns",
    "us",
    "µs",
    "ms",
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "rps",
    "qps",
    "kilobytes",
    "megabytes",
    "gigabytes",
    "terabytes",
    "petabytes",
    "kilobits",
    "megabits",
    "gigabits",
    "milliseconds",
    "microseconds",
    "nanoseconds",
];

/// The units written right after a number in `s` ("600 TB", "3ms"), as written unless `keep_case`
/// is off.
fn units(s: &str, keep_case: bool) -> Vec<String> {
    let n = notation(s, keep_case);
    let words: Vec<&str> = n.split(|c: char| c.is_whitespace() || matches!(c, '/' | '(' | ')' | ',')).collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let digits = w.chars().take_while(|c| c.is_ascii_digit() || *c == '.').count();
        if digits == 0 {
            continue;
        }
        // The unit is glued on ("3ms") or the next word ("3 ms").
        let glued = &w[digits..];
        let unit = if glued.is_empty() { words.get(i + 1).copied().unwrap_or("") } else { glued };
        if UNITS.contains(&unit.to_lowercase().as_str()) {
            out.push(canonical_unit(unit).unwrap_or(unit).to_owned());
        }
    }
    out
}

/// One spelling for units written several ways ("15 mins" is "15 minutes").
fn canonical_unit(unit: &str) -> Option<&'static str> {
    Some(match unit.to_lowercase().as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => "s",
        "min" | "mins" | "minute" | "minutes" => "min",
        "h" | "hr" | "hrs" | "hour" | "hours" => "h",
        "ms" | "milliseconds" => "ms",
        "us" | "µs" | "microseconds" => "us",
        "ns" | "nanoseconds" => "ns",
        "day" | "days" => "d",
        "week" | "weeks" => "w",
        "month" | "months" => "mo",
        "year" | "years" => "y",
        "bit" | "bits" => "bit",
        "byte" | "bytes" => "byte",
        "kilobytes" => "kb",
        "megabytes" => "mb",
        "gigabytes" => "gb",
        "terabytes" => "tb",
        "petabytes" => "pb",
        "kilobits" | "kbit" => "kbit",
        "megabits" | "mbit" => "mbit",
        "gigabits" | "gbit" => "gbit",
        _ => return None,
    })
}

/// `s` with each unit word after a number in its one spelling.
fn canon_units(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let after_number = i > 0 && words[i - 1].ends_with(|c: char| c.is_ascii_digit());
        let (core, tail) = w.split_at(w.trim_end_matches(|c: char| !c.is_alphanumeric()).len());
        match canonical_unit(core).filter(|_| after_number) {
            Some(unit) => out.push(format!("{unit}{tail}")),
            None => out.push((*w).to_owned()),
        }
    }
    out.join(" ")
}

/// The answer itself, before any explanation: up to the first comma, colon, semicolon, bracket
/// or "because".
fn first_clause(s: &str) -> &str {
    let b = s.as_bytes();
    let thousands = |i: usize| {
        b[i] == b','
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && b.get(i + 4).is_none_or(|d| !d.is_ascii_digit())
    };
    let end = s
        .char_indices()
        .find(|&(i, c)| matches!(c, ';' | ':' | '(' | '—' | '–') || (c == ',' && !thousands(i)))
        .map_or(s.len(), |(i, _)| i);
    let s = &s[..end];
    s.find(" because ").map_or(s, |i| &s[..i])
}

/// Words that start an explanation of the answer given before them; a full stop ends the answer
/// and starts its explanation in a sentence of its own ("Level 3. Level 2 is HTTP verbs").
const EXPLAINS: &[&str] = &[" because ", " since ", ", so ", ", which ", " — ", " - ", " (", ", as ", ": ", "; ", ". "];

/// Words that introduce an answer without being part of it, a belief ("I think it's…") among them.
const LEAD_INS: &[&str] = &[
    "i think ",
    "i believe ",
    "i'd say ",
    "i would say ",
    "i'm pretty sure ",
    "i'm fairly sure ",
    "pretty sure ",
    "it prints ",
    "it returns ",
    "it outputs ",
    "it logs ",
    "it shows ",
    "it's ",
    "it is ",
    "the answer is ",
    "that's ",
    "that is ",
    "it evaluates to ",
    "it takes ",
    "it allows ",
    "it's called ",
    "it is called ",
    "the ",
    "about ",
    "around ",
    "roughly ",
    "approximately ",
];

/// `given` without the lead-in it opens with ("it's O(V + E)", "about 8.76 hours"), if any.
fn after_lead_in(given: &str) -> Option<&str> {
    let given = given.trim_start();
    LEAD_INS.iter().find_map(|l| {
        let head = given.get(..l.len())?;
        (given.len() > l.len() && head.eq_ignore_ascii_case(l)).then(|| &given[l.len()..])
    })
}

/// The answer said before its explanation ("It prints finally, because the return in finally
/// wins" → "finally"), whole and as comma-separated parts, with a lead-in dropped; `None`
/// without an explanation. Lead-ins are dropped one after another: "I think it's".
fn before_explanation(given: &str) -> Option<(&str, Vec<&str>)> {
    let lower = given.to_lowercase();
    let (at, by) = EXPLAINS.iter().filter_map(|e| lower.find(e).map(|at| (at, *e))).min()?;
    // Lowercasing can shift byte offsets in rare scripts; give up rather than cut a character.
    let head = given.get(..at).filter(|_| lower.len() == given.len())?.trim();
    // An "explanation" that hedges is more of the answer: "20 (or 30)", "O(1): O(n) worst case".
    let tail = &given[at..];
    let tail_words = normalize::tokens(tail);
    let opens = tail_words.first().map(|t| t.raw.clone());
    // After a colon or a full stop, another complexity is a second answer; after "since" it is working.
    let sentence = by == ". ";
    if opens.as_deref().is_some_and(|w| CONTRADICTING.contains(&w) && !REJECTING.contains(&w))
        && !describes(tail, &tail_words, 0)
        // A sentence that opens with a hedge or a number is a second answer: "3. Maybe 4.", "3. 4 with the root."
        || (sentence
            && opens.as_deref().is_some_and(|w| {
                HEDGES.contains(&w) || ["actually", "wait"].contains(&w) || w.starts_with(|c: char| c.is_ascii_digit())
            }))
        || ((by == ": " || sentence)
            && !bounds(&notation(&without_costs_per_part(tail), false))
                .iter()
                .all(|b| notation(head, false).contains(b.as_str())))
    {
        return None;
    }
    let mut head = head;
    while let Some(rest) = after_lead_in(head) {
        head = rest;
    }
    let parts: Vec<&str> = head.split(',').map(trim_answer).filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then_some((head, parts))
}

/// Whether `given` is one of `forms` under `rules`. An answer followed by its explanation is
/// judged by what it says before it, every comma-separated part an accepted form ("It's linear,
/// O(m + n) time, since each node is seen once"); a worked answer ("10M × 2 × 200 / 86,400 ≈
/// 46,000") is judged by what follows its last `=` or `≈`.
pub fn accepts(forms: &[&str], given: &str, rules: Rules) -> bool {
    if echoes_prompt(forms, given, rules.prompt) {
        return false;
    }
    let spaced = without_space(given, rules.prompt);
    let given = spaced.as_ref();
    if accepts_one(forms, given, rules) {
        return true;
    }
    // A lead-in adds nothing, even to an exact answer: "it's O(V + E)", "about 8.76 hours".
    let mut rest = given;
    while let Some(r) = after_lead_in(rest) {
        rest = r;
    }
    if rest.len() < given.len() && accepts_one(forms, rest, rules) {
        return true;
    }
    // After a comma, a phrase of words alone explains ("O(V + E), linear in vertices plus
    // edges"); a number, notation, an "or", a hedge or a word or two ("PUT, POST") there would be
    // another answer.
    if let Some((head, tail)) = rest.split_once(", ")
        && accepts_one(forms, head, rules)
        && !tail.contains(|c: char| c.is_ascii_digit())
        && !is_notation(tail)
        && let words = normalize::plain_tokens(tail)
        && words.len() >= 3
        && !words.iter().enumerate().any(|(k, t)| {
            (CONTRADICTING.contains(&t.raw.as_str()) && !describes(tail, &words, k))
                || HEDGES.contains(&t.raw.as_str())
                || (NUMBER_WORDS.contains(&t.raw.as_str()) && forms.iter().any(|f| numeric_form(f)))
        })
    {
        return true;
    }
    // After a comma, the working that led to a number ("8.76 hours, that's 0.1% of 8760 hours",
    // "4.32 minutes a month, 43,200 minutes × 0.01%") explains it rather than giving another.
    if let Some((head, tail)) = rest.split_once(", ")
        && forms.iter().any(|f| numeric_form(f))
        && accepts_one(forms, head, rules)
        && shows_working(forms, tail, rules)
    {
        return true;
    }
    let explained = before_explanation(given);
    if explained.as_ref().is_some_and(|(head, parts)| {
        accepts_one(forms, head, rules) || parts.iter().all(|p| accepts_one(forms, p, rules))
    }) {
        return true;
    }
    // "1600 ms before the 5th retry (100, 200, …)": an accepted form, then the question's own
    // words, then perhaps working.
    let head = explained.map_or(given, |(head, _)| head);
    if [given, head, rest].iter().any(|g| restates_prompt(forms, g, rules)) {
        return true;
    }
    if !rules.exact && !rules.match_case && forms.iter().any(|f| in_sequence(f, given)) {
        return true;
    }
    let Some((work, tail)) = worked(given) else { return false };
    // Only a calculation earns its result: "202 = 201" is a wrong answer, not working.
    let calculation = work.contains(['×', '*', '/', '÷', '+', '^', '·'])
        || work.contains(" - ")
        || normalize::plain_tokens(work).iter().any(|t| CALCULATING.contains(&t.raw.as_str()));
    calculation
        && work.contains(|c: char| c.is_ascii_digit())
        && !tail.trim().is_empty()
        && (accepts_one(forms, tail, rules)
            || accepts_one(forms, first_clause(tail.trim()), rules)
            || result_number(forms, tail.trim(), rules))
}

/// Whether `tail`, said after a numeric answer, is the arithmetic behind it: an operator or a
/// percentage "of" followed by a number, no word that hedges, contradicts or names another
/// number, and, if it ends on `=` or `≈`, a result that is itself accepted ("0.1% of 8760 =
/// 8.76", not "= 87.6").
fn shows_working(forms: &[&str], tail: &str, rules: Rules) -> bool {
    let words = normalize::plain_tokens(tail);
    let before_number = |op: &str| {
        tail.match_indices(op).any(|(i, _)| {
            let before = tail[..i].trim_end();
            let after = tail[i + op.len()..].trim_start();
            before.ends_with(|c: char| c.is_ascii_digit() || c == '%' || c.is_alphabetic())
                && after.starts_with(|c: char| c.is_ascii_digit() || c == '$')
        })
    };
    let arithmetic = ["×", "*", "÷", " / ", "% of "].iter().any(|op| before_number(op))
        || words.iter().any(|t| CALCULATING.contains(&t.raw.as_str()));
    let doubtful = words.iter().any(|t| {
        CONTRADICTING.contains(&t.raw.as_str())
            || HEDGES.contains(&t.raw.as_str())
            || NUMBER_WORDS.contains(&t.raw.as_str())
    });
    let result_ok = tail.rfind(['=', '≈']).is_none_or(|i| {
        let result = tail[i..].trim_start_matches(['=', '≈']).trim();
        accepts_one(forms, result, rules) || result_number(forms, result, rules)
    });
    arithmetic && !doubtful && result_ok && tail.contains(|c: char| c.is_ascii_digit())
}

/// Whether the "no" at `k` describes what comes before it rather than taking it back: "a
/// Bloom filter: no false negatives" ("no" and a word), not "20, no, 30" or "O(1), no O(n)".
fn describes(text: &str, words: &[normalize::Token], k: usize) -> bool {
    words[k].raw == "no"
        && text[words[k].span.end..].starts_with(' ')
        && words.get(k + 1).is_some_and(|n| {
            n.raw.chars().all(char::is_alphabetic) && !NUMBER_WORDS.contains(&n.raw.as_str()) && n.raw != "longer"
        })
}

/// Whether an accepted form is a quantity, so a number word after it could be a second one.
fn numeric_form(form: &str) -> bool {
    form.chars().any(|c| c.is_ascii_digit())
        || normalize::plain_tokens(form).iter().any(|t| NUMBER_WORDS.contains(&t.raw.as_str()))
}

/// Words that do arithmetic in a worked answer ("50,000 GB times $0.09 is $4,500").
const CALCULATING: &[&str] = &["times", "multiplied", "divided", "plus", "minus", "multiply", "divide"];

/// Words that give a calculation's result, as `=` does.
const EQUALS: &[&str] = &[" is ", " equals ", " comes to ", " gives ", " makes ", " that's "];

/// A worked answer split at its last `=`, `≈` or word that gives a result ("is", "comes to"):
/// the working, and the result with whatever follows it.
fn worked(given: &str) -> Option<(&str, &str)> {
    let lower = given.to_lowercase();
    let symbol = given.rfind(['=', '≈']).map(|i| (i, given[i..].chars().next().map_or(1, char::len_utf8)));
    // Lower-casing keeps byte offsets for the ASCII words searched for; anything else falls back
    // to the symbols alone.
    let word = (lower.len() == given.len())
        .then(|| EQUALS.iter().filter_map(|w| lower.rfind(w).map(|i| (i, w.len()))).max())
        .flatten();
    let (i, len) = symbol.into_iter().chain(word).max()?;
    Some((&given[..i], &given[i + len..]))
}

/// Whether `given` only gives the prompt back: a stretch of the prompt, word for word, longer
/// than any accepted form ("A POST request has just created a new resource" where `created` is
/// accepted). An answer in its own words, even the prompt's words ("the in-order traversal
/// visits the keys in ascending order"), is not an echo.
fn echoes_prompt(forms: &[&str], given: &str, prompt: &str) -> bool {
    let words = |s: &str| normalize::plain_tokens(s).into_iter().map(|t| t.raw).collect::<Vec<_>>();
    let (given, prompt) = (words(given), words(prompt));
    let longest = forms.iter().map(|f| words(f).len()).max().unwrap_or(0);
    given.len() > longest + 2 && prompt.windows(given.len()).any(|w| w == given.as_slice())
}

/// Whether `given` is an accepted form with only the prompt's words around it ("it waits 1600 ms
/// before the 5th retry"), none of them one that could turn it into another answer: even an
/// exact question takes that, since it adds nothing the question did not say.
fn restates_prompt(forms: &[&str], given: &str, rules: Rules) -> bool {
    if rules.prompt.is_empty() {
        return false;
    }
    // Only the prompt's prose: the values in its code are candidate answers, not a restatement.
    let prose: String = rules.prompt.split("```").step_by(2).flat_map(|p| p.split('`').step_by(2)).collect();
    let prose_words = normalize::plain_tokens(&prose);
    let asked: std::collections::HashSet<&str> = prose_words.iter().map(|t| t.stem.as_str()).collect();
    // What may be restated is the question itself — the sentence that asks, not the setting
    // ("It waits 100 ms before the 1st retry … How long before the 5th retry?") — and not a word
    // the prompt denies ("no jitter", "not counting the TCP handshake").
    let asks = prose.rfind('?').map(|q| prose_words.iter().filter(|t| t.span.end <= q).map(|t| t.sentence).max());
    let denied = |k: usize| {
        prose_words[k.saturating_sub(3)..k]
            .iter()
            .any(|n| CONTRADICTING.contains(&n.raw.as_str()) && n.clause == prose_words[k].clause)
    };
    let question: std::collections::HashSet<&str> = prose_words
        .iter()
        .enumerate()
        .filter(|&(k, t)| asks.flatten().is_none_or(|n| t.sentence == n) && !denied(k))
        .map(|(_, t)| t.stem.as_str())
        .collect();
    // The setting's words may be restated too ("the Caused by line further down the trace"),
    // but not its numbers: "the 1st retry" is the setting, "the 5th retry" the question.
    let setting: std::collections::HashSet<&str> = prose_words
        .iter()
        .enumerate()
        .filter(|&(k, t)| !denied(k) && !t.raw.starts_with(|c: char| c.is_ascii_digit()))
        .map(|(_, t)| t.stem.as_str())
        .collect();
    // A number would be a second answer; an ordinal ("the 5th retry") names what was asked.
    let restating = |w: &normalize::Token| {
        let ordinal = ["st", "nd", "rd", "th"].iter().any(|o| w.raw.ends_with(o));
        let said = if w.raw.starts_with(|c: char| c.is_ascii_digit()) {
            ordinal && question.contains(w.stem.as_str())
        } else {
            question.contains(w.stem.as_str()) || setting.contains(w.stem.as_str())
        };
        said
            && !CONTRADICTING.contains(&w.raw.as_str())
            // "per zone", "a second": a rate or a unit makes it another quantity.
            && !["per", "each", "every", "a", "an"].contains(&w.raw.as_str())
            && !UNITS.contains(&w.raw.as_str())
            && canonical_unit(&w.raw).is_none()
    };
    let words = normalize::plain_tokens(given);
    let n = words.len();
    // A form begins and ends on one of the forms' words: only such stretches are tried.
    let form_words: Vec<Vec<normalize::Token>> = forms.iter().map(|f| normalize::plain_tokens(f)).collect();
    let of_form = |w: &normalize::Token| form_words.iter().flatten().any(|f| f.stem == w.stem);
    let longest = form_words.iter().map(Vec::len).max().unwrap_or(0);
    (0..n).filter(|&a| of_form(&words[a]) && words[..a].iter().all(restating)).any(|a| {
        (a + 1..=n.min(a + longest)).any(|b| {
            (a, b) != (0, n)
                && of_form(&words[b - 1])
                // The answer says something the prompt does not.
                && words[a..b].iter().any(|w| !asked.contains(w.stem.as_str()))
                && words[b..].iter().all(restating)
                && accepts_one(forms, &given[words[a].span.start..words[b - 1].span.end], rules)
        })
    })
}

/// Whether the number a calculation ends on is accepted, with what follows it naming what was
/// counted ("≈ 46,000 insertions/s."): only when every unit in it is one the forms use.
fn result_number(forms: &[&str], tail: &str, rules: Rules) -> bool {
    let Some(number) = tail.split_whitespace().next().map(|n| n.trim_end_matches(['.', ','])) else {
        return false;
    };
    let hedged = normalize::tokens(tail).iter().any(|t| CONTRADICTING.contains(&t.raw.as_str()));
    if hedged || !number.starts_with(|c: char| c.is_ascii_digit()) || !accepts_one(forms, number, rules) {
        return false;
    }
    let form_units: Vec<String> = forms.iter().flat_map(|f| units(&canon_units(f), rules.match_case)).collect();
    // A unit after "per" or "/" counts too: "46,000 per day" is another rate than "46,000/s".
    let words: Vec<&str> = tail.split(|c: char| c.is_whitespace() || c == '/').collect();
    let per: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|&(k, _)| {
            k > 0 && (words[k - 1].eq_ignore_ascii_case("per") || tail.contains(&format!("/{}", words[k])))
        })
        .filter_map(|(_, w)| canonical_unit(w.trim_matches(|c: char| !c.is_alphanumeric())).map(str::to_owned))
        .collect();
    units(&canon_units(tail), rules.match_case).iter().chain(&per).all(|u| form_units.contains(u))
}

/// Whether `given` names the items of a listed answer (`SYN, SYN-ACK, ACK`) in their order,
/// each whole, with words between them ("First SYN from the client, then SYN-ACK from the
/// server, then ACK"), a few words in all and none that contradicts.
fn in_sequence(form: &str, given: &str) -> bool {
    let words = |s: &str| -> Vec<String> { normalize::tokens(s).into_iter().map(|t| t.raw).collect() };
    let items: Vec<Vec<String>> = form.split(',').map(words).filter(|w| !w.is_empty()).collect();
    if items.len() < 2 {
        return false;
    }
    // No more parts than items ("[9, 6, 2]" is not "[9, 6]"), no number the items lack.
    if given.split(',').count() > items.len() {
        return false;
    }
    let said = words(given);
    let number = |w: &String| w.starts_with(|c: char| c.is_ascii_digit());
    if said
        .iter()
        .any(|w| CONTRADICTING.contains(&w.as_str()) || (number(w) && !items.iter().flatten().any(|i| i == w)))
    {
        return false;
    }
    // Each word of the items as often as the list has it: "6 then 9 then 6" is not "9, 6", nor
    // "SYN-ACK, SYN-ACK, ACK" the handshake.
    let count = |list: &[String], w: &String| list.iter().filter(|x| *x == w).count();
    let listed: Vec<String> = items.iter().flatten().cloned().collect();
    if listed.iter().any(|w| count(&said, w) != count(&listed, w)) {
        return false;
    }
    let needed: usize = items.iter().map(Vec::len).sum();
    if said.len() > needed + MAX_EXTRA_WORDS {
        return false;
    }
    let mut at = 0;
    for item in &items {
        match (at..=said.len().saturating_sub(item.len())).find(|&i| said[i..].starts_with(item)) {
            Some(i) => at = i + item.len(),
            None => return false,
        }
    }
    true
}

fn accepts_one(forms: &[&str], given: &str, rules: Rules) -> bool {
    let given = trim_answer(given);
    if given.is_empty() {
        return false;
    }
    // Units written several ways compare as one ("15 mins" is "15 minutes").
    let given_owned = canon_units(given);
    let given = given_owned.as_str();
    let forms_owned: Vec<String> = forms.iter().map(|f| canon_units(f)).collect();
    let forms: Vec<&str> = forms_owned.iter().map(String::as_str).collect();
    let forms = forms.as_slice();
    // A number where the answer has another ("200 created" for 201, accepted as "created").
    let numbers = |s: &str| -> Vec<String> {
        normalize::tokens(s)
            .into_iter()
            .filter(|t| t.raw.starts_with(|c: char| c.is_ascii_digit()))
            .map(|t| t.raw)
            .collect()
    };
    let form_numbers: Vec<String> = forms.iter().flat_map(|f| numbers(f)).collect();
    if !form_numbers.is_empty()
        && forms.iter().any(|f| numbers(f).is_empty())
        && other_numbers(&form_numbers, first_clause(given), rules.prompt)
        && !forms.iter().any(|f| equal(f, given, rules))
    {
        return false;
    }
    // "600 TB" is not "600 GB", even where a bare "600" is accepted.
    let form_units: Vec<String> = forms.iter().flat_map(|f| units(f, rules.match_case)).collect();
    if !form_units.is_empty() && units(given, rules.match_case).iter().any(|u| !form_units.contains(u)) {
        return false;
    }
    if forms.iter().any(|form| equal(form, given, rules) || (!rules.exact && contains(form, given, rules, forms))) {
        return true;
    }
    // Two accepted spellings joined by "or" ("--no-verify or -n", "backtrace, or just bt for
    // short") still say one thing, even where the answer must be exact.
    let parts: Vec<&str> = given.split(" or ").map(alias).collect();
    parts.len() > 1 && parts.iter().all(|p| forms.iter().any(|form| equal(form, trim_answer(p), rules)))
}

/// One spelling of an answer given with another, without the words that call it a spelling:
/// "just bt for short" → "bt".
fn alias(part: &str) -> &str {
    let mut p = part.trim().trim_matches(',').trim();
    for lead in ["just ", "simply ", "also "] {
        if p.len() > lead.len() && p.get(..lead.len()).is_some_and(|h| h.eq_ignore_ascii_case(lead)) {
            p = &p[lead.len()..];
        }
    }
    for tail in [" for short", " in short"] {
        if let Some(head) = p.strip_suffix(tail) {
            p = head;
        }
    }
    p.trim()
}

/// Spacing and a hyphen between letters do not matter: "n log n" = "nlogn", "first-in" = "first in".
fn squeeze(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == ' '
                || (c == '-'
                    && i > 0
                    && chars[i - 1].is_alphabetic()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())))
        })
        .map(|(_, &c)| c)
        .collect()
}

fn equal(form: &str, given: &str, rules: Rules) -> bool {
    let (f, g) = (notation(trim_answer(form), rules.match_case), notation(given, rules.match_case));
    if f == g || squeeze(&f) == squeeze(&g) {
        return true;
    }
    // A percentage answered as its number: "80" for "80%".
    let bare = f.strip_suffix('%').or_else(|| f.strip_suffix(" percent")).map(str::trim_end);
    if bare.is_some_and(|b| b == g && b.chars().any(|c| c.is_ascii_digit())) {
        return true;
    }
    // Words compare by stem and synonym, but only when neither side is notation: `-1` is not `1`.
    !rules.match_case && !is_notation(form) && !is_notation(given) && {
        let (fs, gs) = (normalize::stems(form), normalize::stems(given));
        !fs.is_empty() && fs == gs
    }
}

fn contains(form: &str, given: &str, rules: Rules, forms: &[&str]) -> bool {
    // An answer that opens with another number or expression gives that one; the form said
    // later is something else: "2i, and the right child is 2i + 1".
    let head = first_clause(given).trim();
    if head.len() < given.trim().len()
        && head.split_whitespace().count() <= 2
        && head.contains(|c: char| c.is_ascii_digit())
        && !forms.iter().any(|f| equal(f, head, rules))
        && !contains(form, head, rules, forms)
    {
        return false;
    }
    // A form made only of the prompt's words ("race" where the prompt names the race detector)
    // is the answer only where the answer gives it, not in the explanation after it: "-msan,
    // which switches on the race sanitizer" names -msan.
    let prompt_stems: std::collections::HashSet<String> = normalize::stems(rules.prompt).into_iter().collect();
    let form_stems = normalize::stems(form);
    let given = if !form_stems.is_empty() && form_stems.iter().all(|f| prompt_stems.contains(f)) {
        first_clause(given)
    } else {
        given
    };
    // Another accepted spelling beside the answer ("INT3, opcode 0xCC") is not a contradiction.
    let others = |rest: String| -> String {
        let mut rest = format!(" {}", notation(&rest, rules.match_case));
        for other in forms.iter().map(|f| notation(trim_answer(f), rules.match_case)).filter(|f| f.len() > 1) {
            // "… or tail -F" offers another accepted spelling, not a second answer.
            rest = rest.replace(&format!(" or {other}"), " ").replace(&other, " ");
        }
        rest
    };
    let form = trim_answer(form);
    let f = notation(form, rules.match_case);
    let g = notation(given, rules.match_case);
    // The form as a standalone piece of the answer's notation.
    let mut from = 0;
    while let Some(pos) = g[from..].find(f.as_str()) {
        let (start, end) = (from + pos, from + pos + f.len());
        let before = g[..start].chars().last();
        let after = g[end..].chars().next();
        let alone = before.is_none_or(|c| !(c.is_alphanumeric() || "-+.^(".contains(c)))
            && after.is_none_or(|c| {
                !(c.is_alphanumeric() || "^(*/.+#".contains(c)) || (c == '.' && g[end + 1..].is_empty())
            });
        if alone && !contradicts(form, &others(around(&g, start, end)), rules.prompt) && !guesses(&g, &f) {
            return true;
        }
        from = start + f.chars().next().map_or(1, char::len_utf8);
    }
    // The form's words, in order and adjacent, among the answer's words ("eventual consistency
    // model", "the out-of-memory killer").
    if rules.match_case || is_notation(form) {
        return false;
    }
    let fs = normalize::stems(form);
    let gt = normalize::tokens(given);
    if fs.is_empty() || gt.len() < fs.len() {
        return false;
    }
    (0..=gt.len() - fs.len()).any(|i| {
        let window = &gt[i..i + fs.len()];
        let before = &given[..window[0].span.start];
        let signed = before.ends_with(['-', '+', '−']);
        // Inside the brackets of `O(...)` or `log(...)` the words are part of an expression.
        let mut depth_fn = Vec::new();
        let chars: Vec<char> = before.chars().collect();
        for (k, &c) in chars.iter().enumerate() {
            match c {
                '(' => depth_fn.push(k > 0 && chars[k - 1].is_alphanumeric()),
                ')' => {
                    depth_fn.pop();
                }
                _ => {}
            }
        }
        if depth_fn.iter().any(|&f| f) {
            return false;
        }
        if signed || !window.iter().zip(&fs).all(|(t, s)| &t.stem == s) {
            return false;
        }
        !contradicts(form, &others(around(given, window[0].span.start, window[fs.len() - 1].span.end)), rules.prompt)
    })
}

/// Whether the answer names another complexity (`O(…)`, `Θ(…)`, `Ω(…)`) besides `f`, anywhere:
/// "O(1), O(n) worst case" hedges, however the clauses fall.
fn guesses(g: &str, f: &str) -> bool {
    bounds(g).iter().any(|b| b != f)
}

/// The complexities (`O(…)`, `Θ(…)`, `Ω(…)`) named in the notation `g`.
fn bounds(g: &str) -> std::collections::BTreeSet<String> {
    let names = ["o(", "θ(", "ω(", "theta(", "omega("];
    let chars: Vec<char> = g.chars().collect();
    let mut found = std::collections::BTreeSet::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '(' && i > 0 && chars[i - 1].is_alphanumeric() {
            let start = chars[..i].iter().rposition(|c| !c.is_alphanumeric()).map_or(0, |p| p + 1);
            let end = chars[i..].iter().position(|&c| c == ')').map_or(chars.len(), |p| i + p + 1);
            let chunk: String = chars[start..end].iter().collect();
            if names.iter().any(|b| chunk.starts_with(b)) {
                found.insert(chunk);
            }
        }
    }
    found
}

/// Words after a complexity that make it the cost of one part, working towards the answer
/// ("Θ(n) work at each level"), not a second answer.
const PER_PART: &[&str] = &["per", "each", "every", "work"];

/// Words next to a complexity that make it the space an algorithm takes ("O(1) extra space",
/// "space is O(1)"): beside a time asked about, not a second answer.
const SPACE: &[&str] = &["space", "memory", "extra", "auxiliary", "additional"];

/// `tail` without the complexities it gives as the cost of one part: "log n levels with Θ(n)
/// work at each level" → "log n levels with  work at each level".
fn without_costs_per_part(tail: &str) -> String {
    without_labelled(tail, PER_PART, &[])
}

/// `given` without the complexities it labels as space, unless the prompt asks about space
/// or memory: "O(m + n), and O(1) space" answers a question about time with O(m + n).
fn without_space<'a>(given: &'a str, prompt: &str) -> std::borrow::Cow<'a, str> {
    let asked = prompt.to_lowercase();
    if asked.contains("space") || asked.contains("memory") {
        return given.into();
    }
    without_labelled(given, SPACE, &["space", "memory"]).into()
}

/// `text` without each `O(…)`, `Θ(…)` that one of `after` follows within three words, or one of
/// `before` precedes within two.
fn without_labelled(text: &str, after: &[&str], before: &[&str]) -> String {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text.to_owned();
    }
    let word = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for start in (0..lower.len()).filter(|&i| lower.is_char_boundary(i)) {
        if start < rest || !["o(", "θ(", "theta("].iter().any(|b| lower[start..].starts_with(b)) {
            continue;
        }
        if lower[..start].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Some(close) = lower[start..].find(')').map(|c| start + c + 1) else { break };
        let next: Vec<String> = lower[close..].split_whitespace().take(3).map(word).collect();
        let prev: Vec<String> = lower[..start].split_whitespace().rev().take(2).map(word).collect();
        if next.iter().any(|w| after.contains(&w.as_str())) || prev.iter().any(|w| before.contains(&w.as_str())) {
            out.push_str(&text[rest..start]);
            rest = close;
        }
    }
    out.push_str(&text[rest..]);
    out
}

/// Words that start an explanation of the answer rather than more of it.
const EXPLAINING: &[&str] = &["because", "since", "so", "as", "e.g", "i.e", "which", "where", "meaning", "thanks"];

/// The rest of the clause around `s[start..end]`: what could change the meaning of the answer
/// there. A comma, semicolon, colon, full stop, a bracketed aside or a word such as "because"
/// ends the clause, so an explanation after the answer is not read as part of it — unless the
/// next clause opens with "or", "not" and the like ("20, or 30").
fn around(s: &str, start: usize, end: usize) -> String {
    // Bracket depth before each byte: a comma inside `[9, 6, 2]` does not end a clause.
    let mut depth = vec![0i32; s.len() + 1];
    let mut d = 0;
    for (i, c) in s.char_indices() {
        depth[i] = d;
        match c {
            '[' | '{' => d += 1,
            ']' | '}' => d -= 1,
            _ => {}
        }
    }
    let is_break = |i: usize, c: char| -> bool {
        if depth[i] > 0 {
            return false;
        }
        match c {
            ',' | ';' | ':' => {
                let next = s[i + 1..].split_whitespace().next().unwrap_or("");
                !CONTRADICTING.contains(&next.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
            }
            '.' => s[i + 1..].chars().next().is_none_or(char::is_whitespace),
            '(' => i == 0 || s[..i].ends_with(' '),
            ')' | '—' | '–' => true,
            _ => false,
        }
    };
    let word_break = |w: &str| {
        EXPLAINING.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').trim_end_matches('.'))
    };
    // Clause start: the last break before `start`.
    let mut from = 0;
    for (i, c) in s[..start].char_indices() {
        if is_break(i, c) {
            from = i + c.len_utf8();
        }
    }
    let mut words_before: Vec<&str> = s[from..start].split_whitespace().collect();
    if let Some(k) = words_before.iter().rposition(|w| word_break(w)) {
        words_before.drain(..=k);
    }
    let mut to = s.len();
    for (i, c) in s[end..].char_indices() {
        if is_break(end + i, c) {
            to = end + i;
            break;
        }
    }
    let after: Vec<&str> = s[end..to].split_whitespace().take_while(|w| !word_break(w)).collect();
    // "UNLINK instead of DEL", "80%, not 20%": what follows rejects another answer.
    let rejects_other = after
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty())
        .is_some_and(|w| REJECTING.contains(&w));
    if rejects_other {
        return words_before.join(" ");
    }
    format!("{} {}", words_before.join(" "), after.join(" "))
}

/// Words right after an answer that reject another one, so the answer stands.
const REJECTING: &[&str] = &["instead", "rather", "not"];

/// Whether the words around a found form change its meaning.
/// Whether `s` names a number that is not one of `numbers`, other than one the prompt gives and
/// `s` restates as "of 5" or "out of the 5".
fn other_numbers(numbers: &[String], s: &str, prompt: &str) -> bool {
    let words = normalize::tokens(s);
    let given = std::cell::OnceCell::new();
    words.iter().enumerate().any(|(k, w)| {
        let restated = || {
            let of = |j: usize| words.get(j).is_some_and(|x| x.raw == "of");
            (k >= 1 && of(k - 1)) || (k >= 2 && words[k - 1].raw == "the" && of(k - 2))
        };
        w.raw.starts_with(|c: char| c.is_ascii_digit())
            && !numbers.contains(&w.raw)
            && !(restated()
                && given
                    .get_or_init(|| normalize::tokens(prompt).into_iter().map(|t| t.raw).collect::<Vec<_>>())
                    .contains(&w.raw))
    })
}

fn contradicts(form: &str, rest: &str, prompt: &str) -> bool {
    let words = normalize::tokens(rest);
    let form_numbers: Vec<String> = normalize::tokens(form)
        .into_iter()
        .filter(|t| t.raw.chars().any(|c| c.is_ascii_digit()))
        .map(|t| t.raw)
        .collect();
    let numeric = form.chars().any(|c| c.is_ascii_digit());
    let expression = form.contains(['(', '^', '*', '/', '%', '=', '<', '>']) || is_notation(form);
    words.len() > MAX_EXTRA_WORDS
        || words.iter().any(|w| CONTRADICTING.contains(&w.raw.as_str()))
        // A name with a digit in it ("p99", "http2") is not another number.
        || (numeric && other_numbers(&form_numbers, rest, prompt))
        || (expression && {
            let n = notation(rest, false);
            let chars: Vec<char> = n.chars().collect();
            // Another `O(…)`-like expression beside the answer contradicts it; arithmetic that
            // explains it ("base + i * size") does not.
            chars.iter().enumerate().any(|(i, &c)| c == '(' && i > 0 && chars[i - 1].is_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(forms: &[&str], given: &str) -> bool {
        accepts(forms, given, Rules::default())
    }

    #[test]
    fn operators_and_signs_matter() {
        assert!(ok(&["(i + 1) % k"], "(i+1)%k"));
        assert!(!ok(&["(i + 1) % k"], "(i + 1) / k"));
        assert!(!ok(&["(i + 1) % k"], "(i+1)*k"));
        assert!(!ok(&["(i + 1) % k"], "i+1-k"));
        assert!(!ok(&["O(n^2)"], "O(n*2)"));
        assert!(ok(&["O(n^2)"], "O(n²)"));
        assert!(ok(&["O(n^2)"], "o(n**2)"));
        assert!(!ok(&["-1"], "1"));
        assert!(ok(&["-1"], "−1"));
        assert!(!ok(&["O(n)"], "O(n log n)"));
        assert!(ok(&["O(n log n)"], "O(nlogn)"));
        assert!(ok(&["O(n log n)"], "n log n time, o(n log n)"));
        assert!(!accepts(&["8 Gbps"], "8 GBps", Rules { match_case: true, ..Rules::default() }));
        assert!(accepts(&["8 Gbps"], "8 Gbps", Rules { match_case: true, ..Rules::default() }));
    }

    #[test]
    fn a_listed_answer_is_heard_in_order_with_words_between() {
        let handshake = ["SYN, SYN-ACK, ACK"];
        assert!(ok(&handshake, "First SYN from the client, then SYN-ACK from the server, then ACK from the client."));
        assert!(ok(&handshake, "syn then syn-ack then ack"));
        assert!(!ok(&handshake, "SYN-ACK from the server, then SYN, then ACK"));
        assert!(!ok(&handshake, "SYN, then ACK"));
        assert!(!ok(&handshake, "SYN, SYN-ACK, ACK or RST"));
        assert!(!ok(&["[9, 6]"], "9 then 6 then 2"));
        assert!(!ok(&["[9, 6]", "9, 6"], "6 then 9 then 6"));
        assert!(!ok(&["3, 1"], "1 then 3 then 1"));
        assert!(!ok(&handshake, "SYN-ACK, SYN-ACK, ACK"));
        assert!(!accepts(&handshake, "first SYN, then SYN-ACK, then ACK", Rules { exact: true, ..Rules::default() }));
    }

    #[test]
    fn a_calculation_is_judged_by_its_result() {
        let rate = ["46000", "46,000 per second", "46000/s"];
        let exact = Rules { exact: true, ..Rules::default() };
        assert!(accepts(&rate, "10M × 2 × 200 = 4 billion a day, / 86,400 ≈ 46,000 insertions/s.", exact));
        assert!(!accepts(&rate, "10M × 2 × 200 / 86,400 ≈ 46,000 GB", exact));
        assert!(!accepts(&rate, "10M × 2 × 200 / 86,400 ≈ 46,000 per day", exact));
        assert!(!accepts(&rate, "10M × 2 × 200 / 86,400 ≈ 46,000 writes per minute", exact));
        assert!(!accepts(&rate, "10M × 2 × 200 / 86,400 ≈ 46,000/day", exact));
        assert!(accepts(&rate, "10M × 2 × 200 / 86,400 ≈ 46,000 writes per second", exact));
        assert!(!accepts(&rate, "10M × 2 × 200 / 86,400 ≈ 4,600 insertions/s", exact));
        assert!(!accepts(&rate, "202 = 46000", exact));
        assert!(!accepts(&["27"], "3^3 = 27 or 81", exact));
    }

    #[test]
    fn working_after_a_numeric_answer_explains_it() {
        let exact = Rules { exact: true, ..Rules::default() };
        let hours = ["8.76 hours", "8.76", "8.76 hours per year"];
        assert!(accepts(&hours, "8.76 hours per year, that's 0.1% of 8760 hours.", exact));
        assert!(accepts(&hours, "8.76, 8760 × 0.001", exact));
        assert!(accepts(&hours, "8.76 hours, 0.1% of 8760 = 8.76", exact));
        assert!(accepts(&hours, "8.76 hours, 0.1% of 8760 ≈ 8.76", exact));
        let minutes = ["4.32 minutes", "4.32", "4.32 minutes a month"];
        assert!(accepts(&minutes, "4.32 minutes a month, 43,200 minutes × 0.01%.", exact));
        // A tail that is no arithmetic, that doubts, or that ends on another result is not working.
        assert!(!accepts(&hours, "8.76 hours, 87.6 hours", exact));
        assert!(!accepts(&hours, "8.76 hours, or 0.1% of 8760 × 10", exact));
        assert!(!accepts(&hours, "8.76 hours, maybe 8760 × 0.01", exact));
        assert!(!accepts(&hours, "8.76 hours, 0.1% of 8760 = 87.6", exact));
        assert!(!accepts(&hours, "8.76 hours, 0.1% of 8760 ≈ 87.6", exact));
        assert!(!accepts(&hours, "87.6 hours, 0.1% of 8760 hours", exact));
        assert!(!accepts(&hours, "8.76 hours, two nines", exact));
    }

    #[test]
    fn a_calculation_in_words_is_judged_by_its_result() {
        let bill = ["4500", "$4,500", "4,500 dollars"];
        assert!(ok(&bill, "50 TB is 50,000 GB, times $0.09 is $4,500 a month."));
        assert!(ok(&bill, "50,000 GB multiplied by 0.09 comes to 4500 dollars"));
        assert!(!ok(&bill, "50 TB is 50,000 GB, times $0.09 is $450 a month."));
        assert!(!ok(&bill, "50 TB times $0.09 is $4,500 or maybe $45,000"));
        // Without arithmetic, "is" is a claim, not a result.
        assert!(!ok(&bill, "It is $450 before the 4500 GB tier"));
    }

    #[test]
    fn filler_around_the_answer_is_accepted() {
        assert!(ok(&["20"], "20 elements"));
        // Another answer first, the accepted one after it, is the first answer.
        assert!(!ok(&["2i + 1"], "2i, and the right child is 2i + 1."));
        assert!(!ok(&["-1"], "1, and -1 when it is missing"));
        assert!(ok(&["2i + 1"], "2i + 1, and the right child is 2i + 2."));
        assert!(!ok(&["20"], "20 or 30"));
        assert!(!ok(&["20"], "200"));
        assert!(ok(&["OOM killer"], "the out-of-memory killer"));
        assert!(ok(&["FIFO"], "first-in, first-out (FIFO)"));
        assert!(ok(&["--soft"], "git reset --soft HEAD~1"));
        assert!(ok(&["eventual consistency"], "eventual consistency model"));
        assert!(ok(&["eventual consistency"], "Eventually consistent."));
        assert!(ok(&["O(1)"], "O(1) time"));
        assert!(!ok(&["O(1)"], "O(1) or O(n)"));
        assert!(!ok(&["O(1)"], "amortised O(1), worst case O(n)"));
        assert!(!ok(&["O(1)"], "O(1), O(n) worst case"));
        assert!(ok(&["O(n log n)"], "O(n log n), since T(n) = 2T(n/2) + n"));
        assert!(!ok(&["O(1)"], "O(1), O(n), O(log n)"));
        assert!(ok(&["O(1)"], "O(1) because the address is base + i * size"));
        assert!(ok(&["80%"], "80"));
        assert!(ok(&["80%"], "about 80 percent"));
        assert!(!ok(&["80%"], "8"));
        assert!(ok(&["2300"], "about 2,300 requests per second"));
        assert!(!ok(&["2300"], "23,000"));
        assert!(!ok(&["idempotent"], "not idempotent"));
        assert!(ok(&["UNLINK"], "use UNLINK instead of DEL, it reclaims memory asynchronously"));
        assert!(ok(&["UNLINK"], "UNLINK, not DEL"));
        assert!(ok(&["80%"], "80%, not 20%"));
        assert!(!ok(&["UNLINK"], "DEL instead of UNLINK"));
        assert!(!ok(&["UNLINK"], "not UNLINK but DEL"));
        assert!(!ok(&["20%"], "80%, not 20%"));
        let tail = ["tail -f", "tail -F", "tail --follow"];
        assert!(ok(&tail, "tail -f app.log, or tail -F if the log gets rotated, so it reopens the file."));
        assert!(!ok(&tail, "tail -f app.log, or less app.log"));
        let raft = Rules { prompt: "A Raft cluster has 5 voting members. How many can fail?", ..Rules::default() };
        assert!(accepts(&["2", "two"], "2 of the 5 can fail, since a majority of 3 is still needed", raft));
        assert!(!accepts(&["2", "two"], "2 of the 7 can fail", raft));
        assert!(!accepts(&["2", "two"], "5", raft));
        assert!(!accepts(&["2", "two"], "2 or 5", raft));
        assert!(!accepts(&["2", "two"], "2 5", raft));
        let backoff = Rules {
            exact: true,
            prompt: "It waits 100 ms before the 1st retry and doubles the wait. How long does it wait before the 5th retry?",
            ..Rules::default()
        };
        let ms = ["1600", "1600 ms"];
        assert!(accepts(&ms, "1600 ms before the 5th retry (100, 200, 400, 800, 1600).", backoff));
        assert!(accepts(&ms, "it waits 1600 ms before the 5th retry", backoff));
        assert!(!accepts(&ms, "1600 ms or 3200 ms before the 5th retry", backoff));
        assert!(!accepts(&ms, "1600 100", backoff));
        assert!(!accepts(&ms, "1600 ms before the retry, not 3200", backoff));
        assert!(!accepts(&ms, "1600 ms before the 1st retry", backoff), "the setting's ordinal, not the question's");
        let denied = Rules {
            exact: true,
            prompt: "It doubles each wait, with no cap and no jitter. How long before the 5th retry?",
            ..Rules::default()
        };
        assert!(!accepts(&ms, "1600 ms with jitter", denied));
        assert!(accepts(&ms, "1600 ms before the 5th retry", denied));
        let chained = Rules {
            exact: true,
            prompt: "A Java stack trace shows a high-level exception, and further down the underlying exception that \
                     triggered it. Which two-word line introduces that underlying exception?",
            ..Rules::default()
        };
        let caused = ["Caused by", "Caused by:"];
        assert!(accepts(&caused, "The 'Caused by:' line further down the trace", chained), "the setting's words");
        assert!(accepts(&caused, "the Caused by line", chained));
        assert!(!accepts(&caused, "the Suppressed line further down the trace", chained));
        assert!(!accepts(&caused, "Caused by, or Suppressed further down", chained));
        let gdb = Rules { exact: true, ..Rules::default() };
        assert!(accepts(&["bt", "backtrace"], "backtrace, or just bt for short", gdb));
        assert!(accepts(&["bt", "backtrace"], "bt or backtrace", gdb));
        assert!(!accepts(&["bt", "backtrace"], "bt, or info registers", gdb));
        assert!(!accepts(&["bt", "backtrace"], "just bt for short or list", gdb));
        let merge = ["O(n log n)", "n log n"];
        assert!(accepts(&merge, "O(n log n): log n levels with Θ(n) work at each level.", Rules::default()));
        assert!(!accepts(&merge, "O(n log n): O(n^2) in the worst case", Rules::default()));
        assert!(!accepts(&merge, "O(n log n): O(n) per level, or O(n^2) worst case", Rules::default()));
        let timed = Rules { prompt: "What is the time complexity of merging two sorted lists?", ..Rules::default() };
        let merge2 = ["O(m + n)"];
        assert!(accepts(&merge2, "O(m + n), each step takes one node, and space is O(1) if you relink", timed));
        assert!(accepts(&merge2, "O(m + n) time and O(1) extra space", timed));
        assert!(!accepts(&merge2, "O(m * n) time and O(1) extra space", timed));
        assert!(!accepts(&merge2, "O(1) space", timed));
        let spaced = Rules { prompt: "What extra space does merge sort on an array need?", ..Rules::default() };
        assert!(!accepts(&["O(n)"], "O(n) time and O(1) space", spaced), "space asked: a second bound is a hedge");
        let bloom = ["Bloom filter", "a Bloom filter"];
        assert!(accepts(&bloom, "A Bloom filter: no false negatives, and its size sets the false-positive rate", gdb));
        assert!(!accepts(&bloom, "Bloom filter: no, a hash set", Rules::default()));
        assert!(!accepts(&bloom, "Bloom filter, no two, three hash sets", Rules::default()));
        let race = Rules { prompt: "Which flag enables Go's built-in data race detector?", ..Rules::default() };
        let flags = ["-race", "race", "go test -race"];
        assert!(!accepts(&flags, "-msan, which switches on Go's race sanitizer.", race));
        assert!(!accepts(&flags, "-msan, the race one", race));
        assert!(accepts(&flags, "go test -race, which turns on the race detector", race));
        assert!(accepts(&flags, "the race flag", race));
        let lead_ins = format!("{}201", "the ".repeat(2000));
        assert!(accepts(&["201"], &lead_ins, Rules::default()), "lead-ins are stripped in a loop, not by recursion");
        assert!(!accepts(&ms, "1600 ms total for five retries", backoff));
        assert!(!accepts(&ms, "1600 per retry", backoff));
        assert!(!accepts(&ms, "1600 a second", backoff));
        let exact = Rules { exact: true, ..Rules::default() };
        assert!(accepts(&["O(V + E)"], "it's O(V + E)", exact));
        // ", which" explains the answer before it.
        assert!(accepts(&["lfu-decay-time"], "I believe it's lfu-decay-time, which defaults to 1 minute.", exact));
        assert!(!accepts(&["lfu-decay-time"], "lfu-log-factor, which is 10 by default", exact));
        assert!(accepts(&["one month"], "I think it's one month", exact));
        assert!(accepts(&["one month"], "I believe it's one month; sprints are one month or less", exact));
        assert!(!accepts(&["one month"], "I think it's two weeks", exact));
        assert!(accepts(&["O(V + E)"], "the O(V + E)", exact));
        assert!(accepts(&["8.76 hours", "8.76 hours a year"], "About 8.76 hours a year", exact));
        assert!(accepts(&["2"], "It evaluates to 2, because a surrogate pair is two code units", exact));
        assert!(!accepts(&["O(V + E)"], "it's O(V * E)", exact));
        assert!(!accepts(&["2"], "about 3", exact));
        assert!(accepts(&["O(V + E)"], "it's O(V + E), linear in vertices plus edges", exact));
        assert!(!accepts(&["O(V + E)"], "O(V + E), or O(V^2) on a matrix", exact));
        assert!(!accepts(&["O(V + E)"], "O(V + E), sometimes quadratic", exact));
        assert!(!accepts(&["2"], "2, maybe 3", exact));
        assert!(!accepts(&["2"], "2, or rather three of them", exact));
        assert!(!accepts(&["2"], "2, then three more", exact));
        assert!(!accepts(&["PUT"], "PUT, POST", exact));
        let post =
            Rules { prompt: "A POST request has just created a new resource. Which status code?", ..Rules::default() };
        assert!(!accepts(&["201", "created"], "A POST request has just created a new resource", post));
        assert!(accepts(&["201", "created"], "created", post));
        assert!(accepts(&["201", "created"], "201, the resource was just created", post));
        let inorder = Rules {
            prompt: "Which traversal of a binary search tree visits the keys in ascending order?",
            ..Rules::default()
        };
        assert!(accepts(&["in-order"], "the in-order traversal visits the keys in ascending order", inorder));
        assert!(accepts(&["in-order"], "In-order traversal of a binary search tree", inorder));
        let printed =
            Rules { exact: true, prompt: "What does this print?\n```\nprint(True, False)\n```", ..Rules::default() };
        assert!(!accepts(&["True"], "True False", printed));
        let code = Rules { prompt: "s = [9, 6, 2]; print(s[:2])", ..Rules::default() };
        assert!(!accepts(&["[9, 6]", "9, 6"], "[9, 6, 2]", code));
        assert!(ok(&["C++"], "c++"));
        assert!(!ok(&["C"], "C++"));
        assert!(!ok(&["2i + 1"], "2i - 1"));
        assert!(!ok(&["2i + 1"], "2i 1"));
        assert!(!ok(&["m + n"], "m - n"));
        assert!(!ok(&["n"], "O(log n)"));
        assert!(ok(&["--no-verify", "-n"], "--no-verify or -n"));
        assert!(!ok(&["--no-verify", "-n"], "--no-verify or --force"));
        assert!(ok(&["FIFO", "first in first out"], "first-in, first-out (FIFO)"));
        assert!(ok(&["abab"], "It prints abab, because type hints aren't enforced at runtime"));
        assert!(ok(&["7"], "7 characters (62^6 is about 5.7 × 10^10, 62^7 is about 3.5 × 10^12)"));
        assert!(ok(&["8 Gbit/s"], "8 Gbit/s (2,000 × 500 KB = 1 GB/s, times 8 bits)"));
        assert!(ok(
            &["100"],
            "It returns 100, because the duplicate 100 is the second row; you'd need DISTINCT or DENSE_RANK to get 90"
        ));
        assert!(ok(
            &["link header"],
            "the Link header, e.g. Link: <https://api.example.com/items?page=2>; rel=\"next\""
        ));
        assert!(!ok(&["20"], "20, or 30"));
        assert!(!ok(&["600 GB", "600"], "600 TB"));
        assert!(ok(&["600 GB", "600"], "600 GB"));
        assert!(ok(&["600 GB", "600"], "600"));
        assert!(!ok(&["8.76 hours", "8.76"], "8.76 minutes"));
        assert!(ok(&["3 ms", "3"], "3ms"));
        assert!(!ok(&["201", "created", "201 created"], "200 created"));
        assert!(ok(&["201", "created", "201 created"], "201 Created"));
        assert!(ok(&["201", "created", "201 created"], "created"));
        assert!(ok(
            &["tail -f", "tail -F"],
            "tail -f /var/log/app.log (or tail -F to keep following across log rotation)"
        ));
        assert!(ok(&["7"], "It prints 7 — the max sum of any 3 consecutive elements, from [-1, 3, 5] or [5, -2, 4]."));
        assert!(accepts(
            &["2300", "2315"],
            "10M × 20 = 200M/day ÷ 86,400 ≈ 2,315, so roughly 2300 rps",
            Rules { exact: true, ..Rules::default() }
        ));
        assert!(ok(&["6", "six"], "It returns 6 (100→50→25→12→6→3→1)."));
        assert!(ok(
            &["200", "200 requests"],
            "200 requests: 100 at the end of one minute and 100 right after the reset."
        ));
        assert!(ok(&["46000", "46,000/s"], "10M × 2 × 200 = 4 billion a day, / 86,400 ≈ 46,000 insertions/s."));
        assert!(!ok(&["46000"], "10M × 2 × 200 = 4 billion a day, / 86,400 ≈ 4,600"));
        assert!(!ok(&["201"], "202 = 201"));
        assert!(!ok(&["O(1)"], "O(n) = O(1)"));
        assert!(ok(&["15 minutes", "900 seconds"], "15 mins"));
        assert!(ok(&["15 minutes", "900 seconds"], "900 s"));
        assert!(ok(&["20"], "20 elements"));
        assert!(ok(&["int3", "0xCC"], "INT3, opcode 0xCC"));
        assert!(ok(&["int3", "0xCC"], "int3 (0xCC)"));
        assert!(!ok(&["int3", "0xCC"], "int3 or 0xCD"));
        assert!(!ok(&["[9, 6]", "9 6", "9, 6"], "[9, 6, 2]"));
        assert!(ok(&["[9, 6]", "9 6", "9, 6"], "it prints [9, 6]"));
        assert!(!ok(&["20"], "20 or maybe 30"));
        assert!(!ok(&["O(1)"], "O(1) or O(n)"));
        assert!(!ok(&["idempotent"], "it is not idempotent, because it creates"));
        assert!(!accepts(&["20"], "20 elements", Rules { exact: true, ..Rules::default() }));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn an_answer_is_judged_before_its_explanation() {
        let exact = Rules { exact: true, ..Rules::default() };
        let finally = ["finally", "it prints finally"];
        assert!(accepts(
            &finally,
            "It prints finally, because the return in the finally block overrides the one in try",
            exact
        ));
        assert!(!accepts(&finally, "try or finally, because of the return", exact));
        assert!(!accepts(&finally, "It prints try, since try runs first", exact));
        assert!(accepts(&["2", "two"], "It returns 2, because len counts code points, and that's two", exact));
        assert!(!accepts(&["2", "two"], "It returns 1 (one symbol on screen)", exact));
        let merge = ["O(m + n)", "linear", "O(m + n) time"];
        assert!(accepts(&merge, "It's linear, O(m + n) time, since each node is looked at once", exact));
        assert!(!accepts(&merge, "It's linear, O(n log n) overall, since it sorts", exact));
        assert!(accepts(
            &["A B D F C E", "['A', 'B', 'D', 'F', 'C', 'E']"],
            "It prints ['A', 'B', 'D', 'F', 'C', 'E'], so the order is A B D F C E.",
            Rules::default()
        ));
        assert!(accepts(
            &["80%", "about 80%", "80% of keys move"],
            "80% of keys move: only hashes where h mod 4 equals h mod 5 stay put, so 20% stay",
            exact
        ));
        assert!(!accepts(&["80%"], "20%: the other 80% move", exact));
        assert!(!accepts(&["O(1)"], "O(1): O(n) worst case", Rules::default()));
        // A full stop ends the answer; the sentences after it explain, unless they hedge or give another.
        let level = ["3", "level 3", "three"];
        assert!(accepts(
            &level,
            "Level 3. Level 1 is resources, level 2 is HTTP verbs, and hypermedia comes in at 3.",
            exact
        ));
        assert!(!accepts(&level, "Level 2. Level 3 adds hypermedia.", exact));
        assert!(!accepts(&level, "Level 3. Maybe 2, I forget.", exact));
        assert!(!accepts(&level, "Level 3. Actually level 2.", exact));
        assert!(!accepts(&level, "Level 3. 2 if you count from zero.", exact));
        assert!(!accepts(&["O(n)"], "O(n). O(n^2) in the worst case.", Rules::default()));
        assert!(accepts(
            &["3 3 3", "3, 3, 3"],
            "3, 3, 3. var is function-scoped, so all three callbacks share one i, and the loop has finished with i = 3.",
            exact
        ));
        assert!(accepts(&["2000 ms", "2,000 ms"], "p99 is 2,000 ms, since 2% of requests are slow", Rules::default()));
        // A multiplication sign right where a lead-in would end is not cut through.
        assert!(!accepts(&["2300"], "10M × 20 = 200M/day, so about 3000", Rules::default()));
    }

    proptest! {
        /// Every form accepts itself, however it is spaced.
        #[test]
        fn a_form_accepts_itself(form in "[a-zA-Z0-9()+*/%^ -]{1,20}") {
            prop_assume!(super::super::normalize::trim_answer(&form).chars().any(char::is_alphanumeric));
            prop_assert!(accepts(&[&form], &form, Rules::default()));
            let padded = format!("  {form}. ");
            prop_assert!(accepts(&[&form], &padded, Rules::default()));
        }

        /// A number never accepts a different number.
        /// No text, whatever its script or punctuation, makes the short-answer rules panic.
        #[test]
        fn any_text_is_judged_without_panic(given in "(\\PC|×|≈|÷|, so |it's | because | — ){0,40}") {
            let _ = accepts(&["2", "two"], &given, Rules { exact: true, ..Rules::default() });
            let _ = accepts(&["O(m + n)", "linear"], &given, Rules::default());
        }

        #[test]
        fn numbers_are_exact(a in 0u32..100_000, b in 0u32..100_000) {
            prop_assume!(a != b);
            let (want, other, with_unit, negative) = (a.to_string(), b.to_string(), format!("{b} items"), format!("-{a}"));
            prop_assert!(!accepts(&[&want], &other, Rules::default()));
            prop_assert!(!accepts(&[&want], &with_unit, Rules::default()));
            prop_assert!(!accepts(&[&want], &negative, Rules::default()));
        }
    }
}
