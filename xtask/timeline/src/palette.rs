//! The colours of the text drawing, which the caller gives: this crate names what each mark
//! stands for ([`Ink`]), and the caller says how each shows (a terminal's colour codes, from the
//! runner's style), or that none does ([`Palette::plain`]: a pipe, `NO_COLOR`).

/// What a mark of the text drawing stands for, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ink {
    /// Many brief locks, counted.
    Brief,
    /// Holding a lock.
    Holding,
    /// The thread chosen for a move of a game.
    Moving,
    Sleeping,
    /// Blocked until another thread lets it go on.
    Waiting,
    /// Blocked in a deadlock cycle, and the mark of a thread still there at the end.
    Deadlocked,
    /// Where a thread let another go on (`v`, `^`).
    Wake,
}

impl Ink {
    pub const ALL: [Ink; 7] = [
        Ink::Brief,
        Ink::Holding,
        Ink::Moving,
        Ink::Sleeping,
        Ink::Waiting,
        Ink::Deadlocked,
        Ink::Wake,
    ];
}

/// For each [`Ink`], what goes before a mark of it and after: the caller's colour. Every state
/// has a character of its own, so the drawing reads the same in [`Palette::plain`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Palette {
    around: Vec<(Ink, String, String)>,
}

impl Palette {
    /// No colour: each mark as it is.
    pub fn plain() -> Palette {
        Palette::default()
    }

    /// `around(ink)`: the text before and after a mark of `ink`, or `None` to leave it plain.
    pub fn new(around: impl Fn(Ink) -> Option<(String, String)>) -> Palette {
        Palette {
            around: Ink::ALL
                .into_iter()
                .filter_map(|ink| around(ink).map(|(before, after)| (ink, before, after)))
                .collect(),
        }
    }

    /// `text` in the colour of `ink` (`None`: plain, as running is drawn).
    pub fn paint(&self, ink: Option<Ink>, text: &str) -> String {
        match self.around.iter().find(|a| Some(a.0) == ink) {
            Some((_, before, after)) => format!("{before}{text}{after}"),
            None => text.to_string(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A palette that shows each ink by name, as `<Waiting>?</>`.
    pub fn named() -> Palette {
        Palette::new(|ink| Some((format!("<{ink:?}>"), "</>".into())))
    }

    /// The text of a line drawn with [`named`], without its inks.
    pub fn unnamed(line: &str) -> String {
        let mut out = String::new();
        let mut rest = line;
        while let Some(at) = rest.find('<') {
            out += &rest[..at];
            rest = &rest[at..];
            rest = &rest[rest.find('>').map_or(rest.len(), |e| e + 1)..];
        }
        out + rest
    }

    #[test]
    fn a_palette_paints_what_it_names_and_leaves_the_rest() {
        let p = Palette::new(|ink| (ink == Ink::Waiting).then(|| ("[".into(), "]".into())));
        assert_eq!(p.paint(Some(Ink::Waiting), "??"), "[??]");
        assert_eq!(p.paint(Some(Ink::Holding), "##"), "##");
        assert_eq!(p.paint(None, "=="), "==");
        assert_eq!(Palette::plain().paint(Some(Ink::Waiting), "?"), "?");
        assert_eq!(unnamed(&named().paint(Some(Ink::Wake), "v")), "v");
    }
}
