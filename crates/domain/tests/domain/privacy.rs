//! The log of who read members' personal data.

use chrono::{NaiveDate, TimeZone, Utc};
use domain::privacy::{ReadCommand, ReadEvent, ReadLog, ReadView, read_log_for, read_log_id};
use domain::{Aggregate, CommandContext, DomainError};
use proptest::prelude::*;
use uuid::Uuid;

use crate::harness;

const DELEGATION: Uuid = Uuid::from_u128(0xde1);

fn at(hour: u32) -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(2027, 5, 31, hour, 30, 0).unwrap(),
        actor: "vananh@thanhdoanlaocai.vn".into(),
    }
}

fn record(view: ReadView) -> ReadCommand {
    ReadCommand::Record {
        delegation_id: DELEGATION,
        view,
    }
}

#[test]
fn a_read_is_recorded_with_where_it_was_read() {
    let events = harness::when(
        &harness::given::<ReadLog>(&[]),
        &record(ReadView::RosterXlsx),
        &at(2),
    )
    .unwrap();
    assert_eq!(
        events,
        [ReadEvent::Read {
            delegation_id: DELEGATION,
            view: ReadView::RosterXlsx
        }]
    );
    let log: ReadLog = harness::given(&events);
    assert_eq!((log.delegation_id, log.reads), (Some(DELEGATION), 1));
}

#[test]
fn a_read_without_a_reader_is_refused() {
    let nobody = CommandContext {
        actor: " ".into(),
        ..at(2)
    };
    let refused = harness::when(&ReadLog::default(), &record(ReadView::Page), &nobody);
    assert!(
        matches!(refused, Err(DomainError::Invalid(_))),
        "{refused:?}"
    );
}

#[test]
fn one_log_holds_one_delegation_only() {
    let other = ReadEvent::Read {
        delegation_id: Uuid::from_u128(0xde2),
        view: ReadView::Api,
    };
    let log: ReadLog = harness::given(&[other]);
    assert!(harness::when(&log, &record(ReadView::Page), &at(2)).is_err());
}

#[test]
fn the_log_of_a_read_is_that_of_its_day_in_vietnam() {
    // 31/5 23:30 UTC is already 1/6 in Vietnam.
    let late = read_log_for(DELEGATION, &at(23));
    assert_eq!(
        late,
        read_log_id(DELEGATION, NaiveDate::from_ymd_opt(2027, 6, 1).unwrap())
    );
    assert_ne!(
        late,
        read_log_for(DELEGATION, &at(2)),
        "another day, another log"
    );
}

proptest! {
    #[test]
    fn every_read_counts_once(views in proptest::collection::vec(0usize..4, 0..40)) {
        let all = [
            ReadView::Page,
            ReadView::Api,
            ReadView::RosterCsv,
            ReadView::RosterXlsx,
        ];
        let mut log = ReadLog::default();
        for view in &views {
            for event in harness::when(&log, &record(all[*view]), &at(8)).unwrap() {
                log = log.evolve(&event);
            }
        }
        prop_assert_eq!(log.reads as usize, views.len());
    }
}
