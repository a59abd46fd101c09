//! The stored form of every event is a contract. Each event type has a fixture for every
//! schema version it was ever written at: its stored data in
//! `tests/fixtures/events/<aggregate>/<EventType>.v<N>.json`. Every fixture must keep
//! loading through its aggregate's event type (older versions through the upcaster), and
//! one at the current version must be written back exactly as it was stored.
//!
//! A new event type gets its fixture from the first test that decides it: run
//! `CAUNOI_KEEP_EVENT_FIXTURES=1 cargo test -p domain` and commit the new file. A fixture
//! is never edited or deleted; a new version adds a file beside the old one.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::PathBuf;

use domain::access::UserAccount;
use domain::agreement::Agreement;
use domain::approval::ApprovalRound;
use domain::delegation::Delegation;
use domain::directory::Directory;
use domain::followup::FollowUpReport;
use domain::privacy::ReadLog;
use domain::programme::Programme;
use domain::reminders::ReminderPreferences;
use domain::{Aggregate, DomainEvent, TaggedEvent};
use serde_json::Value;

const KEEP: &str = "CAUNOI_KEEP_EVENT_FIXTURES";

fn folder<A: Aggregate>() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/events")
        .join(A::TYPE)
}

/// Writes the stored form of each event that has no fixture yet, when `KEEP` is set.
pub fn keep<A: Aggregate>(events: &[A::Event]) {
    if std::env::var_os(KEEP).is_none() {
        return;
    }
    let folder = folder::<A>();
    fs::create_dir_all(&folder).expect("the fixture folder can be made");
    for event in events {
        let path = folder.join(format!(
            "{}.v{}.json",
            event.event_type(),
            event.schema_version()
        ));
        // Tests run in parallel: only the first to get here writes the file.
        if let Ok(mut file) = fs::File::create_new(&path) {
            let text = serde_json::to_string_pretty(&event.to_data()).expect("plain data");
            writeln!(file, "{text}").expect("the fixture can be written");
        }
    }
}

/// The event types an event enum can hold, read off its JSON schema.
fn event_types<E: schemars::JsonSchema>() -> BTreeSet<String> {
    let schema = schemars::schema_for!(E);
    let value = schema.as_value();
    let variants = value
        .get("oneOf")
        .or_else(|| value.get("anyOf"))
        .and_then(Value::as_array)
        .expect("an event enum's schema lists its variants");
    variants
        .iter()
        .map(|variant| {
            let tag = &variant["properties"]["type"];
            tag.get("const")
                .or_else(|| tag["enum"].get(0))
                .and_then(Value::as_str)
                .expect("every variant names its type")
                .to_string()
        })
        .collect()
}

/// Every fixture of `A` loads, a current one is written back as stored, and every event
/// type `A` can hold has a fixture at the current version. Returns what went wrong.
fn check<A: Aggregate>() -> Vec<String>
where
    A::Event: TaggedEvent + schemars::JsonSchema + PartialEq + std::fmt::Debug,
{
    let current = <A::Event as TaggedEvent>::CURRENT_VERSION;
    let folder = folder::<A>();
    let mut problems = Vec::new();
    let mut found = BTreeSet::new();
    for entry in fs::read_dir(&folder).into_iter().flatten() {
        let path = entry.expect("a readable folder").path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some((event_type, version)) = name
            .strip_suffix(".json")
            .and_then(|stem| stem.rsplit_once(".v"))
            .and_then(|(t, v)| Some((t.to_string(), v.parse::<u32>().ok()?)))
        else {
            problems.push(format!(
                "{}: not named <EventType>.v<N>.json",
                path.display()
            ));
            continue;
        };
        let stored: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match A::Event::from_stored(&event_type, version, stored.clone()) {
            Ok(event) if version == current && event.to_data() != stored => problems.push(format!(
                "{}: loads, but is written back differently: {}",
                path.display(),
                event.to_data()
            )),
            Ok(_) => {
                found.insert((event_type, version));
            }
            Err(error) => problems.push(format!("{}: no longer loads: {error}", path.display())),
        }
    }
    for event_type in event_types::<A::Event>() {
        if !found.contains(&(event_type.clone(), current)) {
            problems.push(format!(
                "{} v{current} has no fixture in {}: run `{KEEP}=1 cargo test -p domain` and commit it",
                event_type,
                folder.display()
            ));
        }
    }
    problems
}

#[test]
fn every_event_type_has_a_stored_fixture_that_still_loads() {
    let problems: Vec<String> = [
        check::<Programme>(),
        check::<ApprovalRound>(),
        check::<Delegation>(),
        check::<Directory>(),
        check::<FollowUpReport>(),
        check::<Agreement>(),
        check::<UserAccount>(),
        check::<ReminderPreferences>(),
        check::<ReadLog>(),
    ]
    .concat();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_fixture_from_a_newer_version_is_refused_not_misread() {
    let stored = fs::read_to_string(folder::<Programme>().join("ProgrammeSubmitted.v1.json"))
        .expect("the submitted fixture");
    let data: Value = serde_json::from_str(&stored).unwrap();
    let error = <Programme as Aggregate>::Event::from_stored("ProgrammeSubmitted", 2, data)
        .expect_err("version 2 is not known yet");
    assert!(error.to_string().contains("newer"), "{error}");
}
