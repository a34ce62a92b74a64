//! The `tandem` binary: parse the command line, run, map the outcome to an
//! exit code. Everything else is in the library.

mod batch_cli;
mod bench_cli;
mod cli;
mod import_cli;
mod pair_cli;

fn main() {
    let args = cli::parse();
    let code = match cli::run(args) {
        Ok(code) => code,
        Err(err) if err.is_broken_pipe() => 0,
        Err(err) => {
            eprintln!("tandem: error: {err}");
            cli::EXIT_ERROR
        }
    };
    std::process::exit(code);
}
