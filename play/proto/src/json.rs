//! JSON, the protocol's one encoding: a value parsed whole (so that a key is found where it is
//! and a string inside another never fools it) and written back, and [`Json`], how each of the
//! protocol's types is written as a value and read from one. A few hundred lines of our own,
//! where serde's derive would cost the course's cold build its syn (about 10 s of CPU on 2 cores,
//! measured with `cargo build --timings`); the runner reads cargo's messages with it too.

use crate::Error;

/// A JSON value. Numbers are kept as written, and read as the number a type wants.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value of `key`, when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, when this is an array.
    pub fn items(&self) -> &[Value] {
        match self {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The value written as JSON, on one line.
    pub fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n),
            Value::String(s) => quote(s, out),
            Value::Array(items) => {
                out.push('[');
                for (k, v) in items.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Value::Object(fields) => {
                out.push('{');
                for (k, (key, v)) in fields.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    quote(key, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `s` as a JSON string: quotes, backslashes and control characters escaped.
fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// How a type of the protocol is written as a JSON value, and read from one.
pub trait Json: Sized {
    fn to_json(&self) -> Value;
    fn from_json(v: &Value) -> Result<Self, Error>;
}

fn wrong(what: &str, v: &Value) -> Error {
    let mut text = String::new();
    v.write(&mut text);
    let text: String = text.chars().take(80).collect();
    Error(format!("expected {what}, found {text}"))
}

impl Json for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| wrong("a string", v))
    }
}

impl Json for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        match v {
            Value::Bool(b) => Ok(*b),
            _ => Err(wrong("true or false", v)),
        }
    }
}

macro_rules! number {
    ($($t:ty),*) => {$(
        impl Json for $t {
            fn to_json(&self) -> Value {
                Value::Number(self.to_string())
            }
            fn from_json(v: &Value) -> Result<Self, Error> {
                match v {
                    Value::Number(n) => n.parse().map_err(|_| wrong(stringify!($t), v)),
                    _ => Err(wrong("a number", v)),
                }
            }
        }
    )*};
}
number!(usize, u32, u64, i32, i64);

impl<T: Json> Json for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::to_json)
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        match v {
            Value::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

impl<T: Json> Json for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(T::to_json).collect())
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        match v {
            Value::Array(items) => items.iter().map(T::from_json).collect(),
            _ => Err(wrong("an array", v)),
        }
    }
}

impl<T: Json> Json for Box<T> {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        T::from_json(v).map(Box::new)
    }
}

impl<A: Json, B: Json> Json for (A, B) {
    fn to_json(&self) -> Value {
        Value::Array(vec![self.0.to_json(), self.1.to_json()])
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        match v.items() {
            [a, b] => Ok((A::from_json(a)?, B::from_json(b)?)),
            _ => Err(wrong("a pair", v)),
        }
    }
}

impl<T: Json + Copy + Default, const N: usize> Json for [T; N] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(T::to_json).collect())
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        let items = v.items();
        if items.len() != N {
            return Err(wrong(&format!("{N} items"), v));
        }
        let mut out = [T::default(); N];
        for (o, i) in out.iter_mut().zip(items) {
            *o = T::from_json(i)?;
        }
        Ok(out)
    }
}

/// An object's fields, written: those that are null are left out.
pub fn object(fields: Vec<(&str, Value)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter(|(_, v)| *v != Value::Null)
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// Field `key` of object `v`, read (a field that is not there reads as null).
pub fn field<T: Json>(v: &Value, key: &str) -> Result<T, Error> {
    T::from_json(v.get(key).unwrap_or(&Value::Null)).map_err(|e| Error(format!("{key}: {}", e.0)))
}

/// `v` is an object whose fields are all among `known`.
pub fn known(v: &Value, known: &[&str]) -> Result<(), Error> {
    let Value::Object(fields) = v else {
        return Err(wrong("an object", v));
    };
    match fields.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        Some((k, _)) => Err(Error(format!("unknown field `{k}`"))),
        None => Ok(()),
    }
}

/// An enum's variant: a bare name (`"free"`), or an object of one field, the name and its value
/// (`{"by": "Thread A"}`).
pub fn variant(v: &Value) -> Result<(&str, &Value), Error> {
    match v {
        Value::String(name) => Ok((name, &Value::Null)),
        Value::Object(fields) if fields.len() == 1 => Ok((&fields[0].0, &fields[0].1)),
        _ => Err(wrong("a name, or an object of one field", v)),
    }
}

/// Variant `name` with its value.
pub fn tagged(name: &str, v: Value) -> Value {
    Value::Object(vec![(name.to_string(), v)])
}

/// Parse `text`, one JSON value and nothing after it but spaces.
pub fn parse(text: &str) -> Option<Value> {
    parse_at(text).ok()
}

/// Parse `text` as [`parse`] does; when it does not read, the line (from 1) where reading
/// stopped, so that a hand-edited table's error can name it.
pub fn parse_at(text: &str) -> Result<Value, usize> {
    let mut p = Parser {
        s: text.as_bytes(),
        at: 0,
    };
    let v = p.value();
    p.space();
    match v {
        Some(v) if p.at == p.s.len() => Ok(v),
        _ => {
            let upto = &p.s[..p.at.min(p.s.len())];
            Err(upto.iter().filter(|&&b| b == b'\n').count() + 1)
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn space(&mut self) {
        while self.s.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.space();
        (self.s.get(self.at) == Some(&b)).then(|| self.at += 1)
    }

    fn word(&mut self, w: &str, v: Value) -> Option<Value> {
        self.s[self.at..].starts_with(w.as_bytes()).then(|| {
            self.at += w.len();
            v
        })
    }

    fn value(&mut self) -> Option<Value> {
        self.space();
        match *self.s.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                if self.eat(b'}').is_some() {
                    return Some(Value::Object(fields));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    self.eat(b':')?;
                    fields.push((key, self.value()?));
                    if self.eat(b'}').is_some() {
                        return Some(Value::Object(fields));
                    }
                    self.eat(b',')?;
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']').is_some() {
                    return Some(Value::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    if self.eat(b']').is_some() {
                        return Some(Value::Array(items));
                    }
                    self.eat(b',')?;
                }
            }
            b'"' => self.string().map(Value::String),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'n' => self.word("null", Value::Null),
            _ => {
                let start = self.at;
                while self
                    .s
                    .get(self.at)
                    .is_some_and(|b| b.is_ascii_digit() || b"+-.eE".contains(b))
                {
                    self.at += 1;
                }
                let n = std::str::from_utf8(&self.s[start..self.at]).ok()?;
                (!n.is_empty()).then(|| Value::Number(n.to_string()))
            }
        }
    }

    /// A string, from its opening quote: escapes decoded (`\u` with its surrogate pairs).
    fn string(&mut self) -> Option<String> {
        if self.s.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let b = *self.s.get(self.at)?;
            self.at += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.at)?;
                    self.at += 1;
                    let c = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xd800..0xdc00).contains(&code) {
                                // A surrogate pair: `\ud83d\ude00`.
                                self.s[self.at..].starts_with(b"\\u").then_some(())?;
                                self.at += 2;
                                let low = self.hex4()?;
                                code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                            }
                            char::from_u32(code)?
                        }
                        other => char::from(other),
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                b => out.push(b),
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = std::str::from_utf8(self.s.get(self.at..self.at + 4)?).ok()?;
        self.at += 4;
        u32::from_str_radix(hex, 16).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cargo_message_is_read_by_its_keys() {
        let line = r#"{"reason":"compiler-artifact","package_id":"x","target":{"kind":["bin"],"name":"a \"kind\":[\"test\"]"},"profile":{"opt_level":"0","test":false},"features":[],"filenames":["/t/a"],"executable":"/t/debug/a\u00e9\\b","fresh":true}"#;
        let v = parse(line).unwrap();
        assert_eq!(
            v.get("reason").and_then(Value::as_str),
            Some("compiler-artifact")
        );
        let kind = v.get("target").and_then(|t| t.get("kind")).unwrap();
        assert_eq!(kind.items(), [Value::String("bin".into())]);
        assert_eq!(
            v.get("executable").and_then(Value::as_str),
            Some("/t/debug/aé\\b")
        );
        assert_eq!(v.get("fresh"), Some(&Value::Bool(true)));
        assert_eq!(
            parse(r#"{"e":null,"n":-1.5e3}"#).unwrap().get("n"),
            Some(&Value::Number("-1.5e3".into()))
        );
        assert_eq!(parse(r#""\ud83d\ude00""#), Some(Value::String("😀".into())));
    }

    #[test]
    fn what_is_not_json_is_refused() {
        for bad in [
            "",
            "{",
            r#"{"a":}"#,
            r#"{"a":1,}"#,
            "[1 2]",
            r#""open"#,
            "{} x",
            "tru",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_value_reads_back_as_it_was_written_escapes_and_all() {
        let v = Value::Object(vec![
            (
                "s".into(),
                Value::String("a \"q\" \\ \n\t\u{1} é ✓ 😀".into()),
            ),
            ("n".into(), Value::Number("-12.5e3".into())),
            (
                "a".into(),
                Value::Array(vec![Value::Null, Value::Bool(true), Value::Bool(false)]),
            ),
            ("o".into(), Value::Object(vec![])),
        ]);
        let mut text = String::new();
        v.write(&mut text);
        assert!(!text.contains('\n'), "{text}");
        assert_eq!(parse(&text), Some(v));
        // Escapes as another writer may write them: `\u` with its surrogate pairs.
        assert_eq!(
            parse(r#"["\u00e9\ud83d\ude00", "\/"]"#),
            Some(Value::Array(vec![
                Value::String("é😀".into()),
                Value::String("/".into())
            ]))
        );
        assert_eq!(parse("[1, 2"), None);
        assert_eq!(parse("1 2"), None);
    }

    #[test]
    fn a_field_that_is_not_there_reads_as_none_and_a_wrong_one_says_where() {
        let v = parse(r#"{"a": 1, "b": "x"}"#).unwrap();
        assert_eq!(field::<Option<u32>>(&v, "c"), Ok(None));
        assert_eq!(field::<u32>(&v, "a"), Ok(1));
        let e = field::<u32>(&v, "b").unwrap_err();
        assert_eq!(e.0, "b: expected a number, found \"x\"");
        assert!(
            known(&v, &["a"])
                .unwrap_err()
                .0
                .contains("unknown field `b`")
        );
    }
}
