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

/// The English and French stems of a normalised word.
pub fn stems(word: &str) -> [String; 2] {
    let (en, fr) = stemmers();
    [en.stem(word).into_owned(), fr.stem(word).into_owned()]
}
