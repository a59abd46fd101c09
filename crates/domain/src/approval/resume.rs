//! Rounds after the first: their ids, and where a resubmitted plan starts.

use uuid::Uuid;

use super::command::StagePlan;
use super::{RoundRecord, RoundStatus, StageStatus};
use crate::programme::{Plan, PlanChanges};

/// Fixed namespace of approval round ids (a random UUID, chosen once).
const ROUND_NAMESPACE: Uuid = Uuid::from_u128(0x5c1b_0a6e_3f1d_4b8e_9a27_6d41_c0e8_7f35);

/// The id of a programme's `round`-th approval round. Being derived, it lets the approval
/// service open a round again after a crash without ever opening two.
pub fn round_id(programme_id: Uuid, round: u32) -> Uuid {
    let mut name = programme_id.as_bytes().to_vec();
    name.extend_from_slice(&round.to_be_bytes());
    Uuid::new_v5(&ROUND_NAMESPACE, &name)
}

/// The plan's key terms: what the programme is, who takes part, when, where they cross,
/// how many go, what it costs and what it aims at. An approval was given to these; the
/// title's wording, the venue, the coordinator and the agreement link are details.
pub const KEY_TERMS: [&str; 10] = [
    "kind",
    "host_organisation",
    "host_organisation_id",
    "co_organisers",
    "partners",
    "schedule",
    "border_gate",
    "expected_delegation_size",
    "budget",
    "objectives",
];

/// The stage a resubmitted plan's new round starts at.
///
/// After a request for changes, the stages that had approved before the one that asked
/// keep their approval and are not asked again, and the stage that asked is asked again
/// in full (its earlier answers were about the old plan). That holds only while the
/// committees are the same and the plan's key terms did not change: when they did, every
/// stage is asked again. Any other earlier outcome (declined, withdrawn, approved and
/// then revised) starts again from the first stage.
pub fn resume_stage(previous: &RoundRecord, plan: &Plan, stages: &[StagePlan]) -> usize {
    let RoundStatus::ChangesRequested = previous.status else {
        return 0;
    };
    let Some(asked_at) = previous
        .stages
        .iter()
        .position(|s| !s.plan.advisory && s.status == StageStatus::ChangesRequested)
    else {
        return 0;
    };
    let same_committees = stages.len() >= asked_at
        && previous.stages.len() >= asked_at
        && previous.stages[..asked_at]
            .iter()
            .zip(&stages[..asked_at])
            .all(|(old, new)| old.plan.committee_id == new.committee_id);
    let key_terms_changed = PlanChanges::between(&previous.plan, plan)
        .changed_fields()
        .iter()
        .any(|field| KEY_TERMS.contains(field));
    if same_committees && !key_terms_changed {
        asked_at
    } else {
        0
    }
}
