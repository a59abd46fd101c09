//! Changing a follow-up report, which moves its programme on.

use domain::followup::{FollowUpReport, ReportCommand, programme_steps};
use domain::programme::Programme;
use domain::{Aggregate, CommandContext, DomainError, Entity};
use eventstore::{CommandMeta, ExecuteError, Outcome};
use uuid::Uuid;

use crate::Commands;

/// What a change to a report did.
pub struct ReportChanged {
    /// The outcome of the report's last command.
    pub report: Outcome<FollowUpReport>,
    /// The newest stream position the change reached, the programme's steps included.
    pub position: u64,
    /// Whether the read models already show everything up to `position`.
    pub visible: bool,
}

impl Commands {
    /// Runs a report's commands as one change: `first` (against `expected_version`), then
    /// each of `then`. They are all decided beforehand, with the programme steps they lead
    /// to, so that a refusal appends nothing. Then the programme is brought in line with
    /// the report (held, followed up, closed); running the same change again after an
    /// interruption completes what was left.
    pub async fn change_report(
        &self,
        meta: &CommandMeta,
        report_id: Uuid,
        expected_version: Option<u64>,
        first: &ReportCommand,
        then: &[ReportCommand],
    ) -> Result<ReportChanged, ExecuteError> {
        let commands: Vec<&ReportCommand> = std::iter::once(first).chain(then).collect();
        self.rehearse(meta, report_id, &commands).await?;
        let mut expected = expected_version;
        let mut report = None;
        for command in commands {
            report = Some(
                self.append::<FollowUpReport>(meta, report_id, expected, command)
                    .await?,
            );
            expected = None;
        }
        let report = report.expect("a change has at least its first command");
        let mut position = report.position;
        if let Some(record) = report.state.record() {
            let programme_id = record.programme.programme_id;
            let programme = self.store.load::<Programme>(programme_id).await?;
            position = position.max(programme.last_sequence);
            if let Some(current) = programme.state.record() {
                for step in programme_steps(current, record)? {
                    let moved = self
                        .append::<Programme>(meta, programme_id, None, &step)
                        .await?;
                    position = position.max(moved.position);
                }
            }
        }
        let visible = self.visible(position).await;
        Ok(ReportChanged {
            report,
            position,
            visible,
        })
    }

    /// Decides the commands one after the other on the current report, and the programme
    /// steps the result calls for, appending nothing.
    async fn rehearse(
        &self,
        meta: &CommandMeta,
        report_id: Uuid,
        commands: &[&ReportCommand],
    ) -> Result<(), ExecuteError> {
        let context = CommandContext {
            now: meta.now,
            actor: meta.actor.clone(),
        };
        let mut report = self.store.load::<FollowUpReport>(report_id).await?.state;
        for command in commands {
            let events = report.decide_checked(command, &context)?;
            report = events
                .iter()
                .fold(report, |state, event| state.evolve(event));
        }
        let Some(record) = report.record() else {
            return Ok(());
        };
        let programme = self
            .store
            .load::<Programme>(record.programme.programme_id)
            .await?;
        let Some(current) = programme.state.record() else {
            return Err(DomainError::NotFound(Entity::Programme).into());
        };
        programme_steps(current, record)?;
        Ok(())
    }
}
