use sqlx::PgPool;

/// Applies the SQL migrations in `migrations/`; safe to run at every start.
///
/// sqlx keeps its bookkeeping table unqualified, so where it lands depends on the
/// `search_path`. With PostgreSQL's default `"$user", public`, a database user named like
/// our schema would see the table move into that schema once it exists, and every
/// migration would run again. Pinning the path to our own schema keeps it in one place.
pub async fn migrate(pool: &PgPool) -> Result<(), crate::ProjectorError> {
    let mut connection = pool.acquire().await?;
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
    migrated?;
    Ok(())
}
