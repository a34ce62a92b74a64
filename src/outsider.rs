//! Sentences that belong to no translation: OCR debris and page furniture
//! ("- _-", ".-^ !", a lone letter), text in the other side's script, and
//! lines in the other side's language (German advertisements inside a French
//! text). Such sentences should become 1-0/0-1 beads rather than be forced
//! into a neighbour; [`crate::score`] makes that cheap.

use std::collections::HashMap;

use crate::lang::{Script, ScriptCounts};
use crate::segment::Sentence;

/// Character trigrams of a text's letters, lower case, words padded with a
/// space, so that "die" gives " di", "die", "ie ".
fn trigrams(text: &str, mut f: impl FnMut([char; 3])) {
    let mut window = [' ', ' ', ' '];
    let mut in_word = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let letter = c.is_alphabetic();
        if !letter && !in_word {
            continue;
        }
        let c = if letter { c } else { ' ' };
        window = [window[1], window[2], c];
        if window[1] != ' ' || window[2] != ' ' {
            f(window);
        }
        in_word = letter;
    }
    if in_word {
        window = [window[1], window[2], ' '];
        f(window);
    }
}

/// A character-trigram model of one side of a pair.
struct Model {
    counts: HashMap<[char; 3], u32>,
    total: u32,
}

impl Model {
    fn of(sents: &[Sentence]) -> Model {
        let mut counts = HashMap::new();
        let mut total = 0;
        for s in sents {
            trigrams(&s.text, |t| {
                *counts.entry(t).or_insert(0) += 1;
                total += 1;
            });
        }
        Model { counts, total }
    }

    /// Add-one log-probability of a trigram, leaving `own` occurrences out.
    fn logp(&self, t: &[char; 3], own: u32) -> f64 {
        let c = self.counts.get(t).copied().unwrap_or(0).saturating_sub(own);
        let vocab = self.counts.len() as f64 + 1.0;
        ((c as f64 + 1.0) / (self.total as f64 + vocab)).ln()
    }
}

/// How outsider sentences are found.
#[derive(Debug, Clone)]
pub struct OutsiderConfig {
    /// Fewer letters than this, or letters below `min_letter_share` of the
    /// non-space characters, is debris.
    pub min_letters: usize,
    /// See `min_letters`.
    pub min_letter_share: f64,
    /// A sentence whose trigrams are on average this many nats likelier
    /// under the other side's model than under its own is foreign.
    pub foreign_llr: f64,
    /// Fewest trigrams for the language test.
    pub min_trigrams: usize,
}

impl Default for OutsiderConfig {
    fn default() -> OutsiderConfig {
        OutsiderConfig { min_letters: 3, min_letter_share: 0.5, foreign_llr: 0.5, min_trigrams: 12 }
    }
}

/// Marks the outsiders of each side.
pub fn find(src: &[Sentence], tgt: &[Sentence], cfg: &OutsiderConfig) -> (Vec<bool>, Vec<bool>) {
    let script = |sents: &[Sentence]| {
        let mut n = ScriptCounts::default();
        for s in sents.iter().take(2000) {
            let c = ScriptCounts::of(&s.text);
            n.latin += c.latin;
            n.arabic += c.arabic;
            n.other += c.other;
        }
        n.dominant()
    };
    let (ss, ts) = (script(src), script(tgt));
    let same_script = ss.is_some() && ss == ts;
    let (ms, mt) = if same_script { (Some(Model::of(src)), Some(Model::of(tgt))) } else { (None, None) };
    let side =
        |sents: &[Sentence], own_script: Option<Script>, own: Option<&Model>, other: Option<&Model>| {
            sents
                .iter()
                .map(|s| {
                    is_debris(&s.text, cfg)
                        || wrong_script(&s.text, own_script)
                        || matches!((own, other), (Some(o), Some(x)) if foreign(&s.text, o, x, cfg))
                })
                .collect::<Vec<bool>>()
        };
    (side(src, ss, ms.as_ref(), mt.as_ref()), side(tgt, ts, mt.as_ref(), ms.as_ref()))
}

fn is_debris(text: &str, cfg: &OutsiderConfig) -> bool {
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    if visible == 0 {
        return false; // an empty line is nothing to move
    }
    // Every sentence of both sides comes here, and the Unicode tables are
    // slow: stop counting letters once there are enough for a sentence,
    // whatever the digits.
    let enough = |letters: usize| {
        letters >= cfg.min_letters && letters as f64 >= cfg.min_letter_share * visible as f64
    };
    let mut letters = 0;
    for _ in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if enough(letters) {
            return false;
        }
    }
    let digits = text.chars().filter(|c| c.is_numeric()).count();
    letters + digits < cfg.min_letters
        || ((letters as f64) < cfg.min_letter_share * visible as f64 && digits == 0)
}

fn wrong_script(text: &str, own: Option<Script>) -> bool {
    let Some(own) = own else { return false };
    let n = ScriptCounts::of(text);
    n.total() >= 8 && n.dominant().is_some_and(|d| d != own && d != Script::Other)
}

fn foreign(text: &str, own: &Model, other: &Model, cfg: &OutsiderConfig) -> bool {
    let mut own_counts: HashMap<[char; 3], u32> = HashMap::new();
    trigrams(text, |t| *own_counts.entry(t).or_insert(0) += 1);
    let n: u32 = own_counts.values().sum();
    if (n as usize) < cfg.min_trigrams {
        return false;
    }
    let mut llr = 0.0;
    for (t, &c) in &own_counts {
        llr += c as f64 * (other.logp(t, 0) - own.logp(t, c));
    }
    llr / n as f64 > cfg.foreign_llr
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(texts: &[&str]) -> Vec<Sentence> {
        texts.iter().map(|t| Sentence { text: t.to_string(), span: 0..0, para: 0 }).collect()
    }

    #[test]
    fn debris_script_and_language() {
        let de = sents(&[
            "Wir stiegen am frühen Morgen über den Gletscher zum Gipfel hinauf.",
            "Die Aussicht auf die umliegenden Berge war überwältigend schön.",
            "Am Abend kehrten wir müde, aber glücklich zur Hütte zurück.",
        ]);
        let fr = sents(&[
            "Nous sommes montés tôt le matin par le glacier jusqu'au sommet.",
            ".-^ !",
            "La vue sur les montagnes environnantes était d'une beauté saisissante.",
            "Ihr Fachhändler zeigt Ihnen das funktionelle Programm für die Berge.",
            "Le soir, nous sommes rentrés fatigués mais heureux à la cabane.",
            "قال الوزير إن السد آمن تماما",
        ]);
        let (s, t) = find(&de, &fr, &OutsiderConfig::default());
        assert_eq!(s, [false, false, false]);
        assert_eq!(t, [false, true, false, true, false, true]);
    }

    #[test]
    fn numbers_and_short_headlines_are_not_debris() {
        let cfg = OutsiderConfig::default();
        assert!(!is_debris("1956", &cfg));
        assert!(!is_debris("Everest ( 8848 m )", &cfg));
        assert!(is_debris("A", &cfg));
        assert!(is_debris("* , *^", &cfg));
        assert!(!is_debris("", &cfg));
    }
}
