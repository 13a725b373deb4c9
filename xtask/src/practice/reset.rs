//! `cargo xtask reset <exercise>`: put the exercise back as the course gave it, after asking.

use std::io::{BufRead, IsTerminal, Write};
use std::process::Command;

use super::{Exercise, Place};

/// Restore the exercise's folder from git's last commit, once the student says `y`.
pub fn run(place: &Place, ex: &Exercise, assume_yes: bool) -> Result<bool, String> {
    let dir = place.ws.join(&ex.folder);
    let changed = git(place, &["status", "--porcelain", "--", &path(&dir)])?;
    if changed.trim().is_empty() {
        println!("{} is as the course gave it: nothing to reset.", ex.name);
        return Ok(true);
    }
    println!(
        "These files of {} will lose your changes:\n{changed}",
        ex.name
    );
    if !assume_yes {
        if !std::io::stdin().is_terminal() {
            println!("Not reset: there is no terminal to ask (add --yes to reset anyway).");
            return Ok(false);
        }
        print!("Reset {} to the original? [y/N] ", ex.name);
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("Not reset: your version is kept.");
            return Ok(false);
        }
    }
    git(place, &["checkout", "HEAD", "--", &path(&dir)])?;
    // Files the student added are not the course's: they go too.
    git(place, &["clean", "-fdq", "--", &path(&dir)])?;
    println!("{} is back to the original.", ex.name);
    Ok(true)
}

fn path(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

fn git(place: &Place, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .current_dir(&place.root)
        .args(args)
        .output()
        .map_err(|e| format!("reset needs git, which did not start: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
