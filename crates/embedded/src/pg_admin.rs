//! Talking to a freshly started PostgreSQL as its superuser.

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::EmbeddedError;

/// Names go into URLs and SQL unescaped, so they are limited to characters
/// that need no escaping in either.
pub(crate) fn validate_database_name(name: &str) -> Result<(), EmbeddedError> {
    let valid = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(EmbeddedError::InvalidDatabaseName(name.to_owned()))
    }
}

pub(crate) async fn accepts_connections(options: &PgConnectOptions) -> Result<(), String> {
    let connection = options.connect().await.map_err(|e| e.to_string())?;
    connection.close().await.map_err(|e| e.to_string())
}

pub(crate) async fn create_database_if_missing(
    admin: &PgConnectOptions,
    database: &str,
) -> Result<(), EmbeddedError> {
    let failed = |source| EmbeddedError::CreateDatabase {
        database: database.to_owned(),
        source,
    };
    let mut connection = admin.connect().await.map_err(failed)?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(database)
            .fetch_one(&mut connection)
            .await
            .map_err(failed)?;
    if !exists {
        // CREATE DATABASE takes no bind parameters; the name was validated.
        sqlx::raw_sql(&format!("CREATE DATABASE \"{database}\""))
            .execute(&mut connection)
            .await
            .map_err(failed)?;
        tracing::info!(database, "created database");
    }
    connection.close().await.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::validate_database_name;

    #[test]
    fn accepts_plain_names() {
        assert!(validate_database_name("caunoi").is_ok());
        assert!(validate_database_name("t_0190-abc").is_ok());
    }

    #[test]
    fn rejects_names_needing_quotes() {
        for name in ["", "a\"b", "a b", "tỉnh", "x/y", &"a".repeat(64)] {
            assert!(validate_database_name(name).is_err(), "{name:?}");
        }
    }
}
