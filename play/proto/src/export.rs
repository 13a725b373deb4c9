//! A level's game as data, for the book's player: every frame a student can reach, each once
//! however many schedules reach it, with where each move leads, and how each complete schedule
//! ends. The text is interned (each string once, in [`Export::text`]), a lane's deeds are a list
//! that shares its head with the lane's earlier lists ([`Export::dids`]), a lane as it stands
//! and the state with its locks are each kept once however many frames show them
//! ([`Export::lanes`], [`Export::situations`]): a frame is a few numbers. Positions whose games
//! from there on are the same, screen for screen and end for end, are one node.
//!
//! [`Export::frame`] reads a frame back whole: the book's script does the same in JavaScript,
//! and a test plays random schedules through both and the engine, and finds every frame equal.

use crate::json::{Json, Value, field, object};
use crate::{Did, End, Error, Frame, Held, Lane, Level, Lock, Object, Status, Waiting};

/// A level's game.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Export {
    pub level: Level,
    /// Every string of the frames, once.
    pub text: Vec<String>,
    /// The lists of deeds: `[head, text, log]`, the list `head` (0: the empty list, which is
    /// entry 0) with one deed more, the text `text`, a logged line when `log` is 1.
    pub dids: Vec<[u32; 3]>,
    /// Each lane as it stands somewhere in the game.
    pub lanes: Vec<LaneRow>,
    /// Each state with its locks, as it stands somewhere in the game.
    pub situations: Vec<Situation>,
    pub frames: Vec<FrameRow>,
    /// The frames a student can reach, from the start: node 0.
    pub nodes: Vec<Node>,
    /// The schedules the export holds: every one with at most this many preemptions (`None`:
    /// every schedule). A move that would be one preemption more leads [`BEYOND`].
    pub preemptions: Option<usize>,
}

/// A lane's move that leads past what the export holds: one preemption more than
/// [`Export::preemptions`] allows.
pub const BEYOND: i64 = -2;
/// A lane's move that cannot be made now (the thread is blocked, finished or absent).
pub const CANNOT: i64 = -1;

/// A lane: `[name, status, why, on_kind, on_name, at, code, next, did]`, each a text's number
/// but `status` (0 not started, 1 can run, 2 blocked, 3 finished), `on_kind` (0 none, then lock,
/// condvar, barrier, channel) and `did` (a list of [`Export::dids`]); `at` and `code` are 0
/// when there is none (text 0 is the empty string).
pub type LaneRow = [u32; 9];

/// A frame: its moves, its lanes (of [`Export::lanes`]) and its situation (of
/// [`Export::situations`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FrameRow(pub u32, pub Vec<u32>, pub u32);

/// A frame's state as text numbers `[label, value]`, and its locks `[name, kind, holders...]`
/// (kind 0 free, 1 held, 2 held by readers).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Situation(pub Vec<[u32; 2]>, pub Vec<Vec<u32>>);

/// A reachable frame: the frame's number, how the game ends here (`[kind, text]`: kind 0 won, 1
/// ended, 2 failed), and for each lane the node its move leads to, or [`CANNOT`], or [`BEYOND`].
/// Written `[frame, next]`, or `[frame, next, end]` where the game ends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Node(pub u32, pub Option<[u32; 2]>, pub Vec<i64>);

/// A level's game as the book ships it (`book/src/play/<id>.js`): the export, and what the runner
/// says beside it: the model's verdict on a fix (as the terminal prints it), how often the bug
/// shows, what a real run is; and `source`, the fingerprint of the code it was exported from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookGame {
    pub source: String,
    pub game: Export,
    pub verdict: Vec<String>,
    pub often: String,
    pub run: String,
}

fn kind_of(o: u32) -> Option<Object> {
    Some(match o {
        1 => Object::Lock,
        2 => Object::Condvar,
        3 => Object::Barrier,
        4 => Object::Channel,
        _ => return None,
    })
}

fn kind_number(o: Object) -> u32 {
    match o {
        Object::Lock => 1,
        Object::Condvar => 2,
        Object::Barrier => 3,
        Object::Channel => 4,
    }
}

impl Export {
    fn text(&self, n: u32) -> String {
        self.text.get(n as usize).cloned().unwrap_or_default()
    }

    fn did(&self, list: u32) -> Vec<Did> {
        let mut out = Vec::new();
        let mut at = list;
        while at != 0 {
            let [head, text, log] = self.dids[at as usize];
            let words = self.text(text);
            out.push(if log == 1 {
                Did::Log(words)
            } else {
                Did::Step(words)
            });
            at = head;
        }
        out.reverse();
        out
    }

    fn lane(&self, n: u32) -> Lane {
        let [name, status, why, on_kind, on_name, at, code, next, did] = self.lanes[n as usize];
        let opt = |t: u32| (t != 0).then(|| self.text(t));
        Lane {
            name: self.text(name),
            status: match status {
                0 => Status::NotStarted,
                1 => Status::CanRun,
                2 => Status::Blocked {
                    why: self.text(why),
                    on: kind_of(on_kind).map(|kind| Waiting {
                        kind,
                        name: self.text(on_name),
                    }),
                },
                _ => Status::Finished,
            },
            at: opt(at),
            code: opt(code),
            next: self.text(next),
            did: self.did(did),
        }
    }

    /// The frame of node `node`, whole.
    pub fn frame(&self, node: usize) -> Frame {
        let FrameRow(moves, lanes, situation) = &self.frames[self.nodes[node].0 as usize];
        let Situation(state, locks) = &self.situations[*situation as usize];
        Frame {
            moves: *moves as usize,
            lanes: lanes.iter().map(|&l| self.lane(l)).collect(),
            state: state
                .iter()
                .map(|&[l, v]| (self.text(l), self.text(v)))
                .collect(),
            locks: locks
                .iter()
                .map(|row| {
                    let names = || row[2..].iter().map(|&t| self.text(t)).collect::<Vec<_>>();
                    Lock {
                        name: self.text(row[0]),
                        held: match row[1] {
                            0 => Held::Free,
                            1 => Held::By(self.text(row[2])),
                            _ => Held::Reading(names()),
                        },
                    }
                })
                .collect(),
        }
    }

    /// How the game ends at node `node`, if it ends there.
    pub fn end(&self, node: usize) -> Option<End> {
        let [kind, text] = self.nodes[node].1?;
        Some(match kind {
            0 => End::Won(self.text(text)),
            2 => End::Failed(self.text(text)),
            _ => End::Ended(self.text(text)),
        })
    }

    /// Where lane `m`'s move (from 1) leads from node `node`: the node, or [`CANNOT`] or
    /// [`BEYOND`].
    pub fn next(&self, node: usize, m: usize) -> i64 {
        self.nodes[node]
            .2
            .get(m.wrapping_sub(1))
            .copied()
            .unwrap_or(CANNOT)
    }
}

/// Builds an [`Export`], interning as it goes.
#[derive(Default)]
pub struct Builder {
    pub export: Export,
    texts: std::collections::HashMap<String, u32>,
    dids: std::collections::HashMap<[u32; 3], u32>,
    lanes: std::collections::HashMap<LaneRow, u32>,
    situations: std::collections::HashMap<Situation, u32>,
    frames: std::collections::HashMap<FrameRow, u32>,
}

impl Builder {
    pub fn new(level: Level) -> Builder {
        let mut b = Builder::default();
        b.export.level = level;
        b.text("");
        b.export.dids.push([0, 0, 0]);
        b
    }

    fn text(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.texts.get(s) {
            return n;
        }
        let n = self.export.text.len() as u32;
        self.export.text.push(s.to_string());
        self.texts.insert(s.to_string(), n);
        n
    }

    fn did(&mut self, did: &[Did]) -> u32 {
        let mut list = 0;
        for d in did {
            let row = match d {
                Did::Log(w) => [list, self.text(w), 1],
                Did::Step(w) => [list, self.text(w), 0],
            };
            list = match self.dids.get(&row) {
                Some(&n) => n,
                None => {
                    let n = self.export.dids.len() as u32;
                    self.export.dids.push(row);
                    self.dids.insert(row, n);
                    n
                }
            };
        }
        list
    }

    fn lane(&mut self, l: &Lane) -> u32 {
        let (status, why, on) = match &l.status {
            Status::NotStarted => (0, 0, None),
            Status::CanRun => (1, 0, None),
            Status::Blocked { why, on } => (2, self.text(why), on.as_ref()),
            Status::Finished => (3, 0, None),
        };
        let (on_kind, on_name) = match on {
            Some(w) => (kind_number(w.kind), self.text(&w.name)),
            None => (0, 0),
        };
        let row = [
            self.text(&l.name),
            status,
            why,
            on_kind,
            on_name,
            l.at.as_deref().map_or(0, |t| self.text(t)),
            l.code.as_deref().map_or(0, |t| self.text(t)),
            self.text(&l.next),
            self.did(&l.did),
        ];
        if let Some(&n) = self.lanes.get(&row) {
            return n;
        }
        let n = self.export.lanes.len() as u32;
        self.export.lanes.push(row);
        self.lanes.insert(row, n);
        n
    }

    /// The number of `frame` among the export's frames, added if it is new; and whether it was.
    pub fn frame(&mut self, frame: &Frame) -> (u32, bool) {
        let lanes = frame.lanes.iter().map(|l| self.lane(l)).collect();
        let state = frame
            .state
            .iter()
            .map(|(l, v)| [self.text(l), self.text(v)])
            .collect();
        let locks = frame
            .locks
            .iter()
            .map(|lock| {
                let mut row = vec![self.text(&lock.name)];
                match &lock.held {
                    Held::Free => row.push(0),
                    Held::By(name) => {
                        row.push(1);
                        row.push(self.text(name));
                    }
                    Held::Reading(names) => {
                        row.push(2);
                        for n in names {
                            row.push(self.text(n));
                        }
                    }
                }
                row
            })
            .collect();
        let situation = Situation(state, locks);
        let situation = match self.situations.get(&situation) {
            Some(&n) => n,
            None => {
                let n = self.export.situations.len() as u32;
                self.export.situations.push(situation.clone());
                self.situations.insert(situation, n);
                n
            }
        };
        let row = FrameRow(frame.moves as u32, lanes, situation);
        if let Some(&n) = self.frames.get(&row) {
            return (n, false);
        }
        let n = self.export.frames.len() as u32;
        self.export.frames.push(row.clone());
        self.frames.insert(row, n);
        (n, true)
    }

    /// `end` as a node keeps it.
    pub fn end(&mut self, end: &End) -> Option<[u32; 2]> {
        match end {
            End::Won(w) => Some([0, self.text(w)]),
            End::Ended(w) => Some([1, self.text(w)]),
            End::Failed(w) => Some([2, self.text(w)]),
            End::OutOfMoves | End::Bad(_) => None,
        }
    }
}

/// The nodes of a tree of positions (each child after its parent, the start first) as a graph:
/// positions whose games from there on are the same (the same frame, the same end, and moves to
/// the same positions) made one node, numbered from the start. No path is lost or added: every
/// game of the tree is a game of the graph, frame for frame.
pub fn merged(tree: &[Node]) -> Vec<Node> {
    let mut canon = vec![0usize; tree.len()];
    let mut seen: std::collections::HashMap<Node, usize> = std::collections::HashMap::new();
    let mut kept: Vec<Node> = Vec::new();
    for n in (0..tree.len()).rev() {
        let Node(frame, end, next) = &tree[n];
        let next = next
            .iter()
            .map(|&m| if m >= 0 { canon[m as usize] as i64 } else { m })
            .collect();
        let node = Node(*frame, *end, next);
        canon[n] = *seen.entry(node.clone()).or_insert_with(|| {
            kept.push(node);
            kept.len() - 1
        });
    }
    // From the start, breadth first: the start is node 0, and nodes met together are near.
    let Some(&start) = canon.first() else {
        return Vec::new();
    };
    let mut number = vec![usize::MAX; kept.len()];
    let mut order = vec![start];
    number[start] = 0;
    let mut k = 0;
    while k < order.len() {
        for &m in &kept[order[k]].2 {
            if m >= 0 && number[m as usize] == usize::MAX {
                number[m as usize] = order.len();
                order.push(m as usize);
            }
        }
        k += 1;
    }
    order
        .iter()
        .map(|&n| {
            let Node(frame, end, next) = &kept[n];
            let next = next
                .iter()
                .map(|&m| if m >= 0 { number[m as usize] as i64 } else { m })
                .collect();
            Node(*frame, *end, next)
        })
        .collect()
}

impl Json for Export {
    fn to_json(&self) -> Value {
        object(vec![
            ("level", self.level.to_json()),
            ("text", self.text.to_json()),
            ("dids", self.dids.to_json()),
            ("lanes", self.lanes.to_json()),
            ("situations", self.situations.to_json()),
            ("frames", self.frames.to_json()),
            ("nodes", self.nodes.to_json()),
            ("preemptions", self.preemptions.to_json()),
        ])
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        Ok(Export {
            level: field(v, "level")?,
            text: field(v, "text")?,
            dids: field(v, "dids")?,
            lanes: field(v, "lanes")?,
            situations: field(v, "situations")?,
            frames: field(v, "frames")?,
            nodes: field(v, "nodes")?,
            preemptions: field(v, "preemptions")?,
        })
    }
}

impl Json for FrameRow {
    fn to_json(&self) -> Value {
        Value::Array(vec![self.0.to_json(), self.1.to_json(), self.2.to_json()])
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        match v.items() {
            [a, b, c] => Ok(FrameRow(
                u32::from_json(a)?,
                Vec::from_json(b)?,
                u32::from_json(c)?,
            )),
            _ => Err(Error("a frame is 3 items".into())),
        }
    }
}

impl Json for Situation {
    fn to_json(&self) -> Value {
        Value::Array(vec![self.0.to_json(), self.1.to_json()])
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        match v.items() {
            [a, b] => Ok(Situation(Vec::from_json(a)?, Vec::from_json(b)?)),
            _ => Err(Error("a situation is 2 items".into())),
        }
    }
}

impl Json for Node {
    /// `[frame, next]`, or `[frame, next, end]` where the game ends.
    fn to_json(&self) -> Value {
        let mut items = vec![self.0.to_json(), self.2.to_json()];
        if let Some(end) = self.1 {
            items.push(end.to_json());
        }
        Value::Array(items)
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        match v.items() {
            [a, c] => Ok(Node(u32::from_json(a)?, None, Vec::from_json(c)?)),
            [a, c, b] => Ok(Node(
                u32::from_json(a)?,
                Some(<[u32; 2]>::from_json(b)?),
                Vec::from_json(c)?,
            )),
            _ => Err(Error("a node is 2 or 3 items".into())),
        }
    }
}

impl Json for BookGame {
    fn to_json(&self) -> Value {
        object(vec![
            ("source", self.source.to_json()),
            ("game", self.game.to_json()),
            ("verdict", self.verdict.to_json()),
            ("often", self.often.to_json()),
            ("run", self.run.to_json()),
        ])
    }
    fn from_json(v: &Value) -> Result<Self, Error> {
        Ok(BookGame {
            source: field(v, "source")?,
            game: field(v, "game")?,
            verdict: field(v, "verdict")?,
            often: field(v, "often")?,
            run: field(v, "run")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_reads_back_whole_from_its_interned_rows() {
        let lane = |name: &str, status: Status, did: Vec<Did>| Lane {
            name: name.into(),
            status,
            at: Some("a.rs:1".into()),
            code: None,
            next: "lock l".into(),
            did,
        };
        let frames = [
            Frame {
                moves: 0,
                lanes: vec![
                    lane("A", Status::NotStarted, vec![]),
                    lane("B", Status::CanRun, vec![Did::Log("hi".into())]),
                ],
                state: vec![("n".into(), "0".into())],
                locks: vec![Lock {
                    name: "l".into(),
                    held: Held::Free,
                }],
            },
            Frame {
                moves: 1,
                lanes: vec![
                    lane(
                        "A",
                        Status::Blocked {
                            why: "waits for l, held by B".into(),
                            on: Some(Waiting {
                                kind: Object::Lock,
                                name: "l".into(),
                            }),
                        },
                        vec![],
                    ),
                    lane(
                        "B",
                        Status::Finished,
                        vec![Did::Log("hi".into()), Did::Step("took l".into())],
                    ),
                ],
                state: vec![("n".into(), "1".into())],
                locks: vec![
                    Lock {
                        name: "l".into(),
                        held: Held::By("B".into()),
                    },
                    Lock {
                        name: "r".into(),
                        held: Held::Reading(vec!["A".into(), "B".into()]),
                    },
                ],
            },
        ];
        let mut b = Builder::new(Level::default());
        for f in &frames {
            let (n, new) = b.frame(f);
            assert!(new);
            let end = b.end(&End::Won("w".into()));
            b.export.nodes.push(Node(n, end, vec![CANNOT, BEYOND]));
        }
        assert_eq!(b.frame(&frames[1]), (1, false), "a frame is kept once");
        let e: Export = crate::from_json(&crate::to_json(&b.export)).unwrap();
        for (k, f) in frames.iter().enumerate() {
            assert_eq!(&e.frame(k), f);
            assert_eq!(e.end(k), Some(End::Won("w".into())));
        }
        assert_eq!(
            (e.next(0, 1), e.next(0, 2), e.next(0, 3)),
            (CANNOT, BEYOND, CANNOT)
        );
        // B's deeds share their head: "hi" once.
        assert_eq!(e.dids.len(), 3);
    }

    /// Two positions whose games from there on are the same become one node; positions that
    /// differ anywhere below stay apart; every path from the start is kept.
    #[test]
    fn a_tree_of_positions_is_merged_where_the_games_below_are_the_same() {
        let won = Some([0, 1]);
        // 0 -(1)-> 1 -(2)-> 3 (won)      0 -(2)-> 2 -(1)-> 4 (won), 3 and 4 alike, so 1 and 2;
        // 0 -(3)-> 5 -(1)-> 6 (ended): 5 has the same frame as 1, a different end below.
        let tree = vec![
            Node(0, None, vec![1, 2, 5]),
            Node(1, None, vec![CANNOT, 3, CANNOT]),
            Node(1, None, vec![CANNOT, 4, CANNOT]),
            Node(2, won, vec![CANNOT; 3]),
            Node(2, won, vec![CANNOT; 3]),
            Node(1, None, vec![CANNOT, 6, BEYOND]),
            Node(2, Some([1, 2]), vec![CANNOT; 3]),
        ];
        let g = merged(&tree);
        assert_eq!(g.len(), 5, "{g:?}");
        assert_eq!(g[0].2[0], g[0].2[1], "1 and 2 are one node");
        assert_ne!(g[0].2[0], g[0].2[2], "5 is not 1");
        // Every path of the tree, frame for frame and end for end, is a path of the graph.
        type Path = Vec<(u32, Option<[u32; 2]>)>;
        fn paths(nodes: &[Node], n: usize, out: &mut Vec<Path>, at: Path) {
            let mut at = at;
            at.push((nodes[n].0, nodes[n].1));
            let next: Vec<usize> = nodes[n]
                .2
                .iter()
                .filter(|&&m| m >= 0)
                .map(|&m| m as usize)
                .collect();
            for &m in &next {
                paths(nodes, m, out, at.clone());
            }
            if next.is_empty() {
                out.push(at);
            }
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        paths(&tree, 0, &mut a, Vec::new());
        paths(&g, 0, &mut b, Vec::new());
        assert_eq!(a, b);
        assert!(merged(&[]).is_empty());
    }
}
