/// Why a key or a sealed value could not be used. Messages never hold key material or
/// personal data.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("the personal-data master key must be 32 bytes in standard base64")]
    BadMasterKey,
    #[error(
        "the personal-data master key is an example or a pattern, not a random key; make one with `openssl rand -base64 32`"
    )]
    ExampleMasterKey,
    #[error("the personal-data key file {path} cannot be used: {reason}")]
    KeyFile { path: String, reason: String },
    #[error("a wrapped key was sealed under master key {0}, which is not configured")]
    UnknownMasterKey(String),
    #[error("sealed data cannot be opened with this key")]
    CannotOpen,
    #[error(
        "forgotten keys could not be pushed out of PostgreSQL's files ({0}); grant the role pg_checkpoint and EXECUTE on pg_switch_wal() (docs/security.md)"
    )]
    Scrub(sqlx::Error),
    #[error("the key store cannot be reached: {0}")]
    Database(#[from] sqlx::Error),
}
