//! Dictionary coverage between sentences: which words of a sentence have a
//! translation in a sentence of the other side. Anchors ([`crate::anchor`])
//! keep only rare words, which place a sentence in the whole document; here
//! every word the dictionary knows counts, but only between sentences near
//! each other, where it tells which of two neighbours a sentence belongs to.

use std::collections::HashMap;

use crate::anchor::words;
use crate::dict::Dictionary;
use crate::lang::LangRules;
use crate::segment::Sentence;

/// Most known words of a sentence that count (one bit each).
const MAX_WORDS: usize = 64;

/// Known words per sentence, and for the sentence pairs a search compares
/// ([`Coverage::fill`]) which of them the other sentence covers.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Known words of each source sentence.
    pub known_src: Vec<u32>,
    /// Known words of each target sentence.
    pub known_tgt: Vec<u32>,
    /// For each source sentence, the most of its known words one target
    /// sentence covers, and the most known words of one target sentence it
    /// covers (over the pairs filled): bounds for the search.
    most_covered: Vec<(u32, u32)>,
    /// Each side's known words.
    src: Vec<Known>,
    tgt: Vec<Known>,
    /// Prefix sums of `known_src` and `known_tgt`.
    cum_src: Vec<u32>,
    cum_tgt: Vec<u32>,
    /// First target sentence stored for each source sentence.
    lo: Vec<usize>,
    /// For source sentence i and target sentence `lo[i] + k`: the bits of
    /// i's known words covered by the target sentence, and of the target's
    /// covered by i.
    masks: Vec<Vec<(u64, u64)>>,
    /// Chance that a known word is covered by one known word of an
    /// unrelated sentence (estimated on pairs far from the diagonal).
    pub rho: f64,
}

/// A sentence's known words, each as the entry ids it may translate, and
/// each id with the bits of the words that have it, sorted by id.
#[derive(Debug, Clone)]
struct Known {
    words: Vec<Vec<u32>>,
    ids: Vec<(u32, u64)>,
}

/// Longest prefix tried for [`LangRules::prefix_lookup`], in characters.
const LONGEST_PREFIX: usize = 24;

/// Longest word of a listed language written without spaces, in
/// characters: Chinese words are up to four, Japanese katakana loanwords
/// longer (コンピューター).
const LONGEST_UNSPACED: usize = 8;

/// The listed words of a run of Han letters, by forward maximum matching:
/// from each position the longest substring the dictionaries list, else
/// one letter on.
fn han_words<'a>(run: &'a str, lookup: &impl Fn(&str, &mut Vec<u32>)) -> Vec<(&'a str, Vec<u32>)> {
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
    let (mut out, mut k) = (Vec::new(), 0);
    while k + 1 < starts.len() {
        let longest = (starts.len() - 1 - k).min(LONGEST_UNSPACED);
        let found = (1..=longest).rev().find_map(|l| {
            let mut ids = Vec::new();
            lookup(&run[starts[k]..starts[k + l]], &mut ids);
            (!ids.is_empty()).then_some((l, ids))
        });
        match found {
            Some((l, mut ids)) => {
                ids.sort_unstable();
                ids.dedup();
                out.push((&run[starts[k]..starts[k + l]], ids));
                k += l;
            }
            None => k += 1,
        }
    }
    out
}

fn known(sents: &[Sentence], lang: &LangRules, lookup: impl Fn(&str, &mut Vec<u32>)) -> Vec<Known> {
    let mut cache: HashMap<&str, Vec<u32>> = HashMap::new();
    let unspaced = lang.script == crate::lang::Script::Cjk;
    sents
        .iter()
        .map(|s| {
            let mut out = Known { words: Vec::new(), ids: Vec::new() };
            let mut segmented: Vec<(&str, Vec<u32>)> = Vec::new();
            for w in words(&s.text) {
                if unspaced && w.chars().next().is_some_and(crate::anchor::is_unspaced) {
                    segmented.extend(han_words(w, &lookup));
                    continue;
                }
                let ids = cache.entry(w).or_insert_with(|| {
                    let forms = Dictionary::forms(w);
                    if lang.is_function_word(&forms[0]) {
                        return Vec::new();
                    }
                    let mut ids: Vec<u32> = Vec::new();
                    for f in &forms {
                        lookup(f, &mut ids);
                    }
                    if ids.is_empty() && lang.prefix_lookup > 0 {
                        // Prefixes no longer than the longest listed word: a
                        // megabyte-long token must not cost a megabyte of
                        // lookups, each hashing its prefix.
                        let ends: Vec<usize> = forms[0]
                            .char_indices()
                            .map(|(k, _)| k)
                            .skip(lang.prefix_lookup)
                            .take(LONGEST_PREFIX.saturating_sub(lang.prefix_lookup) + 1)
                            .collect();
                        for &end in ends.iter().rev() {
                            lookup(&forms[0][..end], &mut ids);
                            if !ids.is_empty() {
                                break;
                            }
                        }
                    }
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                });
                if ids.is_empty() || out.words.contains(ids) {
                    continue;
                }
                if out.words.len() < MAX_WORDS {
                    out.words.push(ids.clone());
                }
            }
            for (_, ids) in segmented {
                if !out.words.contains(&ids) && out.words.len() < MAX_WORDS {
                    out.words.push(ids);
                }
            }
            let mut ids: Vec<(u32, u64)> = out
                .words
                .iter()
                .enumerate()
                .flat_map(|(k, ids)| ids.iter().map(move |&id| (id, 1u64 << k)))
                .collect();
            ids.sort_unstable_by_key(|&(id, _)| id);
            // One entry an id, its words' bits joined.
            ids.dedup_by(|later, first| {
                let same = later.0 == first.0;
                if same {
                    first.1 |= later.1;
                }
                same
            });
            out.ids = ids;
            out
        })
        .collect()
}

/// Bits of `a`'s words that have an id in `b`, and of `b`'s that have one
/// in `a`: one merge of the two sorted id lists.
fn covered(a: &Known, b: &Known) -> (u64, u64) {
    let (mut p, mut q, mut bits) = (0, 0, (0u64, 0u64));
    while p < a.ids.len() && q < b.ids.len() {
        let (x, y) = (a.ids[p], b.ids[q]);
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => p += 1,
            std::cmp::Ordering::Greater => q += 1,
            std::cmp::Ordering::Equal => {
                bits.0 |= x.1;
                bits.1 |= y.1;
                p += 1;
                q += 1;
            }
        }
    }
    bits
}

impl Coverage {
    /// The known words of two sides through `dicts`, and ρ. No sentence
    /// pair is compared yet: [`Coverage::fill`] does, for the pairs a
    /// search needs.
    pub fn new(
        src: (&[Sentence], &LangRules),
        tgt: (&[Sentence], &LangRules),
        dicts: &[&Dictionary],
    ) -> Coverage {
        let (n, m) = (src.0.len(), tgt.0.len());
        // Each dictionary's own index (first word → entries), the way round
        // that fits: turned when the source side's words are found on its
        // target side more often. Ids are numbered across the dictionaries.
        let mut lookups: Vec<(&Dictionary, usize, u32)> = Vec::new();
        let mut base = 0u32;
        for dict in dicts {
            let mut hits = [0usize; 2];
            for s in src.0.iter().take(200) {
                for w in words(&s.text) {
                    for (side, h) in hits.iter_mut().enumerate() {
                        *h += if w.chars().next().is_some_and(crate::anchor::is_unspaced) {
                            let on_side =
                                |form: &str, ids: &mut Vec<u32>| ids.extend(dict.starting_with(side, form));
                            han_words(w, &on_side).len()
                        } else {
                            usize::from(!dict.starting_with(side, &Dictionary::forms(w)[0]).is_empty())
                        };
                    }
                }
            }
            lookups.push((dict, usize::from(hits[1] > hits[0]), base));
            base += dict.len() as u32;
        }
        let lookup = |is_src: bool| {
            let lookups = &lookups;
            move |form: &str, ids: &mut Vec<u32>| {
                for &(dict, src_side, base) in lookups {
                    let side = if is_src { src_side } else { 1 - src_side };
                    for &n in dict.starting_with(side, form) {
                        let (s, t) = &dict.entries()[n as usize];
                        if s.len() == 1 && t.len() == 1 {
                            ids.push(base + n);
                        }
                    }
                }
            }
        };
        let (ks, kt) = (known(src.0, src.1, lookup(true)), known(tgt.0, tgt.1, lookup(false)));
        let prefix = |k: &[Known]| -> Vec<u32> {
            std::iter::once(0)
                .chain(k.iter().scan(0, |sum, k| {
                    *sum += k.words.len() as u32;
                    Some(*sum)
                }))
                .collect()
        };
        // ρ from sentence pairs 24 to 48 sentences off the proportional
        // diagonal, where few are translations.
        let (mut far_cov, mut far_pairs) = (0.0f64, 0.0f64);
        for (i, a) in ks.iter().enumerate().filter(|(_, a)| !a.words.is_empty()) {
            let centre = ((i as f64 + 0.5) * m as f64 / n.max(1) as f64) as usize;
            for d in [24, 36, 48] {
                for j in [centre.checked_sub(d), Some(centre + d).filter(|&j| j < m)].into_iter().flatten() {
                    let b = &kt[j];
                    let (x, y) = covered(a, b);
                    far_cov += (x.count_ones() + y.count_ones()) as f64;
                    far_pairs += 2.0 * (a.words.len() * b.words.len()) as f64;
                }
            }
        }
        Coverage {
            known_src: ks.iter().map(|k| k.words.len() as u32).collect(),
            known_tgt: kt.iter().map(|k| k.words.len() as u32).collect(),
            most_covered: Vec::new(),
            cum_src: prefix(&ks),
            cum_tgt: prefix(&kt),
            lo: Vec::new(),
            masks: Vec::new(),
            rho: if far_pairs > 0.0 { (far_cov / far_pairs).max(1e-4) } else { 0.01 },
            src: ks,
            tgt: kt,
        }
    }

    /// Compares each source sentence `i` with the target sentences
    /// `targets(i)`; other pairs count as sharing no word.
    pub fn fill(&mut self, targets: impl Fn(usize) -> std::ops::Range<usize>) {
        let m = self.tgt.len();
        self.lo.clear();
        self.masks.clear();
        self.most_covered.clear();
        for (i, a) in self.src.iter().enumerate() {
            let r = targets(i);
            let (lo, hi) = (r.start.min(m), r.end.min(m));
            let row: Vec<(u64, u64)> = (lo..hi)
                .map(|j| if a.words.is_empty() { (0, 0) } else { covered(a, &self.tgt[j]) })
                .collect();
            let most =
                row.iter().fold((0, 0), |(s, t), &(a, b)| (s.max(a.count_ones()), t.max(b.count_ones())));
            self.most_covered.push(most);
            self.lo.push(lo);
            self.masks.push(row);
        }
    }

    /// Known words of source sentences `r`.
    #[inline]
    pub fn known_in_src(&self, r: std::ops::Range<usize>) -> u32 {
        self.cum_src[r.end] - self.cum_src[r.start]
    }

    /// Known words of target sentences `r`.
    #[inline]
    pub fn known_in_tgt(&self, r: std::ops::Range<usize>) -> u32 {
        self.cum_tgt[r.end] - self.cum_tgt[r.start]
    }

    /// Bounds on the covered words of a bead of source sentences `src` and
    /// `tgt_len` target sentences, wherever they are: (source words covered,
    /// target words covered).
    #[inline]
    pub fn most_covered(&self, src: std::ops::Range<usize>, tgt_len: usize) -> (u32, u32) {
        let n = tgt_len as u32;
        let rows = self.most_covered.get(src).unwrap_or(&[]);
        rows.iter().fold((0, 0), |(s, t), &(a, b)| (s + a * n, t + b * n))
    }

    /// No sentence has a known word (no dictionary applies).
    pub fn is_empty(&self) -> bool {
        self.known_src.iter().all(|&k| k == 0) || self.known_tgt.iter().all(|&k| k == 0)
    }

    /// The masks of source sentence `i` and target sentence `j` (none when
    /// the pair was not filled).
    #[inline]
    fn mask(&self, i: usize, j: usize) -> (u64, u64) {
        match self.lo.get(i) {
            Some(&lo) if j >= lo => self.masks[i].get(j - lo).copied().unwrap_or((0, 0)),
            _ => (0, 0),
        }
    }

    /// Known and covered words of a bead: (source known, source covered,
    /// target known, target covered).
    pub fn of(&self, src: std::ops::Range<usize>, tgt: std::ops::Range<usize>) -> (u32, u32, u32, u32) {
        let (ks, kt) = (self.known_in_src(src.clone()), self.known_in_tgt(tgt.clone()));
        if ks == 0 || kt == 0 {
            return (ks, 0, kt, 0);
        }
        let (mut cs, mut ct) = (0, 0);
        for i in src.clone() {
            let bits = tgt.clone().fold(0u64, |acc, j| acc | self.mask(i, j).0);
            cs += bits.count_ones();
        }
        for j in tgt {
            let bits = src.clone().fold(0u64, |acc, i| acc | self.mask(i, j).1);
            ct += bits.count_ones();
        }
        (ks, cs, kt, ct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::by_code;
    use std::path::Path;

    fn sents(texts: &[&str]) -> Vec<Sentence> {
        texts.iter().map(|t| Sentence { text: t.to_string(), span: 0..0, para: 0 }).collect()
    }

    #[test]
    fn suffixed_words_are_found_by_their_listed_prefix() {
        // Turkish piles up suffixes: okullarımızdan (from our schools).
        let dict = Dictionary::parse("school\tokul\nbig\tbüyük\n", Path::new("d")).unwrap();
        let (en, tr) = (by_code("en").unwrap(), by_code("tr").unwrap());
        let src = sents(&["Our big schools.", "Nothing here."]);
        let tgt = sents(&["Büyük okullarımızdan.", "Burada hiçbir şey yok."]);
        let mut cov = Coverage::new((&src, en), (&tgt, tr), &[&dict]);
        cov.fill(|_| 0..2);
        assert_eq!(cov.of(0..1, 0..1), (2, 2, 2, 2));
        // A token of any length costs at most LONGEST_PREFIX lookups (this
        // one did not finish within a minute before the bound).
        let long = format!("okul{}", "a".repeat(1_000_000));
        let tgt_long = sents(&[&long, "Burada hiçbir şey yok."]);
        assert_eq!(Coverage::new((&src, en), (&tgt_long, tr), &[&dict]).known_tgt[0], 1);
        // English looks words up whole: "schoolteacher" is not "school".
        let src = sents(&["The schoolteachers.", "Nothing here."]);
        let mut cov = Coverage::new((&src, en), (&tgt, tr), &[&dict]);
        cov.fill(|_| 0..2);
        assert_eq!(cov.of(0..1, 0..1).0, 0);
    }

    #[test]
    fn chinese_words_are_found_by_longest_match() {
        let dict = Dictionary::parse(
            "child\t孩子\nchild\t孩\ngarden\t花园\nflower\t花\nplay\t玩耍\n",
            Path::new("d"),
        )
        .unwrap();
        let lookup = |form: &str, ids: &mut Vec<u32>| ids.extend(dict.starting_with(1, form));
        let found: Vec<&str> = han_words("孩子们在花园里玩耍", &lookup).into_iter().map(|(w, _)| w).collect();
        assert_eq!(found, ["孩子", "花园", "玩耍"], "花园 before 花, 孩子 before 孩");
        assert!(han_words("我们", &lookup).is_empty());
        let (en, zh) = (by_code("en").unwrap(), crate::lang::detect("孩子们在花园里玩耍"));
        assert_eq!(zh.code, "zh");
        let src = sents(&["The child played in the garden.", "Nothing here."]);
        let tgt = sents(&["孩子们在花园里玩耍。", "这里什么也没有。"]);
        for (a, b) in [((&src[..], en), (&tgt[..], zh)), ((&tgt[..], zh), (&src[..], en))] {
            let mut cov = Coverage::new(a, b, &[&dict]);
            cov.fill(|_| 0..2);
            assert_eq!(cov.of(0..1, 0..1), (3, 3, 3, 3), "either way round");
            assert_eq!(cov.of(1..2, 1..2), (0, 0, 0, 0));
        }
    }

    #[test]
    fn words_are_covered_by_their_translations_near_the_diagonal() {
        let dict = Dictionary::parse(
            "door\tباب\nopen\tفتح\ndark\tمظلم\nnight\tليل\nthe\tال\n",
            Path::new("test dictionary"),
        )
        .unwrap();
        let (en, ar) = (by_code("en").unwrap(), by_code("ar").unwrap());
        let src = sents(&["The door opened.", "It was a dark night.", "Nothing here."]);
        let tgt = sents(&["فتح الباب.", "كان الليل المظلم طويلاً.", "لا شيء."]);
        let mut cov = Coverage::new((&src, en), (&tgt, ar), &[&dict]);
        assert_eq!(cov.of(0..1, 0..1), (2, 0, 2, 0), "nothing compared before fill");
        cov.fill(|_| 0..3);
        // "the" is a function word; "opened" is found through its lemma, and
        // الباب and المظلم without their article.
        assert_eq!(cov.known_src, [2, 2, 0]);
        assert_eq!(cov.known_tgt, [2, 2, 0]);
        assert_eq!(cov.of(0..1, 0..1), (2, 2, 2, 2));
        assert_eq!(cov.of(0..1, 1..2), (2, 0, 2, 0));
        assert_eq!(cov.of(0..2, 0..2), (4, 4, 4, 4));
        assert_eq!(cov.of(1..2, 0..1), (2, 0, 2, 0));
        assert!(!cov.is_empty());
        // The dictionary is turned when the source is the Arabic side.
        let mut turned = Coverage::new((&tgt, ar), (&src, en), &[&dict]);
        turned.fill(|_| 0..3);
        assert_eq!(turned.of(1..2, 1..2), (2, 2, 2, 2));
        // Pairs not filled have no coverage.
        let mut narrow = Coverage::new((&src, en), (&tgt, ar), &[&dict]);
        narrow.fill(|i| i..i + 1);
        assert_eq!(narrow.of(0..1, 0..1), (2, 2, 2, 2));
        assert_eq!(narrow.of(0..1, 1..2), (2, 0, 2, 0));
    }
}
