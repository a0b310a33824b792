//! The fact base: the article, its references, entities, intents and facts (STUB).

use crate::answer::Citation;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct KnowledgeError(pub String);

#[derive(Debug, Clone)]
pub struct Reference {
    pub n: usize,
    pub title: String,
    pub url: String,
    pub website: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub access_date: Option<String>,
}

impl Reference {
    pub fn citation(&self) -> Citation {
        Citation {
            n: self.n,
            title: self.title.clone(),
            url: self.url.clone(),
            website: self.website.clone(),
            date: self.date.clone(),
            access_date: self.access_date.clone(),
        }
    }
}

#[derive(Debug)]
pub struct KnowledgeBase {
    references: Vec<Reference>,
}

impl KnowledgeBase {
    pub fn embedded() -> Result<Self, KnowledgeError> {
        Ok(Self { references: vec![] })
    }
    pub fn load_dir(_dir: &Path) -> Result<Self, KnowledgeError> {
        Ok(Self { references: vec![] })
    }
    pub fn references(&self) -> &[Reference] {
        &self.references
    }
    /// Hex SHA-256 of the knowledge files, for `/about`.
    pub fn content_hash(&self) -> &str {
        "stub"
    }
    /// "12 facts, 9 references, ..." for `/about` and `check`.
    pub fn summary(&self) -> String {
        String::new()
    }
    /// Example questions the bot can answer (from the intents' examples), English first.
    pub fn example_questions(&self) -> Vec<String> {
        vec!["Who founded Mila?".into()]
    }
}
