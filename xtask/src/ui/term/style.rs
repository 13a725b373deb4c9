//! Colour, decided in one place: whether to colour, and the codes. (Text is measured as it
//! shows, colour codes taking no room, by `textfit`.)

use std::io::IsTerminal;

pub const RED: &str = "31";
pub const GREEN: &str = "32";
pub const CYAN: &str = "36";
pub const BOLD: &str = "1";
/// Back to no colour: the end of each painted text, and of each line of a full screen.
pub const RESET: &str = "\x1b[0m";
/// The timeline's own: sleeping, waiting, a deadlock and a wake (see [`Style::timeline`]).
const BLUE: &str = "34";
const YELLOW: &str = "33";
const BOLD_RED: &str = "1;31";
const BOLD_MAGENTA: &str = "1;35";

/// Whether to colour, and how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour for stdout as its settings ask: see [`decide`].
    pub fn auto() -> Style {
        Style {
            color: decide(std::io::stdout().is_terminal(), &|k| std::env::var_os(k)),
        }
    }

    /// `text` in the colour `code` (an SGR code: [`RED`], [`BOLD`], ...), or as it is.
    pub fn paint(self, code: &str, text: &str) -> String {
        match self.around(code) {
            Some((before, after)) => format!("{before}{text}{after}"),
            None => text.to_string(),
        }
    }

    /// What goes before and after a text in the colour `code`, if colouring.
    fn around(self, code: &str) -> Option<(String, String)> {
        self.color
            .then(|| (format!("\x1b[{code}m"), RESET.to_string()))
    }

    /// The timeline's palette in this style: each of its inks in a colour of its own, or none
    /// without colour (the timeline's characters say the same).
    pub fn timeline(self) -> timeline::Palette {
        use timeline::Ink;
        timeline::Palette::new(|ink| {
            self.around(match ink {
                Ink::Brief => CYAN,
                Ink::Holding => GREEN,
                Ink::Moving => BOLD,
                Ink::Sleeping => BLUE,
                Ink::Waiting => YELLOW,
                Ink::Deadlocked => BOLD_RED,
                Ink::Wake => BOLD_MAGENTA,
            })
        })
    }
}

/// The one colour decision: `NO_COLOR` (set, not empty) says never; else `CLICOLOR_FORCE` (set,
/// not `0`) says always; else colour only on a terminal that is not `TERM=dumb`.
pub fn decide(terminal: bool, var: &dyn Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    terminal && var("TERM").is_none_or(|t| t != "dumb")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.into())
    }

    /// The timeline's colours as they were when the timeline wrote its own codes: a deadlock
    /// bold red, a wake bold magenta, running plain; none at all without colour.
    #[test]
    fn the_timelines_palette_keeps_its_colours_and_none_without_colour() {
        use timeline::Ink;
        let on = Style { color: true }.timeline();
        assert_eq!(on.paint(Some(Ink::Deadlocked), "X"), "\x1b[1;31mX\x1b[0m");
        assert_eq!(on.paint(Some(Ink::Wake), "v"), "\x1b[1;35mv\x1b[0m");
        assert_eq!(on.paint(Some(Ink::Waiting), "?"), "\x1b[33m?\x1b[0m");
        assert_eq!(on.paint(None, "="), "=");
        let off = Style { color: false }.timeline();
        assert_eq!(off, timeline::Palette::plain());
        let t = timeline::Timeline::parse(
            "timeline 2\nlane\t0\t0\t-\tmain\nhold\t0\t0\t-\t1\nwait\t0\t5\t-\t1\t-\nend\t9\n",
        )
        .unwrap();
        let colored = timeline::render::render(&t, "x", 80, &on);
        assert!(
            colored.iter().any(|l| l.contains("\x1b[1;31mX")),
            "{colored:?}"
        );
        let plain: Vec<String> = colored.iter().map(|l| textfit::strip(l)).collect();
        assert_eq!(plain, timeline::render::render(&t, "x", 80, &off));
    }

    #[test]
    fn colour_is_decided_by_the_settings_then_the_terminal() {
        assert!(decide(true, &env(&[])));
        assert!(!decide(false, &env(&[])), "a pipe gets no colour");
        assert!(!decide(true, &env(&[("NO_COLOR", "1")])));
        assert!(decide(true, &env(&[("NO_COLOR", "")])), "empty is unset");
        assert!(decide(false, &env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!decide(false, &env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!decide(
            true,
            &env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])
        ));
        assert!(!decide(true, &env(&[("TERM", "dumb")])));
        assert!(decide(true, &env(&[("TERM", "xterm-256color")])));
    }

    #[test]
    fn paint_colours_only_when_asked() {
        let s = Style { color: true }.paint(RED, "hello");
        assert_eq!(s, "\x1b[31mhello\x1b[0m");
        assert_eq!(textfit::width(&s), 5);
        assert_eq!(Style { color: false }.paint(RED, "x"), "x");
    }

    /// Colours came from here and from `report.rs`, which passed them on to 13 files: every
    /// colour code the runner writes is this module's (the timeline's are its own, for now).
    #[test]
    fn colour_codes_are_written_only_here() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    sources(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        assert!(files.len() > 40, "{files:?}");
        let mut found = Vec::new();
        for f in files {
            let rel = f
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "ui/term/style.rs" || rel.starts_with("timeline/") {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            // `\x1b[` and an SGR's digits, then `m`: a colour (`\x1b[K` clears a line).
            for (i, _) in code.match_indices("\\x1b[") {
                let after = &code[i + 5..];
                let digits = after.find(|c: char| !c.is_ascii_digit() && c != ';');
                if digits.is_some_and(|d| after[d..].starts_with('m')) {
                    found.push(format!("{rel}: {}", &code[i..(i + 12).min(code.len())]));
                }
            }
            // Nor a colour passed on from another module.
            if rel != "ui/term/mod.rs" && code.contains("pub use crate::ui::term::style::") {
                found.push(format!("{rel} passes the colours on"));
            }
        }
        assert!(
            found.is_empty(),
            "colour codes outside the style module: {found:#?}"
        );
    }
}
