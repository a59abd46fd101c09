//! Which committees a submitted programme goes to, and who in them is asked.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::approval::{ApprovalCommand, ApprovalRound, StagePlan, resume_stage, round_id};
use domain::directory::{Directory, OrganisationRecord};
use domain::programme::{PlanChanges, ProgrammeRecord};
use domain::values::VIETNAM;
use domain::{DomainError, Lang, Problem};
use eventstore::{EventStore, StoreError};
use uuid::Uuid;

/// The command that opens the programme's round `round`, or why none can open (in
/// Vietnamese, for the planner).
pub(super) async fn round_for(
    store: &EventStore,
    programme: &ProgrammeRecord,
    round: u32,
    now: DateTime<Utc>,
) -> Result<Result<ApprovalCommand, String>, StoreError> {
    let plan = &programme.plan;
    let Some(host_id) = plan.host_organisation_id else {
        return Ok(Err(
            "Chưa chọn tổ chức chủ trì trong danh mục, nên chưa biết trình ai phê duyệt.".into(),
        ));
    };
    let mut directories = Directories::new(store);
    let Some(host) = directories.get(host_id).await? else {
        return Ok(Err(format!(
            "Tổ chức chủ trì “{}” chưa có trong danh mục.",
            plan.host_organisation
        )));
    };
    let Some(route) = host.route_for(plan.kind).cloned() else {
        return Ok(Err(format!(
            "{} chưa có quy trình phê duyệt cho loại chương trình này; hãy liên hệ quản trị viên.",
            host.name
        )));
    };
    // Approvers are those serving on the day the round opens, in Vietnam.
    let today = now.with_timezone(&VIETNAM).date_naive();
    let mut stages = Vec::with_capacity(route.stages.len());
    for stage in &route.stages {
        let owner = stage.organisation_id.unwrap_or(host_id);
        let committee = directories
            .get(owner)
            .await?
            .and_then(|org| org.committee(stage.committee_id).cloned());
        let Some(committee) = committee else {
            return Ok(Err(format!(
                "Quy trình “{}” nhắc tới một ban không còn trong danh mục; hãy liên hệ quản trị viên.",
                route.name
            )));
        };
        stages.push(StagePlan {
            committee_id: committee.id,
            committee_name: committee.name.clone(),
            rule: committee.rule,
            advisory: stage.advisory,
            approvers: committee.approvers_on(today),
        });
    }
    let (first_stage, changes) = match round.checked_sub(1).filter(|r| *r > 0) {
        None => (0, None),
        Some(previous) => {
            let previous = store
                .load::<ApprovalRound>(round_id(programme.id, previous))
                .await?;
            match previous.state.record() {
                None => (0, None),
                Some(previous) => {
                    let changes = PlanChanges::between(&previous.plan, plan);
                    (
                        resume_stage(previous, plan, &stages),
                        (!changes.is_empty()).then(|| Box::new(changes)),
                    )
                }
            }
        }
    };
    Ok(Ok(ApprovalCommand::Open {
        id: round_id(programme.id, round),
        programme_id: programme.id,
        round,
        stages,
        first_stage,
        plan: Box::new(plan.clone()),
        changes,
    }))
}

/// Why a round could not open, for the planner.
pub(super) fn describe_refusal(refusal: &DomainError) -> String {
    let details: Vec<String> = match refusal {
        DomainError::Invalid(problems) => problems
            .iter()
            .map(|p| match &p.problem {
                Problem::Required if p.field.ends_with(".approvers") => {
                    "một ban trong quy trình không có thành viên nào đang đương nhiệm".into()
                }
                Problem::Required if p.field.ends_with(".chair") => {
                    "một ban quyết định theo người chủ trì nhưng chưa có người chủ trì".into()
                }
                other => other.message(Lang::Vi),
            })
            .collect(),
        other => vec![other.message(Lang::Vi)],
    };
    format!(
        "Chưa thể mở vòng phê duyệt: {}. Hãy liên hệ quản trị viên để cập nhật danh mục, rồi trình lại.",
        details.join("; ")
    )
}

/// Organisations read once each while one round is worked out.
struct Directories<'a> {
    store: &'a EventStore,
    read: HashMap<Uuid, Option<OrganisationRecord>>,
}

impl<'a> Directories<'a> {
    fn new(store: &'a EventStore) -> Self {
        Self {
            store,
            read: HashMap::new(),
        }
    }

    async fn get(&mut self, id: Uuid) -> Result<Option<OrganisationRecord>, StoreError> {
        if let Some(found) = self.read.get(&id) {
            return Ok(found.clone());
        }
        let loaded = self.store.load::<Directory>(id).await?;
        let record = loaded.state.record().cloned();
        self.read.insert(id, record.clone());
        Ok(record)
    }
}
