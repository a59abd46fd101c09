//! Recording past programmes from a file as history (docs/import.md, "History"), for the
//! administrator's page and `caunoi import-history` alike: the rows are checked with the
//! importer's planner against what the event store holds, and recorded only when the whole
//! file is right.

use std::collections::HashMap;

use domain::CommandContext;
use domain::agreement::Agreement;
use domain::directory::Directory;
use domain::programme::Programme;
use eventstore::{CommandMeta, EventStore, ExecuteError, StoreError};
use importer::history::{self, Known, PastProgrammeSpec, Plan};
use importer::problem::Located;
use uuid::Uuid;

use crate::Commands;
use crate::access::{Action, Actor, Subject};

/// A file of past programmes as read: its name (each programme records it as its source,
/// without the folders of the machine it came from), its rows, and the problems found
/// while reading it.
pub struct HistoryFile<'a> {
    pub name: &'a str,
    pub rows: &'a [PastProgrammeSpec],
    pub problems: Vec<Located>,
}

/// The file checked: what it would record, on which versions of the programmes.
pub struct CheckedHistory {
    pub plan: Plan,
    versions: HashMap<Uuid, u64>,
}

impl CheckedHistory {
    /// The version a step was planned on (0: the programme is new).
    pub fn version_of(&self, programme: Uuid) -> u64 {
        self.versions.get(&programme).copied().unwrap_or(0)
    }
}

/// What recording the file did.
pub struct RecordedHistory {
    pub new: usize,
    pub unchanged: usize,
    pub events: u64,
    /// False when the read models had not caught up within the configured wait.
    pub visible: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The file has mistakes, each with its line and field; nothing was recorded.
    #[error("the file has {} problems", .0.len())]
    Problems(Vec<Located>),
    /// The file records programmes of organisations the person does not administer.
    #[error("not an administrator of every host organisation of the file")]
    NotAdministered,
    #[error(transparent)]
    Execute(#[from] ExecuteError),
}

impl From<StoreError> for HistoryError {
    fn from(error: StoreError) -> Self {
        HistoryError::Execute(error.into())
    }
}

/// Loads the organisations, agreements and programmes the rows name and plans the file
/// against them. No permission is checked: the command line is run by the operator.
pub async fn check(
    store: &EventStore,
    file: HistoryFile<'_>,
    context: &CommandContext,
) -> Result<CheckedHistory, HistoryError> {
    let mut known = Known::default();
    for id in history::hosts_named(file.rows) {
        known
            .organisations
            .insert(id, store.load::<Directory>(id).await?.state);
    }
    for id in history::agreements_named(file.rows) {
        known
            .agreements
            .insert(id, store.load::<Agreement>(id).await?.state);
    }
    let mut versions = HashMap::new();
    for id in history::programme_ids(file.rows) {
        let loaded = store.load::<Programme>(id).await?;
        versions.insert(id, loaded.version);
        known.programmes.insert(id, loaded.state);
    }
    let mut plan = history::plan(file.rows, bare_name(file.name), &known, context);
    let mut problems = file.problems;
    problems.append(&mut plan.problems);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.at.line);
        return Err(HistoryError::Problems(problems));
    }
    Ok(CheckedHistory { plan, versions })
}

/// The file's name without the folders before it, whichever system wrote them.
fn bare_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

impl Commands {
    /// Checks a file of past programmes for a person: it may record only programmes
    /// hosted by organisations they administer.
    pub async fn check_history(
        &self,
        actor: &Actor,
        file: HistoryFile<'_>,
        context: &CommandContext,
    ) -> Result<CheckedHistory, HistoryError> {
        let hosts = history::hosts_named(file.rows);
        let checked = check(&self.store, file, context).await?;
        let administers_all = hosts
            .into_iter()
            .all(|host| actor.may(Action::Administer, &Subject::organisation(host)));
        if !administers_all {
            return Err(HistoryError::NotAdministered);
        }
        Ok(checked)
    }

    /// Checks the file again, as the directory and the programmes now stand, and records
    /// each new programme on the version it was planned on, so that a programme recorded
    /// by someone else meanwhile stops it (a version conflict); then waits once for the
    /// read models.
    pub async fn record_history(
        &self,
        meta: &CommandMeta,
        actor: &Actor,
        file: HistoryFile<'_>,
    ) -> Result<RecordedHistory, HistoryError> {
        let context = CommandContext {
            now: meta.now,
            actor: meta.actor.clone(),
        };
        let checked = self.check_history(actor, file, &context).await?;
        let mut events = 0;
        let mut last_position = None;
        for step in &checked.plan.steps {
            let version = checked.version_of(step.programme);
            let outcome = self
                .append::<Programme>(meta, step.programme, Some(version), &step.command)
                .await?;
            events += outcome.appended.len() as u64;
            last_position = Some(outcome.position);
        }
        let visible = match last_position {
            Some(position) => self.visible(position).await,
            None => true,
        };
        Ok(RecordedHistory {
            new: checked.plan.new,
            unchanged: checked.plan.unchanged,
            events,
            visible,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::bare_name;

    #[test]
    fn a_file_is_recorded_by_its_name_alone() {
        assert_eq!(bare_name("lich-su.csv"), "lich-su.csv");
        assert_eq!(bare_name("/home/an/lich-su.csv"), "lich-su.csv");
        assert_eq!(bare_name("C:\\fakepath\\Lịch sử.xlsx"), "Lịch sử.xlsx");
    }
}
