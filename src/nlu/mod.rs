//! Understanding a question: normalisation, typo correction against the knowledge's
//! vocabulary, and phrase (cue) matching. Everything here is data-driven: the words come from
//! `knowledge/`.

pub mod cue;
pub mod normalize;
pub mod parse;
pub mod scoring;
pub mod vocab;

pub use cue::Cue;
pub use normalize::{normalize, tokens};
pub use vocab::Vocab;
