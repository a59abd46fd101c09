//! What a generation of read models was built with: the tables the migrations define (the
//! signature of their `read_model_part_*` functions, worked out by PostgreSQL) and the
//! projection code of this build (a fingerprint made by `build.rs`). When either differs
//! from what the active generation was built with, the read models are rebuilt.

/// The fingerprint of this build's projection code.
pub const PROJECTION_CODE: &str = env!("CAUNOI_PROJECTION_CODE");

/// The SQL expression of the current signature, with the fingerprint bound as `$n`.
pub(crate) fn current(n: u8) -> String {
    format!("(caunoi.read_model_signature() || ':code:' || ${n})")
}
