//! The commands, one module each: what each does over the libraries, shown through `crate::ui`.
//! A command never imports another.

pub mod bless;
pub mod book;
pub mod check;
pub mod compare;
pub mod list;
pub mod play;
pub mod practice;
pub mod prove;
pub mod readme;
pub mod timeline;
pub mod tour;
