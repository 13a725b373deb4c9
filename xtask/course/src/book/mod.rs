//! The course as an mdBook: the pages made from the course (`pages.rs`: the summary, a page a
//! chapter and a page a solution, the introduction's chapter table) and what keeps the book
//! current (`check.rs`: every page made is the one committed, every included and linked file is
//! there), and mdBook, found where it is installed (`mdbook.rs`). `cargo xtask book` writes and
//! checks them.

pub mod check;
pub mod games;
pub mod mdbook;
pub mod pages;
