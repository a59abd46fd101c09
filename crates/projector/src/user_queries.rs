//! Reads of people's roles.

use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::ProjectorError;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct UserRole {
    pub email: String,
    pub name: String,
    pub organisation_id: Uuid,
    /// The organisation's name, when it is in the directory.
    pub organisation_name: Option<String>,
    pub role: String,
}

/// Every role held, by organisation and person; only one organisation's when given.
pub async fn roles(
    pool: &PgPool,
    organisation_id: Option<Uuid>,
) -> Result<Vec<UserRole>, ProjectorError> {
    Ok(sqlx::query_as(
        "SELECT r.email, r.name, r.organisation_id, o.name AS organisation_name, r.role
         FROM caunoi.user_roles r LEFT JOIN caunoi.organisations o ON o.id = r.organisation_id
         WHERE $1::uuid IS NULL OR r.organisation_id = $1
         ORDER BY o.name, r.email, r.role",
    )
    .bind(organisation_id)
    .fetch_all(pool)
    .await?)
}

/// The addresses of the organisation's administrators.
pub async fn administrators(
    pool: &PgPool,
    organisation_id: Uuid,
) -> Result<Vec<String>, ProjectorError> {
    Ok(sqlx::query_scalar(
        "SELECT email FROM caunoi.user_roles WHERE organisation_id = $1 AND role = $2",
    )
    .bind(organisation_id)
    .bind(domain::access::AccessRole::Administrator.as_str())
    .fetch_all(pool)
    .await?)
}
