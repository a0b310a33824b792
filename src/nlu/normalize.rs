//! Normalisation: lower case, no accents, typographic apostrophes, French elision and
//! punctuation all reduced to single spaces between words. Before that, two spellings that
//! punctuation would break apart are joined: letters spelled out ("M-I-L-A", "L.I.S.A.") and
//! two-digit years ("'93", "’90s").

use std::borrow::Cow;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Two-digit years up to this one are this century's ("'17" is 2017), later ones the last
/// century's ("'93" is 1993).
const CENTURY_PIVOT: u32 = 50;

/// Fewest letters spelled out one by one that make a word ("M-I-L-A"; not "a-t-il").
const SPELLED_LETTERS: usize = 3;

/// The text with spelled-out letters joined and two-digit years written in full.
fn joined(s: &str) -> Cow<'_, str> {
    if may_join(s) {
        Cow::Owned(join(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// [`joined`], always written anew.
fn join(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let word = |k: usize| chars.get(k).is_some_and(|c| c.is_alphanumeric());
    let mut out = String::with_capacity(s.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let starts = i == 0 || !word(i - 1);
        // A run of single letters each followed by the same separator.
        if starts && chars[i].is_alphabetic() && matches!(chars.get(i + 1), Some('-' | '.')) {
            let sep = chars[i + 1];
            let mut letters = vec![chars[i]];
            let mut k = i + 1;
            while chars.get(k) == Some(&sep)
                && chars.get(k + 1).is_some_and(|c| c.is_alphabetic())
                && !word(k + 2)
            {
                letters.push(chars[k + 1]);
                k += 2;
            }
            if letters.len() >= SPELLED_LETTERS {
                out.extend(letters);
                i = if chars.get(k) == Some(&sep) { k + 1 } else { k };
                continue;
            }
        }
        // An apostrophe, two digits, and no third: a year ("'93", "'90s").
        if starts && matches!(chars[i], '\'' | '’' | '‘') {
            let digits: Option<u32> = chars
                .get(i + 1..i + 3)
                .filter(|d| {
                    d.iter().all(char::is_ascii_digit)
                        && !chars.get(i + 3).is_some_and(char::is_ascii_digit)
                })
                .map(|d| d.iter().collect::<String>().parse().unwrap_or(0));
            if let Some(yy) = digits {
                let century = if yy <= CENTURY_PIVOT { 2000 } else { 1900 };
                out.push_str(&(century + yy).to_string());
                i += 3;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Whether [`joined`] may change the text: a letter opening a word followed by `-` or `.`
/// (letters spelled out), or an apostrophe followed by a digit (a two-digit year). Most
/// questions have neither, only apostrophes of elision and hyphens within words.
fn may_join(s: &str) -> bool {
    // The two characters before the current one.
    let mut before: [Option<char>; 2] = [None, None];
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let spelled = matches!(c, '-' | '.')
            && before[1].is_some_and(char::is_alphabetic)
            && !before[0].is_some_and(char::is_alphanumeric);
        let year = matches!(c, '\'' | '’' | '‘') && chars.peek().is_some_and(char::is_ascii_digit);
        if spelled || year {
            return true;
        }
        before = [before[1], Some(c)];
    }
    false
}

/// `"Qu'est-ce qu'Oríon, au juste ?"` -> `"qu est ce qu orion au juste"`.
pub fn normalize(s: &str) -> String {
    let s = &*joined(s);
    if s.is_ascii() {
        return normalize_ascii(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        // Most characters: a plain letter or digit.
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            space = false;
            continue;
        }
        // A thousands separator: "5,000" is one number. Digits are one byte each (and no
        // byte of a longer character is one), so bytes next to the comma tell.
        let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
        if c == ',' && i > 0 && digit(i - 1) && (1..=3).all(|k| digit(i + k)) && !digit(i + 4) {
            continue;
        }
        if is_currency(c) {
            currency(&mut out, &mut space, c);
        } else if c.is_ascii() {
            push(&mut out, &mut space, c);
        } else {
            // Compatibility decomposition (é -> e + accent, ﬁ -> fi), accents dropped.
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    match d {
                        'œ' | 'Œ' => push_str(&mut out, &mut space, "oe"),
                        'æ' | 'Æ' => push_str(&mut out, &mut space, "ae"),
                        'ß' => push_str(&mut out, &mut space, "ss"),
                        d => push(&mut out, &mut space, d),
                    }
                }
            });
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`normalize`] of ASCII text (most questions), byte by byte: the same steps without
/// decoding characters.
fn normalize_ascii(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut space = true;
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            out.push(b.to_ascii_lowercase());
            space = false;
        } else if b == b','
            && i > 0
            && digit(i - 1)
            && (1..=3).all(|k| digit(i + k))
            && !digit(i + 4)
        {
            // A thousands separator: "5,000" is one number.
        } else if is_currency(b as char) {
            if !space {
                out.push(b' ');
            }
            out.extend_from_slice(&[b, b' ']);
            space = true;
        } else if !space {
            out.push(b' ');
            space = true;
        }
    }
    if out.last() == Some(&b' ') {
        out.pop();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The normalised words written with a diacritic that marks French ("étudié", "à", "ça"),
/// in order: a sign of the language when the words themselves are shared with English.
pub fn french_marked(s: &str) -> Vec<String> {
    const MARKS: &[char] = &[
        'é', 'è', 'ê', 'à', 'â', 'ç', 'ù', 'û', 'ô', 'î', 'ï', 'ë', 'œ', 'É', 'È', 'Ê', 'À', 'Ç',
    ];
    if s.is_ascii() {
        return Vec::new();
    }
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.contains(MARKS))
        .map(normalize)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A currency sign is a word of its own: "IBM deal $$?" asks about money, which no intent
/// explains, and must not read as "IBM deal?".
fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥')
}

fn currency(out: &mut String, space: &mut bool, c: char) {
    if !*space {
        out.push(' ');
    }
    out.push(c);
    out.push(' ');
    *space = true;
}

#[inline]
fn push(out: &mut String, space: &mut bool, c: char) {
    if c.is_alphanumeric() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
        *space = false;
    } else if !*space {
        out.push(' ');
        *space = true;
    }
}

fn push_str(out: &mut String, space: &mut bool, s: &str) {
    out.push_str(s);
    *space = false;
}

/// Whether `w` is one word already normalised (lower-case ASCII letters and digits): then
/// [`normalize`] gives it back unchanged, and its [`tokens`] are itself.
pub fn is_normal_word(w: &str) -> bool {
    !w.is_empty()
        && w.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The words of a normalised string.
pub fn tokens(normalized: &str) -> Vec<String> {
    normalized
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_normalised_as_any_other() {
        // A no-break space at the end sends the text through the general path, and adds
        // nothing to what it gives.
        let texts = [
            "Who is MILA's first director??",
            "5,000 people, 2 labs, 1,2345 and 12,345,678",
            "baby-ai / COVID-19 (M-I-L-A) in '93",
            "\t tabs\nand\r\nlines, ~under_scores~ ",
            ",5,000,",
            "IBM deal $$? $5M, 5$",
            "",
        ];
        for s in texts {
            assert_eq!(normalize(s), normalize(&format!("{s}\u{a0}")), "{s:?}");
        }
    }

    #[test]
    fn a_currency_sign_is_a_word() {
        assert_eq!(normalize("IBM deal $$?"), "ibm deal $ $");
        assert_eq!(normalize("combien d'€ ?"), "combien d €");
        assert_eq!(normalize("$5M"), "$ 5m");
    }

    #[test]
    fn a_normal_word_normalises_to_itself() {
        for w in ["mila", "2017", "co2", "a"] {
            assert!(is_normal_word(w));
            assert_eq!(normalize(w), w);
            assert_eq!(tokens(w), [w]);
        }
        let not_normal = [
            "",
            "Mila",
            "co-founder",
            "l'institut",
            "é",
            "'93",
            "m.i.l.a",
        ];
        for w in not_normal {
            assert!(!is_normal_word(w));
        }
    }

    #[test]
    fn strips_case_accents_and_punctuation() {
        assert_eq!(
            normalize("Qu'est-ce qu'Oríon, au juste ?"),
            "qu est ce qu orion au juste"
        );
        assert_eq!(
            normalize("Who is MILA’s first director??"),
            "who is mila s first director"
        );
        assert_eq!(
            normalize("  École  Polytechnique de Montréal "),
            "ecole polytechnique de montreal"
        );
        assert_eq!(normalize("baby-ai / COVID-19"), "baby ai covid 19");
        assert_eq!(normalize("🎉 \u{202e}abc\u{0}"), "abc");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("5,000 people, 2 labs"), "5000 people 2 labs");
    }

    #[test]
    fn finds_words_marked_as_french() {
        assert_eq!(french_marked("hugo a étudié à Mila ?"), ["etudie", "a"]);
        assert!(french_marked("Oríon and Watson").is_empty());
        assert!(french_marked("who founded mila").is_empty());
    }

    #[test]
    fn joins_spelled_letters_and_writes_two_digit_years_in_full() {
        assert_eq!(normalize("what did M-I-L-A mean?"), "what did mila mean");
        assert_eq!(normalize("L.I.S.A. stood for"), "lisa stood for");
        assert_eq!(normalize("a-t-il été fondé"), "a t il ete fonde");
        assert_eq!(normalize("the U.S. office"), "the u s office");
        assert_eq!(normalize("founded in '93?"), "founded in 1993");
        assert_eq!(normalize("back in the ’90s"), "back in the 1990s");
        assert_eq!(normalize("since '17"), "since 2017");
        assert_eq!(normalize("don't '123 rock'n'roll"), "don t 123 rock n roll");
    }

    #[test]
    fn text_nothing_joins_is_kept_as_is() {
        for s in [
            "what's mila's budget?",
            "a-t-il",
            "M-I-L-A",
            "x M-I-L-A",
            "L.I.S.A.",
            "(L.I.S.A)",
            "3-D",
            "é.t.é",
            "-a-b-c",
            ".a.b.c",
            "ab-c-d",
            "'93",
            "x'93",
            "’9",
            "'9a",
            "rock'n'roll",
            "U.S.",
            "e.g. this",
            "well...",
            "a.",
            "a-",
            "",
            "-",
            "'",
            "é-t-é",
            "1-2-3",
        ] {
            assert_eq!(joined(s), join(s), "{s}");
        }
    }
}
