use sqlx::PgPool;

/// Applies the SQL migrations in `migrations/`; safe to run at every start.
pub async fn migrate(pool: &PgPool) -> Result<(), crate::ProjectorError> {
    sqlx::migrate!("../../migrations").run(pool).await?;
    Ok(())
}
