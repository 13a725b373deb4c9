//! The tour's prompt: its keys, an answer read key by key or as a line, and where it leads.

use std::io::Write;

use crate::ui::jump::{self, Number};
use crate::ui::term::{self, Key};

pub use course::progress::{Go, apply};

/// The keys, with the chapters' numbers from `first` to `last`. With `single_keys` a key acts
/// as it is pressed (a chapter's number is ended by Enter); without, every answer is a line.
pub fn prompt(first: u32, last: u32, single_keys: bool) -> String {
    let keys = format!(
        "[Enter] next · [b] back · [a] again · [{first}-{last}, then Enter] go to that chapter · \
         [s] start over · [q] quit"
    );
    if single_keys {
        keys
    } else {
        format!("Type a key, then Enter: {keys}")
    }
}

/// What `s` asks before it starts over: the place kept moves to chapter 1.
pub const CONFIRM_RESTART: &str = "Start over at chapter 1? [y] yes · [n] no";

/// Ask at the printed `prompt` until an answer leads somewhere from chapter `at`, reading keys
/// when there are `keys`, else lines; `numbers` are the chapters' numbers, in course order.
/// The chapter to show next, or `None` to stop.
pub fn ask(
    prompt: &str,
    keys: Option<&term::Keys>,
    at: usize,
    numbers: &[Option<u32>],
) -> Option<usize> {
    loop {
        println!("\n{prompt}");
        let go = match parse_cmd(&read(keys)?, numbers) {
            Ok(Go::Restart) => {
                println!("{CONFIRM_RESTART}");
                match read(keys)?.trim().to_ascii_lowercase().as_str() {
                    "y" | "yes" => Ok(Go::Restart),
                    _ => Err(format!(
                        "Not started over: you are still at chapter {}.",
                        at + 1
                    )),
                }
            }
            go => go,
        };
        match go.and_then(|go| step(at, &go, numbers.len())) {
            Ok(next) => return next,
            Err(e) => println!("{e}"),
        }
    }
}

/// One answer: read key by key where there are `keys`, else a line.
fn read(keys: Option<&term::Keys>) -> Option<String> {
    match keys {
        Some(keys) => answer(keys),
        None => std::io::stdin().lines().next().and_then(Result::ok),
    }
}

/// One answer at the prompt, read key by key: a letter at once, a chapter's number up to Enter.
/// What was typed before the prompt (while the chapter ran) is thrown away first. `None` when
/// the student pressed Ctrl-C or Ctrl-D.
pub fn answer(keys: &term::Keys) -> Option<String> {
    keys.discard();
    let mut number = Number::default();
    loop {
        let burst = keys.read(None).unwrap_or_default();
        let (heard, echo) = hear(&mut number, &burst);
        print!("{echo}");
        let _ = std::io::stdout().flush();
        match heard {
            Heard::Answer(a) => return Some(a),
            Heard::Stop => return None,
            Heard::More => {}
        }
    }
}

/// What a burst of keys at the prompt amounts to.
#[derive(Debug, PartialEq, Eq)]
pub enum Heard {
    /// An answer, for [`parse_cmd`].
    Answer(String),
    /// Ctrl-C or Ctrl-D.
    Stop,
    /// Nothing yet: a chapter's number is being typed, or the keys were not understood.
    More,
}

/// Hear one burst of keys (one key, or several that came together: a paste, or keys sent at
/// once); `number` is the chapter's number typed so far (`ui::jump`'s). Returns what they
/// amount to and what to echo where the prompt is a printed line.
pub fn hear(number: &mut Number, burst: &[Key]) -> (Heard, String) {
    if burst.iter().any(|k| k.is_stop()) {
        return (Heard::Stop, String::new());
    }
    let before = number.typed().to_string();
    match number.hear(burst) {
        jump::Heard::Typing => (Heard::More, echo(&before, number.typed())),
        jump::Heard::Ended(n) => {
            let echo = echo(&before, &n) + "\n";
            (Heard::Answer(n), echo)
        }
        jump::Heard::Dropped if !before.is_empty() => {
            (Heard::More, " (not a number: never mind)\n".into())
        }
        jump::Heard::Dropped | jump::Heard::Not => hear_keys(burst),
    }
}

/// What to echo of a number typed, from `before` to `after`: the prompt's words and the digits
/// at its first digit, then the digits added, a Backspace's erasing for each taken back.
fn echo(before: &str, after: &str) -> String {
    if before.is_empty() {
        return match after.is_empty() {
            true => String::new(),
            false => format!("go to chapter: {after}"),
        };
    }
    let same = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let mut s = "\x08 \x08".repeat(before.len() - same) + &after[same..];
    if after.is_empty() {
        s.push('\n');
    }
    s
}

/// Hear keys that are no number: a key alone, or several typed as a line (a word and Enter is
/// an answer for [`parse_cmd`] to read, or refuse).
fn hear_keys(burst: &[Key]) -> (Heard, String) {
    if let [key] = burst {
        return match key {
            Key::Enter | Key::Right => (Heard::Answer(String::new()), String::new()),
            Key::Left => (Heard::Answer("b".into()), String::new()),
            Key::Char(c) => (Heard::Answer(c.to_string()), String::new()),
            _ => (Heard::More, String::new()),
        };
    }
    let (enter, typed) = match burst.split_last() {
        Some((Key::Enter, typed)) => (true, typed),
        _ => (false, burst),
    };
    // Typed as a line editor would take it: a Backspace takes back the key before it.
    let text: Option<String> = typed
        .iter()
        .all(|k| matches!(k, Key::Char(_) | Key::Backspace))
        .then(|| term::keys::typed(typed));
    match text {
        Some(text) if !text.is_empty() && enter => (Heard::Answer(text), String::new()),
        _ => {
            let shown: String = typed
                .iter()
                .filter_map(|k| match k {
                    Key::Char(c) => Some(*c),
                    _ => None,
                })
                .collect();
            let what = if shown.is_empty() {
                "several keys came at once".to_string()
            } else {
                format!("`{shown}` came at once")
            };
            (
                Heard::More,
                format!("({what} and was not understood: press one key at a time)\n"),
            )
        }
    }
}

/// Read an answer at the prompt; `numbers` are the chapters' numbers, in course order.
pub fn parse_cmd(input: &str, numbers: &[Option<u32>]) -> Result<Go, String> {
    let t = input.trim().to_ascii_lowercase();
    Ok(match t.as_str() {
        "" | "n" | "next" => Go::Next,
        "b" | "back" | "p" => Go::Back,
        "a" | "again" | "r" => Go::Again,
        "s" | "start over" | "restart" => Go::Restart,
        "q" | "quit" | "exit" => Go::Quit,
        other => {
            let wanted: u32 = other
                .trim_start_matches("ch")
                .parse()
                .map_err(|_| format!("`{}` is not an answer here", input.trim()))?;
            let at = numbers
                .iter()
                .position(|n| *n == Some(wanted))
                .ok_or_else(|| {
                    let known: Vec<u32> = numbers.iter().flatten().copied().collect();
                    match (known.first(), known.last()) {
                        (Some(a), Some(b)) => {
                            format!("there is no chapter {wanted}; the chapters are {a} to {b}")
                        }
                        _ => format!("there is no chapter {wanted}"),
                    }
                })?;
            Go::Jump(at)
        }
    })
}

/// Where an answer leads from chapter `at` of `count`, or what to say and ask again.
pub fn step(at: usize, go: &Go, count: usize) -> Result<Option<usize>, String> {
    if *go == Go::Back && at == 0 {
        return Err("This is the first chapter: there is none before it. [Enter] goes on.".into());
    }
    Ok(apply(at, go, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_move_through_the_course() {
        let nums = [Some(1), Some(2), Some(3)];
        let go = |at, s: &str| apply(at, &parse_cmd(s, &nums).unwrap(), 3);
        assert_eq!(go(0, ""), Some(1));
        assert_eq!(
            go(2, "\n"),
            None,
            "Enter after the last chapter ends the tour"
        );
        assert_eq!(go(1, "b"), Some(0));
        assert!(
            step(0, &parse_cmd("b", &nums).unwrap(), 3)
                .unwrap_err()
                .contains("This is the first chapter"),
            "b on chapter 1 says it is the first"
        );
        assert_eq!(step(1, &Go::Back, 3), Ok(Some(0)));
        assert_eq!(go(1, "a"), Some(1));
        assert_eq!(go(0, "3"), Some(2));
        assert_eq!(go(0, "ch02"), Some(1));
        assert_eq!(go(2, "s"), Some(0));
        assert_eq!(go(1, "q"), None);
        assert!(
            parse_cmd("7", &nums)
                .unwrap_err()
                .contains("no chapter 7; the chapters are 1 to 3")
        );
        assert!(parse_cmd("what", &nums).unwrap_err().contains("`what`"));
    }

    #[test]
    fn keys_that_come_together_are_heard_as_typed() {
        use crate::ui::term::keys::decode as keys;
        let heard = |bursts: &[&[u8]]| {
            let mut number = Number::default();
            let mut echo = String::new();
            let mut last = Heard::More;
            for b in bursts {
                let (h, e) = hear(&mut number, &keys(b));
                echo += &e;
                last = h;
            }
            (last, echo)
        };
        // One at a time, as before.
        assert_eq!(heard(&[b"9", b"9", b"\r"]).0, Heard::Answer("99".into()));
        assert_eq!(heard(&[b"q"]).0, Heard::Answer("q".into()));
        assert_eq!(heard(&[b"\r"]).0, Heard::Answer(String::new()));
        // All at once: `tmux send-keys 9 9 Enter`.
        let (h, echo) = heard(&[b"99\r"]);
        assert_eq!(h, Heard::Answer("99".into()));
        assert_eq!(echo, "go to chapter: 99\n");
        // A paste of `12`, then Enter; a digit more after a pasted one.
        assert_eq!(heard(&[b"12", b"\r"]).0, Heard::Answer("12".into()));
        assert_eq!(heard(&[b"1", b"2\r"]).0, Heard::Answer("12".into()));
        // A typed word and Enter is an answer for parse_cmd to read, or refuse.
        assert_eq!(heard(&[b"ch07\r"]).0, Heard::Answer("ch07".into()));
        assert_eq!(heard(&[b"next\r"]).0, Heard::Answer("next".into()));
        // Without Enter, letters together are not understood, and the student is told.
        let (h, echo) = heard(&[b"bq"]);
        assert_eq!(h, Heard::More);
        assert!(
            echo.contains("`bq` came at once and was not understood"),
            "{echo}"
        );
        let (h, echo) = heard(&[b"\r\r\r"]);
        assert_eq!(h, Heard::More);
        assert!(echo.contains("several keys came at once"), "{echo}");
        assert_eq!(heard(&[b"9\x03"]).0, Heard::Stop);
        // A Backspace among them takes back the key before it: `1`, `8`, Backspace is 1.
        let (h, echo) = heard(&[b"18\x7f"]);
        assert_eq!((h, echo.as_str()), (Heard::More, "go to chapter: 1"));
        assert_eq!(heard(&[b"18\x7f", b"\r"]).0, Heard::Answer("1".into()));
        assert_eq!(heard(&[b"18\x7f\r"]).0, Heard::Answer("1".into()));
    }
}
