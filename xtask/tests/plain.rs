//! Every lesson reads plainly: measured the way the Rust Book's chapter 16 ("Fearless
//! Concurrency") was measured beside it, and held to four limits, so that the course stays
//! readable as it grows.
//!
//! The text is the `//!` doc of a chapter's `src/main.rs`. Headings and fenced code are dropped.
//! Paragraphs are split at blank lines, and each bullet is a paragraph of its own. Code spans
//! are masked as one word. A sentence ends after `.`, `!` or `?` and a space, and at the end of
//! its paragraph. Words are whitespace-separated tokens. Colons are counted outside code spans.
//!
//! `cargo test -p xtask --test plain -- --nocapture` prints the table of every chapter.

use std::path::Path;

/// The limits: mean words a sentence, words in the longest paragraph, the share of sentences
/// over [`LONG`] words, and colons a sentence.
const MEAN_WORDS: f64 = 21.0;
const LONGEST_PARAGRAPH: usize = 130;
const LONG: usize = 40;
const LONG_SHARE: f64 = 0.05;
const COLONS: f64 = 0.5;

/// The `//!` doc at the top of a source file, without its `//!`: the lines read the way
/// `course::parse_lesson` reads them (a blank line between doc lines stays in the doc).
fn lesson_doc(source: &str) -> String {
    let mut doc = Vec::new();
    for line in source.lines() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("//!") {
            doc.push(rest.strip_prefix(' ').unwrap_or(rest));
        } else if line.is_empty() {
            doc.push("");
        } else {
            break;
        }
    }
    doc.join("\n")
}

/// Whether a line (its indent gone) begins a bullet: `- `, `* `, `+ `, or a number and `. `.
fn is_bullet(line: &str) -> bool {
    if ["- ", "* ", "+ "].iter().any(|b| line.starts_with(b)) {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

/// The prose paragraphs of a markdown text, each as one line: headings and fenced code dropped,
/// split at blank lines, each bullet a paragraph of its own.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut in_fence = false;
    let mut flush = |current: &mut Vec<&str>| {
        if !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
            flush(&mut current);
            continue;
        }
        if in_fence {
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            flush(&mut current);
            continue;
        }
        if is_bullet(line) {
            flush(&mut current);
        }
        current.push(line);
    }
    flush(&mut current);
    out
}

/// The paragraph with each code span (a run of backticks to the next run of as many) masked as
/// the one word `CODE`. A run with no closing run is left as it is, as markdown does.
fn mask_code(paragraph: &str) -> String {
    let bytes = paragraph.as_bytes();
    let run_at = |i: usize| bytes[i..].iter().take_while(|&&b| b == b'`').count();
    let mut out = String::new();
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let ticks = run_at(i);
        let mut j = i + ticks;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] != b'`' {
                j += 1;
                continue;
            }
            let run = run_at(j);
            if run == ticks {
                close = Some(j);
                break;
            }
            j += run;
        }
        match close {
            Some(j) => {
                out += &paragraph[copied..i];
                out += "CODE";
                i = j + ticks;
                copied = i;
            }
            None => i += ticks,
        }
    }
    out + &paragraph[copied..]
}

/// The sentences of a masked paragraph: each ends after `.`, `!` or `?` and a space, or where
/// the paragraph ends.
fn sentences(masked: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = masked.char_indices().collect();
    for w in chars.windows(2) {
        let ((i, c), (_, next)) = (w[0], w[1]);
        if matches!(c, '.' | '!' | '?') && next.is_whitespace() {
            out.push(&masked[start..=i]);
            start = i + 1;
        }
    }
    out.push(&masked[start..]);
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// What the measure counts in a text.
#[derive(Debug, Default, PartialEq)]
struct Measure {
    sentences: usize,
    words: usize,
    /// Words of the longest paragraph.
    longest: usize,
    /// Sentences of more than [`LONG`] words.
    long: usize,
    /// Colons outside code spans.
    colons: usize,
}

impl Measure {
    fn of(text: &str) -> Measure {
        let mut m = Measure::default();
        for p in paragraphs(text) {
            let masked = mask_code(&p);
            m.longest = m.longest.max(masked.split_whitespace().count());
            m.colons += masked.matches(':').count();
            for s in sentences(&masked) {
                let words = s.split_whitespace().count();
                m.sentences += 1;
                m.words += words;
                m.long += usize::from(words > LONG);
            }
        }
        m
    }

    fn mean(&self) -> f64 {
        self.words as f64 / self.sentences.max(1) as f64
    }

    fn long_share(&self) -> f64 {
        self.long as f64 / self.sentences.max(1) as f64
    }

    fn colons_each(&self) -> f64 {
        self.colons as f64 / self.sentences.max(1) as f64
    }

    /// The limits this text is over, in words.
    fn over(&self) -> Vec<String> {
        let mut over = Vec::new();
        if self.mean() > MEAN_WORDS {
            over.push(format!("{:.1} words a sentence", self.mean()));
        }
        if self.longest > LONGEST_PARAGRAPH {
            over.push(format!("a paragraph of {} words", self.longest));
        }
        if self.long_share() > LONG_SHARE {
            over.push(format!(
                "{:.0}% of sentences over {LONG} words",
                100.0 * self.long_share()
            ));
        }
        if self.colons_each() > COLONS {
            over.push(format!("{:.2} colons a sentence", self.colons_each()));
        }
        over
    }

    /// A row of the table, with a `*` after each figure over its limit.
    fn row(&self, name: &str) -> String {
        let mark = |over: bool| if over { "*" } else { " " };
        format!(
            "{name:<22} {:>5} {:>9} {:>6.1}{} {:>7}{} {:>5.0}%{} {:>6.2}{}",
            self.words,
            self.sentences,
            self.mean(),
            mark(self.mean() > MEAN_WORDS),
            self.longest,
            mark(self.longest > LONGEST_PARAGRAPH),
            100.0 * self.long_share(),
            mark(self.long_share() > LONG_SHARE),
            self.colons_each(),
            mark(self.colons_each() > COLONS),
        )
    }

    fn add(&mut self, other: &Measure) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.longest = self.longest.max(other.longest);
        self.long += other.long;
        self.colons += other.colons;
    }
}

/// The columns: words, sentences, mean words a sentence, words of the longest paragraph, the
/// share of sentences over [`LONG`] words, colons a sentence.
const HEADER: &str = "chapter                words sentences   mean  longest  >40 w  colons";

/// The table of every lesson under `dir` (a folder of its own with a `src/main.rs`: a chapter,
/// or an exercise), and the lessons over a limit with what they are over.
fn measure_all(dir: &Path) -> (String, Vec<(String, Vec<String>)>) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("src/main.rs").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut table = format!("{HEADER}\n");
    let mut all = Measure::default();
    let mut over = Vec::new();
    for name in &names {
        let source = std::fs::read_to_string(dir.join(name).join("src/main.rs")).unwrap();
        let m = Measure::of(&lesson_doc(&source));
        table += &m.row(name);
        table += "\n";
        all.add(&m);
        let o = m.over();
        if !o.is_empty() {
            over.push((name.clone(), o));
        }
    }
    let kind = dir.file_name().unwrap().to_string_lossy();
    table += &all.row(&format!("all {} {kind}", names.len()));
    (table, over)
}

#[test]
fn every_lesson_reads_within_the_four_limits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let (table, over) = measure_all(&root.join("chapters"));
    println!("{table}");
    assert!(table.lines().count() >= 20, "{table}");
    let over: Vec<String> = over
        .into_iter()
        .map(|(name, o)| format!("{name}: {}", o.join(", ")))
        .collect();
    assert!(
        over.is_empty(),
        "lessons over the limits ({MEAN_WORDS} words a sentence, {LONGEST_PARAGRAPH} words a \
         paragraph, {:.0}% of sentences over {LONG} words, {COLONS} colons a sentence):\n{}\n\n{table}",
        100.0 * LONG_SHARE,
        over.join("\n")
    );
}

/// The exercises' tasks are read as closely as the lessons: `cargo xtask watch` shows them,
/// and the judge speaks in their `If it differs`.
#[test]
fn every_exercise_task_reads_within_the_four_limits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let (table, over) = measure_all(&root.join("exercises"));
    println!("{table}");
    assert!(table.lines().count() >= 20, "{table}");
    let over: Vec<String> = over
        .into_iter()
        .map(|(name, o)| format!("{name}: {}", o.join(", ")))
        .collect();
    assert!(
        over.is_empty(),
        "exercises over the limits:\n{}\n\n{table}",
        over.join("\n")
    );
}

#[test]
fn the_doc_is_the_leading_doc_comment() {
    let source = "//! # Title\n//!\n//! One.\n\n//!Two.\n#![forbid(unsafe_code)]\n//! not it\n";
    assert_eq!(lesson_doc(source), "# Title\n\nOne.\n\nTwo.");
}

#[test]
fn headings_and_fenced_code_are_dropped_and_each_bullet_is_a_paragraph() {
    let text = "# Title\n\nOne line\nand its next.\n\n## Try this\n- First: a\n  continued.\n\
                - Second.\n\n```text\nnot. prose: at all\n```\nAfter.\n1. Numbered.\n";
    assert_eq!(
        paragraphs(text),
        [
            "One line and its next.",
            "- First: a continued.",
            "- Second.",
            "After.",
            "1. Numbered."
        ]
    );
}

#[test]
fn a_code_span_is_one_word_and_its_colons_and_stops_do_not_count() {
    assert_eq!(
        mask_code("A `Thread [..]: finishing.` came: so."),
        "A CODE came: so."
    );
    // Double backticks hold a single one; a lone backtick is text.
    assert_eq!(mask_code("``a `b` c`` and ` alone"), "CODE and ` alone");
    let m = Measure::of("See `a. b: c` here: yes. Then `d`.");
    assert_eq!((m.sentences, m.words, m.colons), (2, 6, 1));
}

#[test]
fn a_sentence_ends_after_a_stop_and_a_space_or_at_its_paragraph_end() {
    assert_eq!(
        sentences("It is 0.1 s long. Is it? Yes! e.g.x and end"),
        ["It is 0.1 s long.", " Is it?", " Yes!", " e.g.x and end"]
    );
    // A stop at a line's end is followed by the space that joined the lines.
    let m = Measure::of("One two.\nThree\nfour.\n\nFive");
    assert_eq!((m.sentences, m.words, m.longest), (3, 5, 4));
}

#[test]
fn the_limits_name_what_a_text_is_over() {
    let long = vec!["word"; 45].join(" ") + ".";
    let m = Measure::of(&format!("{long}\n\nA: b: c."));
    assert_eq!((m.sentences, m.long, m.colons, m.longest), (2, 1, 2, 45));
    assert_eq!(
        m.over(),
        [
            "24.0 words a sentence",
            "50% of sentences over 40 words",
            "1.00 colons a sentence"
        ]
    );
    let paragraph = vec!["Short one here."; 50].join(" ");
    assert_eq!(Measure::of(&paragraph).over(), ["a paragraph of 150 words"]);
    assert!(Measure::of("A plain sentence. Another.").over().is_empty());
}
