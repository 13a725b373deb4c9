//! The page reads every position of every level's game as the engine's reader does: for each
//! node of each game the book ships, the frame `play.js` decodes (in the protocol's words, its
//! test hook `COURSE_PLAY_TEST`) is the frame `playproto::export::Export::frame` decodes. The
//! page hashes each frame it writes; a hash that differs is looked at whole.

use std::collections::BTreeMap;

use playproto::Frame;
use playproto::export::Export;

use super::cdp::{self, num};
use super::play_page::{page_url, session, shipped};

/// FNV-1a of `s`'s UTF-16 code units, as the page hashes a frame's JSON.
fn hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for unit in s.encode_utf16() {
        h ^= u32::from(unit);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[test]
fn every_position_the_page_reads_is_the_engines_frame() {
    let Some((mut b, book, _)) = session("frames") else {
        return;
    };
    // The levels, by the chapter whose page plays them.
    let mut pages: BTreeMap<String, Vec<(String, Export)>> = BTreeMap::new();
    for f in std::fs::read_dir(book.join("play")).unwrap().flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        let Some(id) = name.strip_suffix(".js") else {
            continue;
        };
        let e = shipped(&book, id).game;
        pages
            .entry(e.level.chapter.clone())
            .or_default()
            .push((id.to_string(), e));
    }
    assert!(pages.len() >= 14, "{} pages with games", pages.len());
    let (mut positions, mut whole) = (0, 0);
    for (chapter, levels) in &pages {
        b.open(&page_url(&book, chapter)).unwrap();
        b.wait_for("!!window.COURSE_PLAY_TEST && !!document.querySelector('.play-thread')")
            .unwrap();
        for (id, e) in levels {
            let hashes = b
                .eval(&format!(
                    "COURSE_PLAY_TEST.hashes({})",
                    cdp::text(&cdp::s(id))
                ))
                .unwrap();
            let hashes: Vec<Option<f64>> = hashes.items().iter().map(num).collect();
            assert_eq!(hashes.len(), e.nodes.len(), "{id}: the page's nodes");
            for (n, page) in hashes.iter().enumerate() {
                let engine = e.frame(n);
                if *page == Some(f64::from(hash(&playproto::to_json(&engine)))) {
                    continue;
                }
                // Written otherwise, or read otherwise: the page's frame, whole.
                let written = b
                    .eval(&format!(
                        "COURSE_PLAY_TEST.frame({}, {n})",
                        cdp::text(&cdp::s(id))
                    ))
                    .unwrap();
                let read: Frame = playproto::from_json(written.as_str().unwrap_or(""))
                    .unwrap_or_else(|err| panic!("{id} node {n}: the page's frame: {err}"));
                assert_eq!(read, engine, "{id} node {n}: the page reads another frame");
                whole += 1;
            }
            positions += e.nodes.len();
            println!(
                "{id}: {} positions, each read by the page as the engine reads it",
                e.nodes.len()
            );
        }
    }
    println!("{positions} positions in all; {whole} of them written otherwise, compared whole");
}
