//! Colour, decided in one place, and text measured as it shows (colour codes take no room).

use std::io::IsTerminal;

pub const RED: &str = "31";
pub const GREEN: &str = "32";
pub const CYAN: &str = "36";
#[allow(dead_code, reason = "for the full screens of play (issue 19)")]
pub const BOLD: &str = "1";

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
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
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

/// `text` without its colour codes.
#[allow(dead_code, reason = "for the full screens of play (issue 19)")]
pub fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // `ESC [` parameters, up to the final letter.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// How many columns `text` takes on the screen (its colour codes take none).
pub fn len(text: &str) -> usize {
    strip(text).chars().count()
}

/// `text` cut to `width` columns, its colour codes kept.
pub fn cut(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut shown = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            out.push(c);
            for c in chars.by_ref() {
                out.push(c);
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else if shown < width {
            out.push(c);
            shown += 1;
        }
    }
    out
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
    fn colour_codes_take_no_room() {
        let s = Style { color: true }.paint(RED, "hello");
        assert_eq!(strip(&s), "hello");
        assert_eq!(len(&s), 5);
        assert_eq!(strip(&cut(&s, 3)), "hel");
        assert!(cut(&s, 3).ends_with("\x1b[0m"), "the reset is kept");
        assert_eq!(Style { color: false }.paint(RED, "x"), "x");
    }
}
