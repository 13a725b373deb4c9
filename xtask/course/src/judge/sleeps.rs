//! A fix that sleeps. The model on the play runtime runs every order of the threads' steps
//! whatever their sleeps (it has no clock), so no sleep can fix what it finds: when the
//! student's code sleeps where the exercise as given did not, a failed model says so.

use crate::exercise::{Exercise, Place, as_given, collect_files};

/// The first line of the student's code that calls a sleep the exercise as given did not
/// (`src/lib.rs:59: common::sleep(TURN * turn as u32);`), if there is one. The exercise as given
/// is git's last commit of it, or, with no git, the course's own copy beside a scratch one.
pub fn added(place: &Place, ex: &Exercise) -> Option<String> {
    let dir = place.ws.join(&ex.folder);
    let mut files = Vec::new();
    collect_files(&dir.join("src"), &dir.join("src"), &mut files);
    for (rel, path) in files {
        let given = format!("exercises/{}/src/{}", ex.folder, rel.display());
        let original = given_text(place, &given);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some((n, line)) = new_sleep(&original, &text) {
            return Some(format!("src/{}:{n}: `{line}`", rel.display()));
        }
    }
    None
}

fn given_text(place: &Place, given: &str) -> String {
    let beside = || {
        let copy = place.root.join(given);
        // The student's own files are no original of themselves.
        (!place.is_the_students())
            .then(|| std::fs::read_to_string(copy).ok())
            .flatten()
    };
    as_given(&place.root, given)
        .or_else(beside)
        .unwrap_or_default()
}

/// The first line of `text`'s code (comments left out) that calls a sleep and is not a line of
/// `original`: its number from 1, and the line trimmed.
fn new_sleep<'t>(original: &str, text: &'t str) -> Option<(usize, &'t str)> {
    let code = |l: &str| l.split("//").next().unwrap_or("").trim().to_string();
    let before: Vec<String> = original.lines().map(code).collect();
    text.lines().enumerate().find_map(|(k, line)| {
        let c = code(line);
        let sleeps = c.contains("sleep(") || c.contains("sleep_ms(");
        (sleeps && !before.contains(&c)).then_some((k + 1, line.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sleep_the_exercise_did_not_have_is_found_and_its_own_are_not() {
        let given = "pub fn work(&self, sleep: impl Fn(u64)) {\n    sleep(*secs);\n}\n";
        assert_eq!(new_sleep(given, given), None, "the exercise's own sleep");
        let slept = "pub fn work(&self, sleep: impl Fn(u64)) {\n    sleep(*secs);\n    \
                     // common::sleep(a comment);\n    common::sleep(TURN * turn as u32);\n}\n";
        assert_eq!(
            new_sleep(given, slept),
            Some((4, "common::sleep(TURN * turn as u32);"))
        );
        assert_eq!(
            new_sleep(
                "",
                "use std::thread;\nthread::sleep(Duration::from_millis(5));\n"
            ),
            Some((2, "thread::sleep(Duration::from_millis(5));"))
        );
    }

    /// A scratch copy (as `check-solutions` judges the kept answers in) is compared with the
    /// course's own copy when there is no git to ask.
    #[test]
    fn a_scratch_copy_is_compared_with_the_courses_exercise() {
        let root = std::env::temp_dir().join(format!("sleeps-{}", std::process::id()));
        let (course, scratch) = (
            root.join("exercises/18_x/src"),
            root.join("scratch/18_x/src"),
        );
        std::fs::create_dir_all(&course).unwrap();
        std::fs::create_dir_all(&scratch).unwrap();
        std::fs::write(course.join("lib.rs"), "fn make() {\n    build();\n}\n").unwrap();
        std::fs::write(
            scratch.join("lib.rs"),
            "fn make() {\n    common::sleep(Duration::from_millis(1100));\n    build();\n}\n",
        )
        .unwrap();
        let place = Place {
            root: root.clone(),
            ws: root.join("scratch"),
            target: root.join("target"),
        };
        let ex = Exercise {
            name: "ex18_x".into(),
            folder: "18_x".into(),
            number: 18,
            lesson: crate::Lesson::default(),
        };
        let at = added(&place, &ex).expect("the sleep is found");
        assert_eq!(
            at,
            "src/lib.rs:2: `common::sleep(Duration::from_millis(1100));`"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
