//! `baseline.toml`: the article as its facts were last checked against it, by content: every
//! sentence (section, plain text, reference numbers) and every reference (title, URL, website,
//! author, dates). Written by `mila-bot check --accept`; `check` compares the article with it.
//! Line numbers are not recorded, so moving text around is not a change.

use super::files::{self, line_col};
use super::wikitext::{Article, Reference, Sentence};
use super::KnowledgeError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const HEADER: &str = "\
# The article as the facts were last checked against it: written by `mila-bot check --accept`,
# compared with article.wikitext by `mila-bot check`. Not edited by hand.
";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// SHA-256 of article.wikitext when it was recorded.
    pub article_sha256: String,
    #[serde(default, rename = "sentence")]
    pub sentences: Vec<BaseSentence>,
    #[serde(default, rename = "reference")]
    pub references: Vec<BaseReference>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseSentence {
    pub section: String,
    pub text: String,
    #[serde(default)]
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseReference {
    pub n: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub title: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_date: Option<String>,
}

/// Hex SHA-256 of the article's text.
pub fn article_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Baseline {
    /// The baseline of an article: `text` is its wikitext, `article` what it parses into.
    pub fn of(text: &str, article: &Article) -> Self {
        Baseline {
            article_sha256: article_sha256(text),
            sentences: article
                .sentences
                .iter()
                .map(|s| BaseSentence {
                    section: s.section.clone(),
                    text: s.text.clone(),
                    refs: s.refs.clone(),
                })
                .collect(),
            references: article
                .references
                .iter()
                .map(|r| BaseReference {
                    n: r.n,
                    name: r.name.clone(),
                    title: r.title.clone(),
                    url: r.url.clone(),
                    website: r.website.clone(),
                    author: r.author.clone(),
                    date: r.date.clone(),
                    access_date: r.access_date.clone(),
                })
                .collect(),
        }
    }

    /// Parses the text of `baseline.toml`.
    pub fn parse(text: &str) -> Result<Self, KnowledgeError> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            KnowledgeError {
                file: files::BASELINE.into(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })
    }

    /// The text of `baseline.toml`.
    pub fn to_toml(&self) -> String {
        // Plain strings, numbers and tables of them always serialise.
        let body = toml::to_string(self).unwrap_or_default();
        format!("{HEADER}\n{body}")
    }

    /// The recorded article (sentences without line numbers).
    pub fn article(&self) -> Article {
        Article {
            sentences: self
                .sentences
                .iter()
                .map(|s| Sentence {
                    section: s.section.clone(),
                    text: s.text.clone(),
                    refs: s.refs.clone(),
                    line: 0,
                })
                .collect(),
            references: self
                .references
                .iter()
                .map(|r| Reference {
                    n: r.n,
                    name: r.name.clone(),
                    title: r.title.clone(),
                    url: r.url.clone(),
                    website: r.website.clone(),
                    author: r.author.clone(),
                    date: r.date.clone(),
                    access_date: r.access_date.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_reads_back_as_the_article_it_recorded() {
        let text = "A is one.<ref>{{Cite web|url=https://a.example|title=A|date=2020}}</ref>\n\
                    == S ==\nB is ''two''.\n";
        let article = super::super::wikitext::parse(text).unwrap();
        let b = Baseline::of(text, &article);
        let written = b.to_toml();
        assert!(written.starts_with("# The article"), "{written}");
        let back = Baseline::parse(&written).unwrap();
        assert_eq!(back, b);
        let again = back.article();
        assert_eq!(again.references, article.references);
        assert_eq!(again.sentences[1].text, "B is two.");
        assert_eq!(again.sentences[1].section, "S");
    }

    #[test]
    fn an_unknown_key_in_a_baseline_names_its_line() {
        let e = Baseline::parse(
            "article_sha256 = \"x\"\n[[sentence]]\nsection = \"a\"\ntext = \"b\"\nwhat = 1\n",
        )
        .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("baseline.toml", 5), "{e}");
    }
}
