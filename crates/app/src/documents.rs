//! Writing the official documents (docs/documents.md): one use case per document. Each
//! checks, on the very data it writes from, the rule that reading that data needs, after
//! the guard checked it on the event store: a programme's papers as the programme, the
//! decision and the lists as the roster (they name the members), the yearly review as the
//! organisation.

use documents::{Issuer, Review, Signing};
use domain::delegation::{AgendaItem, PersonalDetails};
use domain::followup::ReportRecord;
use domain::programme::Plan;
use uuid::Uuid;

use crate::access::{Action, Actor, Subject};

#[derive(Debug, thiserror::Error)]
pub enum DocumentRefused {
    #[error("the person may not read what the document holds")]
    NotAllowed,
    #[error(transparent)]
    Unwritable(#[from] documents::DocumentError),
}

type Written = Result<Vec<u8>, DocumentRefused>;

fn allow(actor: &Actor, action: Action, subject: &Subject) -> Result<(), DocumentRefused> {
    if actor.may(action, subject) {
        Ok(())
    } else {
        Err(DocumentRefused::NotAllowed)
    }
}

/// Tờ trình xin chủ trương: for whoever sees the programme.
pub fn proposal(actor: &Actor, issuer: &Issuer, signing: &Signing, plan: &Plan) -> Written {
    allow(actor, Action::SeeProgramme, &Subject::of_plan(plan))?;
    Ok(documents::proposal(issuer, signing, plan)?)
}

/// Kế hoạch tổ chức, with the itinerary of its delegations: for whoever sees the programme.
pub fn plan(
    actor: &Actor,
    issuer: &Issuer,
    signing: &Signing,
    plan: &Plan,
    agenda: &[AgendaItem],
) -> Written {
    allow(actor, Action::SeeProgramme, &Subject::of_plan(plan))?;
    Ok(documents::plan(issuer, signing, plan, agenda)?)
}

/// 复函: for whoever sees the programme.
pub fn reply_letter(actor: &Actor, issuer: &Issuer, signing: &Signing, plan: &Plan) -> Written {
    allow(actor, Action::SeeProgramme, &Subject::of_plan(plan))?;
    Ok(documents::reply_letter_zh(issuer, signing, plan)?)
}

/// Báo cáo kết quả of the programme of `plan`: for whoever sees the programme, as its
/// report is read. Its spending is set against the budget the report kept of the plan; a
/// report begun before reports kept it (schema version 1) is set against the plan's.
pub fn report(
    actor: &Actor,
    issuer: &Issuer,
    signing: &Signing,
    plan: &Plan,
    report: &ReportRecord,
) -> Written {
    allow(actor, Action::SeeProgramme, &Subject::of_plan(plan))?;
    if report.programme.budget.is_some() {
        return Ok(documents::report(issuer, signing, report)?);
    }
    let mut with_budget = report.clone();
    with_budget.programme.budget = Some(plan.budget.clone());
    Ok(documents::report(issuer, signing, &with_budget)?)
}

/// Quyết định cử đoàn with its members: only for who may read the roster.
pub fn decision(
    actor: &Actor,
    issuer: &Issuer,
    signing: &Signing,
    plan: &Plan,
    delegation_name: &str,
    members: &[PersonalDetails],
) -> Written {
    allow(actor, Action::SeePersonalData, &Subject::of_plan(plan))?;
    Ok(documents::decision(
        issuer,
        signing,
        plan,
        delegation_name,
        members,
    )?)
}

/// 代表团名单: only for who may read the roster.
pub fn delegation_list(
    actor: &Actor,
    plan: &Plan,
    delegation_name: &str,
    members: &[PersonalDetails],
) -> Written {
    allow(actor, Action::SeePersonalData, &Subject::of_plan(plan))?;
    Ok(documents::delegation_list_zh(
        plan,
        delegation_name,
        members,
    )?)
}

/// 行程安排: it names no member, but is served beside the roster's documents, under
/// the same rule.
pub fn itinerary(
    actor: &Actor,
    plan: &Plan,
    delegation_name: &str,
    agenda: &[AgendaItem],
) -> Written {
    allow(actor, Action::SeePersonalData, &Subject::of_plan(plan))?;
    Ok(documents::itinerary_zh(plan, delegation_name, agenda)?)
}

/// Báo cáo tổng kết of `organisation_id`: for whoever sees the organisation.
pub fn annual_review(
    actor: &Actor,
    organisation_id: Uuid,
    issuer: &Issuer,
    signing: &Signing,
    review: &Review,
) -> Written {
    allow(
        actor,
        Action::SeeOrganisation,
        &Subject::organisation(organisation_id),
    )?;
    Ok(documents::annual_review(issuer, signing, review)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Seat;
    use chrono::NaiveDate;
    use domain::access::AccessRole;

    const HOST: Uuid = Uuid::from_u128(1);

    fn actor(role: AccessRole, organisation: u128) -> Actor {
        Actor {
            email: "a@example.vn".into(),
            name: "A".into(),
            seats: vec![Seat {
                organisation_id: Uuid::from_u128(organisation),
                organisation_name: format!("Đơn vị {organisation}"),
                role,
            }],
        }
    }

    fn plan() -> Plan {
        serde_json::from_value(serde_json::json!({
            "title": "Giao lưu thanh niên biên giới",
            "kind": "delegation_visit",
            "host_organisation": "Tỉnh Đoàn Lào Cai",
            "host_organisation_id": HOST,
            "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN"}],
            "schedule": {"start": "2027-05-20", "end": "2027-05-22", "timezone": "Asia/Ho_Chi_Minh"},
            "venue": null, "border_gate": null, "expected_delegation_size": 12,
            "agreement_id": null, "coordinator": null
        }))
        .unwrap()
    }

    fn issuer() -> Issuer {
        Issuer {
            name: "Tỉnh Đoàn Lào Cai".into(),
            kind: None,
            province: None,
        }
    }

    fn signing() -> Signing {
        Signing {
            number: None,
            date: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            place: None,
            signer_name: None,
            signer_title: None,
        }
    }

    #[test]
    fn a_programme_paper_is_for_its_own_organisation() {
        let own = actor(AccessRole::Planner, 1);
        let other = actor(AccessRole::Administrator, 2);
        assert!(proposal(&own, &issuer(), &signing(), &plan()).is_ok());
        assert!(matches!(
            proposal(&other, &issuer(), &signing(), &plan()),
            Err(DocumentRefused::NotAllowed)
        ));
    }

    #[test]
    fn the_decision_needs_what_reading_the_roster_needs() {
        let planner = actor(AccessRole::Planner, 1);
        let coordinator = actor(AccessRole::Coordinator, 1);
        let write = |who: &Actor| decision(who, &issuer(), &signing(), &plan(), "Đoàn", &[]);
        assert!(matches!(write(&planner), Err(DocumentRefused::NotAllowed)));
        assert!(write(&coordinator).is_ok());
    }

    #[test]
    fn the_annual_review_is_for_the_organisation() {
        let review = Review {
            year: 2027,
            totals: documents::ReviewCount {
                label: "2027".into(),
                programmes: 0,
                delegations: 0,
                delegates: 0,
            },
            by_month: vec![],
            by_partner: vec![],
            programmes: vec![],
        };
        let write = |who: &Actor| annual_review(who, HOST, &issuer(), &signing(), &review);
        assert!(write(&actor(AccessRole::Approver, 1)).is_ok());
        assert!(matches!(
            write(&actor(AccessRole::Approver, 2)),
            Err(DocumentRefused::NotAllowed)
        ));
    }
}
