use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use embedded::{NatsOptions, NatsProcess, PostgresOptions, PostgresProcess, free_port};

/// Durable servers, configured as in production, so that the figures mean something.
pub struct Servers {
    pub nats: NatsProcess,
    pub postgres: PostgresProcess,
    /// The run's folder, which holds the servers' data.
    pub folder: PathBuf,
}

impl Servers {
    pub async fn start(dir: &Path) -> Result<Servers> {
        let nats = NatsProcess::start(NatsOptions {
            store_dir: dir.join("nats"),
            port: free_port()?,
            log_file: dir.join("nats.log"),
            password: None,
            durable: true,
        })
        .await
        .context("starting nats-server")?;
        let postgres = PostgresProcess::start(PostgresOptions {
            data_dir: dir.join("postgres"),
            port: free_port()?,
            log_file: dir.join("postgres.log"),
            database: "bench".into(),
            durable: true,
            password: None,
        })
        .await
        .context("starting PostgreSQL")?;
        Ok(Servers {
            nats,
            postgres,
            folder: dir.to_path_buf(),
        })
    }

    /// A fresh database on the same server, for one part of the run.
    pub async fn database(&self, name: &str) -> Result<String> {
        let admin = sqlx::PgPool::connect(&self.postgres.admin_url()).await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await?;
        admin.close().await;
        Ok(self.postgres.url().replace("/bench", &format!("/{name}")))
    }

    pub async fn stop(self) -> Result<()> {
        self.nats.stop().await?;
        self.postgres.stop().await?;
        Ok(())
    }
}
