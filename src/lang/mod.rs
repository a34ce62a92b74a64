//! Language data: one table per language, and script detection.
//!
//! The segmenter and the anchor finder ask these tables; no language fact is
//! written into their logic. To add a language, add a file beside this one
//! and list its `RULES` in [`ALL`].

mod ar;
mod de;
mod el;
mod en;
mod es;
mod fa;
mod fr;
mod he;
mod hi;
mod id;
mod it;
mod ja;
mod ko;
mod nl;
mod pl;
mod pt;
mod ru;
mod tr;
mod uk;
mod ur;
mod zh;

/// The writing system of a character, as far as alignment cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Latin letters (English, German, French…).
    Latin,
    /// Arabic letters (Arabic, Persian, Urdu).
    Arabic,
    /// Cyrillic letters.
    Cyrillic,
    /// Greek letters.
    Greek,
    /// Hebrew letters.
    Hebrew,
    /// Han, kana and Hangul.
    Cjk,
    /// Letters of any other script.
    Other,
}

/// The language rules the segmenter and anchor finder use.
#[derive(Debug)]
pub struct LangRules {
    /// ISO 639-1 code (`und` when unknown).
    pub code: &'static str,
    /// The script the language is written in.
    pub script: Script,
    /// Abbreviations (lower case, no final dot, sorted) after which a
    /// sentence never ends: titles, months, `e.g`.
    pub non_final: &'static [&'static str],
    /// Abbreviations (lower case, no final dot, sorted) that are followed by
    /// a number (`No. 5`, `Jan. 2019`); before anything else the full stop
    /// ends the sentence, as the same word can ("He said no.").
    pub before_number: &'static [&'static str],
    /// Frequent function words (lower case, sorted). A capitalised one after
    /// an ambiguous abbreviation such as `U.S.` starts a new sentence; they
    /// also tell languages of one script apart and are not names.
    pub function_words: &'static [&'static str],
    /// Numbers spelled out (normalised as the anchor finder normalises
    /// words, sorted), with their value: law and literature write "sixty
    /// days" where the translation has "60".
    pub number_words: &'static [(&'static str, u64)],
    /// Words that may join number words ("one hundred and five").
    pub number_joiners: &'static [&'static str],
    /// Letters beyond a–z the language writes (lower case): a text full of
    /// others (ő, ł, å, ã) is another Latin-script language, whatever
    /// function words it shares with this one ("a", "de", "en").
    pub letters: &'static str,
    /// A text word that no form of finds in a word list is looked up by its
    /// longest listed prefix of at least this many letters (0: never). For
    /// languages that add more suffixes than a list can spell out (Turkish
    /// evlerimizden, Polish domach): the prefix is the listed stem.
    pub prefix_lookup: usize,
}

impl LangRules {
    /// True if `word` (lower case, without the dot) never ends a sentence.
    pub fn is_non_final(&self, word: &str) -> bool {
        self.non_final.binary_search(&word).is_ok()
    }

    /// True if `word` (lower case, without the dot) is an abbreviation that
    /// precedes a number.
    pub fn is_before_number(&self, word: &str) -> bool {
        self.before_number.binary_search(&word).is_ok()
    }

    /// The value of a number word (normalised), if it is one.
    pub fn number_word(&self, word: &str) -> Option<u64> {
        self.number_words.binary_search_by(|(w, _)| (*w).cmp(word)).ok().map(|k| self.number_words[k].1)
    }

    /// True if `word` (lower case) is a function word.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.binary_search(&word).is_ok()
    }
}

/// Rules for a language without a table: UAX #29 and the generic fixes only.
pub static UNKNOWN: LangRules = LangRules {
    code: "und",
    script: Script::Other,
    non_final: &[],
    before_number: &[],
    function_words: &[],
    number_words: &[],
    number_joiners: &[],
    letters: "",
    prefix_lookup: 0,
};

/// Every language with a table.
pub static ALL: &[&LangRules] = &[
    &en::RULES,
    &ar::RULES,
    &de::RULES,
    &fr::RULES,
    &es::RULES,
    &it::RULES,
    &pt::RULES,
    &nl::RULES,
    &pl::RULES,
    &tr::RULES,
    &id::RULES,
    &fa::RULES,
    &ru::RULES,
    &uk::RULES,
    &ur::RULES,
    &zh::RULES,
    &ja::RULES,
    &ko::RULES,
    &el::RULES,
    &he::RULES,
    &hi::RULES,
];

/// Looks up a language by ISO 639-1 code (case-insensitive). Unknown codes get
/// generic rules that keep the code's script unknown.
pub fn by_code(code: &str) -> Option<&'static LangRules> {
    let code = code.trim().to_ascii_lowercase();
    ALL.iter().copied().find(|r| r.code == code)
}

/// The script of a letter; `None` for digits, spaces, punctuation and marks.
pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    let s = match u {
        0x41..=0x5A | 0x61..=0x7A => Script::Latin,
        0x00C0..=0x024F | 0x1E00..=0x1EFF if c.is_alphabetic() => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            // Explicit ranges: the general Unicode lookup was a tenth of the
            // time of aligning a long Arabic document.
            return is_arabic_letter(u).then_some(Script::Arabic);
        }
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF => Script::Cjk,
        _ if c.is_alphabetic() => Script::Other,
        _ => return None,
    };
    Some(s)
}

/// Letters of the Arabic blocks (digits, punctuation and marks excluded).
#[inline]
pub fn is_arabic_letter(u: u32) -> bool {
    matches!(u,
        0x0620..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5 | 0x06E5..=0x06E6
        | 0x06EE..=0x06EF | 0x06FA..=0x06FC | 0x06FF | 0x0750..=0x077F | 0x08A0..=0x08C9
        | 0xFB50..=0xFDFB | 0xFE70..=0xFEFC)
}

/// Letters per script in a text.
#[derive(Debug, Default, Clone, Copy)]
pub struct ScriptCounts {
    /// Latin letters.
    pub latin: usize,
    /// Arabic letters.
    pub arabic: usize,
    /// Of those, پ چ ژ گ, which Persian writes often and Arabic only in
    /// foreign names.
    pub persian: usize,
    /// Of those, ٹ ڈ ڑ ں ے, which Urdu writes often and Persian and Arabic
    /// never.
    pub urdu: usize,
    /// Of those, ة, which Arabic writes often and Persian and Urdu hardly.
    pub teh_marbuta: usize,
    /// Letters of every other script.
    pub other: usize,
    /// Of those, Han letters (Chinese characters, also written in Japanese).
    pub han: usize,
    /// Of those, Japanese kana.
    pub kana: usize,
    /// Of those, Cyrillic letters.
    pub cyrillic: usize,
    /// Of those, ы, which Russian writes often and Ukrainian and
    /// Bulgarian never.
    pub yery: usize,
    /// Of those, і ї є ґ ў, which Russian never writes.
    pub not_russian: usize,
    /// Of those, ў, which Belarusian writes and Ukrainian does not.
    pub short_u: usize,
    /// Of those, Hangul syllables.
    pub hangul: usize,
    /// Of those, Greek letters.
    pub greek: usize,
    /// Of those, Hebrew letters.
    pub hebrew: usize,
    /// Of those, Devanagari letters.
    pub devanagari: usize,
}

impl ScriptCounts {
    /// Counts the letters of `text`.
    pub fn of(text: &str) -> ScriptCounts {
        let mut n = ScriptCounts::default();
        for c in text.chars() {
            match script_of(c) {
                Some(Script::Latin) => n.latin += 1,
                Some(Script::Arabic) => {
                    n.arabic += 1;
                    match c {
                        'پ' | 'چ' | 'ژ' | 'گ' => n.persian += 1,
                        'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' => n.urdu += 1,
                        'ة' => n.teh_marbuta += 1,
                        _ => {}
                    }
                }
                Some(Script::Cjk) => {
                    n.other += 1;
                    match c as u32 {
                        0x3040..=0x30FF => n.kana += 1,
                        0x3400..=0x4DBF | 0x4E00..=0x9FFF => n.han += 1,
                        0xAC00..=0xD7AF => n.hangul += 1,
                        _ => {}
                    }
                }
                Some(Script::Cyrillic) => {
                    n.other += 1;
                    n.cyrillic += 1;
                    match c {
                        'ы' | 'Ы' => n.yery += 1,
                        'і' | 'І' | 'ї' | 'Ї' | 'є' | 'Є' | 'ґ' | 'Ґ' => n.not_russian += 1,
                        'ў' | 'Ў' => {
                            n.not_russian += 1;
                            n.short_u += 1;
                        }
                        _ => {}
                    }
                }
                Some(Script::Greek) => {
                    n.other += 1;
                    n.greek += 1;
                }
                Some(Script::Hebrew) => {
                    n.other += 1;
                    n.hebrew += 1;
                }
                Some(_) => {
                    n.other += 1;
                    n.devanagari += usize::from(matches!(c as u32, 0x0900..=0x097F));
                }
                None => {}
            }
        }
        n
    }

    /// All letters.
    pub fn total(&self) -> usize {
        self.latin + self.arabic + self.other
    }

    /// The script of most letters, if any letter was seen.
    pub fn dominant(&self) -> Option<Script> {
        if self.total() == 0 {
            None
        } else if self.arabic >= self.latin && self.arabic >= self.other {
            Some(Script::Arabic)
        } else if self.latin >= self.other {
            Some(Script::Latin)
        } else {
            Some(Script::Other)
        }
    }

    /// The script of most letters, with the scripts counted among the
    /// others told apart: Han, kana and Hangul as [`Script::Cjk`], and
    /// Cyrillic, Greek or Hebrew when one is more than half of them.
    pub fn script(&self) -> Option<Script> {
        let found = self.dominant()?;
        if found != Script::Other {
            return Some(found);
        }
        let cjk = self.han + self.kana + self.hangul;
        Some(
            [
                (cjk, Script::Cjk),
                (self.cyrillic, Script::Cyrillic),
                (self.greek, Script::Greek),
                (self.hebrew, Script::Hebrew),
            ]
            .into_iter()
            .find(|&(n, _)| n * 2 > self.other)
            .map_or(Script::Other, |(_, s)| s),
        )
    }
}

/// Guesses the language of a document from its script and, for Latin script,
/// its function words. Returns [`UNKNOWN`] when nothing fits.
pub fn detect(text: &str) -> &'static LangRules {
    let sample: String = text.chars().take(20_000).collect();
    let counts = ScriptCounts::of(&sample);
    match counts.dominant() {
        // Urdu and Persian letters make a few in a hundred of their texts,
        // and more than the ة of Arabic, which names Paris پاريس at times.
        Some(Script::Arabic) if counts.urdu * 100 >= counts.arabic && counts.urdu > counts.teh_marbuta => {
            &ur::RULES
        }
        Some(Script::Arabic)
            if counts.persian * 100 >= counts.arabic && counts.persian > counts.teh_marbuta =>
        {
            &fa::RULES
        }
        Some(Script::Arabic) => &ar::RULES,
        Some(Script::Latin) => latin_language(&sample, counts.latin),
        // Chinese: mostly Han letters, hardly any kana (Japanese writes
        // its grammar in kana).
        Some(Script::Other) if counts.han * 2 > counts.other && counts.kana * 10 < counts.han => &zh::RULES,
        // Japanese: Han letters and kana, kana at least a tenth as many
        // (its grammar is written in kana).
        Some(Script::Other) if (counts.han + counts.kana) * 2 > counts.other => &ja::RULES,
        // Russian: mostly Cyrillic, with ы (about 2% of Russian letters)
        // and without the letters of Ukrainian and Belarusian.
        Some(Script::Other)
            if counts.cyrillic * 2 > counts.other
                && counts.yery * 300 >= counts.cyrillic
                && counts.not_russian * 300 < counts.cyrillic =>
        {
            &ru::RULES
        }
        // Ukrainian: і ї є ґ (і alone is about one letter in twenty), no ў.
        Some(Script::Other)
            if counts.cyrillic * 2 > counts.other
                && counts.not_russian * 100 >= counts.cyrillic
                && counts.short_u * 1000 < counts.cyrillic =>
        {
            &uk::RULES
        }
        Some(Script::Other) if counts.hangul * 2 > counts.other => &ko::RULES,
        Some(Script::Other) if counts.greek * 2 > counts.other => &el::RULES,
        Some(Script::Other) if counts.hebrew * 2 > counts.other => &he::RULES,
        // Devanagari also writes Marathi and Nepali: Hindi only when its
        // function words are as frequent as in Hindi text.
        Some(Script::Other)
            if counts.devanagari * 2 > counts.other && function_share(&sample, &hi::RULES) * 6.0 >= 1.0 =>
        {
            &hi::RULES
        }
        _ => &UNKNOWN,
    }
}

/// The share of the words of `sample` that are function words of `rules`.
fn function_share(sample: &str, rules: &LangRules) -> f64 {
    let (mut words, mut hits) = (0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphanumeric() && !is_combining(c)).filter(|w| !w.is_empty()) {
        words += 1;
        hits += usize::from(rules.is_function_word(&w.to_lowercase()));
    }
    hits as f64 / words.max(1) as f64
}

/// Vowel signs and other marks that belong inside a word (Devanagari
/// matras are not alphabetic to Rust's `char::is_alphanumeric` test).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963 | 0x0300..=0x036F)
}

/// The Latin-script language whose function words make at least a sixth of
/// the words, half again as many as any other language's, and whose
/// alphabet has nearly all the letters; [`UNKNOWN`] otherwise. In real
/// documents function words are a quarter to a half of the words and the
/// runner-up has a third of that at most; Dutch, Italian or Hungarian
/// reach about a sixth through short words they share with these lists
/// ("de", "en", "il", "a"), split between two lists or with letters none has.
/// A language whose own letters (no other table has ı, ş, ğ, ł) make one in
/// two hundred needs only a twelfth: Turkish writes its function words as
/// suffixes.
fn latin_language(sample: &str, latin_letters: usize) -> &'static LangRules {
    let words: Vec<String> =
        sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let accented: Vec<char> = sample
        .chars()
        .filter(|&c| !c.is_ascii() && script_of(c) == Some(Script::Latin))
        .flat_map(char::to_lowercase)
        .collect();
    let latin = || ALL.iter().filter(|r| r.script == Script::Latin);
    let (mut best, mut best_hits, mut second) = (&UNKNOWN, 0, 0);
    for rules in latin() {
        let foreign = accented.iter().filter(|&&c| !rules.letters.contains(c)).count();
        if foreign * 100 > latin_letters {
            continue;
        }
        let hits = words.iter().filter(|w| rules.is_function_word(w)).count();
        if hits > best_hits {
            (best, best_hits, second) = (rules, hits, best_hits);
        } else {
            second = second.max(hits);
        }
    }
    let own = accented
        .iter()
        .filter(|&&c| {
            best.letters.contains(c) && !latin().any(|r| r.code != best.code && r.letters.contains(c))
        })
        .count();
    let needed = if own * 200 >= latin_letters { 12 } else { 6 };
    if best_hits * needed >= words.len() && best_hits * 2 >= second * 3 { best } else { &UNKNOWN }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_lower_case() {
        for rules in ALL {
            for table in [rules.non_final, rules.before_number, rules.function_words] {
                for w in table.windows(2) {
                    assert!(w[0] < w[1], "{}: {:?} before {:?}", rules.code, w[0], w[1]);
                }
                for w in table.iter() {
                    assert_eq!(w.to_lowercase(), *w, "{}: {w}", rules.code);
                }
            }
            for w in rules.number_words.windows(2) {
                assert!(w[0].0 < w[1].0, "{}: {:?} before {:?}", rules.code, w[0], w[1]);
            }
        }
    }

    #[test]
    fn detects_languages() {
        assert_eq!(detect("The minister said that the dam is safe.").code, "en");
        assert_eq!(detect("قال الوزير إن السد آمن.").code, "ar");
        assert_eq!(detect("Der Minister sagte, dass die Brücke sicher ist.").code, "de");
        assert_eq!(detect("Le ministre a dit que le pont est sûr et les routes aussi.").code, "fr");
        assert_eq!(detect("El ministro dijo que el puente es seguro para los coches.").code, "es");
        assert_eq!(detect("12 34 56").code, "und");
        assert_eq!(
            detect("وزیر گفت که پل امن است و دولت هفته آینده جاده‌های جدیدی در شهر می‌سازد.").code,
            "fa"
        );
        assert_eq!(
            detect("وزیر نے کہا کہ پل محفوظ ہے اور حکومت اگلے ہفتے شہر میں نئی سڑکیں بنائے گی۔").code,
            "ur"
        );
        // Arabic naming a foreign place is still Arabic.
        assert_eq!(detect("زار الوزير مدينة پاريس وقال إن الجسر آمن تماما للسيارات والمشاة.").code, "ar");
        // Other Latin-script languages are not taken for the one whose
        // function words they share, nor Dutch split between two lists.
        for other in [
            "A miniszter azt mondta, hogy a híd biztonságos, és a kormány a jövő héten új utakat épít a városban.",
            "Ministern sa att bron är säker och att regeringen bygger nya vägar i staden nästa vecka.",
            "Minister Ahmetović je rekao da je most siguran i da će vlada sljedeći tjedan graditi nove ceste u gradu.",
        ] {
            assert_eq!(detect(other).code, "und", "{other}");
        }
        for (code, text) in [
            (
                "pt",
                "O ministro disse que a ponte é segura. Segundo o governo, as obras terminaram na semana passada.",
            ),
            (
                "nl",
                "De minister zei dat de brug veilig is. Volgens de regering zijn de werkzaamheden vorige week afgerond en gaat het verkeer maandag weer rijden. Veel bewoners geloven het niet en vragen om een onafhankelijke controle.",
            ),
            (
                "it",
                "Il ministro ha detto che il ponte è sicuro. Secondo il governo, i lavori sono finiti la settimana scorsa e il traffico riprenderà lunedì. Molti abitanti della zona non credono a queste parole.",
            ),
            (
                "es",
                "El ministro dijo que el puente es seguro. Según el gobierno, las obras terminaron la semana pasada y el tráfico volverá el lunes.",
            ),
            (
                "fr",
                "Le ministre a dit que le pont est sûr. Selon le gouvernement, les travaux se sont terminés la semaine dernière.",
            ),
        ] {
            assert_eq!(detect(text).code, code, "{text}");
        }
        assert_eq!(detect("部长说这座桥是安全的。").code, "zh");
        assert_eq!(detect("大臣は橋が安全だと言った。").code, "ja");
        assert_eq!(detect("コンピューターのニュースを読んだ。").code, "ja");
        assert_eq!(detect("Погода была холодной, и мы остались дома.").code, "ru");
        assert_eq!(detect("Погода була холодною, і ми залишилися вдома.").code, "uk");
        assert_eq!(
            detect("Надвор'е было халодным, і мы засталіся дома, бо ўсё было мокрым.").code,
            "und",
            "Belarusian"
        );
        assert_eq!(
            detect("Menteri mengatakan bahwa jembatan itu aman dan jalan akan dibuka pada hari Senin.").code,
            "id"
        );
        assert_eq!(detect("Времето беше студено и останахме вкъщи.").code, "und", "nor Bulgarian");
        assert_eq!(detect("장관은 다리가 안전하다고 말했다.").code, "ko");
        assert_eq!(detect("Ο υπουργός είπε ότι η γέφυρα είναι ασφαλής.").code, "el");
        assert_eq!(detect("השר אמר שהגשר בטוח.").code, "he");
        assert_eq!(detect("मंत्री ने कहा कि पुल सुरक्षित है और सड़कें सोमवार को खुलेंगी।").code, "hi");
        assert_eq!(detect("मंत्र्यांनी सांगितले की पूल सुरक्षित आहे आणि रस्ते सोमवारी उघडतील.").code, "und", "Marathi");
        assert_eq!(
            detect("Bakan köprünün güvenli olduğunu ve yolların pazartesi açılacağını söyledi.").code,
            "tr"
        );
        assert_eq!(
            detect("Minister powiedział, że most jest bezpieczny, a drogi zostaną otwarte w poniedziałek.")
                .code,
            "pl"
        );
    }

    #[test]
    fn scripts() {
        assert_eq!(script_of('a'), Some(Script::Latin));
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('ب'), Some(Script::Arabic));
        assert_eq!(script_of('٣'), None);
        assert_eq!(script_of('ـ'), Some(Script::Arabic).filter(|_| 'ـ'.is_alphabetic()));
        assert_eq!(script_of('Ж'), Some(Script::Cyrillic));
        assert_eq!(script_of('.'), None);
    }
}
