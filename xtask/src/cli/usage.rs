//! The words of the command line: its usage, and its one-line errors: for a command or an
//! option there is not, with the nearest there is, and the rest of what the parser refused.

use course::nearest;

use super::{Flag, OPTIONS, Spec};

/// The usage text, from the commands' specs and the shared options, wrapped to `width`: the
/// student's commands, the options, then the maintainers' commands apart (as rustlings' `dev`).
pub fn usage(commands: &[Spec], width: usize) -> String {
    let mut s = "usage: cargo xtask <command> [options]\n\ncommands:\n".to_string();
    let (maintainers, students): (Vec<&Spec>, Vec<&Spec>) =
        commands.iter().partition(|c| c.maintainers);
    s += &entries(&students, width);
    s += "\noptions of every command:\n";
    for (name, value, help) in OPTIONS {
        s += &entry(format!("--{name} {value}").trim_end(), help, width);
    }
    s += "\nfor the course's maintainers:\n";
    s + &entries(&maintainers, width)
}

/// The entries of `commands` and their own options.
fn entries(commands: &[&Spec], width: usize) -> String {
    let mut s = String::new();
    for c in commands {
        let help: Vec<&str> = c.help.lines().map(str::trim).collect();
        s += &entry(
            format!("{} {}", c.name, c.args).trim(),
            &help.join(" "),
            width,
        );
        for (name, value, help) in c.flags {
            s += &entry(format!("  --{name} {value}").trim_end(), help, width);
        }
    }
    s
}

/// One entry of the usage: its head in a column of its own, its help wrapped beside it; a head
/// wider than its column gets a line of its own.
fn entry(head: &str, help: &str, width: usize) -> String {
    const HEAD: usize = 20;
    let room = width.saturating_sub(HEAD + 3).max(20);
    let mut s = String::new();
    let mut head = head;
    if head.chars().count() > HEAD {
        s += &format!("  {head}\n");
        head = "";
    }
    for (i, line) in textfit::wrap_line(help, room).iter().enumerate() {
        let head = if i == 0 { head } else { "" };
        s += &format!("  {head:<HEAD$} {line}\n");
    }
    s
}

/// What the parser refused, in one line: `err` is what xflags said (its words in 0.3.2, pinned
/// in Cargo.toml and held by the tests), `args` what was given.
pub fn say(err: &str, args: &[String], all: &[Spec]) -> String {
    let quoted = |prefix: &str| {
        err.strip_prefix(prefix)
            .map(|rest| rest.split('`').nth(1).unwrap_or(rest).to_string())
    };
    if let Some(flag) = quoted("unexpected flag: ") {
        let at = args.iter().position(|a| *a == flag).unwrap_or(args.len());
        let cmd = command(args, all)
            .filter(|(i, _)| *i < at)
            .and_then(|(_, s)| s);
        return unknown_flag(&flag, cmd, all);
    }
    if let Some(word) = err.strip_prefix("unexpected argument: ") {
        return unexpected(args, word.trim_matches('"'), all);
    }
    if let Some(flag) = quoted("expected a value for ") {
        return format!(
            "missing argument for option `{flag}`; run `cargo xtask help` for the options"
        );
    }
    if let Some(why) = err.strip_prefix("can't parse `") {
        let why = why.split_once("`, ").map_or(why, |(_, why)| why);
        return match why.starts_with("invalid utf8") {
            true => "an argument is not valid text".into(),
            false => why.into(),
        };
    }
    if let Some(flag) = quoted("flag specified more than once: ") {
        return format!("{flag} is given twice; give it once");
    }
    if err == "subcommand is required" {
        return "no command given; try `cargo xtask run-all` or `cargo xtask help`".into();
    }
    format!("{err}; run `cargo xtask help` for the options")
}

/// The command among the words given: where it is, and its spec (`None` for `help` and for a
/// word that is no command). It is the first word that is neither an option nor the value of one
/// of the shared options, which are all that may come before it.
fn command<'a>(args: &[String], all: &'a [Spec]) -> Option<(usize, Option<&'a Spec>)> {
    let mut words = args.iter().enumerate();
    while let Some((i, a)) = words.next() {
        match a.strip_prefix("--") {
            Some(name) if takes_value(name, &[]) => _ = words.next(),
            Some(_) => {}
            None => return Some((i, all.iter().find(|s| s.name == *a))),
        }
    }
    None
}

/// Whether `--name` is a shared option, or one of `own`, that takes a value.
fn takes_value(name: &str, own: &[Flag]) -> bool {
    let name = if name == "colour" { "color" } else { name };
    OPTIONS
        .iter()
        .chain(own)
        .any(|f| f.0 == name && !f.1.is_empty())
}

/// The one-line error for a word the command line has no place for: a command there is not, or
/// one word too many for the command.
fn unexpected(args: &[String], word: &str, all: &[Spec]) -> String {
    let Some((at, spec)) = command(args, all) else {
        return unknown_command(word, all);
    };
    let name = spec.map_or("help", |s| s.name);
    if spec.is_none() && args[at] != "help" {
        return unknown_command(&args[at], all);
    }
    let own = spec.map_or(&[][..], |s| s.flags);
    let takes = spec.is_some_and(|s| !s.args.is_empty());
    // The words after the command that are not options or their values; the one too many.
    let mut positional = Vec::new();
    let mut rest = args[at + 1..].iter();
    while let Some(a) = rest.next() {
        match a.strip_prefix("--") {
            Some(flag) if takes_value(flag, own) => _ = rest.next(),
            Some(_) => {}
            None => positional.push(a.as_str()),
        }
    }
    let extra = positional.get(usize::from(takes)).copied().unwrap_or(word);
    if takes {
        format!("unexpected argument `{extra}`; run `cargo xtask help`")
    } else {
        format!("`{name}` takes no chapter, but `{extra}` was given")
    }
}

/// The one-line error for a command there is not, with the nearest one there is.
fn unknown_command(word: &str, all: &[Spec]) -> String {
    let names: Vec<&str> = all.iter().map(|c| c.name).collect();
    let guess = nearest(word, names.iter().copied())
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    format!(
        "unknown command `{word}`; {guess}the commands are {}",
        names.join(", ")
    )
}

/// The one-line error for an option nobody takes (`flag`, as given), with the nearest one there
/// is: the shared options and the command's own (before the command, every command's).
fn unknown_flag(flag: &str, spec: Option<&Spec>, all: &[Spec]) -> String {
    let name = flag.trim_start_matches('-');
    let shared = OPTIONS.iter().map(|f| f.0);
    let own = all
        .iter()
        .filter(|s| spec.is_none_or(|mine| mine.name == s.name))
        .flat_map(|s| s.flags.iter().map(|f| f.0));
    match nearest(name, shared.chain(own)) {
        Some(n) => format!("invalid option `{flag}`; did you mean `--{n}`?"),
        None => format!("invalid option `{flag}`; run `cargo xtask help` for the options"),
    }
}
