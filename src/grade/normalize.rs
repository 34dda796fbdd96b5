//! Normalising: turns an answer or a keyword into what grading compares.
//!
//! Two views of the same text are used. *Words* are lowercase tokens reduced to their English
//! stem (Snowball), with UK and US spellings unified and the field's shared synonyms folded to one
//! form, so "deleting" meets `delete` and "the out-of-memory killer" meets `OOM killer`.
//! *Notation* keeps every operator and bracket but drops the spacing people vary, so `O(n log n)`
//! equals `O(nlogn)` and `n²` equals `n^2`, while `(i + 1) % k` never equals `(i + 1) / k`.

use std::{collections::HashMap, ops::Range, sync::OnceLock};

use rust_stemmers::{Algorithm, Stemmer};

use super::synonyms;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The stem that matching compares (after spelling and synonym folding).
    pub stem: String,
    /// The word as written, lowercased.
    pub raw: String,
    /// Byte range in the original text (a folded synonym spans all its words).
    pub span: Range<usize>,
    /// Clause number: commas, semicolons, full stops and "but" start a new clause.
    pub clause: u32,
    /// Sentence number: full stops, semicolons, question and exclamation marks and line breaks
    /// start a new one, so a phrase is never heard across them.
    pub sentence: u32,
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Sets up the stemmer and the synonym table, which every answer's words go through.
pub fn warm_up() {
    stemmer();
    synonym_table();
}

/// UK spellings and a few irregular forms, folded before stemming so both sides meet.
fn unify_spelling(word: &str) -> std::borrow::Cow<'_, str> {
    const OUR: &[&str] =
        &["behaviour", "colour", "favour", "honour", "labour", "neighbour", "flavour", "rumour", "endeavour"];
    for stem in OUR {
        if let Some(rest) = word.strip_prefix(stem) {
            return format!("{}{}{rest}", &stem[..stem.len() - 2], "r").into();
        }
    }
    match word {
        "learnt" => return "learned".into(),
        "spelt" => return "spelled".into(),
        "dreamt" => return "dreamed".into(),
        _ => {}
    }
    // -ise/-isation → -ize/-ization and -yse → -yze. Applied to both sides, so an odd word
    // ("promise" → "promize") changes nothing that matters.
    for (uk, us) in [("isation", "ization"), ("ysing", "yzing"), ("ysed", "yzed"), ("yse", "yze"), ("ysis", "ysis")] {
        if let Some(root) = word.strip_suffix(uk)
            && root.len() >= 3
        {
            return format!("{root}{us}").into();
        }
    }
    for (uk, us) in [("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"), ("iser", "izer")] {
        if let Some(root) = word.strip_suffix(uk)
            && root.len() >= 4
        {
            return format!("{root}{us}").into();
        }
    }
    word.into()
}

/// The stem of one lowercase word.
pub fn stem(word: &str) -> String {
    if word.contains('\'') || word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    let word = unify_spelling(word);
    let mut s = stemmer().stem(&word).into_owned();
    // Snowball keeps "cancell" for "cancelled" but gives "cancel" for "canceled".
    if s.len() >= 5 && s.ends_with("ll") {
        s.pop();
    }
    s
}

/// Whether `c` belongs to a word: letters, digits, and `+`/`#` for C++ and C#.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '+' || c == '#'
}

/// Splits `text` into words with stems, spans and clauses; synonyms are folded.
pub fn tokens(text: &str) -> Vec<Token> {
    fold(raw_tokens(text))
}

/// [`tokens`] without synonyms folded.
pub fn plain_tokens(text: &str) -> Vec<Token> {
    raw_tokens(text)
}

/// A subscript digit as a plain one: `log₂` is `log2`.
fn plain_digit(c: char) -> char {
    match c {
        '₀'..='₉' => char::from_digit(u32::from(c) - u32::from('₀'), 10).unwrap_or(c),
        _ => c,
    }
}

/// Slashed shorthand that terse answers use for a word ("w/o retries"), with the word it stands
/// for, so "w/o" negates like "without".
const SHORTHAND: &[(&str, &str)] = &[("w/out", "without"), ("w/o", "without"), ("b/c", "because"), ("w/", "with")];

/// The shorthand written at byte `at` of `text`, as its length and the word it stands for: it
/// must start a word and not run on into another ("w/o" but not "w/ob").
fn shorthand(text: &str, at: usize) -> Option<(usize, &'static str)> {
    if text[..at].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    let rest = &text[at..];
    SHORTHAND.iter().find_map(|&(written, word)| {
        let head = rest.get(..written.len())?;
        let runs_on = rest[written.len()..].chars().next().is_some_and(is_word_char) && !written.ends_with('/');
        (head.eq_ignore_ascii_case(written) && !runs_on).then_some((written.len(), word))
    })
}

/// Abbreviations whose full stop does not end a sentence when a lowercase word follows.
const ABBREVIATIONS: &[&str] = &["etc", "vs", "approx", "incl", "eg", "ie", "am", "pm", "resp"];

/// Whether the full stop at byte `at` of `text` ends a sentence: not inside a dotted word
/// ("e.g", "a.m", "node.js"), nor after an abbreviation or a single letter when the next word
/// goes on in lowercase ("at 3 a.m. should", "e.g. a cache").
pub fn ends_sentence(text: &str, at: usize) -> bool {
    let after = &text[at + 1..];
    if after.chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    // "e.g." and "i.e." go on whatever follows them.
    let tail: Vec<char> = text[..at].chars().rev().take(4).map(|c| c.to_ascii_lowercase()).collect();
    if matches!(tail.as_slice(), ['g', '.', 'e', ..] | ['e', '.', 'i', ..])
        && !tail.get(3).is_some_and(|c| c.is_alphanumeric())
    {
        return false;
    }
    let next = after.trim_start().chars().next();
    if !after.starts_with(char::is_whitespace) || !next.is_some_and(char::is_lowercase) {
        return true;
    }
    let word: String =
        text[..at].chars().rev().take_while(|c| c.is_alphanumeric()).collect::<Vec<_>>().into_iter().rev().collect();
    !(word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
        || ABBREVIATIONS.contains(&word.to_lowercase().as_str()))
}

fn raw_tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut clause = 0u32;
    let mut sentence = 0u32;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if let Some((written, word)) = shorthand(text, start) {
            out.push(Token { stem: stem(word), raw: word.into(), span: start..start + written, clause, sentence });
            // Skip the rest of the shorthand's characters.
            while chars.peek().is_some_and(|&(i, _)| i < start + written) {
                chars.next();
            }
            continue;
        }
        if c == '%' {
            out.push(Token { stem: "%".into(), raw: "%".into(), span: start..start + 1, clause, sentence });
            continue;
        }
        if !is_word_char(c) || (c == '+' || c == '#') {
            if c == '.' && !ends_sentence(text, start) {
                continue;
            }
            if matches!(c, ',' | ';' | '.' | ':' | '!' | '?' | '(' | ')' | '\n') {
                // A dot between digits (4.5) is part of the number; handled below.
                clause += 1;
            }
            if matches!(c, ';' | '.' | '!' | '?' | '\n') {
                sentence += 1;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, n)) = chars.peek() {
            let joins_apostrophe =
                matches!(n, '\'' | '’') && text[i + n.len_utf8()..].chars().next().is_some_and(char::is_alphabetic);
            let joins_decimal = n == '.'
                && text[..i].chars().last().is_some_and(|p| p.is_ascii_digit())
                && text[i + 1..].chars().next().is_some_and(|d| d.is_ascii_digit());
            if is_word_char(n) || joins_apostrophe || joins_decimal {
                end = i + n.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let mut raw: String = text[start..end].to_lowercase().replace('’', "'").chars().map(plain_digit).collect();
        // "no-cache", "no-store", "no-op": a hyphen makes "no" part of a name, not a negation.
        if raw == "no" && text[end..].starts_with('-') {
            raw = "no-".into();
        }
        // A possessive is the word itself: "half's" is "half".
        if raw.len() > 2 && raw.ends_with("'s") {
            raw.truncate(raw.len() - 2);
        }
        if raw == "but" {
            clause += 1;
        }
        out.push(Token { stem: stem(&raw), raw, span: start..end, clause, sentence });
    }
    out
}

/// A synonym phrase as stems, with its group's folded form.
type Synonym = (Vec<String>, Vec<String>);

/// The synonym phrases as stem sequences, each with its group's folded form, looked up by their
/// first stem so folding an answer costs one lookup per word.
fn synonym_table() -> &'static HashMap<String, Vec<Synonym>> {
    static TABLE: OnceLock<HashMap<String, Vec<Synonym>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let plain = |p: &str| -> Vec<String> { raw_tokens(p).into_iter().map(|t| t.stem).collect() };
        let mut table: HashMap<String, Vec<Synonym>> = HashMap::new();
        for group in synonyms::GROUPS {
            let canonical = plain(group[0]);
            for phrase in group.iter().skip(1) {
                let phrase = plain(phrase);
                if let Some(first) = phrase.first() {
                    table.entry(first.clone()).or_default().push((phrase, canonical.clone()));
                }
            }
        }
        // Longest phrases first, so "first in first out" folds before "first".
        for list in table.values_mut() {
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        table
    })
}

/// Replaces every synonym phrase in `tokens` by its group's folded form.
pub fn fold(tokens: Vec<Token>) -> Vec<Token> {
    let table = synonym_table();
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'next: while i < tokens.len() {
        for (phrase, canonical) in table.get(&tokens[i].stem).map(Vec::as_slice).unwrap_or_default() {
            let end = i + phrase.len();
            if end <= tokens.len() && tokens[i..end].iter().zip(phrase).all(|(t, p)| &t.stem == p) {
                let span = tokens[i].span.start..tokens[end - 1].span.end;
                let raw = tokens[i..end].iter().map(|t| t.raw.as_str()).collect::<Vec<_>>().join(" ");
                for c in canonical {
                    out.push(Token {
                        stem: c.clone(),
                        raw: raw.clone(),
                        span: span.clone(),
                        clause: tokens[i].clause,
                        sentence: tokens[i].sentence,
                    });
                }
                i = end;
                continue 'next;
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// The stems of `text`, for keywords and short forms.
pub fn stems(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.stem).collect()
}

/// Characters that make a keyword or short answer a piece of notation rather than words.
const NOTATION: &[char] =
    &['(', ')', '[', ']', '{', '}', '^', '*', '/', '%', '<', '>', '=', '!', '~', '|', '²', '³', 'ⁿ', '√'];

/// Whether `s` is notation: an operator or bracket, or a sign on a number (`-1`, `--soft`).
pub fn is_notation(s: &str) -> bool {
    let s = s.trim();
    let b: Vec<char> = s.chars().collect();
    let at = |i: usize| b.get(i).copied();
    s.contains(NOTATION)
        || s.starts_with('-')
        || s.contains("->")
        // A minus or plus between operands (`n - 1`, `2i+1`, `m + n`), not the `++` of C++.
        || b.iter().enumerate().any(|(i, &c)| match c {
            '+' => at(i + 1) != Some('+') && at(i.wrapping_sub(1)) != Some('+'),
            '-' => {
                let (prev, next) = (i.checked_sub(1).and_then(at), at(i + 1));
                let spaced = prev == Some(' ') && next == Some(' ');
                let numeric = prev.is_some_and(|p| p.is_ascii_digit()) || next.is_some_and(|n| n.is_ascii_digit());
                // A command-line option: ` -s`, ` --soft`.
                let option = prev == Some(' ') && next.is_some_and(|n| n == '-' || n.is_ascii_alphabetic());
                spaced || numeric || option
            }
            _ => false,
        })
}

/// The notation form of `s`: equivalent symbols unified, `**` as `^`, spacing inside brackets
/// and around operators removed, other spacing collapsed; lowercase unless `keep_case`.
///
/// ```
/// use quiz::grade::normalize::notation;
/// assert_eq!(notation("O(n log n)", false), notation("o(nlogn)", false));
/// assert_eq!(notation("n²", false), notation("n ** 2", false));
/// assert_ne!(notation("(i + 1) % k", false), notation("(i+1) / k", false));
/// ```
pub fn notation(s: &str, keep_case: bool) -> String {
    let mut mapped = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '₀'..='₉' => mapped.push(plain_digit(c)),
            '²' => mapped.push_str("^2"),
            '³' => mapped.push_str("^3"),
            'ⁿ' => mapped.push_str("^n"),
            '−' | '–' | '—' => mapped.push('-'),
            '×' | '·' | '∙' | '⋅' => mapped.push('*'),
            '≤' => mapped.push_str("<="),
            '≥' => mapped.push_str(">="),
            '≠' => mapped.push_str("!="),
            '’' | '‘' => mapped.push('\''),
            '“' | '”' => mapped.push('"'),
            c if c.is_whitespace() => mapped.push(' '),
            c if keep_case => mapped.push(c),
            c => mapped.extend(c.to_lowercase()),
        }
    }
    let mapped = mapped.replace("**", "^").replace(" - ", "-");
    // "80 percent" is "80%" (but "percentile" stays a word).
    let mapped = {
        let mut out = String::with_capacity(mapped.len());
        let mut rest = mapped.as_str();
        while let Some(i) = rest.find(" percent").or_else(|| rest.find(" per cent")) {
            let word = if rest[i..].starts_with(" percent") { 8 } else { 9 };
            let after = rest[i + word..].chars().next();
            let number_before = rest[..i].chars().last().is_some_and(|c| c.is_ascii_digit());
            out.push_str(&rest[..i]);
            if number_before && after.is_none_or(|c| !c.is_alphanumeric()) {
                out.push('%');
            } else {
                out.push_str(&rest[i..i + word]);
            }
            rest = &rest[i + word..];
        }
        out.push_str(rest);
        out
    };
    // Thousands separators: 46,000 is 46000.
    let digits: Vec<char> = mapped.chars().collect();
    let mapped: String = digits
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == ','
                && i > 0
                && digits[i - 1].is_ascii_digit()
                && digits.len() >= i + 4
                && digits[i + 1..i + 4].iter().all(char::is_ascii_digit)
                && digits.get(i + 4).is_none_or(|d| !d.is_ascii_digit()))
        })
        .map(|(_, &c)| c)
        .collect();
    let op = |c: char| "()[]{}^*/%+=<>!~|&".contains(c);
    let chars: Vec<char> = mapped.trim().chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut depth = 0i32;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        if c == ' ' {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|&&n| n != ' ').copied();
            let drop = prev.is_none_or(|p| p == ' ')
                || depth > 0
                || prev.is_some_and(|p| op(p) && !matches!(p, ')' | ']' | '}'))
                || next.is_some_and(|n| op(n) && !matches!(n, '(' | '[' | '{') && !starts_path(&chars, i));
            if !drop {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    // Spacing removed above can make a new `**` ("* *").
    out.replace("**", "^")
}

/// Whether the next word after the space at `i` is a path (`/var/log`), not a division.
fn starts_path(chars: &[char], i: usize) -> bool {
    let j = chars[i..].iter().position(|&c| c != ' ').map_or(chars.len(), |p| i + p);
    chars.get(j) == Some(&'/') && chars.get(j + 1).is_some_and(|c| c.is_alphabetic() || *c == '.' || *c == '~')
}

/// `s` trimmed of the punctuation people put around a short answer: quotes, backticks and a
/// final full stop.
pub fn trim_answer(s: &str) -> &str {
    s.trim()
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '.' | ',' | ';' | ':' | '?' | '!'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_inflections_and_spellings() {
        for (a, b) in [
            ("delete", "deleting"),
            ("requests", "request"),
            ("privately", "private"),
            ("clustered", "clusters"),
            ("behaviour", "behavior"),
            ("optimise", "optimized"),
            ("cancelled", "canceled"),
            ("learnt", "learned"),
            ("analyse", "analyzing"),
            ("normalisation", "normalization"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} vs {b}");
        }
        assert_ne!(stem("tag"), stem("stage"));
        assert_ne!(stem("min"), stem("max"));
    }

    #[test]
    fn tokens_keep_symbols_numbers_and_clauses() {
        let t = tokens("C++ and C# cut 40%, but not 4.5x; don’t");
        let raw: Vec<&str> = t.iter().map(|t| t.raw.as_str()).collect();
        assert_eq!(raw, ["c++", "and", "c#", "cut", "40", "%", "but", "not", "4.5x", "don't"]);
        assert!(t[6].clause > t[3].clause, "a comma and 'but' start clauses");
        assert_eq!(&"C++ and"[t[0].span.clone()], "C++");
    }

    #[test]
    fn abbreviations_and_dotted_names_end_no_sentence() {
        let sentences = |text: &str| {
            let t = tokens(text);
            t.last().map_or(0, |x| x.sentence + 1) - t.first().map_or(0, |x| x.sentence)
        };
        assert_eq!(sentences("Page them at 3 a.m. should they fail"), 1);
        assert_eq!(sentences("Use a cache, e.g. Redis. Then warm it"), 2);
        assert_eq!(sentences("read robots.txt and node.js docs"), 1);
        assert_eq!(sentences("the disk filled up etc. and then it crashed"), 1);
        assert_eq!(sentences("It took 3 a.m. Then we slept."), 2, "a capital after the stop starts a sentence");
        assert_eq!(sentences("we shipped it. then we rolled back"), 2, "an ordinary word before the stop ends it");
    }

    #[test]
    fn slashed_shorthand_reads_as_its_word() {
        let text = "Retry w/o backoff b/c the pool, w/ a cap; kw/h and w/ob stay";
        let t = tokens(text);
        let raw: Vec<&str> = t.iter().map(|t| t.raw.as_str()).collect();
        assert_eq!(
            raw,
            [
                "retry", "without", "backoff", "because", "the", "pool", "with", "a", "cap", "kw", "h", "and", "with",
                "ob", "stay"
            ]
        );
        assert_eq!(&text[t[1].span.clone()], "w/o", "a quote shows what was written");
    }

    #[test]
    fn field_shorthand_meets_the_full_word() {
        for (short, long) in [
            ("txn", "transaction"),
            ("txns", "transactions"),
            ("deps", "dependencies"),
            ("conn", "connection"),
            ("repo", "repository"),
            ("prod", "production"),
            ("authz", "authorization"),
        ] {
            assert_eq!(stems(short), stems(long), "{short} vs {long}");
        }
        assert_ne!(stems("authn"), stems("authz"));
    }

    #[test]
    fn notation_keeps_operators_and_unifies_spellings() {
        assert_eq!(notation("O(n log n)", false), "o(nlogn)");
        assert_eq!(notation("O(nlogn)", false), "o(nlogn)");
        assert_eq!(notation("n²", false), "n^2");
        assert_eq!(notation("log₂(n!)", false), "log2(n!)");
        assert_eq!(notation("n**2", false), "n^2");
        assert_eq!(notation("n ^ 2", false), "n^2");
        assert_eq!(notation("(i + 1) % k", false), "(i+1)%k");
        assert_eq!(notation("(i + 1) / k", false), "(i+1)/k");
        assert_eq!(notation("−1", false), "-1");
        assert_eq!(notation("GB/s", true), "GB/s");
        assert_eq!(notation("git reset --soft HEAD~1", false), "git reset --soft head~1");
        assert_eq!(notation("O(n) time", false), "o(n) time");
        assert_eq!(notation("i - 1", false), "i-1");
        assert_eq!(notation("tail -f /var/log/app.log", false), "tail -f /var/log/app.log");
        assert_eq!(notation("(i + 1) / k", false), "(i+1)/k");
        assert_eq!(notation("46,000 per second", false), "46000 per second");
        assert_eq!(notation("1,2,3", false), "1,2,3");
        assert_eq!(notation("80 percent of keys", false), notation("80% of keys", false));
        assert_eq!(notation("the 99 percentile", false), "the 99 percentile");
        assert_ne!(notation("O(n*2)", false), notation("O(n^2)", false));
    }

    #[test]
    fn notation_is_recognised() {
        for s in ["O(n)", "-1", "2^n", "1 << n", "(i + 1) % k", "--soft", "n-1", "%"] {
            assert!(is_notation(s), "{s}");
        }
        for s in ["log -s", "m + n", "2i - 1", "git reset --soft"] {
            assert!(is_notation(s), "{s}");
        }
        for s in ["hash set", "cache-aside", "top-down", "c++", "p99", "first-in first-out", "g++ flags"] {
            assert!(!is_notation(s), "{s}");
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Normalising twice changes nothing.
        #[test]
        fn notation_is_idempotent(s in "[a-zA-Z0-9()+*/%^ <>=!-]{0,30}") {
            let once = notation(&s, false);
            prop_assert_eq!(notation(&once, false), once);
        }

        /// Spaces around operators and inside brackets never matter.
        #[test]
        fn spacing_around_operators_does_not_matter(
            parts in proptest::collection::vec(("[a-z0-9]{1,3}", "[+*/%^<>=]"), 1..5),
            last in "[a-z0-9]{1,3}",
        ) {
            let tight: String = parts.iter().map(|(a, op)| format!("{a}{op}")).collect::<String>() + &last;
            let loose: String = parts.iter().map(|(a, op)| format!("{a} {op} ")).collect::<String>() + &last;
            let (tight_b, loose_b) = (format!("({tight})"), format!("( {loose} )"));
            prop_assert_eq!(notation(&tight_b, false), notation(&loose_b, false));
            prop_assert_eq!(notation(&tight, false), notation(&loose, false));
        }
    }
}
