//! The marks the text picture and its notes share: a leaf module, so that the picture
//! (`render.rs`) and the notes under it (`notes.rs`) need not import each other.

/// The mark after the last cell of a thread still there when the recording stopped.
pub const LEFT: char = '>';
/// The marks of a wake, in the lane of the thread that woke another.
pub const WOKE_BELOW: char = 'v';
pub const WOKE_ABOVE: char = '^';
/// The text's lines after the first (the title's, each note's), two columns in: `textfit`'s
/// hanging indent.
pub(crate) const HANG: &str = "  ";
