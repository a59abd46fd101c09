use std::time::Duration;

use mailer::{
    Backoff, MailError, Mailer, MailerConfig, OutgoingMail, Recipient, SmtpSettings, TlsMode,
};
use testkit::{MailAddress, SmtpServer};
use uuid::Uuid;

const SUBJECT: &str = "Đề nghị phê duyệt: Hội nghị trực tuyến 4 tỉnh – Quảng Tây";
const TEXT: &str = "Kính gửi đồng chí Nông Thị Hoa,\n\n\
    Tỉnh Đoàn Cao Bằng đề nghị phê duyệt chương trình «Hội nghị trực tuyến Đoàn Thanh niên \
    4 tỉnh biên giới và Quảng Tây», ngày 21/11/2023.\n\n\
    Xem và phê duyệt: https://caunoi.example/phe-duyet/0190a5f2?token=a1b2c3\n";
const HTML: &str = "<p>Kính gửi đồng chí <b>Nông Thị Hoa</b>,</p>\n\
    <p>Tỉnh Đoàn Cao Bằng đề nghị phê duyệt chương trình «Hội nghị trực tuyến Đoàn Thanh niên \
    4 tỉnh biên giới và Quảng Tây», ngày 21/11/2023.</p>\n\
    <p><a href=\"https://caunoi.example/phe-duyet/0190a5f2?token=a1b2c3&amp;lang=vi\">Xem và phê duyệt</a></p>\n";
const SENDER_NAME: &str = "Cầu Nối – Tỉnh Đoàn Cao Bằng";
const SENDER: &str = "caunoi@tinhdoancaobang.vn";
const WAIT: Duration = Duration::from_secs(10);

fn recipient(name: &str, email: &str) -> Recipient {
    Recipient {
        name: name.to_owned(),
        email: email.to_owned(),
    }
}

fn hoa() -> Recipient {
    recipient("Nông Thị Hoa", "hoa@tinhdoancaobang.vn")
}

fn mail(to: Vec<Recipient>) -> OutgoingMail {
    OutgoingMail {
        id: Uuid::now_v7(),
        to,
        subject: SUBJECT.to_owned(),
        text: TEXT.to_owned(),
        html: HTML.to_owned(),
        correlation_id: format!("req-{}", Uuid::now_v7()),
    }
}

fn smtp_mailer(port: u16) -> Mailer {
    Mailer::new(MailerConfig::Smtp(SmtpSettings {
        host: "127.0.0.1".to_owned(),
        port,
        tls: TlsMode::None,
        username: None,
        password: None,
        from: recipient(SENDER_NAME, SENDER),
        pool_size: 2,
        timeout: Duration::from_secs(5),
    }))
    .expect("SMTP mailer")
}

fn outbox_mailer(dir: &std::path::Path) -> Mailer {
    Mailer::new(MailerConfig::Outbox {
        dir: dir.to_owned(),
        from: recipient(SENDER_NAME, SENDER),
    })
    .expect("outbox mailer")
}

/// Line breaks travel as CRLF; the Maildir stores them as LF.
fn lf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[tokio::test]
async fn vietnamese_mail_arrives_decoded_exactly() {
    let server = SmtpServer::start().await;
    let sent = mail(vec![hoa()]);
    smtp_mailer(server.port()).send(&sent).await.expect("send");

    let received = server.wait_for(1, WAIT).await.remove(0);
    assert_eq!(received.subject.as_deref(), Some(SUBJECT));
    assert_eq!(
        received.from,
        [MailAddress {
            name: Some(SENDER_NAME.to_owned()),
            email: SENDER.to_owned(),
        }]
    );
    assert_eq!(
        received.to,
        [MailAddress {
            name: Some("Nông Thị Hoa".to_owned()),
            email: "hoa@tinhdoancaobang.vn".to_owned(),
        }]
    );
    assert_eq!(received.text.as_deref().map(lf), Some(TEXT.to_owned()));
    assert_eq!(received.html.as_deref().map(lf), Some(HTML.to_owned()));
    assert_eq!(
        received.content_type.as_deref(),
        Some("multipart/alternative")
    );
    let raw_subject = received.header("Subject").expect("Subject header");
    assert!(
        raw_subject.is_ascii() && raw_subject.contains("=?utf-8?"),
        "the subject should be RFC 2047 encoded: {raw_subject}"
    );
    assert_eq!(
        received.message_id,
        Some(format!("{}@caunoi", sent.id)),
        "Message-ID"
    );
    assert_eq!(
        received.header("X-Correlation-Id"),
        Some(sent.correlation_id.as_str())
    );
    assert!(received.header("Date").is_some(), "Date header");
}

#[tokio::test]
async fn every_recipient_gets_the_mail() {
    let server = SmtpServer::start().await;
    let to = vec![
        hoa(),
        recipient("Hoàng Văn Đức", "duc@tinhdoanlangson.vn"),
        recipient("", "vanphong@tinhdoanhagiang.vn"),
    ];
    smtp_mailer(server.port())
        .send(&mail(to.clone()))
        .await
        .expect("send");

    let received = server.wait_for(1, WAIT).await.remove(0);
    let emails: Vec<_> = to.iter().map(|r| r.email.clone()).collect();
    assert_eq!(received.envelope_to, emails);
    assert_eq!(
        received.to,
        [
            MailAddress {
                name: Some("Nông Thị Hoa".to_owned()),
                email: emails[0].clone(),
            },
            MailAddress {
                name: Some("Hoàng Văn Đức".to_owned()),
                email: emails[1].clone(),
            },
            MailAddress {
                name: None,
                email: emails[2].clone(),
            },
        ]
    );
}

#[tokio::test]
async fn clones_send_concurrently_through_the_pool() {
    let server = SmtpServer::start().await;
    let mailer = smtp_mailer(server.port());
    let sends = (0..6).map(|_| {
        let mailer = mailer.clone();
        tokio::spawn(async move { mailer.send(&mail(vec![hoa()])).await })
    });
    for send in sends.collect::<Vec<_>>() {
        send.await.expect("task").expect("send");
    }
    assert_eq!(server.wait_for(6, WAIT).await.len(), 6);
}

#[tokio::test]
async fn an_outage_is_transient_and_sending_resumes_after_it() {
    let mut server = SmtpServer::start().await;
    let mailer = smtp_mailer(server.port());
    mailer.send(&mail(vec![hoa()])).await.expect("first send");

    server.stop().await;
    let during = mail(vec![hoa()]);
    let error = mailer.send(&during).await.expect_err("server is down");
    assert!(
        matches!(error, MailError::Transient(_)),
        "expected a transient error, got {error:?}"
    );
    assert!(error.is_transient());
    assert!(error.to_string().contains("refused"), "{error}");

    server.restart().await;
    mailer.send(&during).await.expect("send after restart");
    let received = server.wait_for(2, WAIT).await;
    assert_eq!(
        received[1].message_id,
        Some(format!("{}@caunoi", during.id))
    );
}

#[tokio::test]
async fn a_refused_mail_is_permanent() {
    let server = SmtpServer::start_with_size_limit(1024).await;
    let mut big = mail(vec![hoa()]);
    big.text = TEXT.repeat(20);

    let error = smtp_mailer(server.port())
        .send(&big)
        .await
        .expect_err("too big");
    assert!(
        matches!(error, MailError::Permanent(_)),
        "expected a permanent error, got {error:?}"
    );
    assert!(error.to_string().contains("552"), "{error}");
    assert!(!error.is_transient());
}

#[tokio::test]
async fn a_bad_address_is_invalid() {
    let server = SmtpServer::start().await;
    let mailer = smtp_mailer(server.port());
    for to in [
        vec![recipient("Nông Thị Hoa", "hoa at tinhdoancaobang.vn")],
        vec![hoa(), recipient("", "")],
        vec![],
    ] {
        let error = mailer.send(&mail(to.clone())).await.expect_err("invalid");
        assert!(
            matches!(error, MailError::Invalid(_)),
            "{to:?}: expected invalid, got {error:?}"
        );
        assert!(!error.is_transient());
    }
    assert!(server.messages().is_empty());

    let bad_sender = Mailer::new(MailerConfig::Outbox {
        dir: "unused".into(),
        from: recipient("Cầu Nối", "caunoi"),
    });
    assert!(matches!(bad_sender, Err(MailError::Invalid(_))));
}

#[tokio::test]
async fn the_outbox_stores_lists_and_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outbox_dir = dir.path().join("outbox");
    let mailer = outbox_mailer(&outbox_dir);
    let outbox = mailer.outbox().expect("outbox mode");
    assert!(outbox.list().expect("list").is_empty());

    let first = mail(vec![hoa()]);
    let mut second = mail(vec![
        hoa(),
        recipient("Hoàng Văn Đức", "duc@tinhdoanlangson.vn"),
    ]);
    second.subject = "Nhắc việc: Chuẩn bị đoàn ra – Lạng Sơn".to_owned();
    mailer.send(&first).await.expect("first");
    mailer.send(&second).await.expect("second");

    let entries = outbox.list().expect("list");
    assert_eq!(entries.len(), 2);
    assert!(entries[0].sent_at >= entries[1].sent_at, "newest first");
    let entry = entries
        .iter()
        .find(|e| e.id == second.id)
        .expect("second listed");
    assert_eq!(entry.subject, second.subject);
    assert_eq!(
        entry.to,
        "Nông Thị Hoa <hoa@tinhdoancaobang.vn>, Hoàng Văn Đức <duc@tinhdoanlangson.vn>"
    );
    assert!(
        entry.file_name.ends_with(&format!("-{}.eml", second.id)),
        "{}",
        entry.file_name
    );

    let read = outbox.read(first.id).expect("read").expect("stored");
    assert_eq!(read.subject, SUBJECT);
    assert_eq!(read.from, format!("{SENDER_NAME} <{SENDER}>"));
    assert_eq!(read.to, "Nông Thị Hoa <hoa@tinhdoancaobang.vn>");
    assert_eq!(lf(&read.text), TEXT);
    assert_eq!(read.html.as_deref().map(lf), Some(HTML.to_owned()));
    let listed = entries
        .iter()
        .find(|e| e.id == first.id)
        .expect("first listed");
    assert_eq!(read.date, listed.sent_at);

    assert_eq!(outbox.read(Uuid::now_v7()).expect("read unknown"), None);
}

#[tokio::test]
async fn the_outbox_stores_an_id_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mailer = outbox_mailer(dir.path());
    let sent = mail(vec![hoa()]);
    mailer.send(&sent).await.expect("send");
    let mut again = sent.clone();
    again.subject = "Gửi lại".to_owned();
    mailer.send(&again).await.expect("send again");
    let (first, second) = tokio::join!(mailer.send(&sent), mailer.send(&sent));
    first.expect("concurrent send");
    second.expect("concurrent send");

    let files = std::fs::read_dir(dir.path())
        .expect("outbox folder")
        .count();
    assert_eq!(files, 1);
    let outbox = mailer.outbox().expect("outbox mode");
    assert_eq!(outbox.list().expect("list").len(), 1);
    let read = outbox.read(sent.id).expect("read").expect("stored");
    assert_eq!(read.subject, SUBJECT, "the first version stays");
}

#[test]
fn backoff_doubles_up_to_its_cap() {
    let backoff = Backoff::default();
    let seconds = |failures| backoff.delay(failures).as_secs();
    assert_eq!(backoff.delay(0), Duration::ZERO);
    assert_eq!([1, 2, 3, 4, 5, 9].map(seconds), [1, 2, 4, 8, 16, 256]);
    for failures in [10, 31, 32, 33, 1000, u32::MAX] {
        assert_eq!(seconds(failures), 300, "after {failures} failures");
    }

    let short = Backoff {
        first: Duration::from_millis(100),
        max: Duration::from_secs(1),
    };
    assert_eq!(short.delay(4), Duration::from_millis(800));
    assert_eq!(short.delay(5), Duration::from_secs(1));
}
