//! Checks that warn without refusing: shown beside the roster so that coordinators fix
//! them before the crossing. They need members' dates, so they are worked out when the
//! roster is read and its details opened; a forgotten person raises none.

use chrono::{Months, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

use super::DelegationRecord;
use super::person::PersonalDetails;
use crate::i18n::Lang;
use crate::labels::format_date;

/// A travel document must stay valid this long after the return, as border guards ask.
pub const DOCUMENT_MARGIN_MONTHS: u32 = 6;

/// What the warnings need to know of the programme, as approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgrammeWindow {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub approved_size: u32,
}

/// One member on the roster, with their details when they can still be read.
#[derive(Debug, Clone, Copy)]
pub struct RosterEntry<'a> {
    pub person_id: Uuid,
    /// The member's number on the roster, from 1.
    pub position: usize,
    pub details: Option<&'a PersonalDetails>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Warning {
    DocumentExpiresTooSoon {
        person_id: Uuid,
        position: usize,
        expires_on: NaiveDate,
        return_day: NaiveDate,
    },
    DocumentMissing {
        person_id: Uuid,
        position: usize,
    },
    MinorWithoutGuardian {
        person_id: Uuid,
        position: usize,
    },
    MinorWithoutConsent {
        person_id: Uuid,
        position: usize,
    },
    OverApprovedSize {
        members: usize,
        approved: u32,
    },
    AgendaOutsideProgramme {
        item_id: Uuid,
        date: NaiveDate,
    },
    TaskDueAfterDeparture {
        task_id: Uuid,
        due_on: NaiveDate,
        departs_on: NaiveDate,
    },
}

/// Every warning about the delegation, members first in roster order.
pub fn warnings(
    record: &DelegationRecord,
    roster: &[RosterEntry<'_>],
    programme: &ProgrammeWindow,
) -> Vec<Warning> {
    let departure = record.departure_day().unwrap_or(programme.start);
    let return_day = record.return_day().unwrap_or(programme.end);
    let crosses = record.legs.iter().any(|l| l.border_gate.is_some());
    let mut found = Vec::new();
    for entry in roster {
        let Some(details) = entry.details else {
            continue;
        };
        let (person_id, position) = (entry.person_id, entry.position);
        match &details.document {
            Some(document) => {
                let needed = return_day + Months::new(DOCUMENT_MARGIN_MONTHS);
                if document.expires_on < needed {
                    found.push(Warning::DocumentExpiresTooSoon {
                        person_id,
                        position,
                        expires_on: document.expires_on,
                        return_day,
                    });
                }
            }
            None if crosses => found.push(Warning::DocumentMissing {
                person_id,
                position,
            }),
            None => {}
        }
        if details.is_minor_on(departure) {
            if details.guardian.is_none() {
                found.push(Warning::MinorWithoutGuardian {
                    person_id,
                    position,
                });
            }
            if !details.parental_consent {
                found.push(Warning::MinorWithoutConsent {
                    person_id,
                    position,
                });
            }
        }
    }
    if roster.len() > programme.approved_size as usize {
        found.push(Warning::OverApprovedSize {
            members: roster.len(),
            approved: programme.approved_size,
        });
    }
    for item in &record.agenda {
        if item.date < programme.start || item.date > programme.end {
            found.push(Warning::AgendaOutsideProgramme {
                item_id: item.id,
                date: item.date,
            });
        }
    }
    for task in record.tasks.iter().filter(|t| !t.status.is_closed()) {
        let departs_on = task
            .leg_id
            .and_then(|id| record.legs.iter().find(|l| l.id == id))
            .map_or(departure, |leg| leg.departs.at.date());
        if task.due_on > departs_on {
            found.push(Warning::TaskDueAfterDeparture {
                task_id: task.id,
                due_on: task.due_on,
                departs_on,
            });
        }
    }
    found
}

impl Warning {
    /// The warning for people, in Vietnamese or English. It names members by their number
    /// on the roster, never by name.
    pub fn message(&self, lang: Lang) -> String {
        use Warning::*;
        match (self, lang) {
            (
                DocumentExpiresTooSoon {
                    position,
                    expires_on,
                    return_day,
                    ..
                },
                Lang::Vi,
            ) => format!(
                "Thành viên số {position}: hộ chiếu/giấy thông hành hết hạn ngày {}, chưa đủ {DOCUMENT_MARGIN_MONTHS} tháng sau ngày về {}.",
                format_date(*expires_on, Lang::Vi),
                format_date(*return_day, Lang::Vi)
            ),
            (
                DocumentExpiresTooSoon {
                    position,
                    expires_on,
                    return_day,
                    ..
                },
                Lang::En,
            ) => format!(
                "Member {position}: the passport or pass expires on {}, less than {DOCUMENT_MARGIN_MONTHS} months after the return on {}.",
                format_date(*expires_on, Lang::Vi),
                format_date(*return_day, Lang::Vi)
            ),
            (DocumentMissing { position, .. }, Lang::Vi) => {
                format!("Thành viên số {position}: chưa có số hộ chiếu hoặc giấy thông hành.")
            }
            (DocumentMissing { position, .. }, Lang::En) => {
                format!("Member {position}: no passport or border pass yet.")
            }
            (MinorWithoutGuardian { position, .. }, Lang::Vi) => {
                format!("Thành viên số {position} chưa đủ 18 tuổi nhưng chưa có người giám hộ.")
            }
            (MinorWithoutGuardian { position, .. }, Lang::En) => {
                format!("Member {position} is under 18 and has no guardian.")
            }
            (MinorWithoutConsent { position, .. }, Lang::Vi) => format!(
                "Thành viên số {position} chưa đủ 18 tuổi nhưng chưa có giấy đồng ý của cha mẹ."
            ),
            (MinorWithoutConsent { position, .. }, Lang::En) => {
                format!("Member {position} is under 18 and has no parental consent.")
            }
            (OverApprovedSize { members, approved }, Lang::Vi) => format!(
                "Đoàn có {members} người, nhiều hơn số lượng được duyệt ({approved} người)."
            ),
            (OverApprovedSize { members, approved }, Lang::En) => {
                format!("The delegation has {members} members, more than the {approved} approved.")
            }
            (AgendaOutsideProgramme { date, .. }, Lang::Vi) => format!(
                "Lịch trình có hoạt động ngày {}, ngoài thời gian của chương trình.",
                format_date(*date, Lang::Vi)
            ),
            (AgendaOutsideProgramme { date, .. }, Lang::En) => format!(
                "The itinerary has an item on {}, outside the programme's dates.",
                format_date(*date, Lang::Vi)
            ),
            (
                TaskDueAfterDeparture {
                    due_on, departs_on, ..
                },
                Lang::Vi,
            ) => format!(
                "Một việc cần làm có hạn {}, sau ngày khởi hành {}.",
                format_date(*due_on, Lang::Vi),
                format_date(*departs_on, Lang::Vi)
            ),
            (
                TaskDueAfterDeparture {
                    due_on, departs_on, ..
                },
                Lang::En,
            ) => format!(
                "A task is due on {}, after the departure on {}.",
                format_date(*due_on, Lang::Vi),
                format_date(*departs_on, Lang::Vi)
            ),
        }
    }
}
