//! The one pager: a page on the full screen, head lines, a body that scrolls when it does not
//! fit (and says so), a status line, and the keys on the last lines. The tour, the watch and an
//! ended game of play draw theirs so.
//! A [`View`] draws one on the full screen, or prints it whole where there is none.

use super::{Key, Keys, Screen};

pub struct Page {
    pub head: Vec<String>,
    pub body: Vec<String>,
    /// The keys, as the student reads them: always on the last lines.
    pub keys: String,
    /// The keys instead while the body has lines below those in view, if they differ.
    pub keys_while_more: Option<String>,
    /// The first body line in view.
    pub top: usize,
    /// Stretches of the body (first line, lines) kept whole by a page's scroll where they fit
    /// in view: a timeline, whose axis and first lanes a page's step cut off.
    pub blocks: Vec<(usize, usize)>,
    /// A line above the keys (wrapped): what was typed, or why a key did nothing; else the
    /// scroll line.
    pub status: String,
    /// The body's rows and its last top in the frame drawn last, for the scroll keys.
    room: usize,
    last_top: usize,
}

impl Page {
    pub fn new(head: Vec<String>, body: Vec<String>, keys: &str) -> Page {
        Page {
            head,
            body,
            keys: keys.to_string(),
            keys_while_more: None,
            top: 0,
            blocks: Vec::new(),
            status: String::new(),
            room: 1,
            last_top: 0,
        }
    }

    /// The frame for a screen of `width`×`height`: the head, the body from `top`, the status
    /// or the scroll line, the keys.
    pub fn frame(&mut self, width: usize, height: usize) -> Vec<String> {
        let wrap = |t: &str| -> Vec<String> {
            textfit::wrap(t, Some(width))
                .lines()
                .map(String::from)
                .collect()
        };
        let foot = wrap(&self.keys);
        let more = self.keys_while_more.as_deref().map(wrap);
        let status = if self.status.is_empty() {
            Vec::new()
        } else {
            wrap(&self.status)
        };
        let foot_rows = foot.len().max(more.as_ref().map_or(0, Vec::len));
        self.room = height
            .saturating_sub(self.head.len() + foot_rows + status.len().max(1))
            .max(1);
        self.last_top = self.body.len().saturating_sub(self.room);
        self.top = self.top.min(self.last_top);
        let foot = match more {
            Some(more) if self.more_below() => more,
            _ => foot,
        };
        let mut frame = self.head.clone();
        frame.extend(self.body.iter().skip(self.top).take(self.room).cloned());
        frame.resize(self.head.len() + self.room, String::new());
        if !status.is_empty() {
            frame.extend(status);
        } else if self.last_top > 0 {
            let shown = (self.top + self.room).min(self.body.len());
            frame.push(format!(
                "[↑↓ PgUp PgDn] scroll: lines {}-{shown} of {}{}",
                self.top + 1,
                self.body.len(),
                if shown < self.body.len() {
                    ", more below"
                } else {
                    ""
                }
            ));
        } else {
            frame.push(String::new());
        }
        frame.extend(foot);
        frame
    }

    /// Whether the body has lines below those in view (by the frame drawn last).
    pub fn more_below(&self) -> bool {
        self.top < self.last_top
    }

    /// Scroll by `key` if it is a scroll key (by the frame drawn last); whether it was one.
    pub fn scroll(&mut self, key: Key) -> bool {
        let step = self.room.saturating_sub(1).max(1);
        match key {
            Key::Up => self.top = self.top.saturating_sub(1),
            Key::Down => self.top = (self.top + 1).min(self.last_top),
            Key::PageUp => self.top = self.whole(self.top.saturating_sub(step)),
            Key::PageDown => self.top = self.whole((self.top + step).min(self.last_top)),
            Key::Home => self.top = 0,
            Key::End => self.top = self.last_top,
            _ => return false,
        }
        true
    }

    /// Where a page's scroll to `top` stops instead: at the start of a block that `top` would
    /// cut, where the block fits in view.
    fn whole(&self, top: usize) -> usize {
        self.blocks
            .iter()
            .find(|&&(from, len)| from < top && top < from + len && len <= self.room)
            .map_or(top, |&(from, _)| from)
    }

    /// Draw the page and wait for keys that are not scroll keys (those that came at once);
    /// `None`: the student stops.
    pub fn show(&mut self, screen: &mut Screen, keys: &Keys) -> Option<Vec<Key>> {
        loop {
            let (width, height) = screen.size();
            let frame = self.frame(width, height);
            screen.draw(&frame);
            let burst = keys.read(None)?;
            if burst.iter().any(|k| k.is_stop()) {
                return None;
            }
            let rest: Vec<Key> = burst.into_iter().filter(|k| !self.scroll(*k)).collect();
            if !rest.is_empty() {
                self.status.clear();
                return Some(rest);
            }
        }
    }
}

/// A page drawn on the full screen (paged, its keys on the last lines), or,
/// with no full screen, printed whole after a clear.
pub struct View {
    pub screen: Option<Screen>,
    pub page: Page,
}

impl View {
    pub fn width(&mut self) -> usize {
        match self.screen.as_mut() {
            Some(s) => s.size().0,
            None => crate::ui::term::width().unwrap_or(80),
        }
    }

    pub fn show(&mut self) {
        match self.screen.as_mut() {
            Some(s) => {
                let (width, height) = s.size();
                let frame = self.page.frame(width, height);
                s.draw(&frame);
            }
            None => {
                crate::ui::term::clear();
                let p = &self.page;
                for l in p.head.iter().chain(&p.body) {
                    println!("{l}");
                }
                let width = crate::ui::term::width();
                if !p.status.is_empty() {
                    println!("{}", textfit::wrap(&p.status, width));
                }
                println!("{}", textfit::wrap(&p.keys, width));
            }
        }
    }

    /// A new body, from its top.
    pub fn body(&mut self, parts: &[&[String]]) {
        self.page.body = parts.iter().flat_map(|p| p.iter().cloned()).collect();
        self.page.top = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_body_scrolls_between_its_head_and_its_keys() {
        let body: Vec<String> = (1..=40).map(|n| format!("line {n}")).collect();
        let mut page = Page::new(vec!["head".into()], body, "[q] quit");
        let frame = page.frame(80, 24);
        assert_eq!(frame.len(), 24);
        assert_eq!(frame[0], "head");
        assert_eq!(frame[1], "line 1");
        assert_eq!(
            frame[22],
            "[↑↓ PgUp PgDn] scroll: lines 1-21 of 40, more below"
        );
        assert_eq!(frame[23], "[q] quit", "the keys on the last line");
        assert!(page.scroll(Key::End));
        let frame = page.frame(80, 24);
        assert_eq!(frame[21], "line 40");
        assert_eq!(frame[22], "[↑↓ PgUp PgDn] scroll: lines 20-40 of 40");
        assert!(!page.scroll(Key::Char('q')));
        // A status longer than a line is wrapped, not cut, and the keys stay last.
        page.status = "word ".repeat(30);
        let frame = page.frame(80, 24);
        assert_eq!(frame.len(), 24);
        assert!(frame[22].starts_with("word"), "{frame:?}");
        assert_eq!(frame[23], "[q] quit");
    }

    /// A page's step cut a timeline's axis and first lanes off the top: a block that fits in
    /// view is shown whole when a page's scroll would cut it.
    #[test]
    fn a_page_down_keeps_a_block_whole() {
        let body: Vec<String> = (1..=60).map(|n| format!("line {n}")).collect();
        let mut page = Page::new(vec!["head".into()], body, "[q] quit");
        // Lines 10 to 27 are one block of 18, in a room of 21.
        page.blocks = vec![(9, 18)];
        let frame = page.frame(80, 24);
        assert_eq!(frame[1], "line 1");
        assert!(page.scroll(Key::PageDown));
        let frame = page.frame(80, 24);
        assert_eq!(
            frame[1], "line 10",
            "the block from its first line: {frame:#?}"
        );
        assert_eq!(frame[18], "line 27");
        // Past it, a page as before; and back up, the block whole again.
        assert!(page.scroll(Key::PageDown));
        assert_eq!(page.frame(80, 24)[1], "line 30");
        assert!(page.scroll(Key::PageUp));
        assert_eq!(page.frame(80, 24)[1], "line 10");
        // A block taller than the room is paged as any lines.
        page.blocks = vec![(9, 30)];
        page.top = 0;
        page.frame(80, 24);
        assert!(page.scroll(Key::PageDown));
        assert_eq!(page.frame(80, 24)[1], "line 21");
    }
}
