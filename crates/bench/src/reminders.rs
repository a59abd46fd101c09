//! Reminder figures: a scheduler run over 100,000 open deadlines (logistics tasks read
//! from the read model, planned, grouped by person), and 1,000 emails handed to a local
//! SMTP server by the mail sender.

use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use domain::delegation::{
    Delegation, DelegationCommand, Direction, Item, ProgrammeFacts, Task, TaskKind, TaskStatus,
};
use domain::programme::{Programme, ProgrammeCommand, Status, Verdict};
use domain::values::Contact;
use domain::{Aggregate, CommandContext};
use eventstore::{CommandMeta, Envelope, EventStore};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use mailer::{Backoff, Mailer, MailerConfig, Recipient, SmtpSettings};
use notifications::{MailQueue, MailSender, NewMail, SenderSettings};
use reminders::{Scheduler, Schedules};
use sqlx::PgPool;
use uuid::Uuid;
use workflow::links::LinkSecret;

use crate::replay::plan;

/// The events of one approved programme and of its delegation with `tasks` open tasks,
/// due within the coming week, each owned by one of 50 people.
fn events(n: usize, tasks: usize, meta: &CommandMeta) -> Vec<(String, Uuid, Vec<Envelope>)> {
    let context = CommandContext {
        now: meta.now,
        actor: meta.actor.clone(),
    };
    let programme = Uuid::now_v7();
    let round_id = Uuid::now_v7();
    let mut state = Programme::New;
    let mut programme_events = Vec::new();
    for command in [
        ProgrammeCommand::Draft {
            id: programme,
            plan: plan(n),
        },
        ProgrammeCommand::Submit,
        ProgrammeCommand::StartReview { round_id },
        ProgrammeCommand::RecordReview {
            round_id,
            verdict: Verdict::Approved,
        },
    ] {
        for event in state.decide(&command, &context).expect("valid") {
            programme_events.push(Envelope::new::<Programme>(
                programme,
                programme_events.len() as u64 + 1,
                &event,
                meta,
            ));
            state = state.evolve(&event);
        }
    }
    let delegation = Uuid::now_v7();
    let today = Utc::now().date_naive();
    let mut commands = vec![DelegationCommand::Open {
        id: delegation,
        programme: ProgrammeFacts {
            id: programme,
            status: Status::Approved,
        },
        name: format!("Đoàn đại biểu số {n}"),
        direction: Direction::Incoming,
    }];
    commands.extend((0..tasks).map(|t| DelegationCommand::SaveItem {
        item: Item::Task(Task {
            id: Uuid::now_v7(),
            kind: TaskKind::Task,
            title: format!("Việc số {t} của đoàn {n}"),
            owner: Contact {
                name: format!("Cán bộ {}", (n + t) % 50),
                email: format!("canbo{}@example.vn", (n + t) % 50),
            },
            due_on: today + Days::new(1 + (t % 7) as u64),
            status: TaskStatus::Todo,
            leg_id: None,
            notes: None,
        }),
    }));
    let mut delegation_state = Delegation::default();
    let mut delegation_events = Vec::new();
    for command in &commands {
        for event in delegation_state.decide(command, &context).expect("valid") {
            delegation_events.push(Envelope::new::<Delegation>(
                delegation,
                delegation_events.len() as u64 + 1,
                &event,
                meta,
            ));
            delegation_state = delegation_state.evolve(&event);
        }
    }
    vec![
        ("programme".into(), programme, programme_events),
        ("delegation".into(), delegation, delegation_events),
    ]
}

/// Publishes `programmes` approved programmes with `tasks` open tasks each; returns the
/// number of events.
pub async fn seed(
    store: &EventStore,
    nats: &async_nats::Client,
    programmes: usize,
    tasks: usize,
) -> anyhow::Result<u64> {
    let js = async_nats::jetstream::new(nats.clone());
    let meta = CommandMeta {
        now: Utc::now(),
        actor: "bench".into(),
        correlation_id: "bench-reminders".into(),
        causation_id: None,
    };
    let mut in_flight = FuturesUnordered::new();
    let mut published = 0;
    for n in 0..programmes {
        for (aggregate, id, envelopes) in events(n, tasks, &meta) {
            let subject = store.subject(&aggregate, id);
            for envelope in envelopes {
                if in_flight.len() >= 512
                    && let Some(ack) = in_flight.next().await
                {
                    let _: async_nats::jetstream::publish::PublishAck = ack?;
                }
                in_flight.push(
                    js.publish(subject.clone(), serde_json::to_vec(&envelope)?.into())
                        .await?
                        .into_future(),
                );
                published += 1;
            }
        }
    }
    while let Some(ack) = in_flight.next().await {
        ack?;
    }
    Ok(published)
}

pub struct Evaluation {
    pub deadlines: usize,
    pub emails: usize,
    pub took: Duration,
}

/// One scheduler run's work without sending: read the deadlines, plan, check what was
/// sent, group by person.
pub async fn evaluate(pool: &PgPool, store: &EventStore) -> anyhow::Result<Evaluation> {
    let scheduler = Scheduler {
        pool: pool.clone(),
        store: store.clone(),
        schedules: Schedules::parse("Asia/Ho_Chi_Minh", &["0 0 8 * * Mon-Fri".into()])?,
        settings: domain::reminders::Settings::default(),
        public_url: "https://caunoi.example.vn".into(),
        secret: LinkSecret::generate().0,
        report_due_days: 15,
    };
    let started = Instant::now();
    let preview = scheduler.preview(Utc::now()).await?;
    Ok(Evaluation {
        deadlines: preview.reminders.len(),
        emails: preview.emails,
        took: started.elapsed(),
    })
}

/// Queues `count` emails and times the sender handing them all to a local SMTP server.
pub async fn send(pool: &PgPool, count: usize) -> anyhow::Result<Duration> {
    let smtp = testkit::SmtpServer::start().await;
    let queue = MailQueue::new(pool.clone());
    let mails: Vec<NewMail> = (0..count)
        .map(|n| NewMail {
            key: format!("bench-mail:{n}"),
            kind: "reminder",
            to: Recipient {
                name: format!("Cán bộ {n}"),
                email: format!("canbo{n}@example.vn"),
            },
            subject: format!("Nhắc việc Cầu Nối: việc số {n}"),
            text: "Kính gửi đồng chí,\n\nCầu Nối nhắc đồng chí một việc sắp đến hạn.\n".into(),
            html: "<p>Kính gửi đồng chí,</p><p>Cầu Nối nhắc đồng chí một việc sắp đến hạn.</p>"
                .into(),
            correlation_id: format!("bench-{n}"),
        })
        .collect();
    queue.enqueue(&mails).await?;
    let from = Recipient {
        name: "Cầu Nối".into(),
        email: "caunoi@example.vn".into(),
    };
    let mailer = Mailer::new(MailerConfig::Smtp(SmtpSettings {
        pool_size: 4,
        timeout: Duration::from_secs(10),
        ..smtp.settings(from)
    }))?;
    let sender = MailSender::new(
        queue,
        mailer,
        SenderSettings {
            public_url: "https://caunoi.example.vn".into(),
            secret: LinkSecret::generate().0,
            backoff: Backoff::default(),
            batch: 50,
            parallel: 4,
        },
    );
    let started = Instant::now();
    while sender.send_due().await? > 0 {}
    let took = started.elapsed();
    let received = smtp.wait_for(count, Duration::from_secs(30)).await.len();
    anyhow::ensure!(
        received == count,
        "the SMTP server got {received} of {count}"
    );
    Ok(took)
}
