//! Appends a checked plan, organisation by organisation, in order. Each command states
//! the version it was planned on, so that a change made by someone else meanwhile stops
//! the import instead of being overwritten; running it again then adds the rest.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use domain::directory::Directory;
use eventstore::{CommandMeta, EventStore, ExecuteError};
use std::collections::HashMap;
use uuid::Uuid;

use importer::plan::Step;

/// How often progress is printed during a long import.
const PROGRESS_EVERY: Duration = Duration::from_secs(1);

/// Appends every step; returns how many events were appended.
pub async fn append(
    store: &EventStore,
    steps: &[Step],
    mut versions: HashMap<Uuid, u64>,
    meta: &CommandMeta,
) -> Result<u64> {
    let started = Instant::now();
    let mut last_report = Instant::now();
    let mut events = 0;
    for (done, step) in steps.iter().enumerate() {
        let version = versions.get(&step.organisation).copied().unwrap_or(0);
        let outcome = store
            .execute::<Directory>(step.organisation, Some(version), &step.command, meta)
            .await;
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(ExecuteError::VersionConflict { .. }) => bail!(
                "organisation {} was changed by someone else during the import; {done} of {} \
                 commands were appended. Run the import again to add the rest \
                 (tổ chức vừa bị người khác thay đổi; hãy chạy lại lệnh nhập để thêm phần còn lại)",
                step.organisation,
                steps.len()
            ),
            Err(error) => {
                return Err(error).with_context(|| {
                    format!(
                        "appending to organisation {} after {done} of {} commands; \
                         run the import again to add the rest",
                        step.organisation,
                        steps.len()
                    )
                });
            }
        };
        events += outcome.appended.len() as u64;
        versions.insert(step.organisation, outcome.version);
        if last_report.elapsed() >= PROGRESS_EVERY {
            last_report = Instant::now();
            eprintln!(
                "Đang ghi / appending: {}/{} ({:.0}%), {:.0}/s",
                done + 1,
                steps.len(),
                100.0 * (done + 1) as f64 / steps.len() as f64,
                (done + 1) as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(events)
}
