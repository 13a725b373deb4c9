//! Typing a number to go there: a chapter in the tour, an exercise in the watch. Digits, which a
//! Backspace takes back, ended by Enter; pressed one at a time or sent at once (a paste,
//! `tmux send-keys 1 2 Enter`). Another key gives the number up.

use crate::ui::term::Key;

/// A number being typed, from its first digit to its Enter.
#[derive(Debug, Default)]
pub struct Number {
    typed: String,
}

/// What a burst of keys did to the number.
#[derive(Debug, PartialEq, Eq)]
pub enum Heard {
    /// No number is being typed and the keys begin none: they are the caller's.
    Not,
    /// Digits typed so far, none yet ended ([`Number::typed`]; empty when a Backspace took back
    /// the last, and then the number is closed).
    Typing,
    /// Enter ended the number: its digits.
    Ended(String),
    /// A key that is no digit, Backspace or Enter gave the number up (the key with it).
    Dropped,
}

impl Number {
    /// The digits typed so far.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// What the student reads while typing, `what` being the place's kind (`chapter`); empty
    /// when no number is being typed.
    pub fn status(&self, what: &str) -> String {
        match self.typed.is_empty() {
            true => String::new(),
            false => format!("go to {what}: {}  (then Enter)", self.typed),
        }
    }

    /// Hear a burst of keys (keys that came together; a stop key is the caller's to see first).
    /// Keys after an Enter in the same burst are not read.
    pub fn hear(&mut self, burst: &[Key]) -> Heard {
        let digit = matches!(burst.first(), Some(Key::Char(d)) if d.is_ascii_digit());
        if self.typed.is_empty() && !digit {
            return Heard::Not;
        }
        for key in burst {
            match key {
                Key::Char(d) if d.is_ascii_digit() => self.typed.push(*d),
                Key::Backspace => {
                    self.typed.pop();
                }
                Key::Enter => return Heard::Ended(std::mem::take(&mut self.typed)),
                _ => {
                    self.typed.clear();
                    return Heard::Dropped;
                }
            }
        }
        Heard::Typing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::term::keys::decode;

    /// The keys of each burst in turn; what the last did, and the status after it.
    fn typed(bursts: &[&[u8]]) -> (Heard, String) {
        let mut n = Number::default();
        let mut last = Heard::Not;
        for b in bursts {
            last = n.hear(&decode(b));
        }
        (last, n.status("exercise"))
    }

    #[test]
    fn a_number_is_typed_one_key_at_a_time_or_at_once_and_ended_by_enter() {
        let ended = |n: &str| (Heard::Ended(n.into()), String::new());
        assert_eq!(typed(&[b"1", b"2", b"\r"]), ended("12"));
        assert_eq!(typed(&[b"12\r"]), ended("12"));
        assert_eq!(typed(&[b"1", b"2\r"]), ended("12"));
        let typing = typed(&[b"1", b"2"]);
        assert_eq!(
            typing,
            (Heard::Typing, "go to exercise: 12  (then Enter)".into())
        );
        // A Backspace takes back the digit before it: `1`, `8`, Backspace, Enter is 1.
        assert_eq!(typed(&[b"18\x7f", b"\r"]), ended("1"));
        assert_eq!(typed(&[b"1", b"\x7f"]), (Heard::Typing, String::new()));
        // Keys that begin no number are the caller's; once the number is closed, too.
        assert_eq!(typed(&[b"h"]).0, Heard::Not);
        assert_eq!(typed(&[b"\r"]).0, Heard::Not);
        assert_eq!(typed(&[b"1", b"\x7f", b"q"]).0, Heard::Not);
    }

    /// The watch took any key that was no digit as the end of the number: `1` then `q` went
    /// to exercise 1 instead of quitting. Only Enter ends a number; another key gives it up.
    #[test]
    fn another_key_gives_the_number_up() {
        assert_eq!(typed(&[b"1", b"q"]), (Heard::Dropped, String::new()));
        assert_eq!(typed(&[b"1", b"\x1b[A"]).0, Heard::Dropped);
        assert_eq!(
            typed(&[b"1", b"q", b"q"]).0,
            Heard::Not,
            "the next q is a key"
        );
    }
}
