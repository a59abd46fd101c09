//! The approval process, given the stream's events one by one as its subscription would.

use std::time::Duration;

use chrono::NaiveDate;
use domain::approval::{
    ApprovalRound, Committee, DecisionRule, Member, Person, Role, RoundStatus, round_id,
};
use domain::directory::{Directory, DirectoryCommand, OrganisationKind, Route, RouteStage};
use domain::programme::{Programme, ProgrammeCommand, Status};
use eventstore::EventStore;
use futures::StreamExt;
use serde_json::Value;
use uuid::Uuid;
use workflow::Handler;
use workflow::approvals::{ApprovalProcess, ApprovalSettings};
use workflow::links::LinkSecret;

use super::{draft, meta, setup};

fn process(store: &EventStore) -> ApprovalProcess {
    ApprovalProcess::new(
        store.clone(),
        ApprovalSettings {
            secret: LinkSecret::generate().0,
            link_ttl: Duration::from_secs(7 * 24 * 3600),
        },
        testkit::scenario_clock(),
    )
}

/// Hands the process the events after `position`, one at a time, until it has seen
/// every event, those it appended itself included.
async fn drain(process: &ApprovalProcess, store: &EventStore, position: &mut u64) {
    while *position < store.last_sequence().await.unwrap() {
        handle_next(process, store, position).await;
    }
}

async fn handle_next(process: &ApprovalProcess, store: &EventStore, position: &mut u64) {
    let mut events = Box::pin(store.read_all(*position + 1).await.unwrap());
    let event = events.next().await.unwrap().unwrap().unwrap();
    process.handle(&event).await.unwrap();
    *position = event.sequence;
}

/// Registers Thành đoàn Lào Cai, with its standing committee and, if asked, a route
/// for every kind of programme.
async fn lao_cai(store: &EventStore, with_route: bool) -> Uuid {
    let id = Uuid::now_v7();
    let committee = Uuid::now_v7();
    let member = |name: &str, email: &str, role| Member {
        id: Uuid::now_v7(),
        person: Person {
            name: name.into(),
            email: email.into(),
        },
        role,
        serves_from: NaiveDate::from_ymd_opt(2022, 8, 1).unwrap(),
        serves_until: None,
    };
    let mut commands = vec![
        DirectoryCommand::Register {
            id,
            name: "Thành đoàn Lào Cai".into(),
            kind: OrganisationKind::CityYouthUnion,
            province: Some("Lào Cai".into()),
        },
        DirectoryCommand::AddCommittee {
            committee: Committee {
                id: committee,
                name: "Ban Thường vụ Thành đoàn Lào Cai".into(),
                rule: DecisionRule::Majority,
                members: vec![
                    member(
                        "Lò Thị Hồng",
                        "hong@thanhdoanlaocai.example.vn",
                        Role::Chair,
                    ),
                    member("Vàng A Sử", "su@thanhdoanlaocai.example.vn", Role::Member),
                    member("Đỗ Thị Nga", "nga@thanhdoanlaocai.example.vn", Role::Member),
                ],
                substitutions: vec![],
            },
        },
    ];
    if with_route {
        commands.push(DirectoryCommand::DefineRoute {
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
        });
    }
    for command in commands {
        store
            .execute::<Directory>(id, None, &command, &meta())
            .await
            .unwrap();
    }
    id
}

async fn programme(store: &EventStore, id: Uuid, command: ProgrammeCommand) {
    store
        .execute::<Programme>(id, None, &command, &meta())
        .await
        .unwrap();
}

async fn status(store: &EventStore, id: Uuid) -> Status {
    store
        .load::<Programme>(id)
        .await
        .unwrap()
        .state
        .record()
        .unwrap()
        .status
}

/// The round's status, and the data of its newest event.
async fn round(store: &EventStore, programme: Uuid) -> (Option<RoundStatus>, Value) {
    let id = round_id(programme, 1);
    let status = store
        .load::<ApprovalRound>(id)
        .await
        .unwrap()
        .state
        .record()
        .map(|r| r.status);
    let events = store.load_envelopes::<ApprovalRound>(id).await.unwrap();
    let newest = events.last().map_or(Value::Null, |(_, e)| e.data.clone());
    (status, newest)
}

#[tokio::test]
async fn a_submission_to_a_host_without_a_route_is_refused_and_back_with_the_planner() {
    let s = setup().await;
    let process = process(&s.store);
    let host = lao_cai(&s.store, false).await;
    let id = draft(&s.store, host).await;
    programme(&s.store, id, ProgrammeCommand::Submit).await;
    let mut position = 0;
    drain(&process, &s.store, &mut position).await;

    assert_eq!(status(&s.store, id).await, Status::Draft);
    let events = s.store.load_envelopes::<Programme>(id).await.unwrap();
    let (_, refused) = events.last().unwrap();
    assert_eq!(refused.event_type, "ProgrammeSubmissionRefused");
    let reason = refused.data["reason"].as_str().unwrap();
    assert!(
        reason.contains("Thành đoàn Lào Cai chưa có quy trình phê duyệt"),
        "{reason}"
    );
    assert_eq!(round(&s.store, id).await.0, None, "no round opened");
}

#[tokio::test]
async fn withdrawing_or_cancelling_a_programme_closes_its_open_round() {
    let s = setup().await;
    let process = process(&s.store);
    let host = lao_cai(&s.store, true).await;
    let withdrawn = draft(&s.store, host).await;
    let cancelled = draft(&s.store, host).await;
    programme(&s.store, withdrawn, ProgrammeCommand::Submit).await;
    programme(&s.store, cancelled, ProgrammeCommand::Submit).await;
    let mut position = 0;
    drain(&process, &s.store, &mut position).await;
    for id in [withdrawn, cancelled] {
        assert_eq!(status(&s.store, id).await, Status::UnderReview);
        assert_eq!(round(&s.store, id).await.0, Some(RoundStatus::Open));
    }
    let loaded = s
        .store
        .load::<ApprovalRound>(round_id(withdrawn, 1))
        .await
        .unwrap();
    let seats = &loaded.state.record().unwrap().stages[0].seats;
    assert!(
        seats.iter().all(|seat| seat.link.is_some()),
        "links were issued"
    );

    let reason = "Điều chỉnh thời gian cho phù hợp với lịch của phía Hà Khẩu".to_string();
    programme(&s.store, withdrawn, ProgrammeCommand::Withdraw { reason }).await;
    let reason = "Phía bạn đề nghị lùi sang năm sau".to_string();
    programme(&s.store, cancelled, ProgrammeCommand::Cancel { reason }).await;
    drain(&process, &s.store, &mut position).await;

    let (state, newest) = round(&s.store, withdrawn).await;
    assert_eq!(state, Some(RoundStatus::Withdrawn));
    assert_eq!(newest["reason"], "Kế hoạch đã được rút lại để chỉnh sửa.");
    let (state, newest) = round(&s.store, cancelled).await;
    assert_eq!(state, Some(RoundStatus::Withdrawn));
    assert_eq!(newest["reason"], "Chương trình đã bị hủy.");
    assert_eq!(status(&s.store, withdrawn).await, Status::Draft);
    assert_eq!(status(&s.store, cancelled).await, Status::Cancelled);
}

#[tokio::test]
async fn a_round_opened_for_a_programme_withdrawn_meanwhile_is_withdrawn() {
    let s = setup().await;
    let process = process(&s.store);
    let host = lao_cai(&s.store, true).await;
    let id = draft(&s.store, host).await;
    programme(&s.store, id, ProgrammeCommand::Submit).await;
    // The process opens the round for the submission, and before it gets to the round's
    // opening the planner takes the plan back.
    let mut position = s.store.last_sequence().await.unwrap() - 1;
    handle_next(&process, &s.store, &mut position).await;
    assert_eq!(round(&s.store, id).await.0, Some(RoundStatus::Open));
    let reason = "Bổ sung danh sách đại biểu".to_string();
    programme(&s.store, id, ProgrammeCommand::Withdraw { reason }).await;
    drain(&process, &s.store, &mut position).await;

    let (state, newest) = round(&s.store, id).await;
    assert_eq!(state, Some(RoundStatus::Withdrawn));
    assert_eq!(
        newest["reason"],
        "Kế hoạch đã được rút lại trước khi xem xét."
    );
    assert_eq!(status(&s.store, id).await, Status::Draft);
    let events = s.store.load_envelopes::<Programme>(id).await.unwrap();
    assert!(
        events
            .iter()
            .all(|(_, e)| e.event_type != "ProgrammeReviewStarted"),
        "the withdrawn plan never went under review"
    );
}
