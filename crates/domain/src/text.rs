//! Small helpers for the free text that people type.

/// Trims surrounding whitespace; an empty result means "not given".
pub(crate) fn clean(input: &str) -> String {
    input.trim().to_string()
}

pub(crate) fn clean_optional(input: Option<&str>) -> Option<String> {
    input.map(clean).filter(|s| !s.is_empty())
}

pub(crate) fn char_len(input: &str) -> usize {
    input.chars().count()
}
