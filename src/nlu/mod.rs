//! Text tools the knowledge and the engine share, independent of both: normalisation, cues
//! and their index, stems, and the typo-correcting vocabulary. Nothing here knows about Mila or
//! about the knowledge files.

pub mod common;
pub mod cue;
pub mod index;
pub mod memo;
pub mod normalize;
pub mod pattern;
pub mod stem;
pub mod vocab;

pub use common::CommonWords;
pub use cue::Cue;
pub use index::{CueIndex, CueSet, Entry, Slot};
pub use normalize::{normalize, tokens};
pub use pattern::Pattern;
pub use vocab::Vocab;
