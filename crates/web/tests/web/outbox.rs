//! The local outbox, as a person reads it when no SMTP server is configured.

use mailer::{Mailer, MailerConfig, OutgoingMail, Recipient};
use uuid::Uuid;

use super::{assert_protected, serve};

#[tokio::test]
async fn the_outbox_lists_and_shows_a_mail_written_by_the_mailer() {
    let folder = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(MailerConfig::Outbox {
        dir: folder.path().to_path_buf(),
        from: Recipient {
            name: "Cầu Nối".into(),
            email: "caunoi@tinhdoancaobang.example.vn".into(),
        },
    })
    .unwrap();
    let id = Uuid::now_v7();
    mailer
        .send(&OutgoingMail {
            id,
            to: vec![Recipient {
                name: "Lò Thị Hồng".into(),
                email: "hong@thanhdoanlaocai.example.vn".into(),
            }],
            subject: "Đề nghị phê duyệt: Tọa đàm Phát huy tinh thần hữu nghị của tuổi trẻ".into(),
            text: "Kính gửi đồng chí Lò Thị Hồng,\n\nXem và cho ý kiến tại đường liên kết.\n"
                .into(),
            html: "<p>Kính gửi đồng chí <b>Lò Thị Hồng</b>,</p>".into(),
            correlation_id: format!("test-{}", testkit::scenario_clock().now().timestamp()),
        })
        .await
        .unwrap();
    let site = serve(mailer.outbox().cloned()).await;

    let (status, headers, list) = site.get("/outbox", None).await;
    assert_eq!(status, 200, "{list}");
    assert_protected(&headers);
    assert!(list.contains("Hộp thư đi"), "{list}");
    assert!(
        list.contains("Tọa đàm Phát huy tinh thần hữu nghị của tuổi trẻ"),
        "{list}"
    );
    assert!(list.contains(&format!("/outbox/{id}")), "{list}");
    let (_, _, english) = site.get("/outbox?lang=en", None).await;
    assert!(english.contains("Outbox"), "{english}");

    let (status, headers, shown) = site.get(&format!("/outbox/{id}"), None).await;
    assert_eq!(status, 200, "{shown}");
    assert_protected(&headers);
    assert!(
        shown.contains("Xem và cho ý kiến tại đường liên kết."),
        "{shown}"
    );
    assert!(shown.contains("hong@thanhdoanlaocai.example.vn"), "{shown}");

    let (status, headers, html) = site.get(&format!("/outbox/{id}/html"), None).await;
    assert_eq!(status, 200);
    assert!(html.contains("<b>Lò Thị Hồng</b>"), "{html}");
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("sandbox"), "{policy}");

    let (status, _, missing) = site.get(&format!("/outbox/{}", Uuid::now_v7()), None).await;
    assert_eq!(status, 404);
    assert!(missing.contains("Không tìm thấy thư"), "{missing}");
}

#[tokio::test]
async fn without_an_outbox_the_pages_say_mail_goes_to_the_smtp_server() {
    let site = serve(None).await;
    let (status, _, page) = site.get("/outbox", None).await;
    assert_eq!(status, 404);
    assert!(page.contains("Không có hộp thư đi"), "{page}");
}
