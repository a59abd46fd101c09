use sqlx::Arguments;
use sqlx::postgres::{PgArguments, PgConnection};

/// One SQL statement with its parameters, prepared ahead of the transaction that runs it.
pub struct Statement {
    sql: String,
    arguments: PgArguments,
}

impl Statement {
    pub fn new(sql: impl Into<String>) -> Self {
        Self {
            sql: sql.into(),
            arguments: PgArguments::default(),
        }
    }

    /// Adds the next `$n` parameter.
    pub fn bind<T>(mut self, value: T) -> Self
    where
        T: for<'q> sqlx::Encode<'q, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + 'static,
    {
        // Encoding into the buffer fails only for values that do not fit PostgreSQL's wire
        // format, which our column types always do.
        self.arguments
            .add(value)
            .expect("a read-model value always encodes");
        self
    }

    pub(crate) async fn execute(self, connection: &mut PgConnection) -> Result<(), sqlx::Error> {
        sqlx::query_with(&self.sql, self.arguments)
            .execute(connection)
            .await
            .map(|_| ())
    }
}
