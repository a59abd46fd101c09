use domain::delegation::{PersonalDetails, ProgrammeWindow, RosterEntry, Warning, warnings};
use projector::delegation_queries::{self, DelegationRow, MemberRow};
use projector::queries::{self, ProgrammeDetail};
use sqlx::PgPool;
use uuid::Uuid;
use vault::Vault;

use crate::LogisticsError;

/// One member as a reader sees them: their details, or nothing once they were forgotten.
#[derive(Debug, Clone)]
pub struct RosterMember {
    pub person_id: Uuid,
    /// Their number on the roster, from 1.
    pub position: usize,
    pub details: Option<PersonalDetails>,
}

impl RosterMember {
    pub fn is_redacted(&self) -> bool {
        self.details.is_none()
    }
}

/// A delegation with its programme, its members opened, and its warnings.
#[derive(Debug, Clone)]
pub struct Roster {
    pub delegation: DelegationRow,
    pub programme: ProgrammeDetail,
    pub members: Vec<RosterMember>,
    pub warnings: Vec<Warning>,
}

/// Opens the members' sealed details with their keys. A member whose key is gone (they
/// were forgotten, perhaps by another instance a moment ago) or whose row no longer holds
/// sealed text comes out redacted: reading never fails because someone was forgotten.
pub async fn open_members(
    vault: &Vault,
    rows: Vec<MemberRow>,
) -> Result<Vec<RosterMember>, LogisticsError> {
    let ids: Vec<Uuid> = rows
        .iter()
        .filter(|r| r.sealed.is_some())
        .map(|r| r.person_id)
        .collect();
    let keys = vault.keys(&ids).await?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let details = match (&row.sealed, keys.get(&row.person_id)) {
                (Some(sealed), Some(key)) if !row.forgotten => key.open(row.person_id, sealed).ok(),
                _ => None,
            };
            RosterMember {
                person_id: row.person_id,
                position: i + 1,
                details,
            }
        })
        .collect())
}

/// The roster of a delegation, or `None` when there is no such delegation.
pub async fn load_roster(
    pool: &PgPool,
    vault: &Vault,
    delegation_id: Uuid,
) -> Result<Option<Roster>, LogisticsError> {
    let Some(delegation) = delegation_queries::delegation(pool, delegation_id).await? else {
        return Ok(None);
    };
    let Some(programme) = queries::detail(pool, delegation.record.programme_id).await? else {
        return Ok(None);
    };
    let members = open_members(
        vault,
        delegation_queries::members(pool, delegation_id).await?,
    )
    .await?;
    let plan = &programme.record.plan;
    let window = ProgrammeWindow {
        start: plan.schedule.start,
        end: plan.schedule.end,
        approved_size: plan.expected_delegation_size,
    };
    let entries: Vec<RosterEntry<'_>> = members
        .iter()
        .map(|m| RosterEntry {
            person_id: m.person_id,
            position: m.position,
            details: m.details.as_ref(),
        })
        .collect();
    let warnings = warnings(&delegation.record, &entries, &window);
    Ok(Some(Roster {
        delegation,
        programme,
        members,
        warnings,
    }))
}
