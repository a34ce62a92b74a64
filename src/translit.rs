//! Cyrillic and Greek words in Latin letters, for matching names across
//! scripts (Путина ~ Putin, Αθήνα ~ Athens) through
//! [`crate::anchor::latin_skeleton`]. A rough, lossy romanisation is enough:
//! the skeleton keeps consonant classes only.

/// The word in Latin letters, lower case; letters of other scripts are kept.
pub fn to_latin(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars().flat_map(char::to_lowercase) {
        let s = match c {
            // Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian)
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'ґ' => "g",
            'д' => "d",
            'ђ' => "dj",
            'ѓ' => "gj",
            'е' | 'ё' | 'э' | 'є' => "e",
            'ж' => "zh",
            'з' => "z",
            'ѕ' => "dz",
            'и' | 'і' | 'ї' | 'й' | 'ы' => "i",
            'ј' => "j",
            'к' => "k",
            'л' => "l",
            'љ' => "lj",
            'м' => "m",
            'н' => "n",
            'њ' => "nj",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'ћ' => "c",
            'ќ' => "kj",
            'у' | 'ў' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'џ' => "dzh",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            // Greek, with and without accents
            'α' | 'ά' => "a",
            'β' => "v",
            'γ' => "g",
            'δ' => "d",
            'ε' | 'έ' => "e",
            'ζ' => "z",
            'η' | 'ή' | 'ι' | 'ί' | 'ϊ' | 'ΐ' => "i",
            'θ' => "th",
            'κ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' | 'ό' | 'ω' | 'ώ' => "o",
            'π' => "p",
            'ρ' => "r",
            'σ' | 'ς' => "s",
            'τ' => "t",
            'υ' | 'ύ' | 'ϋ' | 'ΰ' => "y",
            'φ' => "f",
            'χ' => "ch",
            'ψ' => "ps",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::latin_skeleton;

    #[test]
    fn names_keep_their_skeleton_across_scripts() {
        for (foreign, latin) in [
            ("Путин", "Putin"),
            ("Путина", "Putin"),
            ("Москва", "Moscow"),
            ("Киев", "Kiev"),
            ("Шольц", "Scholz"),
            ("Αθήνα", "Athina"),
            ("Μητσοτάκης", "Mitsotakis"),
        ] {
            let (a, b) = (latin_skeleton(&to_latin(foreign)), latin_skeleton(latin));
            assert!(
                a == b || strsim::jaro_winkler(&a, &b) >= 0.85,
                "{foreign} -> {} ({a}) vs {latin} ({b})",
                to_latin(foreign)
            );
        }
        assert_eq!(to_latin("Ёлка"), "elka");
    }
}
