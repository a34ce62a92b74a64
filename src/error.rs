//! One error type for the whole library, in the manner of rust-csv: a boxed
//! kind that carries the facts and the position that `Display` prints.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Result alias used throughout tandem.
pub type Result<T> = std::result::Result<T, Error>;

/// Where in an input an error was found. Every field is optional because not
/// every input has lines or sentences (a command-line option has neither).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Position {
    /// The file, or a label such as `<stdin>` or `record 3`.
    pub file: Option<PathBuf>,
    /// 1-based line number.
    pub line: Option<usize>,
    /// 0-based byte offset in the file.
    pub byte: Option<u64>,
}

impl Position {
    /// A position naming only a file.
    pub fn file(path: impl AsRef<Path>) -> Position {
        Position { file: Some(path.as_ref().to_path_buf()), ..Position::default() }
    }

    /// The same position at a 1-based line.
    pub fn with_line(mut self, line: usize) -> Position {
        self.line = Some(line);
        self
    }

    /// The same position at a 0-based byte offset.
    pub fn with_byte(mut self, byte: u64) -> Position {
        self.byte = Some(byte);
        self
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            sep = ":";
        }
        if let Some(line) = self.line {
            write!(f, "{sep}line {line}")?;
            sep = ":";
        }
        if let Some(byte) = self.byte {
            write!(f, "{sep}byte {byte}")?;
        }
        Ok(())
    }
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    Io {
        /// Which file, and what was being done.
        pos: Position,
        /// The operating system's error.
        err: io::Error,
    },
    /// The bytes are not valid text in the expected encoding.
    Encoding {
        /// File and byte offset of the first bad byte.
        pos: Position,
        /// The encoding that was tried.
        encoding: String,
        /// A suggestion for the user (an `--encoding` value, say).
        hint: String,
    },
    /// An `--encoding` label that no known encoding answers to.
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
    /// The input holds no text to align.
    Empty {
        /// The empty file.
        pos: Position,
    },
    /// The input is larger than the configured limit.
    TooLarge {
        /// The file.
        pos: Position,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A line of a structured file (gold alignment, dictionary, manifest,
    /// JSON record) could not be parsed.
    Parse {
        /// File and line.
        pos: Position,
        /// What was expected.
        msg: String,
    },
    /// The declared language does not fit the text.
    Language {
        /// The file.
        pos: Position,
        /// What does not fit.
        msg: String,
    },
    /// An option or a combination of inputs that cannot work.
    Invalid {
        /// Why.
        msg: String,
    },
}

/// The error of every fallible tandem function.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

impl Error {
    /// Wraps a kind.
    pub fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// An I/O error on a file.
    pub fn io(path: impl AsRef<Path>, err: io::Error) -> Error {
        Error::new(ErrorKind::Io { pos: Position::file(path), err })
    }

    /// A parse error at a line of a file.
    pub fn parse(pos: Position, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Parse { pos, msg: msg.into() })
    }

    /// An invalid option or input combination.
    pub fn invalid(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid { msg: msg.into() })
    }

    /// The position of the error, when it has one.
    pub fn position(&self) -> Option<&Position> {
        match &*self.0 {
            ErrorKind::Io { pos, .. }
            | ErrorKind::Encoding { pos, .. }
            | ErrorKind::Empty { pos }
            | ErrorKind::TooLarge { pos, .. }
            | ErrorKind::Parse { pos, .. }
            | ErrorKind::Language { pos, .. } => Some(pos),
            ErrorKind::UnknownEncoding { .. } | ErrorKind::Invalid { .. } => None,
        }
    }

    /// True when the error is an I/O error (a missing file, a full disk).
    pub fn is_io(&self) -> bool {
        matches!(&*self.0, ErrorKind::Io { .. })
    }

    /// True when the I/O error is a broken pipe (the reader went away), also
    /// when the csv writer wrapped it.
    pub fn is_broken_pipe(&self) -> bool {
        let ErrorKind::Io { err, .. } = &*self.0 else { return false };
        if err.kind() == io::ErrorKind::BrokenPipe {
            return true;
        }
        let inner = err.get_ref().and_then(|e| e.downcast_ref::<csv::Error>());
        matches!(inner.map(csv::Error::kind), Some(csv::ErrorKind::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Io { pos, err } => write!(f, "{pos}: {err}"),
            ErrorKind::Encoding { pos, encoding, hint } => {
                write!(f, "{pos}: not valid {encoding}; {hint}")
            }
            ErrorKind::UnknownEncoding { label } => write!(
                f,
                "unknown encoding {label:?} (try utf-8, utf-16le, utf-16be, windows-1256, iso-8859-6, windows-1252)"
            ),
            ErrorKind::Empty { pos } => write!(f, "{pos}: no text to align (empty or blank)"),
            ErrorKind::TooLarge { pos, size, limit } => write!(
                f,
                "{pos}: {size} bytes is more than the input limit of {limit} bytes (raise it with --max-input)"
            ),
            ErrorKind::Parse { pos, msg } => write!(f, "{pos}: {msg}"),
            ErrorKind::Language { pos, msg } => write!(f, "{pos}: {msg}"),
            ErrorKind::Invalid { msg } => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Io { err, .. } => Some(err),
            _ => None,
        }
    }
}
