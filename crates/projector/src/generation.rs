use sqlx::{PgPool, Postgres, Transaction};

use crate::{ProjectorError, signature};

/// One full set of read-model tables, living in its own schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Generation {
    pub generation: i64,
    pub schema: String,
    pub position: i64,
}

pub(crate) async fn active(pool: &PgPool) -> Result<Generation, ProjectorError> {
    let row: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT generation, schema_name, position FROM caunoi.projections WHERE status = 'active'",
    )
    .fetch_optional(pool)
    .await?;
    let (generation, schema, position) = row.ok_or(ProjectorError::NoActiveGeneration)?;
    Ok(Generation {
        generation,
        schema,
        position,
    })
}

/// Locks a generation's row for the rest of the transaction and tells where it stands.
/// While a rebuild's switch-over holds this lock, no batch can move the position.
pub(crate) async fn lock(
    tx: &mut Transaction<'_, Postgres>,
    generation: i64,
) -> Result<(i64, String), ProjectorError> {
    let row: (i64, String) = sqlx::query_as(
        "SELECT position, status FROM caunoi.projections WHERE generation = $1 FOR UPDATE",
    )
    .bind(generation)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row)
}

pub(crate) async fn create_next(pool: &PgPool) -> Result<Generation, ProjectorError> {
    let mut tx = pool.begin().await?;
    let (generation,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(generation), 0) + 1 FROM caunoi.projections")
            .fetch_one(&mut *tx)
            .await?;
    let schema = format!("read_model_{generation}");
    sqlx::query(&format!(
        "INSERT INTO caunoi.projections (generation, schema_name, status, signature)
             VALUES ($1, $2, 'building', {})",
        signature::current(3)
    ))
    .bind(generation)
    .bind(&schema)
    .bind(signature::PROJECTION_CODE)
    .execute(&mut *tx)
    .await?;
    sqlx::query("SELECT caunoi.create_read_model($1)")
        .bind(&schema)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Generation {
        generation,
        schema,
        position: 0,
    })
}

/// The position committed for `generation`, whatever a writer last thought it was.
pub(crate) async fn position_of(
    pool: &PgPool,
    generation: &Generation,
) -> Result<i64, ProjectorError> {
    Ok(
        sqlx::query_scalar("SELECT position FROM caunoi.projections WHERE generation = $1")
            .bind(generation.generation)
            .fetch_one(pool)
            .await?,
    )
}
