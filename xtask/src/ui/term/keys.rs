//! Keys as events, decoded from the bytes a terminal sends: letters (any script, from UTF-8),
//! Enter, Backspace, Tab, Escape, the arrows, Home/End, Page Up/Down, Delete, Ctrl-C and Ctrl-D.

/// One key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Delete,
    Tab,
    Esc,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// Ctrl-C (as a key: when it comes as a byte, not as the signal).
    CtrlC,
    /// Ctrl-D: the end of input.
    CtrlD,
    /// The terminal closed: nothing more will come.
    Closed,
    /// A key with no meaning here (a function key, a control byte).
    Other,
}

impl Key {
    /// Whether the student asks to stop: Ctrl-C, Ctrl-D, or a closed terminal.
    pub fn is_stop(self) -> bool {
        matches!(self, Key::CtrlC | Key::CtrlD | Key::Closed)
    }
}

/// The keys in a burst of bytes from the terminal.
pub fn decode(bytes: &[u8]) -> Vec<Key> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while let Some((&b, after)) = rest.split_first() {
        rest = after;
        out.push(match b {
            3 => Key::CtrlC,
            4 => Key::CtrlD,
            // A terminal may send Enter as CR LF: one key.
            b'\r' => {
                rest = rest.strip_prefix(b"\n").unwrap_or(rest);
                Key::Enter
            }
            b'\n' => Key::Enter,
            b'\t' => Key::Tab,
            127 | 8 => Key::Backspace,
            27 => match rest {
                [b'[', after @ ..] => {
                    let (key, after) = csi(after);
                    rest = after;
                    key
                }
                [b'O', c, after @ ..] => {
                    rest = after;
                    letter(*c)
                }
                _ => Key::Esc,
            },
            c if c < 0x80 => {
                if c.is_ascii_graphic() || c == b' ' {
                    Key::Char(char::from(c))
                } else {
                    Key::Other
                }
            }
            _ => {
                // The rest of a UTF-8 character: its length is in its first byte.
                let len = match b {
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf7 => 4,
                    _ => 1,
                };
                let take = (len - 1).min(rest.len());
                let mut char_bytes = vec![b];
                char_bytes.extend_from_slice(&rest[..take]);
                rest = &rest[take..];
                match std::str::from_utf8(&char_bytes) {
                    Ok(s) => s.chars().next().map_or(Key::Other, Key::Char),
                    Err(_) => Key::Other,
                }
            }
        });
    }
    out
}

/// A key after `ESC [`: its parameters, then a final byte (`@` to `~`).
fn csi(bytes: &[u8]) -> (Key, &[u8]) {
    let end = bytes.iter().position(|b| (0x40..=0x7e).contains(b));
    let Some(end) = end else {
        return (Key::Other, &[]);
    };
    let (params, last) = (&bytes[..end], bytes[end]);
    let key = match (params, last) {
        (_, b'~') => match params.split(|&b| b == b';').next() {
            Some(b"1" | b"7") => Key::Home,
            Some(b"4" | b"8") => Key::End,
            Some(b"3") => Key::Delete,
            Some(b"5") => Key::PageUp,
            Some(b"6") => Key::PageDown,
            _ => Key::Other,
        },
        (_, c) => letter(c),
    };
    (key, &bytes[end + 1..])
}

/// The key a final letter names (`ESC [ A`, `ESC O A`, ...).
fn letter(c: u8) -> Key {
    match c {
        b'A' => Key::Up,
        b'B' => Key::Down,
        b'C' => Key::Right,
        b'D' => Key::Left,
        b'H' => Key::Home,
        b'F' => Key::End,
        _ => Key::Other,
    }
}

/// What the keys type, as a line editor would leave it: Backspace takes back the character
/// before it (`1`, `8`, Backspace is `1`), Enter ends the line, other keys type nothing.
pub fn typed(keys: &[Key]) -> String {
    let mut out = String::new();
    for k in keys {
        match k {
            Key::Char(c) => out.push(*c),
            Key::Backspace => {
                out.pop();
            }
            Key::Enter => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Key::*;

    #[test]
    fn bytes_are_decoded_as_keys() {
        assert_eq!(decode(b"99\r"), [Char('9'), Char('9'), Enter]);
        assert_eq!(decode(b"\r\n"), [Enter], "CR LF is one Enter");
        assert_eq!(decode(b"\x1b[D\x1b[C\x1bOD"), [Left, Right, Left]);
        assert_eq!(decode(b"\x1b[A\x1b[B1"), [Up, Down, Char('1')]);
        assert_eq!(decode(b"\x7f\x03\x04"), [Backspace, CtrlC, CtrlD]);
        assert_eq!(
            decode(b"\x1b[3~\x1b[H\x1b[F\x1b[1~\x1b[4~"),
            [Delete, Home, End, Home, End]
        );
        assert_eq!(
            decode(b"\x1b[5~\x1b[6~\x1b[1;5C"),
            [PageUp, PageDown, Right]
        );
        assert_eq!(decode(b"\x1b"), [Esc]);
        assert_eq!(decode(b"\x1b[15~x"), [Other, Char('x')]);
        assert_eq!(decode("é→ß".as_bytes()), [Char('é'), Char('→'), Char('ß')]);
        assert_eq!(decode(b"\xff"), [Other]);
    }

    #[test]
    fn keys_that_come_at_once_type_what_a_line_editor_would() {
        assert_eq!(typed(&decode(b"18\x7f")), "1");
        assert_eq!(typed(&decode(b"99\r")), "99");
        assert_eq!(typed(&decode(b"\x7fq")), "q");
        assert_eq!(typed(&decode(b"\x1b[Dn")), "n");
    }
}
