//! `caunoi import FILE`: organisations, committees, members, substitutes and approval
//! routes from a YAML or CSV file (docs/import.md). Everything is checked first, with the
//! domain's own rules, against the directory as it stands; nothing is appended unless
//! the whole file is right. Ids come from the keys in the file, so importing a file
//! again changes nothing, and an extended file only adds what is new.

mod append;
pub mod demo;
pub mod history;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use domain::CommandContext;
use domain::directory::Directory;
use eventstore::{CommandMeta, EventStore};
use importer::file::{self, Format};
use importer::plan::{self, Count, Tally};
use importer::{problem, spec};
use uuid::Uuid;

use crate::infra::Infrastructure;
use crate::settings::Settings;

/// The file had problems: they were printed and nothing was appended.
pub const PROBLEMS: u8 = 2;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A .yaml, .yml or .csv file.
    pub file: PathBuf,
    /// Check the file and show what would change, but append nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Who is recorded as making the changes.
    #[arg(long, default_value = "caunoi-import")]
    pub actor: String,
}

pub async fn run(settings: &Settings, args: &ImportArgs) -> Result<ExitCode> {
    let name = args.file.display().to_string();
    let Some(format) = Format::of(&name) else {
        bail!(
            "{name}: the file must end in .yaml, .yml or .csv (tệp phải có đuôi .yaml, .yml hoặc .csv)"
        );
    };
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {name}"))?;
    let (orgs, problems) = file::parse(format, &bytes);
    // A file that could not be read at all is reported before any server is reached;
    // otherwise its problems are reported with those found by checking it further.
    if orgs.is_empty() && !problems.is_empty() {
        return Ok(report_problems(&name, problems));
    }
    let infra = Infrastructure::start(settings).await?;
    let result = import(&infra.store, &name, &orgs, problems, args).await;
    let stopped = infra.stop().await;
    let code = result?;
    stopped?;
    Ok(code)
}

pub(crate) async fn import(
    store: &EventStore,
    name: &str,
    orgs: &[spec::OrganisationSpec],
    mut problems: Vec<problem::Located>,
    args: &ImportArgs,
) -> Result<ExitCode> {
    let mut states = HashMap::new();
    let mut versions = HashMap::new();
    for id in plan::organisations_named(orgs) {
        let loaded = store.load::<Directory>(id).await?;
        versions.insert(id, loaded.version);
        states.insert(id, loaded.state);
    }
    let now = Utc::now();
    let context = CommandContext {
        now,
        actor: args.actor.clone(),
    };
    let plan = plan::plan(orgs, states, context);
    problems.extend(plan.problems);
    if !problems.is_empty() {
        return Ok(report_problems(name, problems));
    }
    print_tally(&plan.tally);
    if args.dry_run {
        println!(
            "Kiểm tra xong, không ghi gì (--dry-run): {} lệnh sẽ được ghi. / Checked, nothing appended (--dry-run): {} commands would be appended.",
            plan.steps.len(),
            plan.steps.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let correlation_id = Uuid::now_v7().to_string();
    let meta = CommandMeta {
        now,
        actor: args.actor.clone(),
        correlation_id: correlation_id.clone(),
        causation_id: Some(format!("import:{name}")),
    };
    let events = append::append(store, &plan.steps, versions, &meta).await?;
    println!(
        "Đã ghi {events} sự kiện (mã tương quan {correlation_id}). / Appended {events} events (correlation id {correlation_id})."
    );
    Ok(ExitCode::SUCCESS)
}

fn report_problems(name: &str, mut problems: Vec<problem::Located>) -> ExitCode {
    problems.sort_by_key(|p| p.at.line);
    for problem in &problems {
        eprintln!("{}", problem::describe(name, problem));
    }
    eprintln!(
        "{} lỗi; không ghi gì vào danh mục. / {} problems; nothing was appended.",
        problems.len(),
        problems.len()
    );
    ExitCode::from(PROBLEMS)
}

fn print_tally(tally: &Tally) {
    let line = |vi: &str, en: &str, count: Count| {
        println!(
            "{vi} / {en}: {} mới / new, {} không đổi / unchanged, {} thay đổi / changed",
            count.new, count.unchanged, count.changed
        );
    };
    line("Tổ chức", "organisations", tally.organisations);
    line("Ban", "committees", tally.committees);
    line("Thành viên", "members", tally.members);
    line("Người thay thế", "substitutes", tally.substitutes);
    line("Quy trình phê duyệt", "approval routes", tally.routes);
}
