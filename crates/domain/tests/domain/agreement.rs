//! Agreements (MOUs): their whole life, their review dates, and refusals.

use chrono::{NaiveDate, TimeZone, Utc};
use domain::agreement::{
    Agreement, AgreementCommand, AgreementEvent, AgreementStatus, AgreementTerms, CadenceUnit,
    DocumentRef, Party, Period, ReviewCadence, ReviewKind, review_schedule,
};
use domain::values::Contact;
use domain::{Aggregate, CommandContext, DomainError, DomainEvent, EntityState, Problem};
use proptest::prelude::*;
use uuid::Uuid;

use crate::fixtures::date;
use crate::harness;

fn on(y: i32, m: u32, d: u32) -> CommandContext {
    CommandContext {
        // 03:00 UTC is 10:00 in Vietnam, the same day.
        now: Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap(),
        actor: "vananh@thanhdoanlaocai.vn".into(),
    }
}

fn cadence(every: u32, unit: CadenceUnit, before_expiry_days: u32) -> ReviewCadence {
    ReviewCadence {
        every,
        unit,
        before_expiry_days,
    }
}

/// The MOU of Thành đoàn Lào Cai and the Hekou county Youth League for 2023–2027.
fn lao_cai_hekou() -> AgreementTerms {
    AgreementTerms {
        title: "Biên bản ghi nhớ hợp tác giữa Thành đoàn Lào Cai và Đoàn Thanh niên huyện Hà Khẩu giai đoạn 2023 – 2027".into(),
        parties: vec![
            Party {
                name: "Thành đoàn Lào Cai".into(),
                country: "VN".into(),
                region: Some("Lào Cai".into()),
                organisation_id: Some(Uuid::from_u128(0x1C)),
            },
            Party {
                name: "Đoàn Thanh niên huyện Hà Khẩu".into(),
                country: "cn".into(),
                region: Some("Vân Nam".into()),
                organisation_id: None,
            },
        ],
        areas: vec![
            "Giao lưu công tác Đoàn và phong trào thiếu nhi".into(),
            "  Khăn hồng hữu nghị thiếu nhi biên giới ".into(),
        ],
        period: Period {
            start: date(2023, 3, 22),
            end: date(2027, 3, 21),
        },
        review_cadence: cadence(1, CadenceUnit::Year, 30),
        coordinator: Some(Contact {
            name: "Trương Thị Vân Anh".into(),
            email: "vananh@thanhdoanlaocai.vn".into(),
        }),
    }
}

const ID: Uuid = Uuid::from_u128(0xA6);

struct Given {
    state: Agreement,
    log: Vec<AgreementEvent>,
}

impl Given {
    fn drafted() -> Given {
        let mut given = Given {
            state: Agreement::New,
            log: Vec::new(),
        };
        given.ok(
            AgreementCommand::Draft {
                id: ID,
                terms: lao_cai_hekou(),
            },
            &on(2023, 3, 1),
        );
        given
    }

    fn when(
        &self,
        command: AgreementCommand,
        context: &CommandContext,
    ) -> Result<Vec<AgreementEvent>, DomainError> {
        harness::when(&self.state, &command, context)
    }

    fn ok(&mut self, command: AgreementCommand, context: &CommandContext) {
        for event in self.when(command, context).expect("accepted") {
            self.state = self.state.clone().evolve(&event);
            self.log.push(event);
        }
    }

    fn status(&self) -> AgreementStatus {
        self.state.record().unwrap().status
    }

    fn problems(
        &self,
        command: AgreementCommand,
        context: &CommandContext,
    ) -> Vec<(String, Problem)> {
        match self.when(command, context) {
            Err(DomainError::Invalid(errors)) => {
                errors.into_iter().map(|e| (e.field, e.problem)).collect()
            }
            other => panic!("expected invalid input, got {other:?}"),
        }
    }
}

#[test]
fn an_agreement_lives_from_draft_through_reviews_to_renewal() {
    let mut given = Given::drafted();
    let record = given.state.record().unwrap();
    assert_eq!(record.status, AgreementStatus::Drafted);
    assert_eq!(record.terms.parties[1].country, "CN", "tidied");
    assert_eq!(
        record.terms.areas[1],
        "Khăn hồng hữu nghị thiếu nhi biên giới"
    );
    assert_eq!(record.next_review(), None, "no reviews before signing");

    given.ok(
        AgreementCommand::Sign {
            signed_on: date(2023, 3, 22),
            place: "Thành phố Lào Cai".into(),
        },
        &on(2023, 3, 22),
    );
    assert_eq!(
        given.status(),
        AgreementStatus::Active,
        "signed on its first day"
    );
    let record = given.state.record().unwrap();
    let dates: Vec<NaiveDate> = record.schedule().iter().map(|s| s.due_on).collect();
    assert_eq!(
        dates,
        [
            date(2024, 3, 22),
            date(2025, 3, 22),
            date(2026, 3, 22),
            date(2027, 2, 19)
        ]
    );
    assert_eq!(record.next_review().unwrap().due_on, date(2024, 3, 22));

    // The one-year review, at the seminar of 22/3/2024.
    let seminar = Uuid::from_u128(0x5E);
    let review = Uuid::from_u128(0x1);
    given.ok(
        AgreementCommand::OpenReview {
            review_id: review,
            due_on: None,
            programme_id: Some(seminar),
        },
        &on(2024, 3, 15),
    );
    assert_eq!(given.status(), AgreementStatus::UnderReview);
    assert!(matches!(
        given.when(
            AgreementCommand::Renew {
                successor_id: Uuid::from_u128(0xA7),
                renewed_on: date(2024, 3, 20),
                note: None,
            },
            &on(2024, 3, 20)
        ),
        Err(DomainError::NotAllowedIn {
            command: "renew",
            state: EntityState::Agreement(AgreementStatus::UnderReview)
        })
    ));
    assert_eq!(
        given.problems(
            AgreementCommand::CompleteReview {
                review_id: review,
                held_on: date(2024, 3, 22),
                findings: "".into(),
            },
            &on(2024, 3, 21),
        ),
        [
            ("held_on".to_string(), Problem::NotYet),
            ("findings".to_string(), Problem::Required)
        ]
    );
    given.ok(
        AgreementCommand::CompleteReview {
            review_id: review,
            held_on: date(2024, 3, 22),
            findings: "Hai bên đã tổ chức đoàn 27 thiếu nhi giao lưu dịp 1/6 và chương trình Khăn hồng hữu nghị.".into(),
        },
        &on(2024, 3, 22),
    );
    let record = given.state.record().unwrap();
    assert_eq!(record.status, AgreementStatus::Active);
    assert_eq!(record.next_review().unwrap().due_on, date(2025, 3, 22));

    given.ok(
        AgreementCommand::AttachDocument {
            document: DocumentRef {
                title: "Biên bản tọa đàm 22/3/2024".into(),
                reference: "luu-tru/2024/toa-dam-ha-khau.pdf".into(),
            },
        },
        &on(2024, 3, 23),
    );
    given.ok(
        AgreementCommand::Renew {
            successor_id: Uuid::from_u128(0xA7),
            renewed_on: date(2026, 12, 1),
            note: Some("Ký biên bản ghi nhớ giai đoạn 2027 – 2031".into()),
        },
        &on(2026, 12, 1),
    );
    assert_eq!(given.status(), AgreementStatus::Renewed);
    assert_eq!(given.state.record().unwrap().next_review(), None);
    assert!(
        given
            .when(AgreementCommand::Expire, &on(2027, 4, 1))
            .is_err()
    );

    // Every event reads back from its stored form.
    assert_read_back(&given.log);
    let types: Vec<&str> = given.log.iter().map(|e| e.event_type()).collect();
    assert_eq!(
        types,
        [
            "AgreementDrafted",
            "AgreementSigned",
            "AgreementReviewOpened",
            "AgreementReviewCompleted",
            "AgreementDocumentAttached",
            "AgreementRenewed"
        ]
    );
}

#[test]
fn signed_before_its_period_it_comes_into_force_on_the_first_day_and_then_expires() {
    let mut given = Given::drafted();
    given.ok(
        AgreementCommand::Sign {
            signed_on: date(2023, 3, 1),
            place: "Hà Khẩu".into(),
        },
        &on(2023, 3, 1),
    );
    assert_eq!(given.status(), AgreementStatus::Signed);
    assert_eq!(
        given.problems(AgreementCommand::Activate, &on(2023, 3, 21)),
        [("period.start".to_string(), Problem::NotYet)]
    );
    given.ok(AgreementCommand::Activate, &on(2023, 3, 22));
    assert_eq!(given.status(), AgreementStatus::Active);
    assert_eq!(
        given.when(AgreementCommand::Activate, &on(2023, 3, 23)),
        Ok(vec![])
    );
    assert_eq!(
        given.problems(AgreementCommand::Expire, &on(2027, 3, 21)),
        [("period.end".to_string(), Problem::NotOver)]
    );
    given.ok(AgreementCommand::Expire, &on(2027, 3, 22));
    assert_eq!(given.status(), AgreementStatus::Expired);
    assert_read_back(&given.log);
}

fn assert_read_back(log: &[AgreementEvent]) {
    for event in log {
        let back = AgreementEvent::from_stored(
            event.event_type(),
            event.schema_version(),
            event.to_data(),
        )
        .unwrap();
        assert_eq!(&back, event);
    }
}

#[test]
fn a_drafted_agreement_can_be_revised_and_terminated_but_not_reviewed() {
    let mut given = Given::drafted();
    assert!(matches!(
        given.when(
            AgreementCommand::OpenReview {
                review_id: Uuid::from_u128(1),
                due_on: None,
                programme_id: None
            },
            &on(2023, 3, 2)
        ),
        Err(DomainError::NotAllowedIn { .. })
    ));
    let mut terms = lao_cai_hekou();
    assert_eq!(
        given.when(
            AgreementCommand::Revise {
                terms: terms.clone()
            },
            &on(2023, 3, 2)
        ),
        Ok(vec![]),
        "unchanged terms are no event"
    );
    terms.areas.push("Giao lưu văn nghệ".into());
    given.ok(AgreementCommand::Revise { terms }, &on(2023, 3, 2));
    assert_eq!(given.state.record().unwrap().terms.areas.len(), 3);
    given.ok(
        AgreementCommand::Terminate {
            terminated_on: date(2023, 3, 3),
            reason: "Hai bên thống nhất soạn lại văn bản khác".into(),
        },
        &on(2023, 3, 3),
    );
    assert_eq!(given.status(), AgreementStatus::Terminated);
    assert_read_back(&given.log);
}

#[test]
fn bad_terms_are_refused_field_by_field() {
    let mut terms = lao_cai_hekou();
    terms.period = Period {
        start: date(2027, 3, 21),
        end: date(2023, 3, 22),
    };
    terms.review_cadence.every = 0;
    terms.parties.truncate(1);
    terms.coordinator = None;
    let problems = match harness::when(
        &Agreement::New,
        &AgreementCommand::Draft { id: ID, terms },
        &on(2023, 3, 1),
    ) {
        Err(DomainError::Invalid(errors)) => errors
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problems,
        [
            ("parties".to_string(), Problem::TooFew { min: 2 }),
            ("period.end".to_string(), Problem::EndBeforeStart),
            (
                "review_cadence.every".to_string(),
                Problem::OutOfRange { min: 1, max: 10 }
            ),
            ("coordinator".to_string(), Problem::Required),
        ]
    );
}

#[test]
fn signing_after_the_period_or_in_the_future_and_unscheduled_reviews_are_refused() {
    let given = Given::drafted();
    assert_eq!(
        given.problems(
            AgreementCommand::Sign {
                signed_on: date(2027, 4, 1),
                place: " ".into()
            },
            &on(2027, 5, 1)
        ),
        [
            ("place".to_string(), Problem::Required),
            ("signed_on".to_string(), Problem::AfterPeriodEnd)
        ]
    );
    assert_eq!(
        given.problems(
            AgreementCommand::Sign {
                signed_on: date(2023, 3, 22),
                place: "Lào Cai".into()
            },
            &on(2023, 3, 21)
        ),
        [("signed_on".to_string(), Problem::NotYet)]
    );
    let mut given = Given::drafted();
    given.ok(
        AgreementCommand::Sign {
            signed_on: date(2023, 3, 22),
            place: "Lào Cai".into(),
        },
        &on(2023, 3, 22),
    );
    assert_eq!(
        given.problems(
            AgreementCommand::OpenReview {
                review_id: Uuid::from_u128(1),
                due_on: Some(date(2024, 3, 21)),
                programme_id: None
            },
            &on(2024, 3, 21)
        ),
        [("due_on".to_string(), Problem::NotAScheduledReview)]
    );
}

#[test]
fn review_dates_clamp_month_ends_and_leap_days() {
    let yearly = cadence(1, CadenceUnit::Year, 0);
    let leap = review_schedule(date(2024, 2, 29), date(2027, 2, 28), &yearly);
    let dates: Vec<NaiveDate> = leap.iter().map(|s| s.due_on).collect();
    assert_eq!(
        dates,
        [date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28)]
    );
    assert_eq!(leap[2].kind, ReviewKind::BeforeExpiry);

    let monthly = cadence(1, CadenceUnit::Month, 0);
    let month_ends = review_schedule(date(2024, 1, 31), date(2024, 7, 15), &monthly);
    let dates: Vec<NaiveDate> = month_ends.iter().map(|s| s.due_on).collect();
    assert_eq!(
        dates,
        [
            date(2024, 2, 29),
            date(2024, 3, 31),
            date(2024, 4, 30),
            date(2024, 5, 31),
            date(2024, 6, 30),
            date(2024, 7, 15)
        ]
    );
    let not_leap = review_schedule(date(2023, 1, 31), date(2023, 3, 1), &monthly);
    assert_eq!(not_leap[0].due_on, date(2023, 2, 28));

    // The Guangxi MOU 2023–2026, signed 21/11/2023, reviewed yearly and 30 days before
    // it expires.
    let guangxi = review_schedule(
        date(2023, 11, 21),
        date(2026, 11, 20),
        &cadence(1, CadenceUnit::Year, 30),
    );
    let dates: Vec<(NaiveDate, ReviewKind)> = guangxi.iter().map(|s| (s.due_on, s.kind)).collect();
    assert_eq!(
        dates,
        [
            (date(2024, 11, 21), ReviewKind::Periodic),
            (date(2025, 11, 21), ReviewKind::Periodic),
            (date(2026, 10, 21), ReviewKind::BeforeExpiry)
        ]
    );
    assert!(review_schedule(date(2024, 1, 1), date(2024, 1, 1), &yearly).is_empty());
}

fn any_cadence() -> impl Strategy<Value = ReviewCadence> {
    (
        1u32..=24,
        prop_oneof![Just(CadenceUnit::Month), Just(CadenceUnit::Year)],
        0u32..=365,
    )
        .prop_map(|(every, unit, days)| {
            cadence(
                every.min(if unit == CadenceUnit::Year { 10 } else { 24 }),
                unit,
                days,
            )
        })
}

proptest! {
    #[test]
    fn review_dates_increase_and_stay_within_signing_and_expiry(
        signed in 0i64..20_000,
        length in 0i64..4_000,
        cadence in any_cadence(),
    ) {
        let signed_on = date(1995, 1, 1) + chrono::Duration::days(signed);
        let expires_on = signed_on + chrono::Duration::days(length);
        let schedule = review_schedule(signed_on, expires_on, &cadence);
        for pair in schedule.windows(2) {
            prop_assert!(pair[0].due_on < pair[1].due_on, "{schedule:?}");
        }
        for review in &schedule {
            prop_assert!(review.due_on > signed_on);
            prop_assert!(review.due_on <= expires_on);
        }
        if length > 0 {
            let last = schedule.last().unwrap();
            prop_assert_eq!(last.kind, ReviewKind::BeforeExpiry);
            prop_assert_eq!(
                schedule.iter().filter(|s| s.kind == ReviewKind::BeforeExpiry).count(),
                1
            );
        } else {
            prop_assert!(schedule.is_empty());
        }
    }
}
