//! The mail queue and its sender against real PostgreSQL and a real SMTP server.

mod languages;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use mailer::{Backoff, Mailer, Recipient};
use notifications::{MailQueue, MailSender, NewMail, QueuedMail, SenderSettings, link_placeholder};
use sqlx::PgPool;
use testkit::{SmtpServer, TestEnv};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use workflow::links::{LinkSecret, approval_url};

const PUBLIC_URL: &str = "https://caunoi.tinhdoancaobang.example.vn";

struct Setup {
    _env: TestEnv,
    pool: PgPool,
    queue: MailQueue,
    secret: LinkSecret,
}

async fn setup() -> Setup {
    let env = TestEnv::new().await;
    let pool = env.pool().await;
    projector::migrate(&pool).await.unwrap();
    Setup {
        _env: env,
        queue: MailQueue::new(pool.clone()),
        pool,
        secret: LinkSecret::generate().0,
    }
}

fn mailer(smtp: &SmtpServer) -> Mailer {
    smtp.mailer(Recipient {
        name: "Cầu Nối – Tỉnh Đoàn Cao Bằng".into(),
        email: "caunoi@tinhdoancaobang.example.vn".into(),
    })
}

fn sender(s: &Setup, smtp: &SmtpServer) -> MailSender {
    MailSender::new(
        s.queue.clone(),
        mailer(smtp),
        SenderSettings {
            public_url: PUBLIC_URL.into(),
            secret: s.secret.clone(),
            backoff: Backoff {
                first: Duration::from_millis(100),
                max: Duration::from_millis(400),
            },
            batch: 5,
            parallel: 2,
        },
    )
}

/// A request for approval to one member of the standing committee, with its link.
fn request(key: &str, round: Uuid, link: Uuid) -> NewMail {
    let placeholder = link_placeholder(round, link);
    NewMail {
        key: key.into(),
        kind: "approval_request",
        to: Recipient {
            name: "Nông Văn Bí".into(),
            email: "bi@tinhdoancaobang.example.vn".into(),
        },
        subject:
            "Đề nghị phê duyệt: Hội nghị trực tuyến Đoàn Thanh niên 4 tỉnh biên giới và Quảng Tây"
                .into(),
        text: format!("Kính gửi đồng chí Nông Văn Bí,\n\nXem và cho ý kiến: {placeholder}\n"),
        html: format!(
            "<p>Kính gửi đồng chí Nông Văn Bí,</p><p><a href=\"{placeholder}\">Xem và cho ý kiến</a></p>"
        ),
        correlation_id: Uuid::now_v7().to_string(),
    }
}

async fn stored(pool: &PgPool) -> Vec<QueuedMail> {
    sqlx::query_as(
        "SELECT id, key, kind, recipient_name, recipient_email, subject, text_body, html_body,
            correlation_id, status, attempts, next_attempt_at,
            last_error, created_at, sent_at
         FROM caunoi.mail_queue ORDER BY created_at",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_same_key_is_queued_once() {
    let s = setup().await;
    let mail = request("approval-link:1", Uuid::now_v7(), Uuid::now_v7());
    assert_eq!(
        s.queue.enqueue(std::slice::from_ref(&mail)).await.unwrap(),
        1
    );
    assert_eq!(s.queue.enqueue(&[mail.clone(), mail]).await.unwrap(), 0);
    let queued = stored(&s.pool).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].status, "pending");
}

#[tokio::test]
async fn a_mail_goes_out_with_its_approval_link_which_is_never_stored() {
    let s = setup().await;
    let smtp = SmtpServer::start().await;
    let (round, link) = (Uuid::now_v7(), Uuid::now_v7());
    s.queue
        .enqueue(&[request("approval-link:2", round, link)])
        .await
        .unwrap();
    assert_eq!(sender(&s, &smtp).send_due().await.unwrap(), 1);

    let received = smtp.wait_for(1, Duration::from_secs(10)).await;
    let token = s.secret.token(link);
    let url = approval_url(PUBLIC_URL, round, &token);
    let text = received[0].text.as_deref().unwrap();
    assert!(text.contains(&url), "{text}");
    assert!(received[0].html.as_deref().unwrap().contains(&url));
    assert!(!text.contains("{{approval-link:"));
    let queued = stored(&s.pool).await;
    assert_eq!(
        received[0].message_id,
        Some(format!("{}@caunoi", queued[0].id))
    );
    assert_eq!(queued[0].status, "sent");
    assert!(queued[0].sent_at.is_some());
    assert!(!queued[0].text_body.contains(&token) && !queued[0].html_body.contains(&token));
    assert!(queued[0].text_body.contains(&link_placeholder(round, link)));
}

#[tokio::test]
async fn while_the_smtp_server_is_down_mail_waits_and_goes_out_once_it_is_back() {
    let s = setup().await;
    let mut smtp = SmtpServer::start().await;
    let sender = sender(&s, &smtp);
    s.queue
        .enqueue(&[request("approval-link:3", Uuid::now_v7(), Uuid::now_v7())])
        .await
        .unwrap();
    smtp.stop().await;
    assert_eq!(sender.send_due().await.unwrap(), 1);
    let queued = stored(&s.pool).await;
    assert_eq!(queued[0].status, "pending");
    assert_eq!(queued[0].attempts, 1);
    assert!(queued[0].last_error.is_some());
    assert!(
        queued[0].next_attempt_at > queued[0].created_at,
        "tried again later"
    );

    smtp.restart().await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while stored(&s.pool).await[0].status != "sent" {
        assert!(Instant::now() < deadline, "{:?}", stored(&s.pool).await);
        sender.send_due().await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.messages().len(), 1, "sent once");
    let queued = stored(&s.pool).await;
    assert!(queued[0].attempts >= 2);
    assert_eq!(queued[0].last_error, None);
}

#[tokio::test]
async fn two_senders_at_once_deliver_each_mail_exactly_once() {
    let s = setup().await;
    let smtp = SmtpServer::start().await;
    let mails: Vec<NewMail> = (0..30)
        .map(|i| {
            request(
                &format!("approval-link:{i}"),
                Uuid::now_v7(),
                Uuid::now_v7(),
            )
        })
        .collect();
    s.queue.enqueue(&mails).await.unwrap();
    let shutdown = CancellationToken::new();
    let mut senders = tokio::task::JoinSet::new();
    for _ in 0..2 {
        let sender = sender(&s, &smtp);
        let token = shutdown.clone();
        senders.spawn(async move { sender.run(token).await });
    }
    let received = smtp.wait_for(30, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    shutdown.cancel();
    while senders.join_next().await.is_some() {}

    let received_again = smtp.messages();
    assert_eq!(received_again.len(), 30, "no mail twice");
    let ids: HashSet<Option<String>> = received.iter().map(|m| m.message_id.clone()).collect();
    assert_eq!(ids.len(), 30);
    let queued = stored(&s.pool).await;
    assert!(queued.iter().all(|m| m.status == "sent" && m.attempts == 1));
}

#[tokio::test]
async fn a_mail_refused_for_good_is_marked_failed_with_the_reason() {
    let s = setup().await;
    let smtp = SmtpServer::start_with_size_limit(2_000).await;
    let mut mail = request("approval-link:big", Uuid::now_v7(), Uuid::now_v7());
    mail.html
        .push_str(&"<p>Mục đích, nội dung: trao đổi kinh nghiệm.</p>".repeat(200));
    s.queue.enqueue(&[mail]).await.unwrap();
    assert_eq!(sender(&s, &smtp).send_due().await.unwrap(), 1);

    let queued = stored(&s.pool).await;
    assert_eq!(queued[0].status, "failed");
    let reason = queued[0].last_error.as_deref().unwrap();
    assert!(reason.contains("552"), "{reason}");
    assert!(smtp.messages().is_empty());
    // A failed mail is not tried again.
    assert_eq!(sender(&s, &smtp).send_due().await.unwrap(), 0);
}
