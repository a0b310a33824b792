//! Normalisation: lower case, no accents, typographic apostrophes, French elision and
//! punctuation all reduced to single spaces between words.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// `"Qu'est-ce qu'Oríon, au juste ?"` -> `"qu est ce qu orion au juste"`.
pub fn normalize(s: &str) -> String {
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
        if c.is_ascii() {
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
}
