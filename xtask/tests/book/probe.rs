//! The book served on 127.0.0.1 for the page test, with a probe page of the same origin that
//! reads what a reader would see of a page.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use super::FILLS;

/// Serve the built book at `dir` on 127.0.0.1, and at `/probe?page=P` the probe of page P.
pub fn serve(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir));
        }
    });
    port
}

fn answer(mut stream: TcpStream, dir: &Path) {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // The rest of the request's head.
    let mut h = String::new();
    while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
        h.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let (status, kind, body) = if let Some(page) = path.strip_prefix("/probe?page=") {
        ("200 OK", "text/html", probe(page).into_bytes())
    } else {
        let rel = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_start_matches('/');
        let file = dir.join(if rel.is_empty() { "index.html" } else { rel });
        match std::fs::read(&file) {
            Ok(body) if !rel.contains("..") => {
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html",
                    Some("css") => "text/css",
                    Some("js") => "text/javascript",
                    Some("svg") => "image/svg+xml",
                    Some("png") => "image/png",
                    Some("woff2") => "font/woff2",
                    Some("json") => "application/json",
                    _ => "application/octet-stream",
                };
                ("200 OK", kind, body)
            }
            _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
        }
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// A page that loads `page` in a frame and, once everything has loaded, writes what it found
/// as `key=value` lines into its own `<pre id="out">`, which `--dump-dom` prints.
fn probe(page: &str) -> String {
    format!(
        r#"<!doctype html><html><body><pre id="out">not loaded</pre>
<iframe id="f" src="/{page}" width="1200" height="900"></iframe>
<iframe id="n" src="/{page}" width="375" height="900"></iframe>
<script>
const FILLS = {fills:?};
window.addEventListener('load', () => {{
  const d = document.getElementById('f').contentDocument;
  const main = d.querySelector('main');
  const out = [];
  const put = (k, v) => out.push(k + '=' + String(v).replace(/\s+/g, ' ').trim());
  put('title', main.querySelector('h1').textContent);
  for (const h of main.querySelectorAll('h2')) put('section', h.textContent);
  put('text', main.innerText);
  for (const c of main.querySelectorAll('pre code')) {{
    put('code', (c.className.match(/language-(\w+)/) || [, 'none'])[1] + ' ' + c.textContent);
  }}
  for (const img of main.querySelectorAll('img')) {{
    put('img', img.getAttribute('src') + ' ' + img.complete + ' ' + img.naturalWidth + 'x' + img.naturalHeight);
    if (!img.complete || img.naturalWidth === 0) continue;
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    const want = FILLS.map(f => [1, 3, 5].map(i => parseInt(f.slice(i, i + 2), 16)));
    let painted = 0;
    for (let i = 0; i < px.length; i += 4) {{
      if (want.some(w => w[0] === px[i] && w[1] === px[i + 1] && w[2] === px[i + 2])) painted++;
    }}
    put('painted', img.getAttribute('src') + ' ' + painted);
  }}
  // The code beside its twin: side by side at 1200 pixels (the sidebar open), and as wide as
  // the text, one under the other, on a phone.
  const twins = (doc) => {{
    const t = doc.querySelector('.twins');
    if (!t) return 'none';
    const [a, b] = t.children;
    const text = doc.querySelector('main').clientWidth;
    return (a.offsetTop === b.offsetTop ? 'beside' : 'under') + ' ' + (t.offsetWidth / text).toFixed(2);
  }};
  put('twins1200', twins(d));
  put('twins375', twins(document.getElementById('n').contentDocument));
  document.getElementById('out').textContent = out.join('\n');
}});
</script></body></html>"#,
        fills = FILLS
    )
}
