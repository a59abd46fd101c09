//! The local outbox, as an administrator reads it when no SMTP server is configured:
//! nobody else sees it, and nobody sees the credentials in another person's mail.

use domain::access::AccessRole;
use mailer::{Mailer, MailerConfig, OutgoingMail, Recipient};
use uuid::Uuid;

use super::people::Visitor;
use super::{Site, assert_protected, serve};

const ADMIN: &str = "quantri@tinhdoancaobang.example.vn";

/// An administrator of an organisation, signed in.
async fn administrator(site: &Site) -> Visitor {
    let organisation = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(ADMIN, organisation, AccessRole::Administrator)
        .await;
    let mut admin = site.visitor();
    admin.sign_in(site, ADMIN).await;
    admin
}

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
            text: "Kính gửi đồng chí Lò Thị Hồng,\n\nXem và cho ý kiến tại đường liên kết.\n\
                   http://localhost:8080/approve/0190a5f2/bi-mat-cua-dong-chi-Hong\n"
                .into(),
            html: "<p>Kính gửi đồng chí <b>Lò Thị Hồng</b>,</p>".into(),
            correlation_id: format!("test-{}", testkit::scenario_clock().now().timestamp()),
        })
        .await
        .unwrap();
    let site = serve(mailer.outbox().cloned()).await;
    let (status, _, _) = site.get("/outbox", None).await;
    assert_eq!(status, 303, "signed out: to the sign-in page");
    let mut admin = administrator(&site).await;
    let planner = "hoa@tinhdoancaobang.example.vn";
    let organisation = site
        .organisation("Tỉnh Đoàn Hà Giang", "an@tinhdoanhagiang.example.vn")
        .await;
    site.grant(planner, organisation, AccessRole::Planner).await;
    let mut hoa = site.visitor();
    hoa.sign_in(&site, planner).await;
    assert_eq!(
        hoa.get("/outbox").await.status,
        403,
        "for administrators only"
    );
    assert_eq!(hoa.get(&format!("/outbox/{id}")).await.status, 403);

    let answer = admin.get("/outbox").await;
    let (status, headers, list) = (answer.status, answer.headers, answer.body);
    assert_eq!(status, 200, "{list}");
    assert_protected(&headers);
    assert!(list.contains("Hộp thư đi"), "{list}");
    assert!(
        list.contains("Tọa đàm Phát huy tinh thần hữu nghị của tuổi trẻ"),
        "{list}"
    );
    assert!(list.contains(&format!("/outbox/{id}")), "{list}");
    let english = admin.get("/outbox?lang=en").await.body;
    assert!(english.contains("Outbox"), "{english}");

    let answer = admin.get(&format!("/outbox/{id}")).await;
    let (status, headers, shown) = (answer.status, answer.headers, answer.body);
    assert_eq!(status, 200, "{shown}");
    assert_protected(&headers);
    assert!(
        shown.contains("Xem và cho ý kiến tại đường liên kết."),
        "{shown}"
    );
    assert!(shown.contains("hong@thanhdoanlaocai.example.vn"), "{shown}");
    assert!(
        !shown.contains("bi-mat-cua-dong-chi-Hong") && shown.contains("/approve/[…]"),
        "another person's approval link is shown without its token: {shown}"
    );

    let answer = admin.get(&format!("/outbox/{id}/html")).await;
    let (status, headers, html) = (answer.status, answer.headers, answer.body);
    assert_eq!(status, 200);
    assert!(html.contains("<b>Lò Thị Hồng</b>"), "{html}");
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("sandbox"), "{policy}");

    let answer = admin
        .get(&format!("/outbox/{}?lang=vi", Uuid::now_v7()))
        .await;
    let (status, missing) = (answer.status, answer.body);
    assert_eq!(status, 404);
    assert!(missing.contains("Không tìm thấy thư"), "{missing}");
}

#[tokio::test]
async fn without_an_outbox_the_pages_say_mail_goes_to_the_smtp_server() {
    let site = serve(None).await;
    let answer = administrator(&site).await.get("/outbox").await;
    let (status, page) = (answer.status, answer.body);
    assert_eq!(status, 404);
    assert!(page.contains("Không có hộp thư đi"), "{page}");
}
