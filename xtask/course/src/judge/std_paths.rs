//! Where an exercise's code names one of std's own sync types, which a model checker cannot see:
//! every path of the source, `use` trees expanded (groups, nesting, `self`, `as`, globs, over
//! any number of lines), and paths that start with a name a `use` bound to a part of std
//! (`use std::sync; sync::Mutex::new(..)`). Comments, strings and character literals are
//! skipped, so a mention in words does not count.

/// The sync types a model checker cannot see when the code takes std's own: std's `Mutex`,
/// `RwLock`, `Condvar` and `Barrier` (each name that starts so: their guards and results too),
/// and its `atomic` and `mpsc` modules. Not `Arc`, whose count no schedule decides, nor
/// `OnceLock`: its `get` and `set` never wait, and exercise 18's right answers use them around a
/// lock of `common::sync`'s.
fn unseen(path: &[String]) -> bool {
    let [root, sync, name, ..] = path else {
        return false;
    };
    (root == "std" || root == "core")
        && sync == "sync"
        && (["Mutex", "RwLock", "Condvar", "Barrier"]
            .iter()
            .any(|t| name.starts_with(t))
            || name == "atomic"
            || name == "mpsc")
}

/// A path that names one of std's unseen sync types, and the line it is on (from 1).
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    /// The path in full (`std::sync::Mutex`), whatever the code wrote.
    pub path: String,
}

/// The first path in `source` that names one of std's sync types a model cannot see.
pub fn std_sync(source: &str) -> Option<Found> {
    let toks = tokens(source);
    // First the names each `use` binds to a part of std, then every path, `use`s included.
    let mut aliases: Vec<(String, Vec<String>)> = Vec::new();
    let mut paths: Vec<(Vec<String>, usize)> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if toks[k].is_ident("use") {
            let mut tree = UseTree {
                toks: &toks,
                at: k + 1,
                out: Vec::new(),
            };
            tree.parse(Vec::new());
            for used in tree.out {
                match used.bound {
                    Bound::Name(name) => aliases.push((name, used.path.clone())),
                    // `use std::*;` brings in std's `sync` module by that name.
                    Bound::Glob if matches!(&used.path[..], [r, _] if r == "std" || r == "core") => {
                        aliases.push(("sync".into(), vec![used.path[0].clone(), "sync".into()]));
                    }
                    Bound::Glob => {}
                }
                paths.push((used.path, used.line));
            }
            k = tree.at;
        } else if let Some((path, line, next)) = path_at(&toks, k) {
            paths.push((path, line));
            k = next;
        } else {
            k += 1;
        }
    }
    let expand = |path: &[String]| -> Vec<String> {
        match aliases.iter().find(|(name, _)| *name == path[0]) {
            Some((_, full)) if path[0] != "std" && path[0] != "core" => {
                full.iter().chain(&path[1..]).cloned().collect()
            }
            _ => path.to_vec(),
        }
    };
    paths
        .into_iter()
        .map(|(path, line)| (expand(&path), line))
        .filter(|(path, _)| unseen(path) || glob_of_sync(path))
        .min_by_key(|(_, line)| *line)
        .map(|(path, line)| Found {
            line,
            path: path.join("::"),
        })
}

/// `std::sync::*` (and `std::sync::atomic::*`...), kept as a path ending in `*`: it brings the
/// unseen types in by their own names.
fn glob_of_sync(path: &[String]) -> bool {
    match path {
        [root, sync, star] => (root == "std" || root == "core") && sync == "sync" && star == "*",
        [head @ .., star] => star == "*" && unseen(head),
        [] => false,
    }
}

/// A path written in code, not in a `use`: `a::b::c` (or `::a::b`) from token `k`; its segments,
/// the line of its first, and the token after it. A lone name is no path.
fn path_at(toks: &[Token], k: usize) -> Option<(Vec<String>, usize, usize)> {
    let before = k.checked_sub(1).map(|b| &toks[b].tok);
    let mut at = k;
    if toks[at].tok == Tok::PathSep {
        // A leading `::` (`::std::sync`), not the one after a type's generics (`Vec::<T>::new`).
        if matches!(before, Some(Tok::Ident(_) | Tok::Punct('>'))) {
            return None;
        }
        at += 1;
    } else if matches!(before, Some(Tok::Punct('.') | Tok::PathSep)) {
        // A field or a method (`x.std`), or the tail of a path cut by generics.
        return None;
    }
    let first = toks.get(at)?;
    let Tok::Ident(name) = &first.tok else {
        return None;
    };
    let mut path = vec![name.clone()];
    at += 1;
    while let (
        Some(Token {
            tok: Tok::PathSep, ..
        }),
        Some(Token {
            tok: Tok::Ident(s), ..
        }),
    ) = (toks.get(at), toks.get(at + 1))
    {
        path.push(s.clone());
        at += 2;
    }
    (path.len() > 1).then_some((path, first.line, at))
}

/// What a `use` binds a path to: a name (its last segment, `self`'s parent, or its `as`), or
/// everything in it (`*`).
enum Bound {
    Name(String),
    Glob,
}

struct Used {
    path: Vec<String>,
    bound: Bound,
    line: usize,
}

/// A `use` declaration's tree, read from token `at` to its `;`.
struct UseTree<'t> {
    toks: &'t [Token],
    at: usize,
    out: Vec<Used>,
}

impl UseTree<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.tok)
    }

    fn line(&self) -> usize {
        self.toks
            .get(self.at)
            .or(self.toks.last())
            .map_or(1, |t| t.line)
    }

    /// One tree under `prefix`: a path, then a `{ .. }` group, a `*`, an `as name`, or nothing.
    fn parse(&mut self, mut prefix: Vec<String>) {
        if self.peek() == Some(&Tok::PathSep) {
            self.at += 1;
        }
        let mut line = self.line();
        loop {
            match self.peek() {
                // `self` in a group names the group's own path.
                Some(Tok::Ident(s)) if s == "self" && !prefix.is_empty() => {
                    self.at += 1;
                    break;
                }
                Some(Tok::Ident(s)) => {
                    prefix.push(s.clone());
                    line = self.line();
                    self.at += 1;
                }
                Some(Tok::Punct('{')) => {
                    self.at += 1;
                    while !matches!(self.peek(), None | Some(Tok::Punct('}' | ';'))) {
                        let from = self.at;
                        self.parse(prefix.clone());
                        if self.peek() == Some(&Tok::Punct(',')) || self.at == from {
                            self.at += 1;
                        }
                    }
                    if self.peek() == Some(&Tok::Punct('}')) {
                        self.at += 1;
                    }
                    return self.end();
                }
                Some(Tok::Punct('*')) => {
                    let line = self.line();
                    self.at += 1;
                    prefix.push("*".into());
                    self.out.push(Used {
                        path: prefix,
                        bound: Bound::Glob,
                        line,
                    });
                    return self.end();
                }
                _ => break,
            }
            if self.peek() == Some(&Tok::PathSep) {
                self.at += 1;
            } else {
                break;
            }
        }
        let Some(last) = prefix.last().cloned() else {
            return self.end();
        };
        let name = if self.peek() == Some(&Tok::Ident("as".into())) {
            self.at += 1;
            match self.peek() {
                Some(Tok::Ident(n)) => {
                    let n = n.clone();
                    self.at += 1;
                    n
                }
                _ => last,
            }
        } else {
            last
        };
        self.out.push(Used {
            path: prefix,
            bound: Bound::Name(name),
            line,
        });
        self.end();
    }

    /// Past the end of a whole declaration: its `;`.
    fn end(&mut self) {
        if self.peek() == Some(&Tok::Punct(';')) {
            self.at += 1;
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Tok {
    /// A name or keyword (a raw one without its `r#`), or a number.
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

#[derive(Debug)]
struct Token {
    tok: Tok,
    line: usize,
}

impl Token {
    fn is_ident(&self, s: &str) -> bool {
        matches!(&self.tok, Tok::Ident(i) if i == s)
    }
}

/// Rust source as names, `::` and punctuation, each with its line; comments, strings (raw, byte
/// and C ones too) and character literals left out.
fn tokens(source: &str) -> Vec<Token> {
    let c: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Skip from `i` to `end` (exclusive), counting the lines passed.
    let skip = |i: usize, end: usize, line: &mut usize| {
        *line += c[i..end.min(c.len())]
            .iter()
            .filter(|&&ch| ch == '\n')
            .count();
        end.min(c.len())
    };
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch == '/' && next == Some('/') {
            i = (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len());
        } else if ch == '/' && next == Some('*') {
            i = skip(i, block_comment_end(&c, i), &mut line);
        } else if let Some(end) = string_end(&c, i) {
            i = skip(i, end, &mut line);
        } else if ch == '\'' {
            i = skip(i, char_end(&c, i), &mut line);
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let mut word: String = c[start..i].iter().collect();
            if word == "r"
                && c.get(i) == Some(&'#')
                && c.get(i + 1).is_some_and(|&n| n.is_alphabetic() || n == '_')
            {
                let from = i + 1;
                i = from;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                word = c[from..i].iter().collect();
            }
            out.push(Token {
                tok: Tok::Ident(word),
                line,
            });
        } else if ch == ':' && next == Some(':') {
            out.push(Token {
                tok: Tok::PathSep,
                line,
            });
            i += 2;
        } else {
            if ch == '\n' {
                line += 1;
            } else if !ch.is_whitespace() {
                out.push(Token {
                    tok: Tok::Punct(ch),
                    line,
                });
            }
            i += 1;
        }
    }
    out
}

/// The end of the block comment that opens at `i` (they nest).
fn block_comment_end(c: &[char], i: usize) -> usize {
    let (mut depth, mut j) = (0, i);
    while j < c.len() {
        if c[j] == '/' && c.get(j + 1) == Some(&'*') {
            depth += 1;
            j += 2;
        } else if c[j] == '*' && c.get(j + 1) == Some(&'/') {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    c.len()
}

/// If a string literal opens at `i` (`"..."`, `r#"..."#`, `b"..."`, `br"..."`, `c"..."`...),
/// where it ends. A prefix letter must not be the end of a longer name (`bar"` is no string).
fn string_end(c: &[char], i: usize) -> Option<usize> {
    if i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_') {
        return None;
    }
    let mut j = i;
    if matches!(c[j], 'b' | 'c') {
        j += 1;
    }
    let raw = c.get(j) == Some(&'r');
    if raw {
        j += 1;
    }
    let hashes = c[j.min(c.len())..]
        .iter()
        .take_while(|&&h| h == '#')
        .count();
    if !raw && hashes > 0 {
        return None;
    }
    j += hashes;
    if c.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < c.len() {
        match c[j] {
            '\\' if !raw => j += 2,
            '"' if c[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes =>
            {
                return Some(j + 1 + hashes);
            }
            _ => j += 1,
        }
    }
    Some(c.len())
}

/// The end of a character literal that opens at `i` (`'x'`, `'\n'`, `'\u{1F600}'`), or just
/// past the quote of a lifetime or a label (`'a`), whose name is then read as a name.
fn char_end(c: &[char], i: usize) -> usize {
    match (c.get(i + 1), c.get(i + 2)) {
        (Some('\\'), _) => (i + 2..c.len())
            .find(|&j| c[j] == '\'' && j > i + 2)
            .map_or(c.len(), |j| j + 1),
        (Some(_), Some('\'')) => i + 3,
        _ => i + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(source: &str) -> Option<(usize, String)> {
        std_sync(source).map(|f| (f.line, f.path))
    }

    fn at(line: usize, path: &str) -> Option<(usize, String)> {
        Some((line, path.to_string()))
    }

    #[test]
    fn a_plain_use_is_found() {
        assert_eq!(found("use std::sync::Mutex;\n"), at(1, "std::sync::Mutex"));
    }

    #[test]
    fn a_grouped_use_is_found() {
        assert_eq!(
            found("use std::{sync::Mutex};\n"),
            at(1, "std::sync::Mutex")
        );
        assert_eq!(
            found("use std::sync::{Arc, Condvar};"),
            at(1, "std::sync::Condvar")
        );
    }

    #[test]
    fn a_nested_use_is_found() {
        let source = "use std::{fmt, sync::{Arc, atomic::{AtomicU32, Ordering}}};";
        assert_eq!(found(source), at(1, "std::sync::atomic::AtomicU32"));
    }

    #[test]
    fn a_use_over_several_lines_is_found_on_the_line_of_the_type() {
        let source = "use std::{\n    collections::HashMap,\n    sync::{\n        Arc,\n        \
                      RwLock,\n    },\n};\n";
        assert_eq!(found(source), at(5, "std::sync::RwLock"));
    }

    #[test]
    fn a_renamed_use_is_found_and_so_is_a_path_through_the_new_name() {
        assert_eq!(
            found("use std::sync::Mutex as Lock;"),
            at(1, "std::sync::Mutex")
        );
        let source = "use std::sync as s;\n\nfn f() {\n    let b = s::Barrier::new(2);\n}\n";
        assert_eq!(found(source), at(4, "std::sync::Barrier::new"));
        let source = "use std::sync::{self};\nstatic N: sync::atomic::AtomicU32 = todo!();";
        assert_eq!(found(source), at(2, "std::sync::atomic::AtomicU32"));
    }

    #[test]
    fn a_path_from_the_crate_root_is_found() {
        assert_eq!(found("use ::std::sync::mpsc;"), at(1, "std::sync::mpsc"));
        assert_eq!(
            found("let (tx, rx) = ::std::sync::mpsc::channel::<u8>();"),
            at(1, "std::sync::mpsc::channel")
        );
    }

    #[test]
    fn a_full_path_in_an_expression_is_found() {
        let source = "use common::sync::Arc;\n\nfn main() {\n    let m = Arc::new(\n        \
                      std::sync::Mutex::new(0),\n    );\n}\n";
        assert_eq!(found(source), at(5, "std::sync::Mutex::new"));
        assert_eq!(
            found("let c = Vec::<std::sync::atomic::AtomicBool>::new();"),
            at(1, "std::sync::atomic::AtomicBool")
        );
    }

    #[test]
    fn a_glob_is_found() {
        assert_eq!(found("use std::sync::*;"), at(1, "std::sync::*"));
        assert_eq!(
            found("use std::*;\nfn f() { let m = sync::Mutex::new(()); }"),
            at(2, "std::sync::Mutex::new")
        );
    }

    #[test]
    fn a_comment_or_a_string_that_mentions_it_does_not_count() {
        let source = r####"
            // use std::sync::Mutex;
            /* std::sync::Mutex, /* nested */ std::sync::Condvar */
            /// Not `std::sync::RwLock`: take it from `common::sync`.
            fn f<'a>(x: &'a str) -> char {
                println!("use std::sync::Mutex;");
                let r = r#"std::sync::atomic "quoted" "#;
                let b = b"std::sync::Barrier";
                let q = '"';
                let e = "a \" std::sync::mpsc \" ";
                '\''
            }
        "####;
        assert_eq!(found(source), None);
    }

    #[test]
    fn what_the_model_sees_or_never_waits_on_is_not_found() {
        let source = "use common::sync::{Arc, Mutex, atomic::AtomicU32};\nuse std::sync::Arc as \
                      A;\nuse std::sync::OnceLock;\nuse std::{thread, time::Duration};\nlet m = \
                      Mutex::new(std::sync::Arc::new(1));\nuse sync::Mutex;\n";
        assert_eq!(found(source), None);
        // `sync` bound to common's, not std's.
        let source = "use common::sync;\nlet m = sync::Mutex::new(0);";
        assert_eq!(found(source), None);
    }
}
