//! Where on the delegation page each warning belongs: beside the member, the itinerary
//! entry or the task it is about, and linked from the list at the top.

use domain::Lang;
use domain::delegation::Warning;
use uuid::Uuid;

/// A warning as the list at the top shows it: its words, and the anchor of what it is
/// about on the page, if anything there.
pub struct ListedWarning {
    pub message: String,
    pub anchor: Option<String>,
}

/// What a warning is about, and the anchor its row carries on the page.
fn place(warning: &Warning) -> Option<(Uuid, String)> {
    match warning {
        Warning::DocumentExpiresTooSoon { person_id, .. }
        | Warning::DocumentMissing { person_id, .. }
        | Warning::MinorWithoutGuardian { person_id, .. }
        | Warning::MinorWithoutConsent { person_id, .. } => {
            Some((*person_id, format!("member-{person_id}")))
        }
        Warning::AgendaOutsideProgramme { item_id, .. } => {
            Some((*item_id, format!("agenda-{item_id}")))
        }
        Warning::TaskDueAfterDeparture { task_id, .. } => {
            Some((*task_id, format!("task-{task_id}")))
        }
        Warning::OverApprovedSize { .. } => None,
    }
}

pub fn listed(warnings: &[Warning], lang: Lang) -> Vec<ListedWarning> {
    warnings
        .iter()
        .map(|warning| ListedWarning {
            message: warning.message(lang),
            anchor: place(warning).map(|(_, anchor)| anchor),
        })
        .collect()
}

/// The words of every warning about `id` (a member, an itinerary entry or a task).
pub fn about(warnings: &[Warning], id: Uuid, lang: Lang) -> Vec<String> {
    warnings
        .iter()
        .filter(|warning| place(warning).is_some_and(|(about, _)| about == id))
        .map(|warning| warning.message(lang))
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn each_warning_goes_beside_what_it_is_about() {
        let (task, item) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let day = |d| NaiveDate::from_ymd_opt(2027, 5, d).unwrap();
        let warnings = [
            Warning::TaskDueAfterDeparture {
                task_id: task,
                due_on: day(31),
                departs_on: day(30),
            },
            Warning::AgendaOutsideProgramme {
                item_id: item,
                date: day(1),
            },
            Warning::OverApprovedSize {
                members: 31,
                approved: 30,
            },
        ];
        assert_eq!(about(&warnings, task, Lang::Vi).len(), 1);
        assert_eq!(about(&warnings, item, Lang::Vi).len(), 1);
        assert!(about(&warnings, Uuid::from_u128(3), Lang::Vi).is_empty());
        let anchors: Vec<_> = listed(&warnings, Lang::Vi)
            .into_iter()
            .map(|w| w.anchor)
            .collect();
        assert_eq!(
            anchors,
            [
                Some(format!("task-{task}")),
                Some(format!("agenda-{item}")),
                None
            ]
        );
    }
}
