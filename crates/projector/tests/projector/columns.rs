//! Each table a model writes is declared once, with its columns and their types
//! (`projector::models::TABLES`); the rows follow that list. Here the list is held against
//! the table the migrations make, so that neither can change without the other.

use testkit::TestEnv;

/// `timestamptz` is how the lists spell what PostgreSQL names in full.
fn spelled_by_postgres(declared: &str) -> String {
    declared.replace("timestamptz", "timestamp with time zone")
}

#[tokio::test]
async fn every_table_a_model_writes_has_exactly_the_columns_it_declares() {
    let env = TestEnv::new().await;
    let pool = env.pool().await;
    projector::migrate(&pool).await.unwrap();
    let schema: String =
        sqlx::query_scalar("SELECT schema_name FROM caunoi.projections WHERE status = 'active'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let mut problems = Vec::new();
    for table in projector::models::TABLES {
        let mut made: Vec<(String, String)> = sqlx::query_as(
            "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)
             FROM pg_attribute a
             JOIN pg_class c ON c.oid = a.attrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped",
        )
        .bind(&schema)
        .bind(table.name)
        .fetch_all(&pool)
        .await
        .unwrap();
        let mut declared: Vec<(String, String)> = table
            .typed()
            .into_iter()
            .map(|(name, kind)| (name.to_string(), spelled_by_postgres(&kind)))
            .collect();
        made.sort();
        declared.sort();
        if made != declared {
            problems.push(format!(
                "{}: the migrations make {made:?}, the model declares {declared:?}",
                table.name
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
