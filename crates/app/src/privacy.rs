//! Reading members' personal data is recorded before the data is shown: a read that cannot
//! be recorded is not served (see `domain::privacy`).

use domain::CommandContext;
use domain::privacy::{ReadCommand, ReadLog, ReadView, read_log_for};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;

use crate::Commands;

impl Commands {
    /// Records that the person of `meta` is reading `delegation_id`'s personal data through
    /// `view`. Callers have checked that they may (`Action::SeePersonalData`).
    pub async fn record_personal_data_read(
        &self,
        meta: &CommandMeta,
        delegation_id: Uuid,
        view: ReadView,
    ) -> Result<(), ExecuteError> {
        let context = CommandContext {
            now: meta.now,
            actor: meta.actor.clone(),
        };
        let log = read_log_for(delegation_id, &context);
        let command = ReadCommand::Record {
            delegation_id,
            view,
        };
        self.append::<ReadLog>(meta, log, None, &command)
            .await
            .map(|_| ())
    }
}
