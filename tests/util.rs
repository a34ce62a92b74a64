//! Helpers shared by every test module: a fresh temporary directory, a
//! wrapper that runs the built `tandem` binary, paths to the project's data,
//! and `eqnice!`, which prints expected and actual values in full when they
//! differ.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{self, Stdio};

/// Like `assert_eq!`, but prints both values in full, one after the other
/// and with visible line ends, so long outputs can be compared by eye.
macro_rules! eqnice {
    ($expected:expr, $got:expr $(,)?) => {
        eqnice!($expected, $got, "")
    };
    ($expected:expr, $got:expr, $($msg:tt)+) => {{
        let expected = &$expected;
        let got = &$got;
        if got != expected {
            panic!(
                "\n{}\n\n==== expected ====\n{}\n==== got ====\n{}\n==== end ====\n",
                format!($($msg)+),
                $crate::util::show(expected),
                $crate::util::show(got),
            );
        }
    }};
}

/// A value as `eqnice!` prints it: a string as its text, with `⏎` at the
/// end of each line and `→` before each tab; anything else by `{:#?}`.
pub fn show<T: std::fmt::Debug + ?Sized>(v: &T) -> String {
    let s = format!("{v:#?}");
    match s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => inner.replace("\\n", "⏎\n").replace("\\t", "→\t").replace("\\\"", "\""),
        None => s,
    }
}

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `data/`.
pub fn data(name: &str) -> PathBuf {
    root().join("data").join(name)
}

/// The shared evaluation corpora (`../shared/data/`), when present.
pub fn shared_data() -> Option<PathBuf> {
    let p = root().join("..").join("shared").join("data");
    p.is_dir().then_some(p)
}

/// A fresh temporary directory, removed when dropped.
pub struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    /// Creates an empty directory.
    pub fn new() -> Dir {
        Dir { dir: tempfile::Builder::new().prefix("tandem-test-").tempdir().expect("temp dir") }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside it (nothing is created).
    pub fn join(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// Writes a file and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        fs::write(&path, bytes).expect("write test file");
        path
    }

    /// Reads a file of the directory as UTF-8.
    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.join(name)).expect("read test file")
    }

    /// The names of the files in the directory, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.path())
            .expect("list dir")
            .map(|e| e.expect("dir entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A `tandem` command run inside this directory.
    pub fn command(&self) -> TestCommand {
        let mut cmd = TestCommand::new();
        cmd.cmd.current_dir(self.path());
        cmd
    }
}

/// A `tandem` command line built argument by argument.
pub struct TestCommand {
    cmd: process::Command,
}

/// What a finished command printed and returned.
#[derive(Debug)]
pub struct Output {
    /// Standard output, raw.
    pub stdout_bytes: Vec<u8>,
    /// Standard output as text (lossy).
    pub stdout: String,
    /// Standard error as text (lossy).
    pub stderr: String,
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
}

impl TestCommand {
    /// The built binary with no arguments, run in the project root.
    pub fn new() -> TestCommand {
        let mut cmd = process::Command::new(env!("CARGO_BIN_EXE_tandem"));
        cmd.current_dir(root()).stdin(Stdio::null());
        TestCommand { cmd }
    }

    /// Adds one argument.
    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut TestCommand {
        self.cmd.arg(arg);
        self
    }

    /// Adds several arguments.
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(&mut self, args: I) -> &mut TestCommand {
        self.cmd.args(args);
        self
    }

    /// Runs the command to the end.
    pub fn run(&mut self) -> Output {
        let out = self.cmd.output().expect("run the tandem binary");
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            stdout_bytes: out.stdout,
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// Runs the command and requires success (exit 0, nothing on stderr
    /// but warnings); returns standard output.
    pub fn stdout(&mut self) -> String {
        let out = self.run();
        assert_eq!(out.code, 0, "{:?} failed:\nstderr: {}\nstdout: {}", self.cmd, out.stderr, out.stdout);
        out.stdout
    }

    /// Runs the command and requires the error exit code 2 and an error
    /// message on stderr and nothing on stdout; returns stderr.
    pub fn error(&mut self) -> String {
        let out = self.run();
        assert_eq!(
            out.code, 2,
            "{:?} should fail with code 2:\nstderr: {}\nstdout: {}",
            self.cmd, out.stderr, out.stdout
        );
        assert!(out.stderr.contains("error"), "{:?}: no error message:\n{}", self.cmd, out.stderr);
        assert!(out.stdout.is_empty(), "{:?}: output despite the error:\n{}", self.cmd, out.stdout);
        out.stderr
    }
}
