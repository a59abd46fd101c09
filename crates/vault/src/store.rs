use std::collections::HashMap;

use sqlx::PgPool;
use uuid::Uuid;

use crate::{DataKey, MasterKey, VaultError};

/// The key store: people's data keys, wrapped under the master key, in
/// `caunoi.person_keys`. Written through a durable pool (never the projection pool, whose
/// commits may be lost in a crash): a key that was lost would make its person's data
/// unreadable before anyone asked to forget them.
#[derive(Clone, Debug)]
pub struct Vault {
    pool: PgPool,
    current: MasterKey,
    /// Keys being rotated away from: still read, never written.
    previous: Vec<MasterKey>,
}

impl Vault {
    pub fn new(pool: PgPool, current: MasterKey, previous: Vec<MasterKey>) -> Self {
        Self {
            pool,
            current,
            previous,
        }
    }

    pub fn master_key_id(&self) -> &str {
        self.current.id()
    }

    fn master(&self, id: &str) -> Result<&MasterKey, VaultError> {
        std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|k| k.id() == id)
            .ok_or_else(|| VaultError::UnknownMasterKey(id.to_string()))
    }

    /// Keeps new people's keys, all or none.
    pub async fn store(&self, keys: &[(Uuid, DataKey)]) -> Result<(), VaultError> {
        let ids: Vec<Uuid> = keys.iter().map(|(id, _)| *id).collect();
        let wrapped: Vec<Vec<u8>> = keys
            .iter()
            .map(|(id, key)| key.wrap(&self.current, *id))
            .collect();
        sqlx::query(
            "INSERT INTO caunoi.person_keys (person_id, wrapped_key, master_key_id)
             SELECT id, key, $3 FROM UNNEST($1::uuid[], $2::bytea[]) AS k(id, key)",
        )
        .bind(ids)
        .bind(wrapped)
        .bind(self.current.id())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The keys of those people who have not been forgotten.
    pub async fn keys(&self, person_ids: &[Uuid]) -> Result<HashMap<Uuid, DataKey>, VaultError> {
        let rows: Vec<(Uuid, Vec<u8>, String)> = sqlx::query_as(
            "SELECT person_id, wrapped_key, master_key_id FROM caunoi.person_keys
             WHERE person_id = ANY($1)",
        )
        .bind(person_ids)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, wrapped, master_id)| {
                Ok((id, DataKey::unwrap(self.master(&master_id)?, id, &wrapped)?))
            })
            .collect()
    }

    /// Deletes people's keys for good: what was sealed with them can never be opened
    /// again. Returns how many keys existed.
    pub async fn forget(&self, person_ids: &[Uuid]) -> Result<u64, VaultError> {
        let deleted = sqlx::query("DELETE FROM caunoi.person_keys WHERE person_id = ANY($1)")
            .bind(person_ids)
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected())
    }

    /// Pushes forgotten keys out of PostgreSQL's own files, so that someone who later reads
    /// the database folder (and the master key) cannot unwrap them: the key table is
    /// rewritten without the deleted rows, the write-ahead log moves to a new segment, and a
    /// checkpoint lets the server remove the segments that held them. Segments are removed
    /// rather than reused only with `wal_recycle = off` (set on the embedded server; see
    /// docs/security.md for a server of one's own). Needs the `pg_checkpoint` role and the
    /// right to run `pg_switch_wal()`.
    pub async fn scrub_forgotten_keys(&self) -> Result<(), VaultError> {
        // Each statement on its own: VACUUM refuses to run inside a transaction, and
        // several statements in one simple query are one transaction.
        for statement in [
            "VACUUM (FULL) caunoi.person_keys",
            "SELECT pg_switch_wal()",
            "CHECKPOINT",
        ] {
            sqlx::raw_sql(statement)
                .execute(&self.pool)
                .await
                .map_err(VaultError::Scrub)?;
        }
        Ok(())
    }

    /// Wraps again, under the current master key, every key still wrapped under a previous
    /// one. Safe to run while the services run with both keys configured, and to run again.
    /// Returns how many keys it re-wrapped.
    pub async fn rewrap(&self) -> Result<u64, VaultError> {
        let mut done = 0;
        loop {
            let mut tx = self.pool.begin().await?;
            let rows: Vec<(Uuid, Vec<u8>, String)> = sqlx::query_as(
                "SELECT person_id, wrapped_key, master_key_id FROM caunoi.person_keys
                 WHERE master_key_id <> $1 LIMIT 1000 FOR UPDATE SKIP LOCKED",
            )
            .bind(self.current.id())
            .fetch_all(&mut *tx)
            .await?;
            if rows.is_empty() {
                return Ok(done);
            }
            let mut ids = Vec::with_capacity(rows.len());
            let mut wrapped = Vec::with_capacity(rows.len());
            for (id, old, master_id) in rows {
                let key = DataKey::unwrap(self.master(&master_id)?, id, &old)?;
                ids.push(id);
                wrapped.push(key.wrap(&self.current, id));
            }
            sqlx::query(
                "UPDATE caunoi.person_keys AS k
                 SET wrapped_key = n.key, master_key_id = $3, rewrapped_at = now()
                 FROM UNNEST($1::uuid[], $2::bytea[]) AS n(id, key) WHERE k.person_id = n.id",
            )
            .bind(&ids)
            .bind(wrapped)
            .bind(self.current.id())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            done += ids.len() as u64;
        }
    }
}
