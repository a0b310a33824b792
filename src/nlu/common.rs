//! Common words of English and French: words people write as they mean them. A typo correction
//! never replaces one ("price" is not the French "privé", "order" is not "older"): a word the
//! knowledge does not use but the language does is a word the question uses for something else.
//!
//! The list is one normalised word per line, in byte order, after comment lines starting with
//! `#`; it is searched in place, without an index.

use super::normalize;
use std::borrow::Cow;

#[derive(Debug, Clone, Default)]
pub struct CommonWords {
    /// The file as read (borrowed from the binary when embedded), or its good lines when some
    /// are not.
    text: Cow<'static, str>,
    /// Where the words start, after the comment lines.
    start: usize,
}

/// A line of the list that cannot be used, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub message: String,
}

impl CommonWords {
    /// The list in `text`; every line that is not one normalised word in order is a problem,
    /// and left out. A list without problems is kept as it is, not copied.
    pub fn parse(text: Cow<'static, str>) -> (Self, Vec<BadLine>) {
        let mut problems = Vec::new();
        // The good lines, copied only from the first problem on.
        let mut owned: Option<String> = None;
        let mut last: Option<&str> = None;
        let mut start = None;
        let mut offset = 0;
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let at = offset;
            offset += raw.len();
            let word = raw.trim_end_matches(['\n', '\r']);
            if word.starts_with('#') && start.is_none() {
                continue;
            }
            let first = *start.get_or_insert(at);
            // Most words are lower-case ASCII letters: their own normalisation.
            let plain = !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase());
            let problem = if !plain && (word.contains(' ') || normalize(word) != word) {
                Some(format!(
                    "`{word}` is not one normalised word (lower case, no accents or marks)"
                ))
            } else if word.is_empty() {
                Some("an empty line".to_string())
            } else {
                last.filter(|&l| l >= word).map(|before| {
                    format!(
                        "`{word}` is out of order or repeated: after `{before}` (the list is \
                         sorted by bytes, as `LC_ALL=C sort -u` does)"
                    )
                })
            };
            let kept = raw.ends_with('\n') && !raw.ends_with("\r\n");
            match problem {
                Some(message) => {
                    owned.get_or_insert_with(|| text[first..at].to_string());
                    problems.push(BadLine {
                        line: i + 1,
                        message,
                    });
                }
                None => {
                    last = Some(word);
                    match owned.as_mut() {
                        Some(o) => {
                            o.push_str(word);
                            o.push('\n');
                        }
                        // A line ending otherwise than in `\n` ("\r\n", the last line): the
                        // search needs `\n` alone.
                        None if !kept => {
                            let mut o = text[first..at].to_string();
                            o.push_str(word);
                            o.push('\n');
                            owned = Some(o);
                        }
                        None => {}
                    }
                }
            }
        }
        let list = match owned {
            Some(o) => Self {
                text: Cow::Owned(o),
                start: 0,
            },
            None => {
                let start = start.unwrap_or(text.len());
                Self { text, start }
            }
        };
        (list, problems)
    }

    /// Whether `word` is in the list: a binary search over the lines.
    pub fn contains(&self, word: &str) -> bool {
        let text = &self.text[self.start..];
        // `lo` and `hi` are always at the start of a line (or the end).
        let (mut lo, mut hi) = (0, text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = text[lo..mid].rfind('\n').map_or(lo, |k| lo + k + 1);
            let end = start + text[start..].find('\n').unwrap_or(text.len() - start);
            match text[start..end].cmp(word) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        false
    }

    pub fn len(&self) -> usize {
        self.text[self.start..]
            .bytes()
            .filter(|&b| b == b'\n')
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_word_and_nothing_else() {
        let (list, problems) =
            CommonWords::parse("# a comment\nalpha\nbeta\ncar\ndelta\norder\n".into());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(list.len(), 5);
        for w in ["alpha", "beta", "car", "delta", "order"] {
            assert!(list.contains(w), "{w}");
        }
        for w in [
            "", "a", "alph", "alphaa", "ca", "cars", "zeta", "older", "#",
        ] {
            assert!(!list.contains(w), "{w}");
        }
        assert!(!CommonWords::default().contains("car"));
    }

    #[test]
    fn a_bad_line_is_named_and_left_out() {
        let (list, problems) =
            CommonWords::parse("beta\nalpha\nÉté\ntwo words\nbeta\ngamma".into());
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert!(problems[0].message.contains("after `beta`"), "{problems:?}");
        assert!(list.contains("beta") && list.contains("gamma") && !list.contains("alpha"));
    }

    #[test]
    fn windows_line_ends_and_a_last_line_without_one_are_read() {
        for text in ["alpha\r\nbeta\r\ncar\r\n", "alpha\nbeta\ncar"] {
            let (list, problems) = CommonWords::parse(text.into());
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(list.len(), 3, "{text:?}");
            assert!(
                ["alpha", "beta", "car"].iter().all(|w| list.contains(w)),
                "{text:?}"
            );
            assert!(!list.contains("beta\r"));
        }
    }
}
