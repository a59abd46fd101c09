//! The log of reads of members' personal data, as the administrators of the organisations
//! hosting the delegations' programmes see it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::ProjectorError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PersonalDataRead {
    pub read_at: DateTime<Utc>,
    pub reader: String,
    /// `page`, `api`, `roster_csv` or `roster_xlsx`.
    pub view: String,
    pub delegation_id: Uuid,
    pub delegation_name: String,
    pub programme_id: Uuid,
    pub programme_title: String,
    pub correlation_id: String,
}

/// The newest `limit` reads of the personal data of delegations whose programme is hosted
/// by one of `hosts`, newest first.
pub async fn reads(
    pool: &PgPool,
    hosts: &[Uuid],
    limit: i64,
) -> Result<Vec<PersonalDataRead>, ProjectorError> {
    let hosts: Vec<String> = hosts.iter().map(Uuid::to_string).collect();
    Ok(sqlx::query_as(
        "SELECT r.read_at, r.reader, r.view, r.delegation_id, d.name AS delegation_name,
                p.id AS programme_id, p.title AS programme_title, r.correlation_id
         FROM caunoi.personal_data_reads r
         JOIN caunoi.delegations d ON d.id = r.delegation_id
         JOIN caunoi.programmes p ON p.id = d.programme_id
         WHERE p.state->'plan'->>'host_organisation_id' = ANY($1)
         ORDER BY r.read_at DESC, r.sequence DESC
         LIMIT $2",
    )
    .bind(hosts)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}
