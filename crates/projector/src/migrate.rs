use sqlx::{PgConnection, PgPool};

use crate::signature;

/// Instances started together on a fresh database would race to create the schema
/// (`CREATE SCHEMA IF NOT EXISTS` is not safe against a concurrent one), so migrations run
/// one instance at a time. The key is arbitrary but fixed, and apart from the rebuild's.
const MIGRATION_LOCK: i64 = 0x6361_756e_6f6d;

/// Applies the SQL migrations in `migrations/`; safe to run at every start, from any
/// number of instances at once.
pub async fn migrate(pool: &PgPool) -> Result<(), crate::ProjectorError> {
    let mut connection = pool.acquire().await?;
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *connection)
        .await?;
    let migrated = apply(&mut connection).await;
    let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut *connection)
        .await;
    if unlocked.is_err() {
        // A connection that may still hold the lock must not go back to the pool.
        drop(connection.detach());
    }
    migrated?;
    unlocked?;
    renew_if_empty_and_outdated(pool).await
}

/// sqlx keeps its bookkeeping table unqualified, so where it lands depends on the
/// `search_path`. With PostgreSQL's default `"$user", public`, a database user named like
/// our schema would see the table move into that schema once it exists, and every
/// migration would run again. Pinning the path to our own schema keeps it in one place.
async fn apply(connection: &mut PgConnection) -> Result<(), crate::ProjectorError> {
    sqlx::query("CREATE SCHEMA IF NOT EXISTS caunoi")
        .execute(&mut *connection)
        .await?;
    sqlx::query("SET search_path TO caunoi")
        .execute(&mut *connection)
        .await?;
    let migrated = sqlx::migrate!("../../migrations")
        .run(&mut *connection)
        .await;
    sqlx::query("RESET search_path")
        .execute(&mut *connection)
        .await?;
    Ok(migrated?)
}

/// A generation built with other read-model parts than the migrations now define, into
/// which nothing was projected yet (a fresh database), is made again in place. One that
/// holds events must be rebuilt instead: see [`crate::upgrade`].
async fn renew_if_empty_and_outdated(pool: &PgPool) -> Result<(), crate::ProjectorError> {
    let mut tx = pool.begin().await?;
    let outdated: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT generation, schema_name FROM caunoi.projections
         WHERE status = 'active' AND position = 0
           AND signature IS DISTINCT FROM {}
         FOR UPDATE",
        signature::current(1)
    ))
    .bind(signature::PROJECTION_CODE)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((generation, schema)) = outdated {
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(&mut *tx)
            .await?;
        sqlx::query("SELECT caunoi.create_read_model($1)")
            .bind(&schema)
            .execute(&mut *tx)
            .await?;
        sqlx::query("SELECT caunoi.point_views_at($1)")
            .bind(&schema)
            .execute(&mut *tx)
            .await?;
        sqlx::query(&format!(
            "UPDATE caunoi.projections SET signature = {} WHERE generation = $1",
            signature::current(2)
        ))
        .bind(generation)
        .bind(signature::PROJECTION_CODE)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
