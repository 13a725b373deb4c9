//! The words of the command line: its usage, and the one-line errors for a command or an option
//! there is not, with the nearest there is.

use course::nearest;

use super::{OPTIONS, Spec};

/// The usage text, from the commands' specs and the shared options, wrapped to `width`.
pub fn usage(commands: &[Spec], width: usize) -> String {
    let mut s = "usage: cargo xtask <command> [options]\n\ncommands:\n".to_string();
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
    s += "\noptions of every command:\n";
    for (name, value, help) in OPTIONS {
        s += &entry(format!("--{name} {value}").trim_end(), help, width);
    }
    s
}

/// One entry of the usage: its head in a column of its own, its help wrapped beside it.
fn entry(head: &str, help: &str, width: usize) -> String {
    const HEAD: usize = 20;
    let room = width.saturating_sub(HEAD + 3).max(20);
    let mut s = String::new();
    for (i, line) in textfit::wrap_line(help, room).iter().enumerate() {
        let head = if i == 0 { head } else { "" };
        s += &format!("  {head:<HEAD$} {line}\n");
    }
    s
}

/// The one-line error for a command there is not, with the nearest one there is.
pub fn unknown_command(word: &str, all: &[Spec]) -> String {
    let names: Vec<&str> = all.iter().map(|c| c.name).collect();
    let guess = nearest(word, names.iter().copied())
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    format!(
        "unknown command `{word}`; {guess}the commands are {}",
        names.join(", ")
    )
}

/// The one-line error for an option nobody takes, with the nearest one there is: the shared
/// options and the command's own (before the command, every command's).
pub fn unknown_flag(name: &str, spec: Option<&Spec>, all: &[Spec]) -> String {
    let shared = OPTIONS.iter().map(|f| f.0);
    let own = all
        .iter()
        .filter(|s| spec.is_none_or(|mine| mine.name == s.name))
        .flat_map(|s| s.flags.iter().map(|f| f.0));
    match nearest(name, shared.chain(own)) {
        Some(n) => format!("invalid option '--{name}'; did you mean `--{n}`?"),
        None => format!("invalid option '--{name}'; run `cargo xtask help` for the options"),
    }
}
