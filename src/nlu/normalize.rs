//! Normalisation: lower case, no accents, typographic apostrophes, French elision and
//! punctuation all reduced to single spaces between words.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `"Qu'est-ce qu'Oríon ?"` -> `"qu est ce qu orion"`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'œ' | 'Œ' => {
                push_word(&mut out, &mut space, "oe");
                continue;
            }
            'æ' | 'Æ' => {
                push_word(&mut out, &mut space, "ae");
                continue;
            }
            'ß' => {
                push_word(&mut out, &mut space, "ss");
                continue;
            }
            c => c,
        };
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn push_word(out: &mut String, space: &mut bool, s: &str) {
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
        assert_eq!(normalize("Qu'est-ce qu'Oríon ?"), "qu est ce qu orion");
        assert_eq!(
            normalize("Who is MILA’s founder??"),
            "who is mila s founder"
        );
        assert_eq!(
            normalize("  École  Polytechnique de Montréal "),
            "ecole polytechnique de montreal"
        );
        assert_eq!(normalize("baby-ai / COVID-19"), "baby ai covid 19");
        assert_eq!(normalize("🎉 \u{202e}abc\u{0}"), "abc");
        assert_eq!(normalize(""), "");
    }
}
