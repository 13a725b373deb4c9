//! The games from the keyboard and to a screen reader: a link first on the page takes the focus
//! to the game in a Tab or two; a thread's button keeps the focus after its move, so that Enter
//! again moves again and a key after a click still reaches the game; each move, each refusal
//! (said again when it comes again) and the end are said in the page's status region, and the
//! drawing of a won schedule is not read aloud; code in a level's words is set as code, and a
//! command breaks only between its words.

use playproto::export::BookGame;

use super::cdp::{self, Browser, Value, item};
use super::play_page::{open, player, session, shipped, text, to_beyond};

/// From the top of the page, Tab to its first link, the way into the game, and follow it: the
/// Tabs it took (the focus is then on level `id`'s game).
pub fn tab_to_the_game(b: &mut Browser, id: &str) -> usize {
    let skip = "document.activeElement && document.activeElement.classList.contains('play-skip')";
    let mut tabs = 0;
    while b.eval(skip).unwrap() != Value::Bool(true) {
        b.key("Tab").unwrap();
        tabs += 1;
        assert!(tabs < 5, "{tabs} Tabs and no way into the game yet");
    }
    b.key("Enter").unwrap();
    let focused = b
        .eval(&format!(
            "document.activeElement === document.querySelector('{}')",
            player(id)
        ))
        .unwrap();
    assert_eq!(focused, Value::Bool(true), "the way in does not reach {id}");
    tabs
}

/// The lane of the button that has the focus, if one has it.
fn focused_lane(b: &mut Browser) -> String {
    let v = b
        .eval("document.activeElement.getAttribute('data-lane') || document.activeElement.tagName")
        .unwrap();
    v.as_str().unwrap_or("").to_string()
}

fn moves_made(b: &mut Browser, p: &str) -> String {
    text(b, &format!("{p} .play-head"))
        .rsplit("move ")
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_keyboard_reaches_the_game_in_a_few_tabs_and_keeps_its_focus_after_a_move() {
    let Some((mut b, book, _)) = session("keys") else {
        return;
    };
    let p = player("ch04");
    open(&mut b, &book, 4, "ch04", 1280);
    let tabs = tab_to_the_game(&mut b, "ch04");
    assert!(tabs <= 2, "{tabs} Tabs to the game at 1280 pixels");
    // The game's first control is thread 1's button: Enter on it moves, and the focus stays.
    b.key("Tab").unwrap();
    assert_eq!(focused_lane(&mut b), "1");
    b.key("Enter").unwrap();
    assert_eq!(moves_made(&mut b, &p), "1");
    assert_eq!(focused_lane(&mut b), "1", "the focus left the button");
    b.key("Enter").unwrap();
    assert_eq!(moves_made(&mut b, &p), "2", "Enter twice made one move");
    // A click, then a key: both reach the game.
    b.click(&format!("{p} .play-thread[data-lane=\"2\"]"))
        .unwrap();
    assert_eq!(moves_made(&mut b, &p), "3");
    b.key("2").unwrap();
    assert_eq!(moves_made(&mut b, &p), "4", "a key after a click was lost");
    println!("{tabs} Tabs to ch04's game at 1280 pixels");
}

/// What the status region said, each time it said something (a node added), since `listen`.
fn listen(b: &mut Browser, p: &str) {
    b.eval(&format!(
        "(() => {{ window.SAID = []; new MutationObserver(rs => rs.forEach(r => \
         r.addedNodes.forEach(n => SAID.push(n.textContent)))).observe(\
         document.querySelector('{p} .play-message'), {{childList: true, subtree: true}}); }})()"
    ))
    .unwrap();
}

fn said(b: &mut Browser) -> Vec<String> {
    let v = b.eval("SAID").unwrap();
    v.items()
        .iter()
        .map(|s| s.as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_screen_reader_hears_each_move_each_refusal_and_the_end_but_not_the_drawing() {
    let Some((mut b, book, _)) = session("said") else {
        return;
    };
    let p = player("ch04");
    open(&mut b, &book, 4, "ch04", 1280);
    listen(&mut b, &p);
    tab_to_the_game(&mut b, "ch04");
    b.key("1").unwrap();
    let first = said(&mut b);
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(
        first[0].starts_with("Move 1: Thread 0 ") && first[0].contains("State: value: 0"),
        "{first:?}"
    );
    // Thread 0 runs to its end; then a refused move, twice: said twice.
    b.key("1").unwrap();
    b.key("1").unwrap();
    b.key("1").unwrap();
    b.key("1").unwrap();
    let now = said(&mut b);
    let refused = "Thread 0 (key 1) has finished.";
    assert_eq!(now[now.len() - 2..], [refused, refused], "{now:?}");
    // Won: the end is said in a sentence; the drawing is in no live region, and a key that
    // changes nothing of the game (the hint) says nothing again.
    b.key("r").unwrap();
    for m in ["1", "2", "1", "2", "1", "2"] {
        b.key(m).unwrap();
    }
    let now = said(&mut b);
    let last = now.last().cloned().unwrap_or_default();
    assert!(
        last.starts_with("Move 6: Thread 1 ") && last.contains("Goal reached. An update is lost"),
        "{last}"
    );
    let live = b
        .eval(
            "Array.from(document.querySelectorAll('[aria-live]')).filter(e => \
             e.querySelector('.play-timeline') || e.textContent.includes('+--')).length",
        )
        .unwrap();
    assert_eq!(
        cdp::num(&live),
        Some(0.0),
        "a live region holds the timeline"
    );
    let before = said(&mut b).len();
    b.key("h").unwrap();
    b.key("h").unwrap();
    assert_eq!(
        said(&mut b).len(),
        before,
        "the hint key said something again"
    );
}

#[test]
fn code_is_set_as_code_and_a_command_breaks_only_between_words() {
    let Some((mut b, book, shots)) = session("code") else {
        return;
    };
    let p = player("ch15");
    open(&mut b, &book, 15, "ch15", 375);
    // ch15's title is "..., with `if` for `while`": code on the page, no backticks anywhere.
    let head = b
        .eval(&format!(
            "(() => {{ const h = document.querySelector('{p} .play-head'); \
             return [h.textContent, Array.from(h.querySelectorAll('code')).map(c => c.textContent), \
             document.querySelector('{p}').getAttribute('aria-label')]; }})()"
        ))
        .unwrap();
    let (shown, codes, label) = (item(&head, 0), item(&head, 1), item(&head, 2));
    assert!(!cdp::text(&shown).contains('`'), "{}", cdp::text(&shown));
    assert!(!cdp::text(&label).contains('`'), "{}", cdp::text(&label));
    assert!(
        codes.items().iter().any(|c| c.as_str() == Some("if")),
        "{}",
        cdp::text(&codes)
    );
    // A move past the schedules the page holds: its message gives the command, set as code,
    // broken only between words (`--moves` whole on one line, at a phone's width).
    let game: BookGame = shipped(&book, "ch15");
    let (path, beyond) = to_beyond(&game.game);
    super::play_keys::tab_to_the_game(&mut b, "ch15");
    for m in &path {
        b.key(&m.to_string()).unwrap();
    }
    b.key(&beyond.to_string()).unwrap();
    let message = text(&mut b, &format!("{p} .play-message"));
    assert!(message.contains("one preemption more"), "{message}");
    let lines = b
        .eval(&format!(
            "(() => {{ const c = document.querySelector('{p} .play-message code'); \
             const t = c.firstChild; const at = t.data.indexOf('--moves'); \
             const r = document.createRange(); r.setStart(t, at); r.setEnd(t, at + 7); \
             return [t.data, new Set(Array.from(r.getClientRects()).map(q => q.top)).size]; }})()"
        ))
        .unwrap();
    let command = item(&lines, 0).as_str().unwrap_or("").to_string();
    assert!(
        command.starts_with("cargo xtask play ch15 --moves \""),
        "{command}"
    );
    assert_eq!(
        cdp::num(&item(&lines, 1)),
        Some(1.0),
        "`--moves` is broken across lines"
    );
    b.screenshot(&p, &shots.join("play-ch15-beyond-375.png"))
        .unwrap();
}
