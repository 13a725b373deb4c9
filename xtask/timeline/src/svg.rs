//! Timelines as an SVG picture for the README: panels one above the other on one time scale,
//! so that two runs compare at a glance. Written by hand, a few kinds of element.

use std::fmt::Write as _;

use crate::axis::{secs, tick_step};
use crate::model::Timeline;
use crate::states::{State, segments};

const WIDTH: f64 = 760.0;
const LABEL: f64 = 110.0;
const RIGHT: f64 = 20.0;
/// The width of the time axis.
const PLOT: f64 = WIDTH - LABEL - RIGHT;
const ROW: f64 = 16.0;
const GAP: f64 = 6.0;
/// The colour of a value's row.
const VALUE: &str = "#c2185b";
/// The colour of a wake's arrow.
const WAKE: &str = "#8e24aa";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One picture of `panels` (a title and its run), on the time scale of the longest.
pub fn svg(panels: &[(&str, &Timeline)]) -> String {
    let end = panels.iter().map(|p| p.1.end).max().unwrap_or(1).max(1);
    let mut c = Canvas {
        body: String::new(),
        y: 10.0,
        end,
        step: tick_step(end, PLOT as usize / 7, 8),
        seen: [false; State::ALL.len()],
        woke: false,
    };
    for (title, t) in panels {
        c.panel(title, t);
    }
    c.legend();
    let (y, body) = (c.y + 10.0, c.body);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{y}\" viewBox=\"0 0 {WIDTH} {y}\" font-family=\"sans-serif\" font-size=\"12\">\n<defs><marker id=\"woke\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{WAKE}\"/></marker></defs>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{body}</svg>\n"
    )
}

/// The picture as it is drawn, top to bottom: its elements so far, and where the next goes.
struct Canvas {
    body: String,
    /// The top of what comes next.
    y: f64,
    /// The time scale: the end of the longest run, and the step between ticks.
    end: u64,
    step: u64,
    /// The states drawn, and whether a wake was: what the legend names.
    seen: [bool; State::ALL.len()],
    woke: bool,
}

impl Canvas {
    /// Where the moment `t` is across the picture.
    fn x(&self, t: u64) -> f64 {
        LABEL + t as f64 / self.end as f64 * PLOT
    }

    /// One run under its title: its lanes, its values, its wakes, its axis and its deadlocks.
    fn panel(&mut self, title: &str, t: &Timeline) {
        self.y += 14.0;
        let _ = writeln!(
            self.body,
            r#"<text x="10" y="{}" font-weight="bold">{}</text>"#,
            self.y,
            escape(title)
        );
        self.y += 10.0;
        let top = self.y;
        self.lanes(t);
        self.values(t);
        self.wakes(t, top);
        self.axis();
        self.cycles(t);
    }

    /// A row a thread, a rectangle a stretch of one state.
    fn lanes(&mut self, t: &Timeline) {
        for (i, segs) in segments(t).iter().enumerate() {
            let y = self.y;
            let _ = writeln!(
                self.body,
                r#"<text x="10" y="{}">{}</text>"#,
                y + ROW - 4.0,
                escape(&t.label(i))
            );
            for &(from, to, state) in segs {
                self.seen[state as usize] = true;
                // A stretch too short to see gets one pixel.
                let w = (self.x(to) - self.x(from)).max(1.0);
                let _ = writeln!(
                    self.body,
                    r#"<rect x="{:.1}" y="{y}" width="{w:.1}" height="{ROW}" fill="{}"><title>{} from {} to {}</title></rect>"#,
                    self.x(from),
                    state.fill(),
                    // The legend's words without its aside: "running or ready from 2ms to 17ms".
                    state.meaning().split(" (").next().unwrap_or_default(),
                    secs(from, 1_000),
                    secs(to, 1_000)
                );
            }
            self.y += ROW + GAP;
        }
    }

    /// The values the lesson is about, a row each: the value as a step line, with its numbers.
    fn values(&mut self, t: &Timeline) {
        for (name, changes) in &t.values {
            let y = self.y;
            let _ = writeln!(
                self.body,
                r#"<text x="10" y="{}" font-size="10">{}</text>"#,
                y + ROW - 4.0,
                escape(name)
            );
            let lo = changes.iter().map(|c| c.1).min().unwrap_or(0);
            let hi = changes.iter().map(|c| c.1).max().unwrap_or(0).max(lo + 1);
            let level = |v: i64| y + ROW - 2.0 - (v - lo) as f64 / (hi - lo) as f64 * (ROW - 4.0);
            let mut points = String::new();
            for (k, &(at, v)) in changes.iter().enumerate() {
                if let Some(&(_, before)) = k.checked_sub(1).map(|p| &changes[p]) {
                    let _ = write!(points, "{:.1},{:.1} ", self.x(at), level(before));
                }
                let _ = write!(points, "{:.1},{:.1} ", self.x(at), level(v));
            }
            if let Some(&(_, v)) = changes.last() {
                let _ = write!(points, "{:.1},{:.1}", self.x(t.end), level(v));
            }
            let _ = writeln!(
                self.body,
                r##"<polyline points="{points}" fill="none" stroke="{VALUE}" stroke-width="1.5"/>"##
            );
            // Each number where the value then stays long enough to read it.
            for (k, &(at, v)) in changes.iter().enumerate() {
                let until = changes.get(k + 1).map_or(t.end, |c| c.0);
                if self.x(until) - self.x(at) >= 14.0 {
                    let _ = writeln!(
                        self.body,
                        r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="{VALUE}">{v}</text>"##,
                        self.x(at) + 2.0,
                        level(v) - 1.0
                    );
                }
            }
            self.y += ROW + GAP;
        }
    }

    /// Who woke whom: an arrow from the waker's lane, at the release or notify, to the end of
    /// the wait it ended; the panel's lanes start at `top`.
    fn wakes(&mut self, t: &Timeline, top: f64) {
        let middle = |lane: usize| top + lane as f64 * (ROW + GAP) + ROW / 2.0;
        for w in &t.wakes {
            let _ = writeln!(
                self.body,
                r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{WAKE}" stroke-width="1.5" marker-end="url(#woke)"><title>{} woke {} at {} ({})</title></line>"##,
                self.x(w.at),
                middle(w.by),
                self.x(w.until),
                middle(w.woke),
                escape(&t.label(w.by)),
                escape(&t.label(w.woke)),
                secs(w.at, 1_000),
                escape(&t.cause(w.on))
            );
            self.woke = true;
        }
    }

    /// The axis under a panel.
    fn axis(&mut self) {
        let y = self.y;
        let _ = writeln!(
            self.body,
            r##"<line x1="{LABEL}" y1="{y}" x2="{}" y2="{y}" stroke="#444"/>"##,
            LABEL + PLOT
        );
        let mut tick = 0;
        while tick <= self.end {
            let _ = writeln!(
                self.body,
                r##"<line x1="{0:.1}" y1="{y}" x2="{0:.1}" y2="{1}" stroke="#444"/><text x="{0:.1}" y="{2}" text-anchor="middle" font-size="11">{3}</text>"##,
                self.x(tick),
                y + 4.0,
                y + 16.0,
                secs(tick, self.step)
            );
            tick += self.step;
        }
        self.y += 22.0;
    }

    /// Each deadlock, a line a thread of its cycle.
    fn cycles(&mut self, t: &Timeline) {
        for cycle in t.cycles() {
            for (i, l) in cycle.iter().enumerate() {
                self.y += 16.0;
                let link = format!(
                    "{} holds {}, waits for {}",
                    t.label(l.lane),
                    t.lock_name(l.holds),
                    t.lock_name(l.waits_for)
                );
                let (x, head) = if i == 0 { (10, "deadlock: ") } else { (72, "") };
                let _ = writeln!(
                    self.body,
                    r##"<text x="{x}" y="{}" fill="#d62828">{head}{}</text>"##,
                    self.y,
                    escape(&link)
                );
            }
            self.y += 6.0;
        }
    }

    /// The legend: what the picture shows, in rows as wide as the picture.
    fn legend(&mut self) {
        self.y += 18.0;
        let mut lx = 10.0;
        // The characters of 11-pixel text a row holds beside its swatch.
        let fits = ((WIDTH - 10.0 - 34.0) / 5.6) as usize;
        for s in State::ALL[1..].iter().filter(|&&s| self.seen[s as usize]) {
            // A meaning longer than a row takes rows of its own, wrapped.
            let rows = textfit::wrap_line(s.meaning(), fits);
            let longest = rows.iter().map(|r| r.chars().count()).max().unwrap_or(0);
            let w = 16.0 + longest as f64 * 5.6 + 18.0;
            if lx > 10.0 && (lx + w > WIDTH || rows.len() > 1) {
                lx = 10.0;
                self.y += 18.0;
            }
            let _ = writeln!(
                self.body,
                r#"<rect x="{lx}" y="{}" width="12" height="12" fill="{}"/>"#,
                self.y - 10.0,
                s.fill(),
            );
            for (k, row) in rows.iter().enumerate() {
                if k > 0 {
                    self.y += 14.0;
                }
                let _ = writeln!(
                    self.body,
                    r#"<text x="{}" y="{}" font-size="11">{}</text>"#,
                    lx + 16.0,
                    self.y,
                    escape(row)
                );
            }
            lx = match rows.len() {
                1 => lx + w,
                // The next item starts a row of its own: this one took the width.
                _ => WIDTH,
            };
        }
        if self.woke {
            let text =
                "woke a waiting thread: a release, a notify, a send, the last arrival, an end";
            if lx > 10.0 && lx + 40.0 + text.len() as f64 * 5.6 > WIDTH {
                lx = 10.0;
                self.y += 18.0;
            }
            let _ = writeln!(
                self.body,
                r##"<line x1="{lx}" y1="{0}" x2="{1}" y2="{0}" stroke="{WAKE}" stroke-width="1.5" marker-end="url(#woke)"/><text x="{2}" y="{3}" font-size="11">{text}</text>"##,
                self.y - 4.0,
                lx + 18.0,
                lx + 26.0,
                self.y,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::CROSSED;

    #[test]
    fn panels_share_one_scale_and_draw_every_lane() {
        let short = Timeline::parse(
            "timeline 2\nlane\t0\t0\t1000000\tmain\nsleep\t0\t0\t1000000\nend\t1000000\ncomplete\n",
        )
        .unwrap();
        let long = Timeline::parse(CROSSED).unwrap();
        let out = svg(&[("short <one>", &short), ("long", &long)]);
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(out.ends_with("</svg>\n"));
        assert!(out.contains("short &lt;one&gt;"));
        // The short run's second of sleep spans half the plot of the two-second one.
        let plot = WIDTH - LABEL - RIGHT;
        assert!(
            out.contains(&format!(
                r#"<rect x="{LABEL:.1}" y="34" width="{:.1}" height="16" fill="{}">"#,
                plot / 2.0,
                State::Sleeping.fill()
            )),
            "{out}"
        );
        assert_eq!(out.matches(">Thread A</text>").count(), 1);
        assert!(out.contains(State::Deadlocked.fill()));
        assert!(out.contains(">deadlock: Thread A holds lock 1, waits for lock 2</text>"));
        assert!(out.contains(">Thread B holds lock 2, waits for lock 1</text>"));
        assert!(out.contains(">blocked in a deadlock cycle</text>"));
        assert_eq!(
            out.matches("<rect").count(),
            out.matches("/>").count()
                - out.matches("<line").count()
                - out.matches("<path").count()
                - out.matches("<polyline").count()
                + out.matches("</rect>").count()
        );
    }

    #[test]
    fn a_wake_is_an_arrow_and_a_value_a_row() {
        let t = Timeline::parse(crate::fixtures::HANDED_OVER).unwrap();
        let out = svg(&[("ch05", &t)]);
        let plot = WIDTH - LABEL - RIGHT;
        // From the middle of A's row at 1 s to the middle of B's, a moment later.
        let arrow = format!(
            r#"<line x1="{:.1}" y1="42.0" x2="{:.1}" y2="64.0" stroke="{WAKE}""#,
            LABEL + plot / 2.0,
            LABEL + plot * 1_000_100.0 / 2_000_000.0
        );
        assert!(out.contains(&arrow), "{arrow} in {out}");
        assert!(out.contains("<title>Thread A woke Thread B at 1s (lock 1)</title>"));
        assert!(out.contains(r#"marker-end="url(#woke)""#));
        assert!(out.contains(">permits free</text>"), "{out}");
        assert_eq!(out.matches("<polyline").count(), 1);
        assert!(out.contains(">woke a waiting thread: a release"));
    }

    /// The legend's meaning of a wait grew past the picture's width: a long one is wrapped
    /// onto rows of its own, every text inside the picture.
    #[test]
    fn the_legend_stays_inside_the_picture() {
        let t = Timeline::parse(crate::fixtures::HANDED_OVER).unwrap();
        let out = svg(&[("handed over", &t)]);
        let mut rows = 0;
        for text in out.split("<text x=\"").skip(1) {
            let x: f64 = text.split('"').next().unwrap().parse().unwrap();
            let words = text.split_once('>').unwrap().1.split('<').next().unwrap();
            assert!(
                x + words.chars().count() as f64 * 5.6 <= WIDTH,
                "{words:?} at {x} runs past {WIDTH}"
            );
            rows += usize::from(words.contains("blocked until") || words.contains("left out"));
        }
        assert!(rows >= 1, "{out}");
    }
}
