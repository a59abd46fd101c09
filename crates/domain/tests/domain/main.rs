//! Given/when/then tests and property tests of the domain: one test binary, a module per
//! aggregate.

mod approval;
mod directory;
mod programme;
