//! A world for end-to-end tests of approvals: the real binary on throwaway servers, a real SMTP
//! server, and the directory of Cao Bằng.

use std::time::{Duration, Instant};

use chrono::Utc;
use domain::approval::{ApprovalCommand, ApprovalRound, IssuedLink};
use eventstore::{CommandMeta, EventStore, StoreConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::{ReceivedMail, SmtpServer, TestEnv};
use uuid::Uuid;
use workflow::links::{LinkSecret, token_hash};

use super::{Caunoi, free_port, server_env, wait_ready};

const WAIT: Duration = Duration::from_secs(30);
const PLANNER: &str = "hoa@tinhdoancaobang.vn";

pub(super) struct World {
    pub env: TestEnv,
    pub smtp: SmtpServer,
    pub base: String,
    pub client: reqwest::Client,
    pub store: EventStore,
    pub secret: String,
    pub caunoi: Option<Caunoi>,
    /// What the main process runs: `up`, or `serve` and some services.
    args: &'static [&'static str],
    /// Ids of the directory: the Youth Union and its committees.
    pub union: String,
    pub standing: String,
    pub party: String,
    pub board: String,
    pub foreign_affairs: String,
    pub advisers: String,
}

/// Five members of the Youth Union's standing committee, decided by majority.
pub(super) const STANDING: [(&str, &str); 5] = [
    ("Nông Văn Bí", "bi@tinhdoancaobang.vn"),
    ("Hoàng Thị Lan", "lan@tinhdoancaobang.vn"),
    ("Lương Văn Đức", "duc@tinhdoancaobang.vn"),
    ("Đàm Thị Mai", "mai@tinhdoancaobang.vn"),
    ("Triệu Văn Sơn", "son@tinhdoancaobang.vn"),
];
/// The party committee's standing board: the secretary (chair) decides.
pub(super) const BOARD: [(&str, &str); 2] = [
    ("Trần Hồng Minh", "bithu@caobang.gov.vn"),
    ("La Văn Thanh", "phobithu@caobang.gov.vn"),
];
pub(super) const ADVISER: (&str, &str) = ("Bế Thị Hạnh", "hanh@songoaivu.caobang.gov.vn");

impl World {
    pub async fn start() -> World {
        World::start_with(&["up"], |_| ()).await.0
    }

    /// Runs `args` as the main process, and `beside` (given the world's settings) just
    /// after starting it: other processes the main one needs to become ready.
    pub async fn start_with<T>(
        args: &'static [&'static str],
        beside: impl FnOnce(&World) -> T,
    ) -> (World, T) {
        let env = TestEnv::new().await;
        let smtp = SmtpServer::start().await;
        let http = free_port();
        let base = format!("http://127.0.0.1:{http}");
        let (_, secret) = LinkSecret::generate();
        let store = EventStore::open(
            env.nats().await,
            StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
        )
        .await
        .unwrap();
        let mut world = World {
            env,
            smtp,
            base,
            client: reqwest::Client::new(),
            store,
            secret,
            caunoi: None,
            args,
            union: String::new(),
            standing: String::new(),
            party: String::new(),
            board: String::new(),
            foreign_affairs: String::new(),
            advisers: String::new(),
        };
        world.caunoi = Some(Caunoi::start(args, &world.settings(http)));
        let started = beside(&world);
        wait_ready(&world.base).await;
        // The planner acts through an API token, as an administrator of the provincial
        // office who registers the directory (and so keeps it).
        let office = testkit::people::organisation(&world.store, "Văn phòng Tỉnh Đoàn").await;
        testkit::people::grant(
            &world.store,
            PLANNER,
            "Nông Thị Hoa",
            office,
            &[domain::access::AccessRole::Administrator],
        )
        .await;
        let bearer = testkit::people::bearer(&world.env.pool().await, PLANNER).await;
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::AUTHORIZATION, bearer.parse().unwrap());
        world.client = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .unwrap();
        world.directory().await;
        (world, started)
    }

    pub fn settings(&self, http: u16) -> Vec<(&'static str, String)> {
        let mut settings = server_env(&self.env);
        settings.extend([
            ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")),
            ("CAUNOI_PUBLIC_URL", self.base.clone()),
            ("CAUNOI_LINK_SECRET", self.secret.clone()),
            ("CAUNOI_SMTP_HOST", "127.0.0.1".into()),
            ("CAUNOI_SMTP_PORT", self.smtp.port().to_string()),
            ("CAUNOI_SMTP_TLS", "none".into()),
            ("CAUNOI_MAIL_FROM_EMAIL", "caunoi@tinhdoancaobang.vn".into()),
            ("CAUNOI_MAIL_RETRY_MAX_SECONDS", "1".into()),
            // Reminder runs only when a test asks for one.
            (
                "CAUNOI_REMINDER_SCHEDULES",
                r#"["0 0 8 1 1 * 2099"]"#.into(),
            ),
        ]);
        settings
    }

    async fn run_caunoi(&mut self, http: u16) {
        let process = Caunoi::start(self.args, &self.settings(http));
        wait_ready(&self.base).await;
        self.caunoi = Some(process);
    }

    /// Stops the service with SIGTERM and starts it again on the same servers.
    pub async fn restart_caunoi(&mut self) {
        let http: u16 = self.base.rsplit(':').next().unwrap().parse().unwrap();
        let status = self.caunoi.take().unwrap().terminate();
        assert!(status.success());
        self.run_caunoi(http).await;
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> Value {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn created(&self, path: &str, body: Value, key: &str) -> String {
        let (status, answer) = self.post(path, body).await;
        assert!(status.is_success(), "{path}: {answer}");
        answer[key].as_str().unwrap().to_string()
    }

    async fn committee(
        &self,
        org: &str,
        name: &str,
        rule: &str,
        members: &[(&str, &str)],
    ) -> String {
        let members: Vec<Value> = members
            .iter()
            .enumerate()
            .map(|(i, (name, email))| {
                json!({"name": name, "email": email, "role": if i == 0 { "chair" } else { "member" },
                       "serves_from": "2022-10-01"})
            })
            .collect();
        self.created(
            &format!("/api/organisations/{org}/committees"),
            json!({"name": name, "rule": rule, "members": members}),
            "created",
        )
        .await
    }

    async fn directory(&mut self) {
        self.union = self
            .created(
                "/api/organisations",
                json!({"name": "Tỉnh Đoàn Cao Bằng", "kind": "provincial_youth_union", "province": "Cao Bằng"}),
                "id",
            )
            .await;
        self.party = self
            .created(
                "/api/organisations",
                json!({"name": "Tỉnh ủy Cao Bằng", "kind": "party_committee", "province": "Cao Bằng"}),
                "id",
            )
            .await;
        self.foreign_affairs = self
            .created(
                "/api/organisations",
                json!({"name": "Sở Ngoại vụ tỉnh Cao Bằng", "kind": "government_agency", "province": "Cao Bằng"}),
                "id",
            )
            .await;
        let (union, party, foreign_affairs) = (
            self.union.clone(),
            self.party.clone(),
            self.foreign_affairs.clone(),
        );
        self.standing = self
            .committee(
                &union,
                "Ban Thường vụ Tỉnh Đoàn Cao Bằng",
                "majority",
                &STANDING,
            )
            .await;
        self.board = self
            .committee(&party, "Thường trực Tỉnh ủy Cao Bằng", "chair", &BOARD)
            .await;
        self.advisers = self
            .committee(
                &foreign_affairs,
                "Lãnh đạo Sở Ngoại vụ",
                "any_one",
                &[ADVISER],
            )
            .await;
    }

    /// The Youth Union as the read model shows it. Its registration may have been
    /// answered before a projector (started in another process) caught up, so wait for it.
    async fn organisation_shown(&self) -> Value {
        let path = format!("/api/organisations/{}", self.union);
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let detail = self.get(&path).await;
            if detail["routes"].is_array() {
                return detail;
            }
            assert!(Instant::now() < deadline, "{path} never shown: {detail}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Gives the Youth Union one route for every kind, replacing any other.
    pub async fn route(&self, stages: Value) {
        let detail = self.organisation_shown().await;
        for route in detail["routes"].as_array().unwrap() {
            let id = route["id"].as_str().unwrap();
            self.created(
                &format!("/api/organisations/{}/routes/{id}/retire", self.union),
                json!({}),
                "id",
            )
            .await;
        }
        self.created(
            &format!("/api/organisations/{}/routes", self.union),
            json!({"name": "Quy trình phê duyệt", "stages": stages}),
            "created",
        )
        .await;
    }

    pub fn standing_stage(&self) -> Value {
        json!({"committee_id": self.standing})
    }

    pub fn board_stage(&self) -> Value {
        json!({"committee_id": self.board, "organisation_id": self.party})
    }

    pub fn advisory_stage(&self) -> Value {
        json!({"committee_id": self.advisers, "organisation_id": self.foreign_affairs, "advisory": true})
    }

    /// Drafts the joint online conference and submits it; returns its id.
    pub async fn submit_conference(&self) -> String {
        self.submit_titled("Hội nghị trực tuyến Đoàn Thanh niên 4 tỉnh biên giới và Quảng Tây")
            .await
    }

    /// Drafts an online conference of this title and submits it; returns its id.
    pub async fn submit_titled(&self, title: &str) -> String {
        self.submit_coordinated_by(title, "Nông Thị Hoa", PLANNER)
            .await
    }

    /// As [`World::submit_titled`], with someone else as the plan's coordinator.
    pub async fn submit_coordinated_by(&self, title: &str, name: &str, email: &str) -> String {
        let id = self
            .created(
                "/api/programmes",
                json!({
                    "title": title,
                    "kind": "online_conference",
                    "host_organisation": "Tỉnh Đoàn Cao Bằng",
                    "host_organisation_id": self.union,
                    "co_organisers": ["Tỉnh Đoàn Hà Giang", "Tỉnh Đoàn Lạng Sơn", "Tỉnh Đoàn Quảng Ninh"],
                    "partners": [{"name": "Đoàn Thanh niên Khu tự trị Quảng Tây", "country": "CN", "region": "Quảng Tây"}],
                    "schedule": {"start": "2027-11-21", "end": "2027-11-21", "timezone": "Asia/Ho_Chi_Minh"},
                    "objectives": "Ký kết Biên bản ghi nhớ hợp tác giai đoạn 2023–2026",
                    "expected_delegation_size": 40,
                    "budget": [
                        {"label": "Thiết bị hội nghị trực tuyến", "amount": "15000000", "currency": "VND"},
                        {"label": "Quà tặng đối tác", "amount": "2500.50", "currency": "CNY"}
                    ],
                    "coordinator": {"name": name, "email": email}
                }),
                "id",
            )
            .await;
        let (status, answer) = self
            .post(&format!("/api/programmes/{id}/submit"), json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        id
    }

    pub async fn status_becomes(&self, programme: &str, wanted: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let detail = self.get(&format!("/api/programmes/{programme}")).await;
            if detail["status"] == wanted {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "programme stayed {} instead of becoming {wanted}",
                detail["status"]
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `email` has received `count` mails whose subject starts with `subject`,
    /// and returns them.
    pub async fn mails(&self, email: &str, subject: &str, count: usize) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + WAIT;
        loop {
            let found: Vec<ReceivedMail> = self
                .smtp
                .messages()
                .into_iter()
                .filter(|m| m.envelope_to.iter().any(|to| to == email))
                .filter(|m| m.subject.as_deref().is_some_and(|s| s.starts_with(subject)))
                .collect();
            if found.len() >= count {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "{email} got {} mails “{subject}…”, not {count}",
                found.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The newest approval link sent to `email`.
    pub async fn link(&self, email: &str) -> String {
        let mails = self.mails(email, "", 1).await;
        mails
            .iter()
            .rev()
            .find_map(|m| link_in(m, &self.base))
            .unwrap_or_else(|| panic!("no approval link in the mail to {email}"))
    }

    pub async fn events(&self) -> u64 {
        self.store.last_sequence().await.unwrap()
    }

    /// Waits until the stream has been quiet for a moment: what follows an action (mail,
    /// projections, the approval process) has happened.
    pub async fn settled(&self) -> u64 {
        let mut last = self.events().await;
        loop {
            tokio::time::sleep(Duration::from_millis(700)).await;
            let now = self.events().await;
            if now == last {
                return now;
            }
            last = now;
        }
    }

    pub async fn open(&self, link: &str) -> (StatusCode, String) {
        let response = self.client.get(link).send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }

    pub async fn decide(&self, link: &str, choice: &str, note: &str) -> (StatusCode, String) {
        let response = self
            .client
            .post(link)
            .form(&[("choice", choice), ("note", note)])
            .send()
            .await
            .unwrap();
        (response.status(), response.text().await.unwrap())
    }

    /// Issues a link straight through the event store, as the approval service would,
    /// expiring at `expires_at`; returns its URL.
    pub async fn issue_link_expiring(
        &self,
        round: Uuid,
        stage: usize,
        member: Uuid,
        expires_at: chrono::DateTime<Utc>,
    ) -> String {
        let secret = LinkSecret::parse(&self.secret).unwrap();
        let link_id = Uuid::new_v4();
        let token = secret.token(link_id);
        let command = ApprovalCommand::IssueLinks {
            stage,
            links: vec![IssuedLink {
                link_id,
                member_id: member,
                token_hash: token_hash(&token),
                issued_at: Utc::now(),
                expires_at,
            }],
        };
        let meta = CommandMeta {
            now: Utc::now(),
            actor: "test".into(),
            correlation_id: Uuid::now_v7().to_string(),
            causation_id: None,
        };
        self.store
            .execute::<ApprovalRound>(round, None, &command, &meta)
            .await
            .unwrap();
        workflow::links::approval_url(&self.base, round, &token)
    }
}

fn link_in(mail: &ReceivedMail, base: &str) -> Option<String> {
    let text = mail.text.as_deref()?;
    let start = text.find(&format!("{base}/approve/"))?;
    let link: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    Some(link)
}

/// The round id and token of a link.
pub(super) fn parts(link: &str) -> (Uuid, String) {
    let mut pieces = link.rsplit('/');
    let token = pieces.next().unwrap().to_string();
    let round = Uuid::parse_str(pieces.next().unwrap()).unwrap();
    (round, token)
}
