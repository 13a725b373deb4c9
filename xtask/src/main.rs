//! `cargo xtask`: the course's runner. It runs the chapters on the lesson clock and checks each
//! against its expected log. `cargo xtask help` says how.
//!
//! To add a command: add it to the grammar in `src/cli/flags.rs` (and run `UPDATE_XFLAGS=1 cargo
//! build -p xtask` to write its struct), write `src/cmd/<command>.rs` with a struct that
//! implements [`cli::Cmd`] (its name, help, the words of its own flags, how it reads its struct,
//! what it does), declare the module in `src/cmd/mod.rs`, and add one line
//! `Variant(module::Struct)` to `commands!`, the variant named as the grammar's. The usage and
//! the dispatch come from that line. Cargo is called only from `build`; a run is judged only by `verdict`.
#![forbid(unsafe_code)]

mod cli;
mod cmd;
mod ui;

use std::ffi::OsString;
use std::process::ExitCode;

use cli::flags::{Xtask, XtaskCmd};
use cli::{Cmd, Ctx, Fail, Opts, Spec};
use cmd::{bless, book, check, compare, list, play, practice, prove, readme, tour};
use ui::term;

/// Declares [`Command`], one variant per command, and [`COMMANDS`], their specs, in usage order.
macro_rules! commands {
    ($($variant:ident($ty:ty),)*) => {
        enum Command { $($variant($ty),)* }
        const COMMANDS: &[Spec] = &[$(Spec::of::<$ty>(),)*];
        impl Command {
            /// The command given, read from its struct; `None` for `help`.
            fn parse(given: XtaskCmd) -> Result<Option<Command>, Fail> {
                match given {
                    XtaskCmd::Help(_) => Ok(None),
                    $(XtaskCmd::$variant(f) => <$ty>::parse(f).map(|c| Some(Command::$variant(c))),)*
                }
            }
            #[cfg(test)]
            fn name(&self) -> &'static str {
                match self { $(Command::$variant(_) => <$ty>::NAME,)* }
            }
            fn run(self, ctx: &Ctx) -> Result<bool, Fail> {
                match self { $(Command::$variant(c) => c.run(ctx),)* }
            }
        }
    };
}

commands! {
    Tour(tour::Tour),
    Hint(list::Hint),
    List(list::List),
    Run(check::RunOne),
    RunAll(check::RunAll),
    Compare(compare::Compare),
    Prove(prove::Prove),
    Play(play::Play),
    Watch(practice::watch::Watch),
    Check(practice::check::Check),
    Reset(practice::reset::Reset),
    // The maintainers' (`Cmd::MAINTAINERS`): the usage shows them apart.
    Readme(readme::Readme),
    Book(book::Book),
    Bless(bless::Bless),
    Timeline(cmd::timeline::Pictures),
    CheckSolutions(practice::solutions::CheckSolutions),
}

fn main() -> ExitCode {
    // The terminal is given back, and every child killed, however the runner ends.
    term::install(course::child::kill_all);
    let ran = parse(std::env::args_os().skip(1)).and_then(|parsed| match parsed {
        Some((opts, command)) => Ctx::new(opts).and_then(|ctx| command.run(&ctx)),
        None => {
            print!("{}", cli::usage(COMMANDS, term::width().unwrap_or(80)));
            Ok(true)
        }
    });
    match ran {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Fail::Usage(msg)) => usage_error(&msg),
        Err(Fail::Broken(msg)) => {
            say_error(&msg);
            ExitCode::from(1)
        }
    }
}

/// `error: ...`, wrapped to the terminal when stderr is one (whole words, code spans kept).
fn say_error(msg: &str) {
    eprintln!(
        "{}",
        textfit::wrap(&format!("error: {msg}"), term::err_width())
    );
}

fn usage_error(msg: &str) -> ExitCode {
    say_error(msg);
    ExitCode::from(2)
}

/// Read the command line: the shared options anywhere, then the command's own words after it.
/// `Ok(None)` asks for the usage.
fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Option<(Opts, Command)>, Fail> {
    let args: Vec<OsString> = args.into_iter().flat_map(split_value).collect();
    let given = match Xtask::from_vec(args.clone()) {
        Ok(given) => given,
        Err(e) if e.is_help() => return Ok(None),
        Err(e) => {
            let words: Vec<String> = args.iter().map(|a| a.to_string_lossy().into()).collect();
            return Err(Fail::Usage(cli::say(&e.to_string(), &words, COMMANDS)));
        }
    };
    let (opts, command) = Opts::new(given);
    Ok(Command::parse(command)?.map(|command| (opts, command)))
}

/// `--name=value` as the two words `--name value`, which is how the grammar reads them.
fn split_value(arg: OsString) -> Vec<OsString> {
    match arg
        .to_str()
        .and_then(|a| a.strip_prefix("--")?.split_once('='))
    {
        Some((name, value)) => vec![format!("--{name}").into(), value.into()],
        None => vec![arg],
    }
}
