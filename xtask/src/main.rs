//! `cargo xtask`: the course's runner. It runs the chapters on the lesson clock and checks each
//! against its expected log. `cargo xtask help` says how.
//!
//! To add a command: write `src/cmd/<command>.rs` with a struct that implements [`cli::Cmd`] (its
//! name, help, own flags, how it reads its arguments, what it does), declare the module in `src/cmd/mod.rs`, and
//! add one line `Variant(module::Struct)` to `commands!`. The usage, the parser and the dispatch
//! all come from that line. Cargo is called only from `build`; a run is judged only by `verdict`.
#![forbid(unsafe_code)]

mod cli;
mod cmd;
mod ui;

use std::ffi::OsString;
use std::process::ExitCode;

use cli::{Cmd, Ctx, Fail, Given, Opts, Spec};
use cmd::{bless, book, check, compare, list, play, practice, prove, readme, tour};
use ui::term;

/// Declares [`Command`], one variant per command, and [`COMMANDS`], their specs, in usage order.
macro_rules! commands {
    ($($variant:ident($ty:ty),)*) => {
        enum Command { $($variant($ty),)* }
        const COMMANDS: &[Spec] = &[$(Spec::of::<$ty>(),)*];
        impl Command {
            fn parse(given: &mut Given) -> Result<Command, String> {
                $(if given.command == <$ty>::NAME {
                    return <$ty>::parse(given).map(Command::$variant);
                })*
                Err(format!("unknown command `{}`", given.command))
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
    Readme(readme::Readme),
    Book(book::Book),
    Bless(bless::Bless),
    Timeline(cmd::timeline::Pictures),
    Watch(practice::watch::Watch),
    Check(practice::check::Check),
    Reset(practice::reset::Reset),
    CheckSolutions(practice::solutions::CheckSolutions),
}

fn main() -> ExitCode {
    // The terminal is given back, and every child killed, however the runner ends.
    term::install(course::child::kill_all);
    let (opts, command) = match parse(std::env::args_os().skip(1)) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            print!(
                "{}",
                cli::usage(COMMANDS, crate::ui::term::width().unwrap_or(80))
            );
            return ExitCode::SUCCESS;
        }
        Err(msg) => return usage_error(&msg),
    };
    match Ctx::new(opts).and_then(|ctx| command.run(&ctx)) {
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
fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Option<(Opts, Command)>, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    // lexopt's own errors ("missing argument for option '--repeat'") get the way out added.
    let help = |e: lexopt::Error| format!("{e}; run `cargo xtask help` for the options");
    let text = |v: OsString| v.into_string().map_err(|_| "an argument is not valid text");
    let mut opts = Opts::default();
    let mut spec: Option<&Spec> = None;
    let mut given = Given::new("");
    while let Some(arg) = p.next().map_err(help)? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long(name) => {
                let name = name.to_string();
                if opts.take(&name, || text(p.value().map_err(help)?).map_err(Into::into))? {
                    continue;
                }
                match spec.and_then(|s| s.flag(&name)) {
                    Some(takes_value) => {
                        let value = takes_value.then(|| p.value().map_err(help)).transpose()?;
                        given.flags.push((name, value.map(text).transpose()?));
                    }
                    None => return Err(cli::unknown_flag(&name, spec, COMMANDS)),
                }
            }
            Value(v) if spec.is_none() => {
                let v = text(v)?;
                if v == "help" {
                    return Ok(None);
                }
                let s = COMMANDS.iter().find(|c| c.name == v);
                let s = s.ok_or_else(|| cli::unknown_command(&v, COMMANDS))?;
                given = Given::new(s.name);
                spec = Some(s);
            }
            Value(v) => given.positional.push(text(v)?),
            other => return Err(help(other.unexpected())),
        }
    }
    if spec.is_none() {
        return Err("no command given; try `cargo xtask run-all` or `cargo xtask help`".into());
    }
    let command = Command::parse(&mut given)?;
    match given.leftover() {
        Some(msg) => Err(msg),
        None => Ok(Some((opts, command))),
    }
}
