//! `caunoi demo`: the stories of the articles the product was built from, loaded into the
//! event store so that a newcomer sees full pages (README, "Demo data"). It uses the same
//! code paths as the imports: the example directory (`caunoi import`), Lạng Sơn's
//! delegations since 2017 as history (`caunoi import-history`), the Lào Cai – Hà Khẩu MOU
//! with its review after one year (`mou`), then the 27 children's delegation to Hà Khẩu and
//! the conference of 21/11/2023, recorded as history too (`demo-lich-su.csv`). Every id is
//! derived from a fixed key and each step looks at what is already stored, so running it
//! again appends nothing. Nothing it records is waiting for anyone:
//! no approval round is opened, so no mail is sent, and no reminder falls due for the
//! past (see `mou`).

mod mou;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use chrono::Utc;
use eventstore::{CommandMeta, EventStore};
use importer::{file, history};
use uuid::Uuid;

use super::ImportArgs;
use super::history::ImportHistoryArgs;
use crate::infra::Infrastructure;
use crate::settings::Settings;

/// Who is recorded as having loaded the demo data.
const ACTOR: &str = "caunoi-demo";

const DIRECTORY_FILE: &str = "directory.yaml";
const DIRECTORY: &[u8] = include_bytes!("../../../../../deploy/examples/directory.yaml");
const HISTORY_FILE: &str = "lich-su-lang-son.csv";
const HISTORY: &[u8] = include_bytes!("../../../../../deploy/examples/lich-su-lang-son.csv");
/// The other stories' programmes, recorded as history too (see README, "Demo data").
const STORIES_FILE: &str = "demo-lich-su.csv";
const STORIES: &[u8] = include_bytes!("../../../../../deploy/examples/demo-lich-su.csv");

/// Namespace of the demo's own ids (UUIDv5). Never change: running the demo again
/// relies on it.
const NAMESPACE: Uuid = Uuid::from_u128(0x5d1c_2a07_93e4_4b5e_a0f1_6c8e_2b7d_4f19);

/// The id of one thing of the demo, by its key.
pub fn id(key: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, key.as_bytes())
}

pub async fn run(settings: &Settings) -> Result<ExitCode> {
    let infra = Infrastructure::start(settings).await?;
    let result = load(&infra.store, &settings.public_url()).await;
    let stopped = infra.stop().await;
    let code = result?;
    stopped?;
    Ok(code)
}

async fn load(store: &EventStore, public_url: &str) -> Result<ExitCode> {
    println!("1/4 Danh mục tổ chức / directory ({DIRECTORY_FILE})");
    let (orgs, problems) = file::parse(file::Format::Yaml, DIRECTORY);
    let args = ImportArgs {
        file: PathBuf::from(DIRECTORY_FILE),
        dry_run: false,
        actor: ACTOR.into(),
    };
    let code = super::import(store, DIRECTORY_FILE, &orgs, problems, &args).await?;
    if code != ExitCode::SUCCESS {
        return Ok(code);
    }

    println!("2/4 Lạng Sơn từ năm 2017 / Lạng Sơn since 2017 ({HISTORY_FILE})");
    let code = history_file(store, HISTORY_FILE, HISTORY).await?;
    if code != ExitCode::SUCCESS {
        return Ok(code);
    }

    println!("3/4 Biên bản ghi nhớ Lào Cai – Hà Khẩu 2023–2027 / the MOU and its review");
    let meta = CommandMeta {
        now: Utc::now(),
        actor: ACTOR.into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: Some("demo".into()),
    };
    let events = mou::load(store, &meta).await?;
    println!("Đã ghi {events} sự kiện. / Appended {events} events.");

    println!(
        "4/4 Thiếu nhi Lào Cai sang Hà Khẩu, hội nghị ngày 21/11/2023 / the children's delegation, the conference ({STORIES_FILE})"
    );
    let code = history_file(store, STORIES_FILE, STORIES).await?;
    if code != ExitCode::SUCCESS {
        return Ok(code);
    }
    print_where(public_url);
    Ok(ExitCode::SUCCESS)
}

/// Records the rows of a history file, as `caunoi import-history` does.
async fn history_file(store: &EventStore, name: &str, bytes: &[u8]) -> Result<ExitCode> {
    let (rows, problems) = history::parse(history::Format::Csv, bytes);
    let args = ImportHistoryArgs {
        file: PathBuf::from(name),
        dry_run: false,
        actor: ACTOR.into(),
    };
    super::history::import(store, name, &rows, problems, &args).await
}

/// Where each story is seen, for a person with a role in its organisation.
fn print_where(public_url: &str) {
    let base = public_url.trim_end_matches('/');
    let lang_son = importer::ids::organisation("hoi-huu-nghi-viet-trung-lang-son");
    println!("Xem / see:");
    println!("  {base}/figures?from=2017&to=2023&organisation={lang_son}   Lạng Sơn 2017–2023");
    println!("  {base}/programmes   (Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn)");
    println!(
        "  {base}/agreements/{}   MOU Lào Cai – Hà Khẩu",
        id(mou::KEY)
    );
}
