//! The levels' tables, each beside its chapter's scenarios in `play/src/levels/`, are the ones
//! the engine embeds (CONTRIBUTING, "Adding a level of `cargo xtask play`"). Built under
//! `--cfg shuttle` only: `cargo xtask prove` runs these.
#![cfg(shuttle)]

/// A chapter's levels are two files side by side in `play/src/levels/`: every table there
/// (`chNN.json`, which the runner reads from the folder) is one the engine embeds, with its
/// text, in the order of their names, and beside each is its chapter's scenarios (`chNN.rs`).
#[test]
fn every_table_beside_the_levels_is_the_engines() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/levels");
    let mut on_disk: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            (name, text)
        })
        .collect();
    on_disk.sort();
    let embedded: Vec<(String, String)> = play::levels::tables()
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let names = |t: &[(String, String)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&embedded),
        names(&on_disk),
        "a table in play/src/levels/ that play/src/levels/mod.rs's CHAPTERS does not name"
    );
    assert_eq!(embedded, on_disk);
    for (name, _) in &on_disk {
        let code = dir.join(name.replace(".json", ".rs"));
        assert!(code.exists(), "{name} has no scenarios beside it");
    }
    // Every level's words come from its own chapter's table.
    for (name, text) in &on_disk {
        for l in playproto::tables(&[(name, text)]).unwrap() {
            assert!(
                name.starts_with(l.id.split('-').next().unwrap()),
                "{} in {name}",
                l.id
            );
        }
    }
}
