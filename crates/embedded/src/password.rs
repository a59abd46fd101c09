use crate::EmbeddedError;

/// Passwords go into a server's configuration file, a SQL statement and a URL; letters and
/// digits need no quoting in any of them.
pub(crate) fn validate(password: &str) -> Result<(), EmbeddedError> {
    let fits =
        (16..=128).contains(&password.len()) && password.bytes().all(|b| b.is_ascii_alphanumeric());
    if fits {
        Ok(())
    } else {
        Err(EmbeddedError::InvalidPassword)
    }
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn only_long_enough_letters_and_digits_are_taken() {
        assert!(validate("0123456789abcdefABCDEF").is_ok());
        assert!(validate("short").is_err());
        assert!(validate("0123456789abcdef'; DROP ROLE x; --").is_err());
        assert!(validate("0123456789abcdef\n}").is_err());
    }
}
