//! The keys of a game on a terminal, and what each asks for.

use crate::ui::term::Key;

/// What a key asks of a game.
#[derive(Debug, PartialEq, Eq)]
pub enum Act {
    /// Step the thread of this number (from 1).
    Step(usize),
    Undo,
    Restart,
    /// Show the hint, or hide it.
    Hint,
    /// Scroll the ended game's body by this scroll key (Space is Page Down).
    Scroll(Key),
    Quit,
    /// Nothing: the key means nothing here.
    Nothing,
}

/// What `key` asks of a game, `over` or going on (a thread's number steps only a game going on).
pub fn act(key: Key, over: bool) -> Act {
    match key {
        k if k.is_stop() => Act::Quit,
        Key::Char('q') => Act::Quit,
        Key::Char('u') => Act::Undo,
        Key::Char('r') => Act::Restart,
        Key::Char('h') => Act::Hint,
        Key::Char(' ') => Act::Scroll(Key::PageDown),
        Key::Up | Key::Down | Key::PageUp | Key::PageDown | Key::Home | Key::End => {
            Act::Scroll(key)
        }
        Key::Char(c) if c.is_ascii_digit() && !over => {
            Act::Step(c.to_digit(10).unwrap_or(0) as usize)
        }
        _ => Act::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_steps_a_game_going_on_and_space_pages_an_ended_one() {
        assert_eq!(act(Key::Char('2'), false), Act::Step(2));
        assert_eq!(act(Key::Char('2'), true), Act::Nothing, "the game is over");
        assert_eq!(act(Key::Char(' '), true), Act::Scroll(Key::PageDown));
        assert_eq!(act(Key::Home, true), Act::Scroll(Key::Home));
        assert_eq!(act(Key::CtrlC, false), Act::Quit);
        assert_eq!(act(Key::Char('q'), true), Act::Quit);
        assert_eq!(act(Key::Char('u'), true), Act::Undo);
        assert_eq!(act(Key::Char('x'), false), Act::Nothing);
    }
}
