//! Yearly figures over ten years of programmes: seeds held programmes (a third of them
//! followed up and closed with a report) and times `GET /api/figures` over HTTP.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use chrono::{Days, NaiveDate, Utc};
use domain::followup::{
    FollowUpReport, ProgrammeFacts, ReportCommand, ReportContent, programme_steps, report_id_for,
};
use domain::programme::{Programme, ProgrammeCommand, Verdict};
use domain::{Aggregate, CommandContext};
use eventstore::{CommandMeta, Envelope, EventStore};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::replay;

pub const FIRST_YEAR: i32 = 2014;
pub const YEARS: i32 = 10;

/// Runs commands on a fresh aggregate and returns its envelopes.
fn events<A: Aggregate>(
    id: Uuid,
    mut state: A,
    first_version: u64,
    commands: &[A::Command],
    context: &CommandContext,
    meta: &CommandMeta,
) -> (A, Vec<Envelope>) {
    let mut envelopes = Vec::new();
    for command in commands {
        for event in state
            .decide(command, context)
            .expect("bench commands are valid")
        {
            envelopes.push(Envelope::new::<A>(
                id,
                first_version + envelopes.len() as u64,
                &event,
                meta,
            ));
            state = state.evolve(&event);
        }
    }
    (state, envelopes)
}

/// The events of one held programme, and for every third one a report accepted with
/// its attendance and the programme closed.
fn programme(n: usize, meta: &CommandMeta) -> Vec<Envelope> {
    let context = CommandContext {
        now: meta.now,
        actor: meta.actor.clone(),
    };
    let mut plan = replay::plan(n);
    let day = (n as u64 * 3653 / PROGRAMMES_PER_SPAN) % 3650;
    plan.schedule.start = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap() + Days::new(day);
    plan.schedule.end = plan.schedule.start + Days::new(2);
    plan.partners[0].name = format!("Đối tác số {}", n % 8);
    plan.expected_delegation_size = 20 + (n % 80) as u32;
    plan.host_organisation_id = Some(access::organisation());
    let id = Uuid::now_v7();
    let round_id = Uuid::now_v7();
    let (programme, mut envelopes) = events(
        id,
        Programme::New,
        1,
        &[
            ProgrammeCommand::Draft { id, plan },
            ProgrammeCommand::Submit,
            ProgrammeCommand::StartReview { round_id },
            ProgrammeCommand::RecordReview {
                round_id,
                verdict: Verdict::Approved,
            },
            ProgrammeCommand::MarkHeld,
        ],
        &context,
        meta,
    );
    if !n.is_multiple_of(3) {
        return envelopes;
    }
    let report_id = report_id_for(id);
    let record = programme.record().expect("drafted");
    let (report, report_envelopes) = events(
        report_id,
        FollowUpReport::New,
        1,
        &[
            ReportCommand::Draft {
                id: report_id,
                programme: ProgrammeFacts::of(record),
                due_after_days: 15,
                content: ReportContent {
                    outcomes: "Giao lưu hữu nghị".into(),
                    actual_attendance: Some(record.plan.expected_delegation_size + 5),
                    ..ReportContent::default()
                },
            },
            ReportCommand::Submit,
            ReportCommand::Accept,
        ],
        &context,
        meta,
    );
    let steps = programme_steps(record, report.record().expect("drafted"))
        .expect("a held programme follows its report");
    let next_version = envelopes.len() as u64 + 1;
    let (_, closing) = events(id, programme, next_version, &steps, &context, meta);
    envelopes.extend(closing);
    envelopes.extend(report_envelopes);
    envelopes
}

/// The spread of start dates: this many programmes fill the ten years once.
const PROGRAMMES_PER_SPAN: u64 = 5000;

/// Publishes every programme's events with many acknowledgements in flight; returns how
/// many events were published.
pub async fn seed(store: &EventStore, nats: &async_nats::Client, programmes: usize) -> Result<u64> {
    let js = async_nats::jetstream::new(nats.clone());
    let meta = CommandMeta {
        now: Utc::now(),
        actor: "bench".into(),
        correlation_id: "bench-figures".into(),
        causation_id: None,
    };
    let mut in_flight = FuturesUnordered::new();
    let mut published = 0;
    for n in 0..programmes {
        for envelope in programme(n, &meta) {
            if in_flight.len() >= 512
                && let Some(ack) = in_flight.next().await
            {
                let _: async_nats::jetstream::publish::PublishAck = ack?;
            }
            let subject = store.subject(&envelope.aggregate_type, envelope.aggregate_id);
            let payload = serde_json::to_vec(&envelope)?;
            in_flight.push(js.publish(subject, payload.into()).await?.into_future());
            published += 1;
        }
    }
    while let Some(ack) = in_flight.next().await {
        ack?;
    }
    Ok(published)
}

pub struct Timings {
    pub p50: Duration,
    pub max: Duration,
    pub programmes: i64,
}

/// Asks for the yearly figures `rounds` times, one after another.
pub async fn time_yearly(base: &str, access: &Access, rounds: usize) -> Result<Timings> {
    let client = access.client()?;
    let to = FIRST_YEAR + YEARS - 1;
    let url = format!("{base}/api/figures?from={FIRST_YEAR}&to={to}&by=year");
    let mut times = Vec::with_capacity(rounds);
    let mut programmes = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        let response = client.get(&url).send().await?;
        if !response.status().is_success() {
            bail!("{url} answered {}", response.status());
        }
        let body: serde_json::Value = response.json().await?;
        times.push(started.elapsed());
        programmes = body["totals"]["programmes"].as_i64().unwrap_or(0);
    }
    times.sort();
    Ok(Timings {
        p50: times[times.len() / 2],
        max: *times.last().expect("at least one round"),
        programmes,
    })
}
