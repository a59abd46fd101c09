//! Approval rounds: stages, decision rules, links, substitutes.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::approval::{
    ApprovalCommand, ApprovalEvent, ApprovalRound, Approver, Committee, Decision, DecisionRule,
    IssuedLink, Member, Person, Role, RoundOutcome, RoundStatus, StagePlan, StageStatus,
    Substitution, resume_stage, round_id,
};
use domain::{Aggregate, CommandContext, DomainError, DomainEvent, LinkProblem};
use proptest::prelude::*;
use uuid::Uuid;

use crate::fixtures::{self, conference_plan, fresh_id};
use crate::harness;

fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 4, 20, 1, 0, 0).unwrap() + Duration::hours(hours)
}

fn context(hours: i64) -> CommandContext {
    CommandContext {
        now: at(hours),
        actor: "approval-link".into(),
    }
}

fn person(name: &str) -> Person {
    let email = format!("{}@example.vn", name.to_lowercase().replace(' ', "."));
    Person {
        name: name.into(),
        email,
    }
}

fn seat(n: u128, name: &str, chair: bool) -> Approver {
    Approver {
        member_id: Uuid::from_u128(n),
        person: person(name),
        chair,
        on_behalf_of: None,
    }
}

fn stage(name: &str, rule: DecisionRule, advisory: bool, approvers: Vec<Approver>) -> StagePlan {
    StagePlan {
        committee_id: fresh_id(),
        committee_name: name.into(),
        rule,
        advisory,
        approvers,
    }
}

/// Ban Thường vụ Tỉnh Đoàn (majority of 5), then Thường trực Tỉnh ủy (the chair decides).
fn two_stages() -> Vec<StagePlan> {
    vec![
        stage(
            "Ban Thường vụ Tỉnh Đoàn Cao Bằng",
            DecisionRule::Majority,
            false,
            (1..=5)
                .map(|n| seat(n, &format!("Uỷ viên {n}"), n == 1))
                .collect(),
        ),
        stage(
            "Thường trực Tỉnh ủy Cao Bằng",
            DecisionRule::Chair,
            false,
            vec![seat(11, "Bí thư", true), seat(12, "Phó Bí thư", false)],
        ),
    ]
}

/// A round in memory with its log, driven like the service drives it.
struct Round {
    state: ApprovalRound,
    log: Vec<ApprovalEvent>,
}

impl Round {
    fn open(stages: Vec<StagePlan>, first_stage: usize) -> Round {
        let mut round = Round {
            state: ApprovalRound::New,
            log: Vec::new(),
        };
        round
            .run(
                ApprovalCommand::Open {
                    id: fresh_id(),
                    programme_id: fresh_id(),
                    round: 1,
                    stages,
                    first_stage,
                    plan: Box::new(conference_plan()),
                    changes: None,
                },
                0,
            )
            .unwrap();
        round
    }

    fn run(
        &mut self,
        command: ApprovalCommand,
        hours: i64,
    ) -> Result<Vec<ApprovalEvent>, DomainError> {
        let events = harness::when(&self.state, &command, &context(hours))?;
        for event in &events {
            self.state = self.state.clone().evolve(event);
            self.log.push(event.clone());
        }
        Ok(events)
    }

    /// Sends every undecided seat of an open stage a link whose token hash is
    /// `t<stage>-<member>`.
    fn issue(&mut self, stage: usize) {
        let seats = self.state.record().unwrap().stages[stage].seats.clone();
        let links = seats
            .iter()
            .filter(|s| s.decision.is_none())
            .map(|s| IssuedLink {
                link_id: fresh_id(),
                member_id: s.approver.member_id,
                token_hash: token(stage, s.approver.member_id.as_u128()),
                issued_at: at(0),
                expires_at: at(24 * 7),
            })
            .collect();
        self.run(ApprovalCommand::IssueLinks { stage, links }, 0)
            .unwrap();
    }

    fn decide(
        &mut self,
        stage: usize,
        member: u128,
        decision: Decision,
    ) -> Result<Vec<ApprovalEvent>, DomainError> {
        self.run(
            ApprovalCommand::Decide {
                token_hash: token(stage, member),
                decision,
            },
            1,
        )
    }

    fn status(&self) -> RoundStatus {
        self.state.record().unwrap().status
    }

    fn stage_status(&self, stage: usize) -> StageStatus {
        self.state.record().unwrap().stages[stage].status
    }
}

fn token(stage: usize, member: u128) -> String {
    format!("t{stage}-{member}")
}

fn changes(comment: &str) -> Decision {
    Decision::RequestChanges {
        comment: comment.into(),
    }
}

fn decline(reason: &str) -> Decision {
    Decision::Decline {
        reason: reason.into(),
    }
}

#[test]
fn stages_open_in_order_and_the_last_approval_approves_the_round() {
    let mut round = Round::open(two_stages(), 0);
    assert_eq!(round.stage_status(0), StageStatus::Open);
    assert_eq!(round.stage_status(1), StageStatus::Waiting);
    round.issue(0);
    for member in 1..=2 {
        let events = round
            .decide(0, member, Decision::Approve { comment: None })
            .unwrap();
        assert_eq!(events.len(), 1, "two of five is not yet a majority");
    }
    let events = round
        .decide(0, 3, Decision::Approve { comment: None })
        .unwrap();
    assert!(matches!(
        events[1],
        ApprovalEvent::StageResolved { stage: 0, .. }
    ));
    assert!(matches!(events[2], ApprovalEvent::StageOpened { stage: 1 }));
    assert_eq!(round.stage_status(0), StageStatus::Approved);

    round.issue(1);
    round
        .decide(1, 12, Decision::Approve { comment: None })
        .unwrap();
    assert_eq!(
        round.status(),
        RoundStatus::Open,
        "only the chair decides this stage"
    );
    let events = round
        .decide(1, 11, Decision::Approve { comment: None })
        .unwrap();
    assert_eq!(
        events.last(),
        Some(&ApprovalEvent::RoundResolved {
            outcome: RoundOutcome::Approved
        })
    );
    assert_eq!(round.status(), RoundStatus::Approved);
}

#[test]
fn a_majority_of_declines_declines_the_stage_and_the_round() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    round
        .decide(0, 1, Decision::Approve { comment: None })
        .unwrap();
    round.decide(0, 2, decline("Chưa đủ kinh phí")).unwrap();
    round.decide(0, 3, decline("Trùng lịch")).unwrap();
    assert_eq!(
        round.status(),
        RoundStatus::Open,
        "two approvals could still come"
    );
    let events = round.decide(0, 4, decline("Chưa phù hợp")).unwrap();
    let Some(ApprovalEvent::RoundResolved {
        outcome: RoundOutcome::Declined { stage, reason },
    }) = events.last()
    else {
        panic!("expected a declined round, got {events:?}");
    };
    assert_eq!(*stage, 0);
    assert!(reason.contains("Trùng lịch") && reason.contains("Chưa phù hợp"));
    assert_eq!(round.stage_status(1), StageStatus::Closed);
}

#[test]
fn under_the_all_rule_one_decline_is_enough() {
    let stages = vec![stage(
        "Ban Thường vụ",
        DecisionRule::All,
        false,
        vec![seat(1, "A", true), seat(2, "B", false)],
    )];
    let mut round = Round::open(stages, 0);
    round.issue(0);
    round
        .decide(0, 1, Decision::Approve { comment: None })
        .unwrap();
    round.decide(0, 2, decline("Không đồng ý")).unwrap();
    assert_eq!(round.status(), RoundStatus::Declined);
}

#[test]
fn under_the_any_one_rule_the_first_approval_closes_the_stage_for_the_others() {
    let stages = vec![stage(
        "Thường trực",
        DecisionRule::AnyOne,
        false,
        vec![seat(1, "A", true), seat(2, "B", false)],
    )];
    let mut round = Round::open(stages, 0);
    round.issue(0);
    round
        .decide(0, 2, Decision::Approve { comment: None })
        .unwrap();
    assert_eq!(round.status(), RoundStatus::Approved);
    assert_eq!(
        round.decide(0, 1, Decision::Approve { comment: None }),
        Err(DomainError::Link(LinkProblem::RoundClosed))
    );
    assert_eq!(
        round.decide(0, 2, Decision::Approve { comment: None }),
        Err(DomainError::Link(LinkProblem::Used)),
        "whoever ended the round is told their decision was recorded"
    );
}

#[test]
fn a_request_for_changes_sends_the_plan_back_with_the_comment() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    round
        .decide(0, 1, Decision::Approve { comment: None })
        .unwrap();
    let events = round
        .decide(
            0,
            4,
            changes("Đề nghị chuyển sang hình thức hội nghị trực tuyến"),
        )
        .unwrap();
    assert_eq!(
        events.last(),
        Some(&ApprovalEvent::RoundResolved {
            outcome: RoundOutcome::ChangesRequested {
                stage: 0,
                comment: "Đề nghị chuyển sang hình thức hội nghị trực tuyến".into()
            }
        })
    );
    assert_eq!(round.status(), RoundStatus::ChangesRequested);
}

#[test]
fn a_resubmission_can_start_at_the_stage_that_asked_for_changes() {
    let round = Round::open(two_stages(), 1);
    assert_eq!(round.stage_status(0), StageStatus::CarriedOver);
    assert_eq!(round.stage_status(1), StageStatus::Open);
}

#[test]
fn an_advisory_stage_is_asked_alongside_and_never_holds_the_round_up() {
    let stages = vec![
        stage(
            "Sở Ngoại vụ tỉnh Cao Bằng",
            DecisionRule::AnyOne,
            true,
            vec![seat(21, "Giám đốc Sở", true)],
        ),
        stage(
            "Ban Thường vụ Tỉnh Đoàn",
            DecisionRule::AnyOne,
            false,
            vec![seat(1, "Bí thư Tỉnh Đoàn", true)],
        ),
    ];
    let mut round = Round::open(stages, 0);
    assert_eq!(round.stage_status(0), StageStatus::Open);
    assert_eq!(round.stage_status(1), StageStatus::Open);
    round.issue(0);
    round.issue(1);
    // Advice to change something is recorded, but does not send the plan back.
    round
        .decide(0, 21, changes("Lưu ý thủ tục xuất nhập cảnh qua cửa khẩu"))
        .unwrap();
    assert_eq!(round.status(), RoundStatus::Open);
    assert_eq!(round.stage_status(0), StageStatus::ChangesRequested);
    round
        .decide(1, 1, Decision::Approve { comment: None })
        .unwrap();
    assert_eq!(round.status(), RoundStatus::Approved);
}

#[test]
fn links_that_cannot_be_used_are_refused_with_the_reason() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    assert_eq!(
        round.run(
            ApprovalCommand::Decide {
                token_hash: "forged".into(),
                decision: Decision::Approve { comment: None }
            },
            1
        ),
        Err(DomainError::Link(LinkProblem::Unknown))
    );
    assert_eq!(
        round.run(
            ApprovalCommand::Decide {
                token_hash: token(0, 1),
                decision: Decision::Approve { comment: None }
            },
            24 * 8
        ),
        Err(DomainError::Link(LinkProblem::Expired))
    );
    round
        .decide(0, 1, Decision::Approve { comment: None })
        .unwrap();
    assert_eq!(
        round.decide(0, 1, Decision::Approve { comment: None }),
        Err(DomainError::Link(LinkProblem::Used))
    );
    // Links are not sent again to someone who has decided.
    let again = IssuedLink {
        link_id: fresh_id(),
        member_id: Uuid::from_u128(1),
        token_hash: "again".into(),
        issued_at: at(0),
        expires_at: at(100),
    };
    assert!(matches!(
        round.run(
            ApprovalCommand::IssueLinks {
                stage: 0,
                links: vec![again]
            },
            0
        ),
        Err(DomainError::Invalid(_))
    ));
    // A new link replaces the old one, with the same token here.
    round.issue(0);
    assert_eq!(
        round
            .decide(0, 2, Decision::Approve { comment: None })
            .map(|_| ()),
        Ok(()),
        "the new link works"
    );
    let old = round.state.record().unwrap().stages[0].seats[2]
        .replaced_links
        .clone();
    assert_eq!(old, vec![token(0, 3)]);
    let mut fresh = Round::open(two_stages(), 0);
    fresh.issue(0);
    fresh
        .run(
            ApprovalCommand::IssueLinks {
                stage: 0,
                links: vec![IssuedLink {
                    link_id: fresh_id(),
                    member_id: Uuid::from_u128(3),
                    token_hash: "newer".into(),
                    issued_at: at(0),
                    expires_at: at(100),
                }],
            },
            0,
        )
        .unwrap();
    assert_eq!(
        fresh.decide(0, 3, Decision::Approve { comment: None }),
        Err(DomainError::Link(LinkProblem::Replaced))
    );
    // A link to a stage decided by others.
    fresh
        .decide(0, 1, Decision::Approve { comment: None })
        .unwrap();
    fresh
        .decide(0, 2, Decision::Approve { comment: None })
        .unwrap();
    fresh
        .run(
            ApprovalCommand::Decide {
                token_hash: "newer".into(),
                decision: Decision::Approve { comment: None },
            },
            1,
        )
        .unwrap();
    assert_eq!(
        fresh.decide(0, 4, Decision::Approve { comment: None }),
        Err(DomainError::Link(LinkProblem::StageClosed))
    );
}

#[test]
fn a_request_for_changes_without_a_comment_is_refused_and_records_nothing() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    let before = round.log.len();
    assert!(matches!(
        round.decide(0, 1, changes("   ")),
        Err(DomainError::Invalid(_))
    ));
    assert!(matches!(
        round.decide(0, 1, decline("")),
        Err(DomainError::Invalid(_))
    ));
    assert_eq!(round.log.len(), before);
    assert!(
        round
            .decide(0, 1, Decision::Approve { comment: None })
            .is_ok(),
        "the link still works"
    );
}

#[test]
fn withdrawing_closes_the_open_stages_and_their_links() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    round
        .run(
            ApprovalCommand::Withdraw {
                reason: "Chương trình bị hủy".into(),
            },
            2,
        )
        .unwrap();
    assert_eq!(round.status(), RoundStatus::Withdrawn);
    assert_eq!(round.stage_status(0), StageStatus::Closed);
    assert_eq!(
        round.decide(0, 1, Decision::Approve { comment: None }),
        Err(DomainError::Link(LinkProblem::RoundClosed))
    );
    assert_eq!(
        round.run(
            ApprovalCommand::Withdraw {
                reason: "again".into()
            },
            3
        ),
        Err(DomainError::RoundNotOpen)
    );
}

#[test]
fn a_round_needs_approvers_a_chair_where_the_chair_decides_and_a_blocking_stage() {
    let refused = |stages: Vec<StagePlan>| {
        harness::when(
            &ApprovalRound::New,
            &ApprovalCommand::Open {
                id: Uuid::nil(),
                programme_id: Uuid::nil(),
                round: 1,
                stages,
                first_stage: 0,
                plan: Box::new(conference_plan()),
                changes: None,
            },
            &context(0),
        )
    };
    assert!(matches!(
        refused(vec![stage("X", DecisionRule::All, false, vec![])]),
        Err(DomainError::Invalid(_))
    ));
    assert!(matches!(
        refused(vec![stage(
            "X",
            DecisionRule::Chair,
            false,
            vec![seat(1, "A", false)]
        )]),
        Err(DomainError::Invalid(_))
    ));
    assert!(matches!(
        refused(vec![stage(
            "X",
            DecisionRule::AnyOne,
            true,
            vec![seat(1, "A", true)]
        )]),
        Err(DomainError::Invalid(_))
    ));
}

#[test]
fn a_substitute_is_asked_in_a_members_place_and_decides_on_their_behalf() {
    let day = NaiveDate::from_ymd_opt(2023, 4, 20).unwrap();
    let member = |n: u128, name: &str, role| Member {
        id: Uuid::from_u128(n),
        person: person(name),
        role,
        serves_from: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
        serves_until: None,
    };
    let mut retired = member(3, "Đã nghỉ", Role::Member);
    retired.serves_until = NaiveDate::from_ymd_opt(2023, 1, 1);
    let committee = Committee {
        id: fresh_id(),
        name: "Ban Thường vụ Thành đoàn Lào Cai".into(),
        rule: DecisionRule::AnyOne,
        members: vec![
            member(1, "Bí thư", Role::Chair),
            member(2, "Phó Bí thư", Role::Member),
            retired,
        ],
        substitutions: vec![Substitution {
            member_id: Uuid::from_u128(1),
            substitute: person("Chánh Văn phòng"),
            from: day,
            until: day + Duration::days(10),
        }],
    };
    let approvers = committee.approvers_on(day);
    assert_eq!(approvers.len(), 2, "a member whose term ended is not asked");
    assert_eq!(approvers[0].person.name, "Chánh Văn phòng");
    assert_eq!(
        approvers[0].on_behalf_of.as_ref().map(|p| p.name.as_str()),
        Some("Bí thư")
    );
    assert!(
        committee.approvers_on(day + Duration::days(11))[0]
            .on_behalf_of
            .is_none()
    );

    let mut round = Round::open(
        vec![stage(&committee.name, committee.rule, false, approvers)],
        0,
    );
    round.issue(0);
    let events = round
        .decide(0, 1, Decision::Approve { comment: None })
        .unwrap();
    let ApprovalEvent::DecisionRecorded {
        by, on_behalf_of, ..
    } = &events[0]
    else {
        panic!("expected a decision, got {events:?}");
    };
    assert_eq!(by.name, "Chánh Văn phòng");
    assert_eq!(
        on_behalf_of.as_ref().map(|p| p.name.as_str()),
        Some("Bí thư")
    );
}

#[test]
fn approval_events_survive_their_stored_form() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    round
        .decide(0, 1, changes("Bổ sung danh sách đoàn"))
        .unwrap();
    for event in &round.log {
        let loaded =
            ApprovalEvent::from_stored(event.event_type(), event.schema_version(), event.to_data())
                .unwrap();
        assert_eq!(&loaded, event);
        assert!(
            event.to_data().get("type").is_none(),
            "the type travels in the envelope"
        );
    }
}

#[test]
fn advisory_stages_after_the_last_deciding_stage_are_asked_alongside_it() {
    let stages = vec![
        stage(
            "Ban Thường vụ Tỉnh Đoàn",
            DecisionRule::AnyOne,
            false,
            vec![seat(1, "Bí thư Tỉnh Đoàn", true)],
        ),
        stage(
            "Sở Ngoại vụ",
            DecisionRule::AnyOne,
            true,
            vec![seat(21, "Giám đốc Sở", true)],
        ),
    ];
    let round = Round::open(stages, 0);
    assert_eq!(round.stage_status(0), StageStatus::Open);
    assert_eq!(round.stage_status(1), StageStatus::Open);
}

#[test]
fn settling_completes_what_an_interrupted_append_left_undone() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    round
        .decide(0, 1, Decision::Approve { comment: None })
        .unwrap();
    round
        .decide(0, 2, Decision::Approve { comment: None })
        .unwrap();
    let before = round.state.clone();
    let events = round
        .decide(0, 3, Decision::Approve { comment: None })
        .unwrap();
    assert!(
        events.len() > 2,
        "the decision resolves and opens: {events:?}"
    );
    for kept in 1..=events.len() {
        let partial = events[..kept]
            .iter()
            .fold(before.clone(), |s, e| s.evolve(e));
        let rest = harness::when(&partial, &ApprovalCommand::Settle, &context(2)).unwrap();
        assert_eq!(rest, events[kept..].to_vec(), "after {kept} of the events");
    }
    let settled_again = harness::when(&round.state, &ApprovalCommand::Settle, &context(2));
    assert_eq!(
        settled_again,
        Ok(vec![]),
        "a settled round has nothing to add"
    );
}

#[test]
fn a_decision_after_the_rule_was_met_but_before_it_was_settled_is_refused() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    round
        .decide(0, 1, Decision::Approve { comment: None })
        .unwrap();
    round
        .decide(0, 2, Decision::Approve { comment: None })
        .unwrap();
    let third = round
        .decide(0, 3, Decision::Approve { comment: None })
        .unwrap();
    // As if only the third decision had been appended when the fourth came.
    let unsettled = round.log[..round.log.len() - third.len() + 1]
        .iter()
        .fold(ApprovalRound::New, |s, e| s.evolve(e));
    let fourth = harness::when(
        &unsettled,
        &ApprovalCommand::Decide {
            token_hash: token(0, 4),
            decision: Decision::Approve { comment: None },
        },
        &context(2),
    );
    assert_eq!(fourth, Err(DomainError::Link(LinkProblem::StageClosed)));
}

#[test]
fn the_round_id_is_the_same_for_the_same_programme_and_round_only() {
    let programme = Uuid::from_u128(42);
    assert_eq!(round_id(programme, 1), round_id(programme, 1));
    assert_ne!(round_id(programme, 1), round_id(programme, 2));
    assert_ne!(round_id(programme, 1), round_id(Uuid::from_u128(43), 1));
}

/// A round of `two_stages` where the second stage asked for changes.
fn sent_back_at_the_second_stage() -> Round {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    for member in 1..=3 {
        round
            .decide(0, member, Decision::Approve { comment: None })
            .unwrap();
    }
    round.issue(1);
    round
        .decide(1, 11, changes("Chuyển sang hình thức trực tuyến"))
        .unwrap();
    assert_eq!(round.status(), RoundStatus::ChangesRequested);
    round
}

#[test]
fn a_resubmission_resumes_at_the_stage_that_asked_when_only_details_changed() {
    let round = sent_back_at_the_second_stage();
    let previous = round.state.record().unwrap();
    let stages: Vec<StagePlan> = previous.stages.iter().map(|s| s.plan.clone()).collect();
    let mut plan = conference_plan();
    plan.venue = Some("Nhà văn hóa thanh niên tỉnh".into());
    assert_eq!(resume_stage(previous, &plan, &stages), 1);
}

#[test]
fn a_resubmission_starts_over_when_key_terms_or_committees_changed() {
    let round = sent_back_at_the_second_stage();
    let previous = round.state.record().unwrap();
    let stages: Vec<StagePlan> = previous.stages.iter().map(|s| s.plan.clone()).collect();
    let mut plan = conference_plan();
    plan.schedule.start = fixtures::date(2023, 11, 28);
    plan.schedule.end = fixtures::date(2023, 11, 28);
    assert_eq!(resume_stage(previous, &plan, &stages), 0, "new dates");
    let mut other_route = stages.clone();
    other_route[0].committee_id = fresh_id();
    assert_eq!(
        resume_stage(previous, &conference_plan(), &other_route),
        0,
        "another committee"
    );
}

#[test]
fn only_a_request_for_changes_lets_a_resubmission_resume() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    round
        .run(
            ApprovalCommand::Withdraw {
                reason: "Rút lại".into(),
            },
            1,
        )
        .unwrap();
    let previous = round.state.record().unwrap();
    let stages: Vec<StagePlan> = previous.stages.iter().map(|s| s.plan.clone()).collect();
    assert_eq!(resume_stage(previous, &conference_plan(), &stages), 0);
}

proptest! {
    /// Whatever order decisions come in, a blocking stage is approved only when its rule
    /// is met, nothing is recorded once the round has ended, and the state is the fold of
    /// the recorded events.
    #[test]
    fn decisions_never_approve_a_stage_before_its_rule_is_met(
        decisions in prop::collection::vec((0usize..2, 1u128..=12, 0u8..4), 1..40)
    ) {
        let mut round = Round::open(two_stages(), 0);
        round.issue(0);
        for (stage, member, choice) in decisions {
            if round.state.record().unwrap().stages.get(1).is_some_and(|s| s.status == StageStatus::Open && s.seats.iter().all(|s| s.link.is_none())) {
                round.issue(1);
            }
            let decision = match choice {
                0 | 1 => Decision::Approve { comment: None },
                2 => decline("Không đồng ý"),
                _ => changes("Sửa lại"),
            };
            let ended_before = round.status() != RoundStatus::Open;
            let result = round.decide(stage, member, decision);
            if ended_before {
                prop_assert!(result.is_err());
            }
            let record = round.state.record().unwrap();
            for (index, stage) in record.stages.iter().enumerate() {
                if stage.status == StageStatus::Approved {
                    let approvals = stage.seats.iter().filter(|s| matches!(s.decision.as_ref().map(|d| &d.decision), Some(Decision::Approve { comment: None }))).count();
                    let chair_approved = stage.seats.iter().any(|s| s.approver.chair && matches!(s.decision.as_ref().map(|d| &d.decision), Some(Decision::Approve { comment: None })));
                    match stage.plan.rule {
                        DecisionRule::Majority => prop_assert!(approvals * 2 > stage.seats.len(), "stage {index}"),
                        DecisionRule::Chair => prop_assert!(chair_approved, "stage {index}"),
                        _ => {}
                    }
                }
            }
        }
        let folded = round.log.iter().fold(ApprovalRound::New, |s, e| s.evolve(e));
        prop_assert_eq!(folded, round.state);
    }
}

/// Given an open stage, when a member approves with a comment (an advisory committee's
/// advice, say), then the comment is recorded, trimmed, with the approval; an approval
/// stored before comments were kept still reads as an approval without one.
#[test]
fn an_approval_keeps_its_comment_and_old_approvals_still_read() {
    let mut round = Round::open(two_stages(), 0);
    round.issue(0);
    let events = round
        .decide(
            0,
            1,
            Decision::Approve {
                comment: Some("  Đồng ý; lưu ý thủ tục xuất nhập cảnh cho đoàn.\n".into()),
            },
        )
        .unwrap();
    let ApprovalEvent::DecisionRecorded { decision, .. } = &events[0] else {
        panic!("a decision first: {events:?}");
    };
    assert_eq!(
        decision,
        &Decision::Approve {
            comment: Some("Đồng ý; lưu ý thủ tục xuất nhập cảnh cho đoàn.".into())
        }
    );
    assert_eq!(
        decision.note(),
        Some("Đồng ý; lưu ý thủ tục xuất nhập cảnh cho đoàn.")
    );
    let blank = round
        .decide(
            0,
            2,
            Decision::Approve {
                comment: Some("   ".into()),
            },
        )
        .unwrap();
    let ApprovalEvent::DecisionRecorded { decision, .. } = &blank[0] else {
        panic!("a decision first: {blank:?}");
    };
    assert_eq!(decision, &Decision::Approve { comment: None });

    let stored: Decision = serde_json::from_str(r#"{"choice":"approve"}"#).unwrap();
    assert_eq!(stored, Decision::Approve { comment: None });
    assert_eq!(
        serde_json::to_string(&stored).unwrap(),
        r#"{"choice":"approve"}"#
    );
}
