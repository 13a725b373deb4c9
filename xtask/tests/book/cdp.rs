//! Chromium driven as a reader drives it, over the Chrome DevTools Protocol: the browser started
//! headless with `--remote-debugging-port`, and its page asked over a WebSocket to click at a
//! button's place, press keys, resize, evaluate and take screenshots. The WebSocket client is
//! the few lines a test needs (RFC 6455: the handshake, masked text frames out, frames in), so
//! that the test needs no Node and no crate of its own: clicks and keys go through the browser's
//! own input, which a script on the page could only imitate.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use playproto::json::Value;

/// JSON's text of `v`.
pub fn text(v: &Value) -> String {
    let mut out = String::new();
    v.write(&mut out);
    out
}

pub fn s(x: &str) -> Value {
    Value::String(x.into())
}

fn n(x: impl std::fmt::Display) -> Value {
    Value::Number(x.to_string())
}

fn obj(fields: &[(&str, Value)]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// A number, when `v` is one.
pub fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.parse().ok(),
        _ => None,
    }
}

/// Item `i` of an array (null when there is none).
pub fn item(v: &Value, i: usize) -> Value {
    v.items().get(i).cloned().unwrap_or(Value::Null)
}

fn key(v: &Value, k: &str) -> Value {
    v.get(k).cloned().unwrap_or(Value::Null)
}

pub struct Browser {
    child: Child,
    ws: TcpStream,
    next: u64,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET on the browser's own HTTP endpoint; its body.
fn get(port: u16, path: &str) -> Result<String, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    // The head, then as many bytes as it says (the browser may keep the connection open).
    let mut reader = BufReader::new(s);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value
                .trim()
                .parse()
                .map_err(|_| format!("a length: {line}"))?;
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    String::from_utf8(body).map_err(|e| e.to_string())
}

impl Browser {
    /// Chromium `exe`, headless, with a fresh profile in `profile`, showing `url`.
    pub fn start(exe: &Path, profile: &Path, url: &str) -> Result<Browser, String> {
        let mut child = Command::new(exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start chromium: {e}"))?;
        // The browser says where it listens on stderr: `DevTools listening on ws://...`.
        let err = child.stderr.take().expect("piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if let Some(at) = line.split("ws://127.0.0.1:").nth(1) {
                    let port = at.split('/').next().and_then(|p| p.parse::<u16>().ok());
                    let _ = tx.send(port);
                }
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(30))
            .ok()
            .flatten()
            .ok_or("chromium did not say where its DevTools listen")?;
        let mut browser = Browser {
            child,
            ws: TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?,
            next: 0,
        };
        let list = playproto::json::parse(&get(port, "/json/list")?)
            .ok_or("the target list is no JSON")?;
        let page = list
            .items()
            .iter()
            .find(|t| t.get("type").and_then(Value::as_str) == Some("page"))
            .and_then(|t| t.get("webSocketDebuggerUrl")?.as_str())
            .ok_or("chromium shows no page")?
            .to_string();
        let path = page
            .split_once(&format!("127.0.0.1:{port}"))
            .ok_or("no path")?
            .1;
        browser.handshake(port, path)?;
        Ok(browser)
    }

    fn handshake(&mut self, port: u16, path: &str) -> Result<(), String> {
        write!(
            self.ws,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
             Sec-WebSocket-Version: 13\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        let mut head = Vec::new();
        let mut byte = [0u8];
        while !head.ends_with(b"\r\n\r\n") {
            self.ws.read_exact(&mut byte).map_err(|e| e.to_string())?;
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        if !head.starts_with("HTTP/1.1 101") {
            return Err(format!("the WebSocket was refused: {head}"));
        }
        self.ws
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())
    }

    /// A text frame to the browser, masked as a client's must be.
    fn send(&mut self, text: &str) -> Result<(), String> {
        let body = text.as_bytes();
        let mut frame = vec![0x81u8];
        match body.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65_536 => {
                frame.push(0x80 | 126);
                frame.extend((n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend((n as u64).to_be_bytes());
            }
        }
        let mask = [0x5a, 0x17, 0xc3, 0x3e];
        frame.extend(mask);
        frame.extend(body.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.ws.write_all(&frame).map_err(|e| e.to_string())
    }

    /// The next whole message from the browser.
    fn receive(&mut self) -> Result<String, String> {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.ws.read_exact(&mut head).map_err(|e| e.to_string())?;
            let len = match head[1] & 0x7f {
                126 => {
                    let mut n = [0u8; 2];
                    self.ws.read_exact(&mut n).map_err(|e| e.to_string())?;
                    u16::from_be_bytes(n) as usize
                }
                127 => {
                    let mut n = [0u8; 8];
                    self.ws.read_exact(&mut n).map_err(|e| e.to_string())?;
                    u64::from_be_bytes(n) as usize
                }
                n => n as usize,
            };
            let mut body = vec![0u8; len];
            self.ws.read_exact(&mut body).map_err(|e| e.to_string())?;
            if head[0] & 0x0f == 0x8 {
                return Err("the browser closed the WebSocket".into());
            }
            message.extend(body);
            if head[0] & 0x80 != 0 {
                return String::from_utf8(message).map_err(|e| e.to_string());
            }
        }
    }

    /// Call `method` with `params`; its result (events that come first are passed over).
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next += 1;
        let id = self.next;
        self.send(&text(&obj(&[
            ("id", n(id)),
            ("method", s(method)),
            ("params", params),
        ])))?;
        loop {
            let v = playproto::json::parse(&self.receive()?).ok_or("a message is no JSON")?;
            if key(&v, "id") == n(id) {
                if let Some(e) = v.get("error") {
                    return Err(format!("{method}: {}", text(e)));
                }
                return Ok(key(&v, "result"));
            }
        }
    }

    /// The value of a JavaScript expression on the page.
    pub fn eval(&mut self, expression: &str) -> Result<Value, String> {
        let r = self.call(
            "Runtime.evaluate",
            obj(&[
                ("expression", s(expression)),
                ("returnByValue", Value::Bool(true)),
            ]),
        )?;
        if let Some(e) = r.get("exceptionDetails") {
            return Err(format!("{expression}: {}", text(e)));
        }
        Ok(key(&key(&r, "result"), "value"))
    }

    /// Wait until `expression` is true on the page (a page loading, a script running).
    pub fn wait_for(&mut self, expression: &str) -> Result<(), String> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if self.eval(expression)? == Value::Bool(true) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!("waited 20 s for {expression}"))
    }

    pub fn open(&mut self, url: &str) -> Result<(), String> {
        self.call("Page.navigate", obj(&[("url", s(url))]))?;
        std::thread::sleep(Duration::from_millis(200));
        self.wait_for("document.readyState === 'complete'")
    }

    /// A viewport `width` pixels wide (a phone's, below 600, as a phone reports itself).
    pub fn resize(&mut self, width: u32, height: u32) -> Result<(), String> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            obj(&[
                ("width", n(width)),
                ("height", n(height)),
                ("deviceScaleFactor", n(1)),
                ("mobile", Value::Bool(width < 600)),
            ]),
        )?;
        // The page lays itself out again at its new width.
        std::thread::sleep(Duration::from_millis(300));
        Ok(())
    }

    /// A click with the mouse in the middle of the element `selector` names, scrolled into view.
    pub fn click(&mut self, selector: &str) -> Result<(), String> {
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({s}); if (!e) return null; \
             e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()",
            s = text(&s(selector))
        ))?;
        let (x, y) = match (num(&item(&at, 0)), num(&item(&at, 1))) {
            (Some(x), Some(y)) => (x, y),
            _ => return Err(format!("nothing on the page is {selector}")),
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                obj(&[
                    ("type", s(kind)),
                    ("x", n(x)),
                    ("y", n(y)),
                    ("button", s("left")),
                    ("clickCount", n(1)),
                ]),
            )?;
        }
        Ok(())
    }

    /// A key pressed and let go: a character (`1`, `u`), `Tab` or `Enter`.
    pub fn key(&mut self, key: &str) -> Result<(), String> {
        let (code, vk, typed) = match key {
            "Tab" => ("Tab".to_string(), 9, None),
            "Enter" => ("Enter".to_string(), 13, Some("\r".to_string())),
            k => {
                let c = k.chars().next().unwrap_or(' ');
                let code = match c {
                    '0'..='9' => format!("Digit{c}"),
                    c => format!("Key{}", c.to_ascii_uppercase()),
                };
                (code, c.to_ascii_uppercase() as u32, Some(k.to_string()))
            }
        };
        let mut down = vec![
            ("type", s("keyDown")),
            ("key", s(key)),
            ("code", s(&code)),
            ("windowsVirtualKeyCode", n(vk)),
            ("nativeVirtualKeyCode", n(vk)),
        ];
        if let Some(t) = typed {
            down.push(("text", s(&t)));
        }
        let down = obj(&down);
        self.call("Input.dispatchKeyEvent", down)?;
        self.call(
            "Input.dispatchKeyEvent",
            obj(&[
                ("type", s("keyUp")),
                ("key", s(key)),
                ("code", s(&code)),
                ("windowsVirtualKeyCode", n(vk)),
            ]),
        )
        .map(|_| ())
    }

    /// A PNG of the page's part `selector` names (the whole viewport when it names nothing), the
    /// page scrolled to its top so that the book's bar, which stays at the top of the window,
    /// covers nothing of it.
    pub fn screenshot(&mut self, selector: &str, file: &Path) -> Result<(), String> {
        let clip = self.eval(&format!(
            "(() => {{ const e = document.querySelector({s}); if (!e) return null; \
             const r = e.getBoundingClientRect(); \
             const at = [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]; \
             window.scrollTo(0, 0); return at; }})()",
            s = text(&s(selector))
        ))?;
        let mut params = vec![
            ("format", s("png")),
            ("captureBeyondViewport", Value::Bool(true)),
        ];
        if let (Some(x), Some(y), Some(w), Some(h)) = (
            num(&item(&clip, 0)),
            num(&item(&clip, 1)),
            num(&item(&clip, 2)),
            num(&item(&clip, 3)),
        ) {
            let clip = obj(&[
                ("x", n(x)),
                ("y", n(y)),
                ("width", n(w.max(1.0))),
                ("height", n(h.max(1.0))),
                ("scale", n(1)),
            ]);
            params.push(("clip", clip));
        }
        let shot = self.call("Page.captureScreenshot", obj(&params))?;
        let data = shot
            .get("data")
            .and_then(Value::as_str)
            .ok_or("no screenshot")?;
        std::fs::write(file, base64(data)?).map_err(|e| e.to_string())
    }
}

/// Bytes of standard base64 (the screenshot's encoding).
fn base64(text: &str) -> Result<Vec<u8>, String> {
    let value = |c: u8| -> Result<u32, String> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("not base64: {c}")),
        } as u32)
    };
    let mut out = Vec::new();
    let clean: Vec<u8> = text.bytes().filter(|&c| c != b'=' && c != b'\n').collect();
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend(&bytes[1..chunk.len()]);
    }
    Ok(out)
}
