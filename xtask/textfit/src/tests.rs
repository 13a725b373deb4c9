//! A test for each case the wrap handles, and for each way in: a line, a hanging indent, a
//! report's line, a log line, a lesson's doc.

use super::*;

#[test]
fn whole_words_are_kept_and_the_spaces_inside_a_line_too() {
    assert_eq!(wrap_line("one two three", 7), ["one two", "three"]);
    assert_eq!(wrap_line("one two three", 100), ["one two three"]);
    assert_eq!(
        wrap_line("Main    : thread 0 done", 12),
        ["Main    :", "thread 0", "done"]
    );
    // The spaces where a line breaks go; a tab or a line's end between words is one space.
    assert_eq!(wrap_line("  one   two  ", 5), ["one", "two"]);
    assert_eq!(wrap_line("one\ttwo\nthree", 20), ["one two three"]);
    // A no-break space holds its words together (the timeline's `0.12 s`).
    assert_eq!(
        wrap_line("woke at 0.12\u{a0}s", 9),
        ["woke at", "0.12\u{a0}s"]
    );
}

#[test]
fn a_word_longer_than_the_width_is_broken_at_the_width() {
    assert_eq!(wrap_line("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(wrap_line("a bbbbbbbbbb c", 5), ["a", "bbbbb", "bbbbb", "c"]);
    // A lesson's doc too: it used to keep such a word whole, past the width, where a full
    // screen (tour, watch) cut it off at the edge.
    assert_eq!(wrap("a bbbbbbbbbb c", Some(5)), "a\nbbbbb\nbbbbb\nc");
}

/// A word broken on a first line shorter than the next ones went on with a space in it:
/// `hang` wrapped the first line, then joined the rest with spaces and wrapped it again.
#[test]
fn a_word_broken_under_a_hanging_indent_gets_no_space_inside() {
    let word = "abcdefghijklmnopqrstuvwxy";
    assert_eq!(
        hang(word, 20, "1234567890", ""),
        ["1234567890abcdefghij", "klmnopqrstuvwxy"]
    );
}

#[test]
fn code_spans_are_kept_whole_where_they_fit() {
    let text = "`Main    : before joining thread 0.` comes before any thread has finished";
    assert_eq!(
        wrap(text, Some(40)),
        "`Main    : before joining thread 0.`\ncomes before any thread has finished"
    );
    assert_eq!(
        wrap_line("press `q` to quit the `cargo xtask play` game", 30),
        ["press `q` to quit the", "`cargo xtask play` game"]
    );
    // A code span broken across the doc's lines is one span, joined by one space.
    assert_eq!(wrap("see `a   b\nc` here", Some(80)), "see `a   b c` here");
    // Wider than a line, it is broken at its spaces, which are kept.
    let wrapped = wrap("x `aaaa    bbbb    cccc` y", Some(14));
    assert_eq!(wrapped, "x\n`aaaa    bbbb\ncccc` y");
    // Wider than a line, its first piece goes on the line begun, where it fits.
    let said = "Your place is kept: `cargo xtask tour --progress-file /a/long/path/to/the/progress/file/of/this/one/run/of/the/test` comes back";
    assert_eq!(
        wrap_line(said, 80),
        [
            "Your place is kept: `cargo xtask tour --progress-file",
            "/a/long/path/to/the/progress/file/of/this/one/run/of/the/test` comes back",
        ]
    );
    // A lone backtick is only a character.
    assert_eq!(wrap("it's a ` tick", Some(8)), "it's a `\ntick");
}

#[test]
fn a_hanging_indent_holds_the_next_lines_under_the_text() {
    assert_eq!(
        under("    did   ", "what the thread did next", 20),
        [
            "    did   what the",
            "          thread did",
            "          next"
        ]
    );
    // A log line, under its text after the time; without a time, two spaces in.
    let line = "00:00:04: Main    : all 2 threads finished within 2 s: no deadlock.";
    assert_eq!(
        log_line(line, 40),
        [
            "00:00:04: Main    : all 2 threads",
            "          finished within 2 s: no",
            "          deadlock.",
        ]
    );
    assert_eq!(log_line(line, 80), [line]);
    let plain = log_line("thread 'main' panicked at src/main.rs:3:5: oh no", 20);
    assert!(plain[1].starts_with("  "), "{plain:?}");
    assert!(plain.iter().all(|l| width(l) <= 20), "{plain:?}");
    // A report's line, two columns under its own indent.
    let lines = fit(
        "  - a claim that is said in a great many words, more than fit",
        30,
    );
    assert_eq!(lines[0], "  - a claim that is said in a");
    assert!(
        lines[1..].iter().all(|l| l.starts_with("    ")),
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| width(l) <= 30), "{lines:?}");
    assert_eq!(fit("short\n  and short", 80), ["short", "  and short"]);
    // On a terminal narrower than an indent and ten columns, the lines run past its edge
    // rather than one word a line.
    assert_eq!(
        hang("one two three", 12, "          ", "          "),
        ["          one two", "          three"]
    );
}

#[test]
fn colour_codes_take_no_room() {
    let green = "\x1b[32m✓\x1b[0m";
    assert_eq!(width(green), 1);
    assert_eq!(strip(green), "✓");
    let line = format!(
        "{green} its run matches the lesson's log, times included, and its claims of order (2.0s)"
    );
    let lines = fit(&line, 80);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].ends_with("claims of order"), "{lines:?}");
    assert_eq!(lines[1], "  (2.0s)");
    // A painted word is as wide as its text.
    let painted = "\x1b[31mNot yet.\x1b[0m Edit it";
    assert_eq!(wrap_line(painted, 16), [painted]);
    assert_eq!(
        wrap(&format!("{painted} and save"), Some(16)),
        format!("{painted}\nand save")
    );
    // A cut keeps the codes, the reset after it too.
    let red = "\x1b[31mhello\x1b[0m";
    assert_eq!(strip(&cut(red, 3)), "hel");
    assert!(cut(red, 3).ends_with("\x1b[0m"), "the reset is kept");
}

#[test]
fn wide_and_combining_characters_take_the_columns_they_show_in() {
    let e = "e\u{301}"; // é as e and a combining accent
    assert_eq!((width("日本語"), width(e), width("→ · ─ …")), (6, 1, 7));
    assert_eq!(wrap_line("日本語 日本語", 7), ["日本語", "日本語"]);
    // Broken at the width, a wide character that would stick out goes to the next line.
    assert_eq!(wrap_line("日本語日本語", 5), ["日本", "語日", "本語"]);
    let cafe = format!("caf{e} caf{e}");
    assert_eq!(wrap_line(&cafe, 4), [format!("caf{e}"), format!("caf{e}")]);
    assert_eq!(
        wrap_line("abcde\u{301}f", 5),
        [format!("abcd{e}"), "f".into()]
    );
    assert_eq!(cut(&format!("{e}x"), 1), e);
    assert_eq!(cut("日本", 3), "日");
}

#[test]
fn an_empty_line_is_one_empty_line() {
    assert_eq!(wrap_line("", 10), [""]);
    assert_eq!(wrap_line("   ", 10), [""]);
    assert_eq!(hang("", 10, "  ", "    "), ["  "]);
    assert_eq!(fit("", 10), [""]);
    assert_eq!(log_line("", 10), [""]);
    assert_eq!(wrap("", Some(10)), "");
    assert_eq!(wrap("a\n\nb", Some(10)), "a\n\nb");
}

const DOC: &str = "\
Both threads log `read 0`: each read before either wrote, so each writes 1, and the second
write overwrites the first.

- In `src/lib.rs`, replace the load, the pause and the store with one
  `self.value.fetch_add(1, Ordering::SeqCst)`: the read and the write become one step.
- Pass only the sleep.
```text
keep   this    as it is, however long it is, even past the width of the terminal
```";

#[test]
fn a_doc_is_filled_by_paragraph_and_list_item() {
    let wrapped = wrap(DOC, Some(40));
    for line in wrapped.lines().filter(|l| !l.contains("keep")) {
        assert!(width(line) <= 40, "{line:?} is too long");
    }
    let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(words(&wrapped), words(DOC), "the same words, none broken");
    assert!(
        wrapped.contains("\n  `self.value.fetch_add(1,"),
        "{wrapped}"
    );
    assert!(wrapped.contains("\n- Pass only the sleep.\n"), "{wrapped}");
    assert!(wrapped.contains("\n\n- In `src/lib.rs`,"), "{wrapped}");
    assert!(wrapped.contains("keep   this    as it is"), "{wrapped}");
    assert_eq!(wrap("as written", None), "as written");
}
