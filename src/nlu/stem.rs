//! Word stems (Snowball, English and French), so that "integrated" in a question meets
//! "integrate" in the article.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

fn stemmers() -> &'static (Stemmer, Stemmer) {
    static S: OnceLock<(Stemmer, Stemmer)> = OnceLock::new();
    S.get_or_init(|| {
        (
            Stemmer::create(Algorithm::English),
            Stemmer::create(Algorithm::French),
        )
    })
}

/// The English stem of a normalised word, for English text.
pub fn english(word: &str) -> String {
    stemmers().0.stem(word).into_owned()
}

/// The French stem of a normalised word, tagged so that it never meets an English stem: "parti"
/// (French, "started") must not match "part" (English).
pub fn french(word: &str) -> String {
    ["fr:", &stemmers().1.stem(word)].concat()
}

/// Both stems of a word whose language is not known (a question's words).
pub fn stems(word: &str) -> [String; 2] {
    [english(word), french(word)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_stems_never_meet() {
        assert_eq!(english("integrated"), english("integrate"));
        assert_eq!(french("fondée"), french("fondé"));
        assert!(!stems("parti").contains(&english("part")));
    }
}
