//! Sign-in links and sessions in PostgreSQL. Only the SHA-256 of a link's token or of a
//! session id is stored, so the table alone opens nothing.

use std::time::Duration;

use chrono::Utc;
use sqlx::PgPool;
use workflow::links::{random_hex, token_hash};

/// Keeps a sign-in link's token hash for `email` until `ttl` has passed.
pub async fn store_link(
    pool: &PgPool,
    token: &str,
    email: &str,
    ttl: Duration,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO caunoi.sign_in_links (token_hash, email, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash(token))
    .bind(email)
    .bind(Utc::now() + ttl)
    .execute(pool)
    .await?;
    Ok(())
}

/// Whether the link can still be used (shown before the person confirms).
pub async fn link_usable(pool: &PgPool, token: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM caunoi.sign_in_links
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now())",
    )
    .bind(token_hash(token))
    .fetch_one(pool)
    .await
}

/// Uses the link up, once: the address it was sent to, if it was still usable.
pub async fn use_link(pool: &PgPool, token: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE caunoi.sign_in_links SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING email",
    )
    .bind(token_hash(token))
    .fetch_optional(pool)
    .await
}

/// Opens a session for `email`; returns its id, which only the cookie keeps.
pub async fn open(pool: &PgPool, email: &str, ttl: Duration) -> Result<String, sqlx::Error> {
    let id = random_hex();
    sqlx::query("INSERT INTO caunoi.sessions (id_hash, email, expires_at) VALUES ($1, $2, $3)")
        .bind(token_hash(&id))
        .bind(email)
        .bind(Utc::now() + ttl)
        .execute(pool)
        .await?;
    // Old sessions and links go now and then, on sign-in, not on every request.
    sqlx::query("DELETE FROM caunoi.sessions WHERE expires_at < now() - interval '1 day'")
        .execute(pool)
        .await?;
    sqlx::query("DELETE FROM caunoi.sign_in_links WHERE expires_at < now() - interval '1 day'")
        .execute(pool)
        .await?;
    Ok(id)
}

/// The address of the session with this id, while it lasts.
pub async fn find(pool: &PgPool, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT email FROM caunoi.sessions WHERE id_hash = $1 AND expires_at > now()",
    )
    .bind(token_hash(id))
    .fetch_optional(pool)
    .await
}

pub async fn close(pool: &PgPool, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM caunoi.sessions WHERE id_hash = $1")
        .bind(token_hash(id))
        .execute(pool)
        .await?;
    Ok(())
}
