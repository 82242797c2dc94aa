//! What the front ends print: `doctor`'s report, `which` and `toolchains`,
//! `explain` and `shells`.

pub mod doctor;
pub mod explain;
pub mod shells;
pub mod which;
