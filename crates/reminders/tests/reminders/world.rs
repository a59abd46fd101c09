use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, Days, TimeZone, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use domain::approval::{
    ApprovalCommand, ApprovalRound, Committee, Decision, DecisionRule, Member, Person, Role,
};
use domain::directory::{Directory, DirectoryCommand, OrganisationKind, Route, RouteStage};
use domain::programme::{Plan, Programme, ProgrammeCommand, ProgrammeKind};
use domain::values::{Contact, Partner, Schedule};
use eventstore::{CommandMeta, EventStore, StoreConfig};
use mailer::{Backoff, Recipient};
use notifications::SenderSettings;
use projector::ProjectorConfig;
use reminders::{Scheduler, Schedules};
use sqlx::PgPool;
use testkit::{ReceivedMail, SmtpServer, TestEnv};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use workflow::approvals::ApprovalSettings;
use workflow::links::{LinkSecret, token_hash};

pub const PLANNER: &str = "hoa@thanhdoanlaocai.vn";
pub const MEMBERS: [(&str, &str); 3] = [
    ("Lê Văn Hùng", "hung@thanhdoanlaocai.vn"),
    ("Phạm Thị Thu", "thu@thanhdoanlaocai.vn"),
    ("Giàng A Páo", "pao@thanhdoanlaocai.vn"),
];
pub const BASE: &str = "https://caunoi.example.vn";

pub struct World {
    /// Holds the test's own database and stream for as long as the world runs.
    _env: TestEnv,
    pub pool: PgPool,
    pub store: EventStore,
    pub smtp: SmtpServer,
    /// Approval links' secret, to decide as an approver would.
    pub secret: LinkSecret,
    pub scheduler: Scheduler,
    pub organisation: Uuid,
    shutdown: CancellationToken,
}

impl Drop for World {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub fn meta(actor: &str) -> CommandMeta {
    CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: actor.into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

impl World {
    pub async fn start() -> World {
        let env = TestEnv::new().await;
        let pool = env.pool().await;
        projector::migrate(&pool).await.unwrap();
        let store = EventStore::open(
            env.nats().await,
            StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
        )
        .await
        .unwrap();
        let smtp = SmtpServer::start().await;
        let (secret, _) = LinkSecret::generate();
        let shutdown = CancellationToken::new();

        tokio::spawn(compose::services::projector(
            pool.clone(),
            store.clone(),
            ProjectorConfig::default(),
            shutdown.clone(),
        ));
        let approvals = ApprovalSettings {
            secret: secret.clone(),
            link_ttl: Duration::from_secs(30 * 24 * 3600),
        };
        tokio::spawn(compose::services::approvals(
            pool.clone(),
            store.clone(),
            approvals,
            testkit::scenario_clock(),
            shutdown.clone(),
        ));
        let mailer = smtp.mailer(Recipient {
            name: "Cầu Nối".into(),
            email: "caunoi@thanhdoanlaocai.vn".into(),
        });
        let sending = SenderSettings {
            public_url: BASE.into(),
            secret: secret.clone(),
            backoff: Backoff {
                first: Duration::from_millis(200),
                max: Duration::from_secs(1),
            },
            batch: 20,
            parallel: 2,
        };
        tokio::spawn(compose::services::mail(
            pool.clone(),
            store.clone(),
            mailer,
            sending,
            shutdown.clone(),
        ));

        let scheduler = Scheduler {
            pool: pool.clone(),
            store: store.clone(),
            schedules: Schedules::parse("Asia/Ho_Chi_Minh", &["0 0 8 * * Mon-Fri".into()]).unwrap(),
            settings: domain::reminders::Settings::default(),
            public_url: BASE.into(),
            secret: secret.clone(),
            report_due_days: 15,
        };
        let organisation = Uuid::now_v7();
        let world = World {
            _env: env,
            pool,
            store,
            smtp,
            secret,
            scheduler,
            organisation,
            shutdown,
        };
        world.directory().await;
        world
    }

    async fn directory(&self) {
        let committee = Uuid::now_v7();
        let members = MEMBERS
            .iter()
            .enumerate()
            .map(|(i, (name, email))| Member {
                id: Uuid::now_v7(),
                person: Person {
                    name: (*name).into(),
                    email: (*email).into(),
                },
                role: if i == 0 { Role::Chair } else { Role::Member },
                serves_from: chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
                serves_until: None,
            })
            .collect();
        let commands = [
            DirectoryCommand::Register {
                id: self.organisation,
                name: "Thành đoàn Lào Cai".into(),
                kind: OrganisationKind::CityYouthUnion,
                province: Some("Lào Cai".into()),
            },
            DirectoryCommand::AddCommittee {
                committee: Committee {
                    id: committee,
                    name: "Ban Thường vụ Thành đoàn Lào Cai".into(),
                    rule: DecisionRule::All,
                    members,
                    substitutions: vec![],
                },
            },
            DirectoryCommand::DefineRoute {
                route: Route {
                    id: Uuid::now_v7(),
                    name: "Quy trình chung".into(),
                    kinds: vec![],
                    stages: vec![RouteStage {
                        committee_id: committee,
                        organisation_id: None,
                        advisory: false,
                    }],
                },
            },
        ];
        for command in commands {
            self.store
                .execute::<Directory>(
                    self.organisation,
                    None,
                    &command,
                    &meta("admin@thanhdoanlaocai.vn"),
                )
                .await
                .unwrap();
        }
    }

    /// Drafts and submits the children's exchange to Hekou; returns its id once every
    /// approver has been sent a link.
    pub async fn submit(&self, title: &str) -> Uuid {
        self.submit_on(title, chrono::NaiveDate::from_ymd_opt(2027, 6, 1).unwrap())
            .await
    }

    /// As `submit`, for a one-day programme on `day`.
    pub async fn submit_on(&self, title: &str, day: chrono::NaiveDate) -> Uuid {
        let id = Uuid::now_v7();
        let plan = Plan {
            title: title.into(),
            kind: ProgrammeKind::Childrens,
            host_organisation: "Thành đoàn Lào Cai".into(),
            host_organisation_id: Some(self.organisation),
            co_organisers: vec![],
            partners: vec![Partner {
                name: "Đoàn Thanh niên huyện Hà Khẩu".into(),
                country: "CN".into(),
                region: Some("Vân Nam".into()),
            }],
            schedule: Schedule {
                start: day,
                end: day,
                timezone: "Asia/Ho_Chi_Minh".into(),
            },
            venue: None,
            border_gate: Some("Cửa khẩu quốc tế Lào Cai – Hà Khẩu".into()),
            objectives: "Giao lưu thiếu nhi nhân Ngày Quốc tế Thiếu nhi 1/6".into(),
            expected_delegation_size: 27,
            budget: vec![],
            agreement_id: None,
            coordinator: Some(Contact {
                name: "Nguyễn Thị Hoa".into(),
                email: PLANNER.into(),
            }),
        };
        for command in [
            ProgrammeCommand::Draft { id, plan },
            ProgrammeCommand::Submit,
        ] {
            self.store
                .execute::<Programme>(id, None, &command, &meta(PLANNER))
                .await
                .unwrap();
        }
        self.wait_until(|| async {
            let asked: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM caunoi.approval_seats WHERE programme_id = $1 AND link_id IS NOT NULL",
            )
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .unwrap();
            asked == MEMBERS.len() as i64
        })
        .await;
        id
    }

    /// Every approver approves by their link, and the programme becomes approved.
    pub async fn approve(&self, programme: Uuid) {
        let round_id = domain::approval::round_id(programme, 1);
        let round = self.store.load::<ApprovalRound>(round_id).await.unwrap();
        let seats = round.state.record().unwrap().stages[0].seats.clone();
        for seat in seats {
            let link = seat.link.unwrap();
            let token = self.secret.token(link.link_id);
            let decide = ApprovalCommand::Decide {
                token_hash: token_hash(&token),
                decision: Decision::Approve { comment: None },
            };
            self.store
                .execute::<ApprovalRound>(
                    round_id,
                    None,
                    &decide,
                    &meta(&seat.approver.person.email),
                )
                .await
                .unwrap();
        }
        self.wait_until(|| async {
            let status: String =
                sqlx::query_scalar("SELECT status FROM caunoi.programmes WHERE id = $1")
                    .bind(programme)
                    .fetch_one(&self.pool)
                    .await
                    .unwrap();
            status == "approved"
        })
        .await;
    }

    pub async fn wait_until<F, Fut>(&self, mut done: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !done().await {
            assert!(Instant::now() < deadline, "timed out");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Mails received whose subject starts with `subject`.
    pub fn received(&self, subject: &str) -> Vec<ReceivedMail> {
        self.smtp
            .messages()
            .into_iter()
            .filter(|m| m.subject.as_deref().is_some_and(|s| s.starts_with(subject)))
            .collect()
    }

    /// Waits until `count` mails whose subject starts with `subject` have arrived.
    pub async fn reminders_received(&self, subject: &str, count: usize) -> Vec<ReceivedMail> {
        self.wait_until(|| async { self.received(subject).len() >= count })
            .await;
        self.received(subject)
    }
}

/// The first scheduled run (08:00 on a working day in Vietnam) at least `days` after
/// `from`.
pub fn working_morning_after(from: DateTime<Utc>, days: u64) -> DateTime<Utc> {
    let mut day = from.with_timezone(&Ho_Chi_Minh).date_naive() + Days::new(days);
    loop {
        let morning = Ho_Chi_Minh
            .from_local_datetime(&day.and_hms_opt(8, 0, 0).unwrap())
            .unwrap()
            .with_timezone(&Utc);
        let weekday = day.weekday().number_from_monday();
        if weekday <= 5 && morning >= from + chrono::Duration::days(days as i64) {
            return morning;
        }
        day = day + Days::new(1);
    }
}
