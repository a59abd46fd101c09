//! An approver who chose English is asked and reminded in English; the other approvers of
//! the same round, who never chose, in Vietnamese.

use domain::Lang;
use domain::access::{AccessCommand, AccessRole, UserAccount, account_id};
use testkit::ReceivedMail;

use super::world::{MEMBERS, World, meta, working_morning_after};

const TITLE: &str = "Đoàn 27 thiếu nhi Lào Cai giao lưu tại Hà Khẩu nhân ngày 1/6";

fn to<'a>(mails: &'a [ReceivedMail], email: &str) -> &'a ReceivedMail {
    mails
        .iter()
        .find(|m| m.envelope_to.iter().any(|to| to == email))
        .unwrap_or_else(|| panic!("no mail to {email}"))
}

fn text(mail: &ReceivedMail) -> &str {
    mail.text.as_deref().unwrap()
}

#[tokio::test]
async fn an_approver_who_chose_english_is_asked_and_reminded_in_english() {
    let world = World::start().await;
    let (english_name, english) = MEMBERS[1];
    let (vietnamese_name, vietnamese) = MEMBERS[0];
    for command in [
        AccessCommand::Grant {
            email: english.into(),
            name: english_name.into(),
            organisation_id: world.organisation,
            role: AccessRole::Approver,
        },
        AccessCommand::ChooseLanguage { lang: Lang::En },
    ] {
        world
            .store
            .execute::<UserAccount>(
                account_id(english),
                None,
                &command,
                &meta("admin@thanhdoanlaocai.vn"),
            )
            .await
            .unwrap();
    }
    let asked = testkit::scenario_clock().now();
    world.submit(TITLE).await;

    let requests = world.reminders_received("Approval requested: ", 1).await;
    let request = to(&requests, english);
    assert!(text(request).starts_with(&format!("Dear {english_name},")));
    assert!(text(request).contains("expires at "));
    assert!(text(request).contains("(Vietnam time)."));
    let requests = world.reminders_received("Đề nghị phê duyệt: ", 2).await;
    assert!(
        text(to(&requests, vietnamese))
            .starts_with(&format!("Kính gửi đồng chí {vietnamese_name},"))
    );

    let slot = working_morning_after(asked, 2);
    world.scheduler.run(slot, slot).await.unwrap();
    let reminders = world.reminders_received("Reminder: ", 1).await;
    let reminder = to(&reminders, english);
    assert_eq!(
        reminder.subject.as_deref(),
        Some(format!("Reminder: Waiting for your approval – {TITLE}").as_str())
    );
    let body = text(reminder);
    assert!(body.starts_with(&format!("Dear {english_name},")), "{body}");
    assert!(body.contains("Why you get this: You were asked to decide as a member of"));
    assert!(!body.contains("đồng chí"), "{body}");
    assert!(
        reminder
            .html
            .as_deref()
            .unwrap()
            .contains("<html lang=\"en\">")
    );

    let reminders = world.reminders_received("Nhắc việc: ", 2).await;
    assert!(
        reminders
            .iter()
            .all(|m| !m.envelope_to.iter().any(|to| to == english))
    );
    let body = text(to(&reminders, vietnamese));
    assert!(body.contains("Chờ đồng chí cho ý kiến phê duyệt"), "{body}");
    assert!(body.contains("Lý do gửi: Đồng chí được đề nghị cho ý kiến"));
}
