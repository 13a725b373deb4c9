//! The play engine's answers (`play/src/wire.rs` writes them), read back: one fact a line,
//! fields split by tabs.

/// A level, as the engine describes it.
#[derive(Clone, Debug, Default)]
pub struct Level {
    pub id: String,
    pub chapter: String,
    pub title: String,
    pub goal: String,
    pub hint: String,
    pub note: Option<String>,
    /// A fixed version: the claim no schedule breaks.
    pub fixed: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Lane {
    pub name: String,
    /// `not-started`, `can-run`, `blocked:<why>` or `finished`.
    pub status: String,
    /// `file:line` of the line it runs next.
    pub at: Option<String>,
    pub next: String,
    pub did: Vec<String>,
}

impl Lane {
    pub fn can_run(&self) -> bool {
        matches!(self.status.as_str(), "can-run" | "not-started")
    }

    /// The status in words.
    pub fn status_words(&self) -> String {
        match self.status.as_str() {
            "not-started" => "not started".into(),
            "can-run" => "can run".into(),
            "finished" => "finished".into(),
            s => s.strip_prefix("blocked:").unwrap_or(s).to_string(),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Frame {
    pub moves: usize,
    pub lanes: Vec<Lane>,
    pub state: Vec<(String, String)>,
    pub locks: Vec<(String, Option<String>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndKind {
    Won,
    /// The moves ran out, the game goes on.
    Out,
    /// The program ended without the goal.
    Ended,
    /// A thread panicked, or the threads deadlocked where the level does not expect it.
    Failed,
    /// A move that cannot be played.
    Bad,
}

#[derive(Clone, Debug)]
pub struct Game {
    pub level: Level,
    pub frames: Vec<Frame>,
    pub end: (EndKind, String),
}

/// A search of many schedules, from `play check`, `explore` or `random`.
#[derive(Clone, Debug)]
pub struct Search {
    /// A random sample; else depth first.
    pub random: bool,
    /// Depth first within this bound of preemptions; `None`: every schedule.
    pub preemptions: Option<usize>,
    pub schedules: usize,
    /// It ran every schedule of its set.
    pub complete: bool,
    /// The schedule that breaks the claim or keeps it from being shown.
    pub found: Option<Found>,
}

/// What a search found on one schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: FoundKind,
    pub moves: Vec<usize>,
    pub words: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoundKind {
    /// It reached the goal.
    Won,
    /// A thread panicked, or the threads deadlocked.
    Failed,
    /// It went on past the move limit: a thread spins.
    Cut,
}

fn fields(line: &str) -> Vec<&str> {
    line.split('\t').collect()
}

fn opt(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_string())
}

/// Every level, from `play levels`.
pub fn levels(text: &str) -> Vec<Level> {
    let mut out: Vec<Level> = Vec::new();
    for line in text.lines() {
        let f = fields(line);
        match f[..] {
            ["level", id, chapter, title] => out.push(Level {
                id: id.into(),
                chapter: chapter.into(),
                title: title.into(),
                ..Level::default()
            }),
            [key, value] => {
                if let Some(l) = out.last_mut() {
                    match key {
                        "goal" => l.goal = value.into(),
                        "hint" => l.hint = value.into(),
                        "note" => l.note = Some(value.into()),
                        "fixed" => l.fixed = Some(value.into()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A game, from `play game`.
pub fn game(text: &str) -> Result<Game, String> {
    let level = levels(text)
        .into_iter()
        .next()
        .ok_or("the play engine named no level")?;
    let mut frames: Vec<Frame> = Vec::new();
    let mut end = None;
    for line in text.lines() {
        let f = fields(line);
        match (f[..].first().copied(), frames.last_mut()) {
            (Some("frame"), _) => frames.push(Frame {
                moves: f.get(1).and_then(|m| m.parse().ok()).unwrap_or(0),
                ..Frame::default()
            }),
            (Some("lane"), Some(fr)) if f.len() == 6 => fr.lanes.push(Lane {
                name: f[2].into(),
                status: f[3].into(),
                at: opt(f[4]),
                next: f[5].into(),
                did: Vec::new(),
            }),
            (Some("did"), Some(fr)) if f.len() == 3 => {
                if let Some(lane) = f[1]
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| fr.lanes.get_mut(n.wrapping_sub(1)))
                {
                    lane.did.push(f[2].into());
                }
            }
            (Some("state"), Some(fr)) if f.len() == 3 => fr.state.push((f[1].into(), f[2].into())),
            (Some("lock"), Some(fr)) if f.len() == 3 => fr.locks.push((f[1].into(), opt(f[2]))),
            (Some("end"), _) if f.len() == 3 => {
                let kind = match f[1] {
                    "won" => EndKind::Won,
                    "out" => EndKind::Out,
                    "bad" => EndKind::Bad,
                    "failed" => EndKind::Failed,
                    _ => EndKind::Ended,
                };
                end = Some((kind, f[2].to_string()));
            }
            _ => {}
        }
    }
    let end = end.ok_or("the play engine did not say how the game ended")?;
    Ok(Game { level, frames, end })
}

/// A search, from `play check`, `play explore` or `play random`.
pub fn search(text: &str) -> Result<Search, String> {
    let line = text
        .lines()
        .find(|l| l.starts_with("search\t"))
        .ok_or("the play engine gave no search result")?;
    let f = fields(line);
    let [_, how, bound, schedules, complete, kind, moves, words] = f[..] else {
        return Err(format!("a search line the runner cannot read: {line}"));
    };
    let kind = match kind {
        "won" => Some(FoundKind::Won),
        "failed" => Some(FoundKind::Failed),
        "cut" => Some(FoundKind::Cut),
        _ => None,
    };
    let found = kind.map(|kind| Found {
        kind,
        moves: moves.split(' ').filter_map(|m| m.parse().ok()).collect(),
        words: words.to_string(),
    });
    Ok(Search {
        random: how == "random",
        preemptions: bound.parse().ok(),
        schedules: schedules
            .parse()
            .map_err(|_| format!("not a count: {schedules}"))?,
        complete: complete == "1",
        found,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_game_reads_back() {
        let text = "level\tch04\tch04_race\tThe race\ngoal\tLose one\nhint\tLoad twice\n\
                    frame\t0\nlane\t1\tThread 1\tcan-run\ta.rs:3\tload\ndid\t1\tstarted\n\
                    lane\t2\tThread 2\tblocked:waits for lock 1, held by Thread 1\t-\t\n\
                    state\tvalue\t0\nlock\tlock 1\tThread 1\nend\twon\tLost one.\n";
        let g = game(text).unwrap();
        assert_eq!(g.level.id, "ch04");
        assert_eq!(g.level.goal, "Lose one");
        assert_eq!(g.frames.len(), 1);
        let f = &g.frames[0];
        assert_eq!(f.lanes[0].did, ["started"]);
        assert!(f.lanes[0].can_run());
        assert!(!f.lanes[1].can_run());
        assert_eq!(
            f.lanes[1].status_words(),
            "waits for lock 1, held by Thread 1"
        );
        assert_eq!(f.lanes[1].at, None);
        assert_eq!(f.state, [("value".to_string(), "0".to_string())]);
        assert_eq!(
            f.locks,
            [("lock 1".to_string(), Some("Thread 1".to_string()))]
        );
        assert_eq!(g.end, (EndKind::Won, "Lost one.".to_string()));
    }

    #[test]
    fn a_search_reads_back() {
        let s = search("level\tx\ty\tz\nsearch\tdfs\t-\t12\t1\t-\t-\t-\n").unwrap();
        assert!(s.complete && s.found.is_none() && s.schedules == 12);
        assert_eq!((s.random, s.preemptions), (false, None));
        let s = search("search\tdfs\t3\t7\t0\twon\t1 1 2\tLost.\n").unwrap();
        assert_eq!(s.preemptions, Some(3));
        let found = s.found.unwrap();
        assert_eq!((found.kind, found.moves), (FoundKind::Won, vec![1, 1, 2]));
        let s = search("search\trandom\t-\t16\t0\tfailed\t1 2\ta thread panicked: x\n").unwrap();
        assert!(s.random);
        assert_eq!(s.found.unwrap().kind, FoundKind::Failed);
        assert!(
            search("search\tdfs\t12\t1\t-\t-\n").is_err(),
            "the old line"
        );
        assert!(game("level\tx\ty\tz\n").is_err(), "a game with no end");
    }
}
