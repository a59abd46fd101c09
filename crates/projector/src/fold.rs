/// Lower-cases text and strips diacritics (đ becomes d), so searches work whether or not
/// people type Vietnamese accents.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}
