use sqlx::postgres::PgConnectOptions;
use url::Url;

/// `url` pointing at `database` on the same server with the same credentials
/// and parameters. The caunoi binary is configured by URL, so this rewrites
/// the URL rather than building connect options.
pub(crate) fn with_database(url: &str, database: &str) -> Result<String, String> {
    let mut parsed = Url::parse(url).map_err(|e| format!("DATABASE_URL is not a URL: {e}"))?;
    parsed.set_path(&format!("/{database}"));
    // libpq's dbname parameter would override the path.
    let kept: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(key, _)| key != "dbname")
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(kept);
    }

    let options: PgConnectOptions = parsed
        .as_str()
        .parse()
        .map_err(|e| format!("not a PostgreSQL URL: {e}"))?;
    if options.get_database() == Some(database) {
        Ok(parsed.into())
    } else {
        Err(format!("could not point {url} at database {database}"))
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_only_the_database() {
        let url = "postgres://me:s%40cret@db.example:6543/app?sslmode=require&application_name=x";
        assert_eq!(
            with_database(url, "postgres").as_deref(),
            Ok(
                "postgres://me:s%40cret@db.example:6543/postgres?sslmode=require&application_name=x"
            )
        );
    }

    #[test]
    fn adds_a_database_when_there_is_none() {
        assert_eq!(
            with_database("postgresql://me@localhost", "t_1").as_deref(),
            Ok("postgresql://me@localhost/t_1")
        );
    }

    #[test]
    fn keeps_a_unix_socket_host_and_drops_dbname() {
        assert_eq!(
            with_database("postgres:///app?host=/run/postgresql&dbname=app", "t_1").as_deref(),
            Ok("postgres:///t_1?host=%2Frun%2Fpostgresql")
        );
    }

    #[test]
    fn rejects_garbage() {
        assert!(with_database("not a url", "t_1").is_err());
    }
}
