//! Mail follows its recipient's language: events from a real stream, queued by the
//! enqueuer and sent to a real SMTP server.

use std::time::Duration;

use domain::Lang;
use domain::access::{AccessCommand, AccessRole, UserAccount, account_id};
use domain::programme::{Plan, Programme, ProgrammeCommand, ProgrammeKind};
use domain::values::{Contact, Partner, Schedule};
use eventstore::{CommandMeta, EventStore, StoreConfig};
use notifications::MailEnqueuer;
use testkit::{ReceivedMail, SmtpServer};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use workflow::Subscription;

use super::{sender, setup};

const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const COORDINATOR: &str = "bi@tinhdoancaobang.example.vn";

fn meta(actor: &str) -> CommandMeta {
    CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: actor.into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

fn plan() -> Plan {
    let day = chrono::NaiveDate::from_ymd_opt(2027, 9, 15).unwrap();
    Plan {
        title: "Giao lưu thanh niên biên giới Cao Bằng – Bách Sắc".into(),
        kind: ProgrammeKind::DelegationVisit,
        host_organisation: "Tỉnh Đoàn Cao Bằng".into(),
        host_organisation_id: Some(Uuid::now_v7()),
        co_organisers: vec![],
        partners: vec![Partner {
            name: "Đoàn Thanh niên thành phố Bách Sắc".into(),
            country: "CN".into(),
            region: Some("Quảng Tây".into()),
        }],
        schedule: Schedule {
            start: day,
            end: day,
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: None,
        border_gate: Some("Cửa khẩu Trà Lĩnh".into()),
        objectives: "Trao đổi kinh nghiệm công tác thanh niên".into(),
        expected_delegation_size: 20,
        budget: vec![],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Nông Văn Bí".into(),
            email: COORDINATOR.into(),
        }),
    }
}

fn to<'a>(mails: &'a [ReceivedMail], email: &str) -> &'a ReceivedMail {
    mails
        .iter()
        .find(|m| m.envelope_to.iter().any(|to| to == email))
        .unwrap_or_else(|| panic!("no mail to {email}"))
}

#[tokio::test]
async fn a_planner_who_chose_english_is_told_in_english_and_the_coordinator_in_vietnamese() {
    let s = setup().await;
    let smtp = SmtpServer::start().await;
    let store = EventStore::open(
        s._env.nats().await,
        StoreConfig::on_stream(s._env.stream.clone(), s._env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    // The planner signed in once and chose English; the coordinator never did.
    for command in [
        AccessCommand::Grant {
            email: PLANNER.into(),
            name: "Hoàng Thị Hoa".into(),
            organisation_id: Uuid::now_v7(),
            role: AccessRole::Planner,
        },
        AccessCommand::ChooseLanguage { lang: Lang::En },
    ] {
        store
            .execute::<UserAccount>(
                account_id(PLANNER),
                None,
                &command,
                &meta("quantri@tinhdoancaobang.example.vn"),
            )
            .await
            .unwrap();
    }
    let programme = Uuid::now_v7();
    for (command, actor) in [
        (
            ProgrammeCommand::Draft {
                id: programme,
                plan: plan(),
            },
            PLANNER,
        ),
        (ProgrammeCommand::Submit, PLANNER),
        // As the approval process does when no route fits the programme.
        (
            ProgrammeCommand::RefuseSubmission {
                round: 1,
                reason: "Chưa có quy trình phê duyệt cho loại chương trình này.".into(),
            },
            "approval-process",
        ),
    ] {
        store
            .execute::<Programme>(programme, None, &command, &meta(actor))
            .await
            .unwrap();
    }

    let shutdown = CancellationToken::new();
    let enqueuer = MailEnqueuer::new(store.clone(), s.queue.clone());
    let following = Subscription::new("mail-queue", s.pool.clone(), store);
    let sending = sender(&s, &smtp);
    let running = tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            tokio::join!(
                following.run(&enqueuer, shutdown.clone()),
                sending.run(shutdown)
            );
        }
    });
    let mails = smtp.wait_for(2, Duration::from_secs(30)).await;
    shutdown.cancel();
    running.await.unwrap();

    let english = to(&mails, PLANNER);
    assert_eq!(
        english.subject.as_deref(),
        Some("Not sent for approval: Giao lưu thanh niên biên giới Cao Bằng – Bách Sắc")
    );
    let text = english.text.as_deref().unwrap();
    assert!(text.starts_with("Dear Hoàng Thị Hoa,"), "{text}");
    assert!(text.contains("was returned without being sent for approval:"));
    assert!(!text.contains("đồng chí"), "{text}");
    assert!(
        english
            .html
            .as_deref()
            .unwrap()
            .contains("<html lang=\"en\">")
    );

    let vietnamese = to(&mails, COORDINATOR);
    assert_eq!(
        vietnamese.subject.as_deref(),
        Some("Chưa thể trình duyệt: Giao lưu thanh niên biên giới Cao Bằng – Bách Sắc")
    );
    let text = vietnamese.text.as_deref().unwrap();
    assert!(text.starts_with("Kính gửi đồng chí Nông Văn Bí,"), "{text}");
    assert!(text.contains("đã được trả lại, chưa gửi đi xin phê duyệt:"));
    assert!(
        vietnamese
            .html
            .as_deref()
            .unwrap()
            .contains("<html lang=\"vi\">")
    );
}
