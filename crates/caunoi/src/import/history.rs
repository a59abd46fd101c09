//! `caunoi import-history FILE`: past programmes from a CSV, XLSX or YAML file, recorded
//! as history (docs/import.md, "History"): closed at once, with no approval round, report
//! or reminder. Everything is checked first, with the domain's own rules, against the
//! directory and the programmes as they stand; nothing is appended unless the whole file
//! is right. Ids come from the host and each row's key, so importing a file again
//! changes nothing, and an extended file only adds its new rows.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use app::history::{CheckedHistory, HistoryError, HistoryFile};
use chrono::Utc;
use domain::CommandContext;
use domain::programme::Programme;
use eventstore::{CommandMeta, EventStore, ExecuteError};
use importer::history::{self, Format, PastProgrammeSpec};
use importer::problem::{self, Located};
use uuid::Uuid;

use super::PROBLEMS;
use crate::infra::Infrastructure;
use crate::settings::Settings;

/// How often progress is printed during a long import.
const PROGRESS_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, clap::Args)]
pub struct ImportHistoryArgs {
    /// A .csv, .xlsx, .yaml or .yml file of past programmes.
    pub file: PathBuf,
    /// Check the file and show what would be recorded, but append nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Who is recorded as having imported the programmes.
    #[arg(long, default_value = "caunoi-import")]
    pub actor: String,
}

pub async fn run(settings: &Settings, args: &ImportHistoryArgs) -> Result<ExitCode> {
    let name = args.file.display().to_string();
    let Some(format) = Format::of(&name) else {
        bail!(
            "{name}: the file must end in .csv, .xlsx, .yaml or .yml (tệp phải có đuôi .csv, .xlsx, .yaml hoặc .yml)"
        );
    };
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {name}"))?;
    let (rows, problems) = history::parse(format, &bytes);
    // A file that could not be read at all is reported before any server is reached.
    if rows.is_empty() && !problems.is_empty() {
        return Ok(report_problems(&name, problems));
    }
    let infra = Infrastructure::start(settings).await?;
    let result = import(&infra.store, &name, &rows, problems, args).await;
    let stopped = infra.stop().await;
    let code = result?;
    stopped?;
    Ok(code)
}

pub(crate) async fn import(
    store: &EventStore,
    name: &str,
    rows: &[PastProgrammeSpec],
    problems: Vec<Located>,
    args: &ImportHistoryArgs,
) -> Result<ExitCode> {
    let now = Utc::now();
    let context = CommandContext {
        now,
        actor: args.actor.clone(),
    };
    let file = HistoryFile {
        name,
        rows,
        problems,
    };
    let checked = match app::history::check(store, file, &context).await {
        Ok(checked) => checked,
        Err(HistoryError::Problems(problems)) => return Ok(report_problems(name, problems)),
        Err(error) => return Err(error.into()),
    };
    let plan = &checked.plan;
    println!(
        "Chương trình đã diễn ra / past programmes: {} mới / new, {} không đổi / unchanged",
        plan.new, plan.unchanged
    );
    if args.dry_run {
        println!(
            "Kiểm tra xong, không ghi gì (--dry-run): {} chương trình sẽ được ghi nhận. / Checked, nothing appended (--dry-run): {} programmes would be recorded.",
            plan.steps.len(),
            plan.steps.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let correlation_id = Uuid::now_v7().to_string();
    let source = Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |f| f.to_string_lossy().into_owned());
    let meta = CommandMeta {
        now,
        actor: args.actor.clone(),
        correlation_id: correlation_id.clone(),
        causation_id: Some(format!("import-history:{source}")),
    };
    let events = append(store, &checked, &meta).await?;
    println!(
        "Đã ghi {events} sự kiện (mã tương quan {correlation_id}). / Appended {events} events (correlation id {correlation_id})."
    );
    Ok(ExitCode::SUCCESS)
}

/// Appends every step, each stating the version it was planned on (0: the programme is
/// new), so that a programme recorded by someone else meanwhile stops the import.
async fn append(store: &EventStore, checked: &CheckedHistory, meta: &CommandMeta) -> Result<u64> {
    let steps = &checked.plan.steps;
    let started = Instant::now();
    let mut last_report = Instant::now();
    let mut events = 0;
    for (done, step) in steps.iter().enumerate() {
        let version = checked.version_of(step.programme);
        let outcome = store
            .execute::<Programme>(step.programme, Some(version), &step.command, meta)
            .await;
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(ExecuteError::VersionConflict { .. }) => bail!(
                "programme {} was recorded by someone else during the import; {done} of {} \
                 programmes were recorded. Run the import again to check and add the rest \
                 (chương trình vừa được người khác ghi nhận; hãy chạy lại lệnh nhập)",
                step.programme,
                steps.len()
            ),
            Err(error) => {
                return Err(error).with_context(|| {
                    format!(
                        "recording programme {} after {done} of {}; run the import again to add the rest",
                        step.programme,
                        steps.len()
                    )
                });
            }
        };
        events += outcome.appended.len() as u64;
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

fn report_problems(name: &str, mut problems: Vec<Located>) -> ExitCode {
    problems.sort_by_key(|p| p.at.line);
    for problem in &problems {
        eprintln!("{}", problem::describe(name, problem));
    }
    eprintln!(
        "{} lỗi; không ghi nhận chương trình nào. / {} problems; nothing was appended.",
        problems.len(),
        problems.len()
    );
    ExitCode::from(PROBLEMS)
}
