//! The peer: the same workload written as a Rust user would otherwise write it, with
//! cqrs-es and its PostgreSQL event store (postgres-es) and a PostgreSQL view, in process
//! and without HTTP. Many planners revise many programmes; one event per command.
//!
//! Its durability is PostgreSQL's: with `synchronous_commit` on, a command returns once
//! its event is flushed to disk, as Cầu Nối's does on a NATS server that syncs every write;
//! with it off, the flush comes later, as on a NATS server left at its default schedule.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use cqrs_es::persist::GenericQuery;
use cqrs_es::{Aggregate, AggregateError, DomainEvent, EventEnvelope, View};
use hdrhistogram::Histogram;
use postgres_es::{PostgresCqrs, PostgresViewRepository, postgres_cqrs};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Executor;
use sqlx::postgres::PgPoolOptions;
use uuid::Uuid;

use crate::commands::{self, CommandFigures};

/// The programme as the peer keeps it: the plan as the planner sent it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PeerProgramme {
    plan: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PeerEvent {
    Drafted { plan: Value },
    Revised { title: String },
}

impl DomainEvent for PeerEvent {
    fn event_type(&self) -> String {
        match self {
            PeerEvent::Drafted { .. } => "Drafted".into(),
            PeerEvent::Revised { .. } => "Revised".into(),
        }
    }

    fn event_version(&self) -> String {
        "1".into()
    }
}

pub enum PeerCommand {
    Draft { plan: Value },
    Revise { title: String },
}

#[derive(Debug, thiserror::Error)]
pub enum PeerError {
    #[error("the programme is already drafted")]
    AlreadyDrafted,
    #[error("no such programme")]
    NotDrafted,
}

impl Aggregate for PeerProgramme {
    const TYPE: &'static str = "programme";
    type Command = PeerCommand;
    type Event = PeerEvent;
    type Error = PeerError;
    type Services = ();

    async fn handle(
        &mut self,
        command: PeerCommand,
        _services: &(),
        sink: &cqrs_es::event_sink::EventSink<Self>,
    ) -> Result<(), PeerError> {
        let event = match (command, &self.plan) {
            (PeerCommand::Draft { .. }, Some(_)) => return Err(PeerError::AlreadyDrafted),
            (PeerCommand::Draft { plan }, None) => PeerEvent::Drafted { plan },
            (PeerCommand::Revise { .. }, None) => return Err(PeerError::NotDrafted),
            (PeerCommand::Revise { title }, Some(_)) => PeerEvent::Revised { title },
        };
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: PeerEvent) {
        match event {
            PeerEvent::Drafted { plan } => self.plan = Some(plan),
            PeerEvent::Revised { title } => {
                if let Some(plan) = &mut self.plan {
                    plan["title"] = Value::String(title);
                }
            }
        }
    }
}

/// The read model: the plan as last revised, and how often it was.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PeerView {
    plan: Value,
    revisions: u64,
}

impl View<PeerProgramme> for PeerView {
    fn update(&mut self, event: &EventEnvelope<PeerProgramme>) {
        match &event.payload {
            PeerEvent::Drafted { plan } => self.plan = plan.clone(),
            PeerEvent::Revised { title } => {
                self.plan["title"] = Value::String(title.clone());
                self.revisions += 1;
            }
        }
    }
}

/// The tables postgres-es expects (its `db/init.sql`), in a fresh database.
const SCHEMA: [&str; 2] = [
    "CREATE TABLE events (
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        sequence bigint CHECK (sequence >= 0) NOT NULL,
        event_type text NOT NULL,
        event_version text NOT NULL,
        payload json NOT NULL,
        metadata json NOT NULL,
        PRIMARY KEY (aggregate_type, aggregate_id, sequence))",
    "CREATE TABLE programme_view (
        view_id text NOT NULL,
        version bigint CHECK (version >= 0) NOT NULL,
        payload json NOT NULL,
        PRIMARY KEY (view_id))",
];

/// Runs the peer on the database at `url`: drafts `programmes` programmes, then
/// `clients` clients revise them round-robin until `commands` commands are done.
/// `synchronous_commit` chooses the durability.
pub async fn run(
    url: &str,
    synchronous_commit: bool,
    programmes: usize,
    clients: usize,
    commands: usize,
) -> Result<CommandFigures> {
    let setting = if synchronous_commit { "on" } else { "off" };
    let pool = PgPoolOptions::new()
        .max_connections(clients as u32)
        .after_connect(move |connection, _| {
            Box::pin(async move {
                connection
                    .execute(format!("SET synchronous_commit = {setting}").as_str())
                    .await?;
                Ok(())
            })
        })
        .connect(url)
        .await
        .context("connecting the peer to PostgreSQL")?;
    for statement in SCHEMA {
        pool.execute(statement).await?;
    }
    let view = Arc::new(PostgresViewRepository::<PeerView, PeerProgramme>::new(
        "programme_view",
        pool.clone(),
    ));
    let cqrs: Arc<PostgresCqrs<PeerProgramme>> = Arc::new(postgres_cqrs(
        pool.clone(),
        vec![Box::new(GenericQuery::new(view))],
        (),
    ));
    let host = Uuid::now_v7();
    let mut ids = Vec::with_capacity(programmes);
    for n in 0..programmes {
        let id = Uuid::now_v7().to_string();
        let plan = commands::plan(n, host);
        cqrs.execute(&id, PeerCommand::Draft { plan }).await?;
        ids.push(id);
    }
    let ids = Arc::new(ids);
    let per_client = commands / clients;
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let (cqrs, ids) = (cqrs.clone(), ids.clone());
        tasks.spawn(async move {
            let mut latencies = Histogram::<u64>::new(3)?;
            for k in 0..per_client {
                let id = &ids[(c + k * clients) % ids.len()];
                let title = format!("Đoàn công tác {c}-{k} sang Quảng Tây");
                let metadata = HashMap::from([("actor".to_owned(), format!("client-{c}"))]);
                let sent = Instant::now();
                // Two clients may revise the same programme at once; as Cầu Nối does, the
                // loser runs its command again on the newer state.
                loop {
                    let command = PeerCommand::Revise {
                        title: title.clone(),
                    };
                    match cqrs
                        .execute_with_metadata(id, command, metadata.clone())
                        .await
                    {
                        Err(AggregateError::AggregateConflict) => continue,
                        done => break done?,
                    }
                }
                latencies.record(sent.elapsed().as_micros() as u64)?;
            }
            anyhow::Ok(latencies)
        });
    }
    let figures = commands::figures(tasks, started, per_client * clients).await;
    pool.close().await;
    figures
}
