//! Sign-in links and sessions.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use workflow::links::{random_hex, token_hash};

/// How many sign-in links one address may be sent within [`LINK_WINDOW`].
pub const LINKS_PER_WINDOW: i64 = 3;
/// The window over which sign-in links are counted (a quarter of an hour).
pub const LINK_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Keeps a sign-in link's token hash for `email` until `ttl` has passed, bound to the
/// browser that asked for it (the hash of its pre-session cookie). A link made at the
/// console (`caunoi grant-role`) has no browser yet, and works in the first that uses it.
pub async fn store_link(
    pool: &PgPool,
    token: &str,
    email: &str,
    browser: Option<&str>,
    ttl: Duration,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO caunoi.sign_in_links (token_hash, email, browser_hash, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash(token))
    .bind(email)
    .bind(browser.map(token_hash))
    .bind(Utc::now() + ttl)
    .execute(pool)
    .await?;
    Ok(())
}

/// Whether another sign-in link may be sent to `email` now: at most
/// [`LINKS_PER_WINDOW`] within [`LINK_WINDOW`], so that nobody can flood an inbox.
pub async fn may_send_link(pool: &PgPool, email: &str) -> Result<bool, sqlx::Error> {
    let since: DateTime<Utc> = Utc::now() - LINK_WINDOW;
    let sent: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM caunoi.sign_in_links WHERE email = $1 AND created_at > $2",
    )
    .bind(email)
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok(sent < LINKS_PER_WINDOW)
}

/// The address a link that can still be used signs in (shown before the person
/// confirms, so that nobody is signed in as someone they did not mean to be).
pub async fn link_address(pool: &PgPool, token: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT email FROM caunoi.sign_in_links
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()",
    )
    .bind(token_hash(token))
    .fetch_optional(pool)
    .await
}

/// What using a sign-in link came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkUse {
    /// The link was good, in the browser that asked for it: the address it was sent to.
    SignedIn(String),
    /// A good link, opened in another browser than the one that asked for it. It stays
    /// usable there.
    OtherBrowser,
    /// Unknown, used, replaced by a newer one, or expired.
    Unusable,
}

/// Uses the link up, once, in the browser that asked for it. Every other link of the same
/// person stops working too, so that only the newest sign-in counts.
pub async fn use_link(pool: &PgPool, token: &str, browser: &str) -> Result<LinkUse, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let found: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT email, browser_hash FROM caunoi.sign_in_links
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         FOR UPDATE",
    )
    .bind(token_hash(token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((email, bound_to)) = found else {
        return Ok(LinkUse::Unusable);
    };
    if let Some(bound_to) = bound_to
        && (browser.is_empty() || bound_to != token_hash(browser))
    {
        return Ok(LinkUse::OtherBrowser);
    }
    sqlx::query(
        "UPDATE caunoi.sign_in_links SET used_at = now() WHERE email = $1 AND used_at IS NULL",
    )
    .bind(&email)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(LinkUse::SignedIn(email))
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
