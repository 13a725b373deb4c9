//! `cargo xtask check <exercise>`: build the student's version and judge it.

use super::{Exercise, Place, Settings, judge};
use crate::report::{GREEN, RED, paint};

/// Judge one exercise and print the report; `true` when it passed.
pub fn run(place: &Place, ex: &Exercise, s: &Settings) -> Result<bool, String> {
    println!("Checking {} ({}):", ex.name, ex.lesson.title);
    let j = judge(place, ex, s)?;
    print!("{}", j.report);
    if j.passed {
        println!(
            "{}: a real fix. `cargo xtask watch` shows the reference solution and goes on.",
            paint(s.color, GREEN, "Passed")
        );
    } else {
        println!(
            "{}: fix the code where its `TODO` is and check again (`cargo xtask hint {}` helps).",
            paint(s.color, RED, "Not yet"),
            ex.short()
        );
    }
    Ok(j.passed)
}
