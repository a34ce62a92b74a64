//! Reading documents: bytes to normalised text.
//!
//! Accepts UTF-8 (a BOM is stripped) and UTF-16 with a BOM; any other
//! encoding is named with `--encoding`. Line ends are normalised to `\n` so
//! that byte spans refer to one canonical text.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind, Position, Result};

/// The default `--max-input`: larger files are refused before they are read.
pub const DEFAULT_MAX_INPUT: u64 = 256 * 1024 * 1024;

/// The default `--max-sentences`: a document with more sentences is refused
/// (aligning two documents of this size takes about 6 GB of memory).
pub const DEFAULT_MAX_SENTENCES: usize = 2_000_000;

/// How to read input files.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// An explicit encoding (an encoding_rs label); `None` means UTF-8 or
    /// UTF-16 with a BOM.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Files larger than this many bytes are refused.
    pub max_input: u64,
    /// Documents with more sentences than this are refused.
    pub max_sentences: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions { encoding: None, max_input: DEFAULT_MAX_INPUT, max_sentences: DEFAULT_MAX_SENTENCES }
    }
}

/// Looks up an encoding by its WHATWG label (`windows-1256`, `utf-16le`).
pub fn encoding_for_label(label: &str) -> Result<&'static encoding_rs::Encoding> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| Error::new(ErrorKind::UnknownEncoding { label: label.to_string() }))
}

/// Reads and decodes a file (`-` is standard input).
pub fn read_text(path: &Path, opts: &ReadOptions) -> Result<String> {
    let bytes = read_bytes(path, opts.max_input)?;
    decode(&bytes, path, opts)
}

fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if path == Path::new("-") {
        std::io::stdin().take(limit + 1).read_to_end(&mut buf).map_err(|e| Error::io(path, e))?;
    } else {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            return Err(Error::io(path, std::io::Error::other("is a directory, not a text file")));
        }
        if meta.len() > limit {
            return Err(Error::new(ErrorKind::TooLarge {
                pos: Position::file(path),
                size: meta.len(),
                limit,
            }));
        }
        file.take(limit + 1).read_to_end(&mut buf).map_err(|e| Error::io(path, e))?;
    }
    if buf.len() as u64 > limit {
        return Err(Error::new(ErrorKind::TooLarge {
            pos: Position::file(path),
            size: buf.len() as u64,
            limit,
        }));
    }
    Ok(buf)
}

/// Decodes bytes read from `path` (the path is only used in messages).
pub fn decode(bytes: &[u8], path: &Path, opts: &ReadOptions) -> Result<String> {
    let text = match opts.encoding {
        Some(enc) => decode_with(bytes, enc, path)?,
        None => decode_auto(bytes, path)?,
    };
    let text = normalise_newlines(text);
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty { pos: Position::file(path) }));
    }
    Ok(text)
}

fn decode_auto(bytes: &[u8], path: &Path) -> Result<String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom_len..], enc, path);
    }
    if looks_like_utf16(bytes) {
        return Err(Error::new(ErrorKind::Encoding {
            pos: Position::file(path).with_byte(0),
            encoding: "UTF-8".into(),
            hint: "it looks like UTF-16 without a byte-order mark; pass --encoding utf-16le (or utf-16be)"
                .into(),
        }));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::new(ErrorKind::Encoding {
                pos: Position::file(path).with_line(line).with_byte(at as u64),
                encoding: "UTF-8".into(),
                hint: format!(
                    "byte 0x{:02X} starts no UTF-8 character; if the file is Arabic saved by Windows, pass --encoding windows-1256 (or name its encoding)",
                    bytes[at]
                ),
            }))
        }
    }
}

fn decode_with(bytes: &[u8], enc: &'static encoding_rs::Encoding, path: &Path) -> Result<String> {
    let bytes =
        if enc == encoding_rs::UTF_8 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes };
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or_else(|| Error::invalid("input too large to decode"))?;
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            let at = read.saturating_sub(bad as usize);
            let line = out.matches('\n').count() + 1;
            Err(Error::new(ErrorKind::Encoding {
                pos: Position::file(path).with_line(line).with_byte(at as u64),
                encoding: enc.name().to_string(),
                hint: "the bytes there are malformed for that encoding; check --encoding".into(),
            }))
        }
        encoding_rs::DecoderResult::OutputFull => {
            Err(Error::invalid("internal error: decode buffer too small"))
        }
    }
}

/// UTF-16 text of Latin or Arabic script has a high byte of 0x00 (Latin,
/// spaces) or 0x06 (Arabic) in every other position; UTF-8 text almost never
/// has bytes below 0x08, which are control characters.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let n = bytes.len().min(4096) & !1;
    if n < 4 {
        return false;
    }
    let low = |start: usize| bytes[start..n].iter().step_by(2).filter(|&&b| b < 0x08).count();
    let half = n / 2;
    low(0) * 3 > half || low(1) * 3 > half
}

/// CRLF and lone CR become LF.
fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<String> {
        decode(bytes, Path::new("t.txt"), &ReadOptions::default())
    }

    #[test]
    fn strips_utf8_bom_and_crlf() {
        assert_eq!(dec(b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "سلام\r\nhi".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(dec(&le).unwrap(), "سلام\nhi");
        assert_eq!(dec(&be).unwrap(), "سلام\nhi");
    }

    #[test]
    fn windows_1256_is_an_error_with_offset_and_hint() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("ok\nسلام");
        let err = dec(&bytes).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("t.txt:line 2:byte 3"), "{msg}");
        assert!(msg.contains("--encoding windows-1256"), "{msg}");
        let opts = ReadOptions { encoding: Some(encoding_rs::WINDOWS_1256), ..Default::default() };
        assert_eq!(decode(&bytes, Path::new("t"), &opts).unwrap(), "ok\nسلام");
    }

    #[test]
    fn utf16_without_bom_gets_a_hint() {
        let mut le = vec![];
        for u in "hello world".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let msg = dec(&le).unwrap_err().to_string();
        assert!(msg.contains("utf-16le"), "{msg}");
    }

    #[test]
    fn arabic_utf16_without_bom_gets_a_hint() {
        let mut le = vec![];
        for u in "قال الوزير إن السد آمن".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let msg = dec(&le).unwrap_err().to_string();
        assert!(msg.contains("utf-16le"), "{msg}");
    }

    #[test]
    fn empty_and_blank_are_errors() {
        assert!(matches!(dec(b"").unwrap_err().kind(), ErrorKind::Empty { .. }));
        assert!(matches!(dec(b" \n\r\n\t").unwrap_err().kind(), ErrorKind::Empty { .. }));
        assert!(matches!(dec(b"\xEF\xBB\xBF").unwrap_err().kind(), ErrorKind::Empty { .. }));
    }

    #[test]
    fn unknown_label_is_an_error() {
        assert!(encoding_for_label("klingon-8").is_err());
        assert_eq!(encoding_for_label("windows-1256").unwrap(), encoding_rs::WINDOWS_1256);
    }
}
