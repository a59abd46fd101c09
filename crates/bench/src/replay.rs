//! Fills a stream with real programme events, fast, for the replay and rebuild figures.

use chrono::{Days, NaiveDate, Utc};
use domain::programme::{Plan, PlanPatch, Programme, ProgrammeCommand, ProgrammeKind};
use domain::values::{Contact, Partner, Schedule};
use domain::{Aggregate, CommandContext};
use eventstore::{CommandMeta, Envelope, EventStore};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use uuid::Uuid;

pub fn plan(n: usize) -> Plan {
    let start = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap() + Days::new((n % 3000) as u64);
    Plan {
        title: format!("Đoàn đại biểu số {n} qua cửa khẩu Hữu Nghị"),
        kind: ProgrammeKind::DelegationVisit,
        host_organisation: "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn".into(),
        // Submitting needs a host in the directory; the replay only projects.
        host_organisation_id: Some(Uuid::from_u128(0x1a0)),
        co_organisers: vec!["Sở Ngoại vụ tỉnh Lạng Sơn".into()],
        partners: vec![Partner {
            name: "Hội Hữu nghị đối ngoại Quảng Tây".into(),
            country: "CN".into(),
            region: Some("Quảng Tây".into()),
        }],
        schedule: Schedule {
            start,
            end: start + Days::new(2),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: None,
        border_gate: Some("Cửa khẩu quốc tế Hữu Nghị".into()),
        objectives: "Giao lưu hữu nghị".into(),
        expected_delegation_size: 100,
        budget: vec![],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Vi Thị Hạnh".into(),
            email: "hanh@example.vn".into(),
        }),
    }
}

/// The four events of one programme's life so far: drafted, revised, submitted, postponed.
fn programme_events(n: usize, meta: &CommandMeta) -> (Uuid, Vec<Envelope>) {
    let id = Uuid::now_v7();
    let context = CommandContext {
        now: meta.now,
        actor: meta.actor.clone(),
    };
    let first = plan(n);
    let later = Schedule {
        start: first.schedule.start + Days::new(30),
        end: first.schedule.end + Days::new(30),
        timezone: "Asia/Ho_Chi_Minh".into(),
    };
    let commands = [
        ProgrammeCommand::Draft { id, plan: first },
        ProgrammeCommand::Revise {
            patch: PlanPatch {
                expected_delegation_size: Some(120),
                ..PlanPatch::default()
            },
            reason: None,
        },
        ProgrammeCommand::Submit,
        ProgrammeCommand::Postpone {
            schedule: later,
            reason: "Đối tác đề nghị lùi lịch".into(),
        },
    ];
    let mut state = Programme::New;
    let mut envelopes = Vec::new();
    for command in &commands {
        for event in state
            .decide(command, &context)
            .expect("bench commands are valid")
        {
            envelopes.push(Envelope::new::<Programme>(
                id,
                envelopes.len() as u64 + 1,
                &event,
                meta,
            ));
            state = state.evolve(&event);
        }
    }
    (id, envelopes)
}

/// Publishes `programmes × 4` events with many acknowledgements in flight.
pub async fn seed(
    store: &EventStore,
    nats: &async_nats::Client,
    programmes: usize,
) -> anyhow::Result<()> {
    let js = async_nats::jetstream::new(nats.clone());
    let meta = CommandMeta {
        now: Utc::now(),
        actor: "bench".into(),
        correlation_id: "bench-seed".into(),
        causation_id: None,
    };
    let mut in_flight = FuturesUnordered::new();
    for n in 0..programmes {
        let (id, envelopes) = programme_events(n, &meta);
        let subject = store.subject("programme", id);
        for envelope in envelopes {
            if in_flight.len() >= 512
                && let Some(ack) = in_flight.next().await
            {
                let _: async_nats::jetstream::publish::PublishAck = ack?;
            }
            let payload = serde_json::to_vec(&envelope)?;
            in_flight.push(
                js.publish(subject.clone(), payload.into())
                    .await?
                    .into_future(),
            );
        }
    }
    while let Some(ack) = in_flight.next().await {
        ack?;
    }
    Ok(())
}
