//! Lines of code as the house's size rules count them (CONTRIBUTING, "The size rules"): blank
//! lines, comment lines and `#[cfg(test)]` modules do not count. A function's length is counted
//! the same way, from its `fn` to its closing brace; a closure is part of the function it is
//! written in.
//!
//! It reads Rust as tokens, not lines: a brace or a `//` inside a string or a character does not
//! open anything, and a `/*` comment may nest.

/// A file read for its sizes.
pub struct Source {
    /// Per line: it holds code, not only comments and blanks.
    code: Vec<bool>,
    /// Per line: it lies in a `#[cfg(test)]` module.
    test: Vec<bool>,
    tokens: Vec<Token>,
}

/// A function with a body: its name, the line of its `fn` (from 1) and its lines of code.
#[derive(Debug, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub line: usize,
    pub length: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String, usize),
    Punct(char, usize),
}

impl Token {
    fn line(&self) -> usize {
        match self {
            Token::Word(_, l) | Token::Punct(_, l) => *l,
        }
    }

    fn is(&self, c: char) -> bool {
        matches!(self, Token::Punct(p, _) if *p == c)
    }

    fn word(&self) -> Option<&str> {
        match self {
            Token::Word(w, _) => Some(w),
            Token::Punct(..) => None,
        }
    }
}

impl Source {
    pub fn read(text: &str) -> Source {
        let (code, tokens) = lex(text);
        let mut source = Source {
            test: vec![false; code.len()],
            code,
            tokens,
        };
        for (from, to) in source.test_modules() {
            source.test[from..=to].fill(true);
        }
        source
    }

    /// Lines of code outside test modules.
    pub fn lines_of_code(&self) -> usize {
        self.counted(0, self.code.len().saturating_sub(1))
    }

    /// Every function with a body outside test modules, with its length.
    pub fn functions(&self) -> Vec<Function> {
        let t = &self.tokens;
        let mut found = Vec::new();
        for i in 0..t.len().saturating_sub(1) {
            let (Some("fn"), Some(name)) = (t[i].word(), t[i + 1].word()) else {
                continue;
            };
            if self.test[t[i].line()] {
                continue;
            }
            if let Some(end) = self.body_end(i + 2) {
                found.push(Function {
                    name: name.to_string(),
                    line: t[i].line() + 1,
                    length: self.counted(t[i].line(), end),
                });
            }
        }
        found
    }

    /// Lines of code from line `from` to line `to` (from 0), test modules left out.
    fn counted(&self, from: usize, to: usize) -> usize {
        (from..=to.min(self.code.len() - 1))
            .filter(|&l| self.code[l] && !self.test[l])
            .count()
    }

    /// The line of the brace that closes the body a signature starting at token `i` opens, or
    /// `None` when a `;` ends it first (a `fn` in a trait or an `extern` block).
    fn body_end(&self, mut i: usize) -> Option<usize> {
        let t = &self.tokens;
        let mut depth = 0usize;
        while i < t.len() {
            match &t[i] {
                Token::Punct('(' | '[', _) => depth += 1,
                Token::Punct(')' | ']', _) => depth = depth.saturating_sub(1),
                Token::Punct(';', _) if depth == 0 => return None,
                Token::Punct('{', _) if depth == 0 => return self.closing(i).map(|c| t[c].line()),
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// The index of the `}` that closes the `{` at token `open`.
    fn closing(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (i, token) in self.tokens.iter().enumerate().skip(open) {
            if token.is('{') {
                depth += 1;
            } else if token.is('}') {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
        }
        None
    }

    /// The lines (first, last) of each `#[cfg(test)]` module written in the file, from its
    /// attribute to its closing brace. `cfg(all(test, ...))` is a test module too; `cfg(not(test))`
    /// and `cfg(any(test, ...))` are not.
    fn test_modules(&self) -> Vec<(usize, usize)> {
        let t = &self.tokens;
        let mut modules = Vec::new();
        let mut i = 0;
        while i < t.len() {
            let Some(after) = self.test_attribute(i) else {
                i += 1;
                continue;
            };
            // Further attributes and a visibility, then `mod name {`.
            let mut j = after;
            while j < t.len() && t[j].is('#') {
                j = self.attribute_end(j).unwrap_or(t.len());
            }
            if t.get(j).and_then(Token::word) == Some("pub") {
                j += 1;
                if t.get(j).is_some_and(|p| p.is('(')) {
                    while j < t.len() && !t[j].is(')') {
                        j += 1;
                    }
                    j += 1;
                }
            }
            let is_mod = t.get(j).and_then(Token::word) == Some("mod")
                && t.get(j + 2).is_some_and(|b| b.is('{'));
            if let Some(close) = is_mod.then(|| self.closing(j + 2)).flatten() {
                modules.push((t[i].line(), t[close].line()));
                i = close;
            }
            i += 1;
        }
        modules
    }

    /// Where the tokens after `#[cfg(test)]` at token `i` begin, if an attribute that makes a
    /// test-only item starts there.
    fn test_attribute(&self, i: usize) -> Option<usize> {
        let t = &self.tokens;
        let start = [t.get(i)?.is('#'), t.get(i + 1)?.is('[')];
        if start != [true, true] || t.get(i + 2)?.word() != Some("cfg") {
            return None;
        }
        let end = self.attribute_end(i)?;
        // The predicate's words at each depth: `test`, or `all(` holding `test`.
        let inside = &t[i + 4..end - 2];
        let words: Vec<(&str, usize)> = inside
            .iter()
            .scan(0usize, |depth, token| {
                if token.is('(') {
                    *depth += 1;
                } else if token.is(')') {
                    *depth -= 1;
                }
                Some(token.word().map(|w| (w, *depth)))
            })
            .flatten()
            .collect();
        let test_only = words == [("test", 0)]
            || (words.first() == Some(&("all", 0)) && words.contains(&("test", 1)));
        test_only.then_some(end)
    }

    /// The token after the `]` that closes the attribute starting with `#` at token `i`.
    fn attribute_end(&self, i: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (j, token) in self.tokens.iter().enumerate().skip(i + 1) {
            if token.is('[') {
                depth += 1;
            } else if token.is(']') {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
        }
        None
    }
}

/// The lines that hold code, and the words and punctuation of the code. Literals mark their
/// lines as code but give no token; comments give neither.
fn lex(text: &str) -> (Vec<bool>, Vec<Token>) {
    let c: Vec<char> = text.chars().collect();
    let mut code = vec![false; text.split('\n').count()];
    let mut tokens = Vec::new();
    let (mut i, mut line) = (0, 0);
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let start_line = line;
        match c[i] {
            '\n' => {
                line += 1;
                i += 1;
                continue;
            }
            ch if ch.is_whitespace() => {
                i += 1;
                continue;
            }
            '/' if at(i + 1) == '/' => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if at(i + 1) == '*' => {
                let mut depth = 0;
                loop {
                    match (at(i), at(i + 1)) {
                        ('\0', _) => break,
                        ('/', '*') => (depth, i) = (depth + 1, i + 2),
                        ('*', '/') => (depth, i) = (depth - 1, i + 2),
                        ('\n', _) => (line, i) = (line + 1, i + 1),
                        _ => i += 1,
                    }
                    if depth == 0 {
                        break;
                    }
                }
                continue;
            }
            '"' => i = string(&c, i + 1, 0, &mut line),
            '\'' if at(i + 1) == '\\' || at(i + 2) == '\'' => {
                // A character (not a lifetime): past the quote, the escape's `\` and the
                // character escaped, or the one character, then to the closing quote.
                i += if at(i + 1) == '\\' { 3 } else { 2 };
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            ch if ch.is_alphanumeric() || ch == '_' => {
                let prefix: String = c[i..].iter().take(3).collect();
                let raw = ["br", "cr", "r"]
                    .into_iter()
                    .find(|p| prefix.starts_with(p))
                    .filter(|p| {
                        let hashes = c[i + p.len()..].iter().take_while(|&&h| h == '#').count();
                        at(i + p.len() + hashes) == '"'
                    });
                if let Some(p) = raw {
                    let hashes = c[i + p.len()..].iter().take_while(|&&h| h == '#').count();
                    i = string(&c, i + p.len() + hashes + 1, hashes, &mut line);
                } else if (ch == 'b' || ch == 'c') && at(i + 1) == '"' {
                    i = string(&c, i + 2, 0, &mut line);
                } else if ch == 'b' && at(i + 1) == '\'' {
                    i += 2;
                    while i < c.len() && c[i] != '\'' {
                        i += if c[i] == '\\' { 2 } else { 1 };
                    }
                    i += 1;
                } else {
                    let len = c[i..]
                        .iter()
                        .take_while(|x| x.is_alphanumeric() || **x == '_')
                        .count();
                    tokens.push(Token::Word(c[i..i + len].iter().collect(), line));
                    i += len;
                }
            }
            ch => {
                tokens.push(Token::Punct(ch, line));
                i += 1;
            }
        }
        code[start_line..=line].fill(true);
    }
    (code, tokens)
}

/// The index after a string's closing quote (followed by `hashes` `#` for a raw string), its
/// text starting at `i`; `line` counts the lines it crosses.
fn string(c: &[char], mut i: usize, hashes: usize, line: &mut usize) -> usize {
    while i < c.len() {
        match c[i] {
            '\\' if hashes == 0 => {
                // An escape; `\` at a line's end continues the string on the next.
                i += 1;
                if c.get(i) == Some(&'\n') {
                    *line += 1;
                }
            }
            '\n' => *line += 1,
            '"' if c[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes =>
            {
                return i + 1 + hashes;
            }
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lengths(text: &str) -> Vec<(String, usize)> {
        Source::read(text)
            .functions()
            .into_iter()
            .map(|f| (f.name, f.length))
            .collect()
    }

    #[test]
    fn comment_lines_and_blank_lines_do_not_count() {
        let text =
            "// a comment\n/// a doc\n//! a module's doc\n\n    \nfn a() {} // said after code\n";
        assert_eq!(Source::read(text).lines_of_code(), 1);
    }

    #[test]
    fn a_block_comment_does_not_count_and_may_nest() {
        let text = r#"/* one
   two /* nested */ still
*/
let x = "/* not a comment";
let y = 1; /* a
 b */ let z = 2;
/** a doc */
"#;
        assert_eq!(Source::read(text).lines_of_code(), 3);
    }

    #[test]
    fn a_test_module_does_not_count_nor_its_functions() {
        let text = r#"fn a() {}
#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        let s = "}";
    }
}
#[cfg(all(test, not(loom)))]
#[allow(dead_code)]
pub(crate) mod more {
    fn u() {}
}
#[cfg(not(test))]
mod real {
    fn v() {}
}
"#;
        let source = Source::read(text);
        assert_eq!(source.lines_of_code(), 5);
        assert_eq!(lengths(text), [("a".into(), 1), ("v".into(), 1)]);
    }

    #[test]
    fn a_closure_is_part_of_its_function() {
        let text = r#"fn outer() {
    let f = |x: u32| {
        // not code
        x + 1
    };

    let c = '{';
    f(2);
}
fn next() {}
"#;
        assert_eq!(lengths(text), [("outer".into(), 7), ("next".into(), 1)]);
    }

    #[test]
    fn a_fn_without_a_body_is_no_function() {
        let text = r#"trait T {
    fn a(&self, x: [u8; 2]);
    fn b(&self) -> u8 {
        1
    }
}
struct S {
    pause: fn(),
}
"#;
        let source = Source::read(text);
        assert_eq!(source.lines_of_code(), 9);
        assert_eq!(lengths(text), [("b".into(), 3)]);
    }

    #[test]
    fn braces_in_strings_characters_and_lifetimes_open_nothing() {
        let text = r##"fn g<'a>(s: &'a str) -> char {
    let raw = r#"a " // } "#;
    let long = "{
}";
    let quote = '\'';
    let byte = b'}';
    '}'
}
fn h() {}
"##;
        assert_eq!(lengths(text), [("g".into(), 8), ("h".into(), 1)]);
        assert_eq!(Source::read(text).lines_of_code(), 9);
    }
}
