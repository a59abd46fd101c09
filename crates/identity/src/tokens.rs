//! API tokens for machine clients. A token is shown once, when it is made, and kept only
//! as its SHA-256; it acts as the person who made it, with their roles at the time of
//! each request, until it expires or is revoked.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;
use workflow::links::{random_hex, token_hash};

/// What every token starts with, so that one pasted in the wrong place is recognisable
/// (and found by secret scanners).
pub const PREFIX: &str = "caunoi_";

/// A token as its owner sees it in the list: never the token itself.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenInfo {
    pub id: Uuid,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A token just made: the only time its secret is known.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub id: Uuid,
    pub secret: String,
}

/// Makes a token for `email`, usable until `expires_at`.
pub async fn create(
    pool: &PgPool,
    id: Uuid,
    email: &str,
    label: &str,
    expires_at: DateTime<Utc>,
) -> Result<NewToken, sqlx::Error> {
    let secret = format!("{PREFIX}{}", random_hex());
    sqlx::query(
        "INSERT INTO caunoi.api_tokens (id, secret_hash, email, label, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(token_hash(&secret))
    .bind(email)
    .bind(label)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok(NewToken { id, secret })
}

/// Whether `text` has the shape of a token, so that anything else is refused without a
/// database lookup.
pub fn looks_like_token(text: &str) -> bool {
    text.strip_prefix(PREFIX)
        .is_some_and(|rest| rest.len() == 64 && rest.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The address of the person whose live token this is, noting that it was used.
///
/// The use is noted to the minute: writing it on every request made each request a
/// commit to disk, and every request of a script waited on the same row, which held a
/// busy script to a few hundred requests a second. Within a minute of the last note the
/// statement only reads.
pub async fn authenticate(pool: &PgPool, secret: &str) -> Result<Option<String>, sqlx::Error> {
    if !looks_like_token(secret) {
        return Ok(None);
    }
    sqlx::query_scalar(
        "WITH live AS (
             SELECT id, email, last_used_at FROM caunoi.api_tokens
             WHERE secret_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         ), noted AS (
             UPDATE caunoi.api_tokens SET last_used_at = now()
             FROM live
             WHERE api_tokens.id = live.id
               AND (live.last_used_at IS NULL OR live.last_used_at < now() - interval '1 minute')
         )
         SELECT email FROM live",
    )
    .bind(token_hash(secret))
    .fetch_optional(pool)
    .await
}

/// The tokens of `email`, newest first.
pub async fn list(pool: &PgPool, email: &str) -> Result<Vec<TokenInfo>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, label, created_at, expires_at, revoked_at, last_used_at
         FROM caunoi.api_tokens WHERE email = $1 ORDER BY created_at DESC",
    )
    .bind(email)
    .fetch_all(pool)
    .await
}

/// Revokes one of `email`'s own tokens; whether there was such a live token.
pub async fn revoke(pool: &PgPool, email: &str, id: Uuid) -> Result<bool, sqlx::Error> {
    let revoked = sqlx::query(
        "UPDATE caunoi.api_tokens SET revoked_at = now()
         WHERE id = $1 AND email = $2 AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(email)
    .execute(pool)
    .await?;
    Ok(revoked.rows_affected() == 1)
}
