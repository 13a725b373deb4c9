//! The runner finds its workspace at run time. Two clones of a course that share one target dir
//! (`CARGO_TARGET_DIR`) run one and the same runner binary; each must check its own chapters,
//! not those of the clone the binary was built in.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A small course: a workspace with one chapter, the `fx_pass` fixture, whose expected log says
/// `value` where the fixture prints 42.
fn clone(root: &Path, value: &str) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fx_pass");
    let chapter = root.join("chapters/fx_pass");
    std::fs::create_dir_all(&chapter).unwrap();
    std::fs::create_dir_all(root.join("xtask")).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    std::fs::copy(fixture.join("main.rs"), chapter.join("main.rs")).unwrap();
    let log = std::fs::read_to_string(fixture.join("expected.log")).unwrap();
    std::fs::write(
        chapter.join("expected.log"),
        log.replace("value is [..]", &format!("value is {value}")),
    )
    .unwrap();
    root.to_path_buf()
}

/// The one runner binary, started in `dir` the way cargo starts it (`CARGO_MANIFEST_DIR` set
/// to the clone's xtask package) or by hand (not set).
fn run_in(dir: &Path, manifest_dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.current_dir(dir)
        .args(["--no-build", "run", "fx_pass", "--speed", "4"])
        .env_remove("CARGO_MANIFEST_DIR");
    if let Some(m) = manifest_dir {
        cmd.env("CARGO_MANIFEST_DIR", m);
    }
    cmd.output().unwrap()
}

#[test]
fn two_clones_sharing_one_target_dir_each_check_their_own_chapters() {
    let base = std::env::temp_dir().join(format!("xtask-clones-{}", std::process::id()));
    let good = clone(&base.join("good"), "42");
    let broken = clone(&base.join("broken"), "41");
    let say = |o: &Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    for (started_by_cargo, name) in [(true, "cargo run"), (false, "by hand")] {
        let m = |c: &Path| started_by_cargo.then(|| c.join("xtask"));
        // Both started from the same folder, outside either clone: only the manifest dir tells.
        let from = |c: &Path| {
            if started_by_cargo {
                base.clone()
            } else {
                c.join("chapters")
            }
        };
        let o = run_in(&from(&good), m(&good).as_deref());
        assert_eq!(o.status.code(), Some(0), "{name}, good clone: {}", say(&o));
        let o = run_in(&from(&broken), m(&broken).as_deref());
        assert_eq!(
            o.status.code(),
            Some(1),
            "{name}, broken clone: {}",
            say(&o)
        );
        let expected = broken.join("chapters/fx_pass/expected.log");
        assert!(
            say(&o).contains(&expected.display().to_string()),
            "{name}: the broken clone's own log is named: {}",
            say(&o)
        );
    }
    // Outside any workspace, the runner says where to run it.
    let o = run_in(&std::env::temp_dir(), None);
    assert_eq!(o.status.code(), Some(2), "{}", say(&o));
    assert!(
        say(&o).contains("not inside the course's workspace"),
        "{}",
        say(&o)
    );
    std::fs::remove_dir_all(base).unwrap();
}
