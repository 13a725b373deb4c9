//! A recorded run read back: the file a chapter wrote (see `common::record`), one [`Record`] a
//! line after the header, as a [`Timeline`] with its lanes in the order the pictures draw them.

use std::collections::BTreeMap;

use common::record::{HEADER, Record};

use crate::Error;
use crate::model::{Kind, Lane, Span, Timeline, Wake};

impl Timeline {
    /// Read the file a chapter wrote: one [`Record`] a line, after the header.
    pub fn parse(text: &str) -> Result<Timeline, Error> {
        if text.lines().next() != Some(HEADER) {
            return Err(Error::NotATimeline);
        }
        let mut t = Timeline::default();
        let mut lanes: BTreeMap<usize, Lane> = BTreeMap::new();
        for (n, line) in text.lines().enumerate().skip(1) {
            if line.is_empty() {
                continue;
            }
            let r = Record::parse(line).map_err(|why| Error::Line {
                number: n + 1,
                line: line.to_string(),
                why,
            })?;
            t.take(&mut lanes, r);
        }
        for changes in t.values.values_mut() {
            changes.sort_by_key(|c| c.0);
        }
        let ids: Vec<usize> = lanes.keys().copied().collect();
        t.lanes = lanes.into_values().collect();
        // The recording ends after everything it saw start.
        for l in &t.lanes {
            t.end = t.end.max(l.start);
        }
        let order = t.drawing_order();
        t.put_in_order(&order, &ids)?;
        t.labels = t.unique_labels();
        Ok(t)
    }

    /// Note one record of the file; lanes by the file's numbers, in `lanes`.
    fn take(&mut self, lanes: &mut BTreeMap<usize, Lane>, r: Record) {
        let mut span = |lane: usize, kind: Kind, from, to| {
            let span = Span { kind, from, to };
            lanes.entry(lane).or_default().spans.push(span);
        };
        match r {
            Record::End { at } => self.end = at,
            Record::Complete => self.complete = true,
            Record::Object { id, kind, name } => {
                self.objects.insert(id, (kind, name));
            }
            Record::Lane {
                lane,
                start,
                end,
                name,
            } => {
                let l = lanes.entry(lane).or_default();
                l.start = start;
                l.end = end;
                l.thread_name = name;
            }
            Record::Value { at, value, name } => {
                self.values.entry(name).or_default().push((at, value));
            }
            Record::Log { lane, at, text } => {
                lanes.entry(lane).or_default().logs.push((at, text));
            }
            Record::Sleep { lane, from, to } => span(lane, Kind::Sleep, from, to),
            Record::Wait {
                lane,
                from,
                to,
                on,
                timed_out,
            } => span(lane, Kind::Wait { on, timed_out }, from, to),
            Record::Hold {
                lane,
                from,
                to,
                lock,
            } => span(lane, Kind::Hold { lock }, from, to),
            Record::Brief {
                lane,
                from,
                to,
                count,
                waited,
            } => span(lane, Kind::Brief { count, waited }, from, Some(to)),
            Record::Wake {
                by,
                at,
                woke,
                until,
                on,
            } => self.wakes.push(Wake {
                by,
                at,
                woke,
                until,
                on,
            }),
        }
    }

    /// The lanes' places in the picture: threads in the order they came; those that came
    /// together (each within a hundredth of the run of the first of them) `main` first, then by
    /// name, so chapter 1's three threads read 0, 1, 2 whichever started first.
    fn drawing_order(&self) -> Vec<usize> {
        let bucket = (self.end / 100).max(1);
        let mut order: Vec<usize> = (0..self.lanes.len()).collect();
        order.sort_by_key(|&i| self.lanes[i].start);
        let labels: Vec<String> = (0..self.lanes.len()).map(|i| self.base_label(i)).collect();
        let mut sorted = Vec::new();
        while !order.is_empty() {
            let first = self.lanes[order[0]].start;
            let n = order
                .iter()
                .take_while(|&&i| self.lanes[i].start - first <= bucket)
                .count();
            let mut group: Vec<usize> = order.drain(..n).collect();
            // `main` first, as in the chapters' logs.
            group.sort_by_key(|&i| {
                let main = self.lanes[i].thread_name.as_deref() == Some("main");
                (!main, natural(&labels[i]))
            });
            sorted.extend(group);
        }
        sorted
    }

    /// Put the lanes in `order` (their places now), and the wakes with them: a wake names a lane
    /// by its number in the file, one of `ids`.
    fn put_in_order(&mut self, order: &[usize], ids: &[usize]) -> Result<(), Error> {
        let mut old: Vec<Option<Lane>> = self.lanes.drain(..).map(Some).collect();
        self.lanes = order
            .iter()
            .map(|&i| old[i].take().expect("once"))
            .collect();
        let place = |id: usize| -> Result<usize, Error> {
            let old = ids.binary_search(&id).map_err(|_| Error::NoSuchLane(id))?;
            Ok(order
                .iter()
                .position(|&i| i == old)
                .expect("every lane is sorted"))
        };
        for w in &mut self.wakes {
            w.by = place(w.by)?;
            w.woke = place(w.woke)?;
        }
        Ok(())
    }

    /// Each lane's name, unique in the picture: a second `thread 0` is `thread 0 (2)`.
    fn unique_labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = Vec::new();
        for i in 0..self.lanes.len() {
            let base = self.base_label(i);
            let mut label = base.clone();
            let mut k = 1;
            while labels.contains(&label) {
                k += 1;
                label = format!("{base} ({k})");
            }
            labels.push(label);
        }
        labels
    }
}

/// A label as a key that sorts by its first number: `thread 9` before `thread 10`, and
/// `Thread 0,2` before `Thread 1`.
fn natural(label: &str) -> (&str, u64, &str) {
    let at = label
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(label.len());
    let digits = label[at..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(label.len(), |n| at + n);
    (
        &label[..at],
        label[at..digits].parse().unwrap_or(0),
        &label[digits..],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{CROSSED, HANDED_OVER};
    use crate::model::speaker;

    #[test]
    fn a_file_reads_back_as_lanes_and_spans() {
        let t = Timeline::parse(CROSSED).unwrap();
        assert_eq!(t.lanes.len(), 4);
        assert_eq!(t.end, 2_000_000);
        assert!(t.complete);
        // Sorted: main, then the three that came together by name.
        assert_eq!(t.lanes[1].end, Some(500));
        assert_eq!(
            t.lanes[2].spans[1],
            Span {
                kind: Kind::Wait {
                    on: 2,
                    timed_out: false
                },
                from: 100,
                to: None
            }
        );
        assert_eq!(t.lock_name(2), "lock 2");
        assert_eq!(t.lock_name(7), "object #7");
    }

    #[test]
    fn a_wake_is_read_by_the_lanes_places_and_names_the_wait() {
        let t = Timeline::parse(HANDED_OVER).unwrap();
        assert_eq!(
            t.wakes,
            vec![Wake {
                by: 0,
                at: 1_000_000,
                woke: 1,
                until: 1_000_100,
                on: 1
            }]
        );
        assert_eq!(
            t.wait_title(1, false, 1_000_100),
            "waiting for lock 1 (woken by Thread A)"
        );
        assert_eq!(t.values["permits free"], vec![(0, 2), (1_000_000, 1)]);
        // A wake of a lane the file never made is an error, not a guess.
        let broken = HANDED_OVER.replace("wake\t4", "wake\t5");
        assert!(
            Timeline::parse(&broken)
                .unwrap_err()
                .to_string()
                .contains("lane 5")
        );
    }

    #[test]
    fn two_threads_of_one_name_get_two_names_and_none_is_unnamed() {
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t0\t-\tthread 0\nlane\t1\t5000\t-\tthread 0\n\
             lane\t2\t9000\t-\t-\nend\t10000\n",
        )
        .unwrap();
        let labels: Vec<String> = (0..3).map(|i| t.label(i)).collect();
        assert_eq!(labels, ["thread 0", "thread 0 (2)", "thread 1"]);
    }

    #[test]
    fn a_broken_file_says_where() {
        let e = Timeline::parse("timeline 2\nsleep\t1\tx\t-\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
        let e = Timeline::parse("timeline 2\nhello\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2: an unknown record `hello`"), "{e}");
        let e = Timeline::parse("timeline 1\nend\t5\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("it starts with `timeline 2`"), "{e}");
        assert!(Timeline::parse("end\t5\n").is_err());
    }

    #[test]
    fn main_comes_first_then_the_threads_that_came_with_it_by_name() {
        let t = Timeline::parse(
            "timeline 2\nlane\t0\t5\t-\tConsumer\nlane\t1\t6\t-\tmain\n\
             lane\t2\t0\t-\tthread 10\nlane\t3\t1\t-\tthread 9\n\
             lane\t4\t900\t-\tAardvark\nend\t1000\n",
        )
        .unwrap();
        let labels: Vec<String> = (0..5).map(|i| t.label(i)).collect();
        assert_eq!(
            labels,
            ["Main", "Consumer", "thread 9", "thread 10", "Aardvark"]
        );
    }

    #[test]
    fn lanes_are_named_by_thread_or_by_speaker() {
        let t = Timeline::parse(CROSSED).unwrap();
        assert_eq!(t.label(0), "Main");
        assert_eq!(t.label(2), "Thread A");
        assert_eq!(t.label(1), "Thread 9");
        let mut pool = t.clone();
        pool.lanes[1].logs = vec![
            (0, "Thread 0: starting".into()),
            (1, "Thread 0: finishing".into()),
            (2, "Thread 2: starting".into()),
        ];
        assert_eq!(pool.base_label(1), "Thread 0,2");
        pool.lanes[1].logs.clear();
        assert_eq!(pool.base_label(1), "thread 1");
        assert_eq!(speaker("Main    : before joining"), Some("Main"));
        let mut labels = ["thread 10", "Thread 1", "thread 9", "Thread 0,2", "Main"];
        labels.sort_by_key(|l| natural(l));
        assert_eq!(
            labels,
            ["Main", "Thread 0,2", "Thread 1", "thread 9", "thread 10"]
        );
        assert_eq!(speaker("Thread A about to take lock 1"), None);
    }
}
