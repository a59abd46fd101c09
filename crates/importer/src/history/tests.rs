use chrono::{NaiveDate, TimeZone, Utc};
use domain::directory::{Directory, DirectoryCommand, OrganisationKind};
use domain::programme::{Programme, ProgrammeCommand, ProgrammeKind};
use domain::{Aggregate, CommandContext, Problem};
use uuid::Uuid;

use super::{Format, Known, Plan, parse, plan, programme_ids};
use crate::ids;
use crate::problem::{Issue, Located, describe};
use crate::spec::Spot;

const EXAMPLE: &str = include_str!("../../../../deploy/examples/lich-su-lang-son.csv");
const FILE: &str = "lich-su-lang-son.csv";
const HOST: &str = "hoi-huu-nghi-viet-trung-lang-son";

fn context() -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(2026, 6, 2, 3, 0, 0).unwrap(),
        actor: "caunoi-import".into(),
    }
}

/// The directory with the Lạng Sơn Friendship Association in it.
fn known() -> Known {
    let id = ids::organisation(HOST);
    let register = DirectoryCommand::Register {
        id,
        name: "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn".into(),
        kind: OrganisationKind::FriendshipAssociation,
        province: Some("Lạng Sơn".into()),
    };
    let events = Directory::New.decide(&register, &context()).unwrap();
    let state = events.iter().fold(Directory::New, |s, e| s.evolve(e));
    let mut known = Known::default();
    known.organisations.insert(id, state);
    known
}

fn plan_of(format: Format, text: &[u8], known: &Known) -> Plan {
    let (rows, problems) = parse(format, text);
    assert!(problems.is_empty(), "{problems:?}");
    plan(&rows, FILE, known, &context())
}

/// `known` once the plan's steps are appended.
fn applied(plan: &Plan, mut known: Known) -> Known {
    for step in &plan.steps {
        let state = known.programmes.entry(step.programme).or_default();
        let events = state.decide(&step.command, &context()).unwrap();
        *state = events
            .iter()
            .fold(std::mem::take(state), |s, e| s.evolve(e));
    }
    known
}

fn issues_at(plan: &Plan) -> Vec<(u64, String, Issue)> {
    plan.problems
        .iter()
        .map(|p| (p.at.line, p.at.field.clone(), p.issue.clone()))
        .collect()
}

#[test]
fn the_example_records_ten_delegations_once_and_again_changes_nothing() {
    let first = plan_of(Format::Csv, EXAMPLE.as_bytes(), &known());
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert_eq!((first.new, first.unchanged), (10, 0));
    let attendance: u32 = first
        .steps
        .iter()
        .map(|s| match &s.command {
            ProgrammeCommand::RecordFromHistory { attendance, .. } => attendance.total,
            other => panic!("{other:?}"),
        })
        .sum();
    assert_eq!(attendance, 946, "gần 1.000 lượt đại biểu");
    let ProgrammeCommand::RecordFromHistory {
        id, plan, source, ..
    } = &first.steps[1].command
    else {
        unreachable!()
    };
    assert_eq!(
        *id,
        ids::past_programme(ids::organisation(HOST), "2017-don-doan-quang-tay")
    );
    assert_eq!(
        plan.host_organisation,
        "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn"
    );
    assert_eq!(plan.kind, ProgrammeKind::Reception);
    // Written day first in the file.
    assert_eq!(
        plan.schedule.start,
        NaiveDate::from_ymd_opt(2017, 9, 14).unwrap()
    );
    assert_eq!(plan.partners[0].country, "CN");
    assert_eq!(source.file, FILE);
    assert_eq!(source.key, "2017-don-doan-quang-tay");
    let last = &first.steps[9].command;
    let ProgrammeCommand::RecordFromHistory { plan, .. } = last else {
        unreachable!()
    };
    assert_eq!(plan.partners.len(), 2, "two partners in one cell");

    let known = applied(&first, known());
    let (rows, _) = parse(Format::Csv, EXAMPLE.as_bytes());
    assert_eq!(programme_ids(&rows).len(), 10);
    for id in programme_ids(&rows) {
        assert_eq!(
            known.programmes[&id].record().unwrap().status,
            domain::programme::Status::Closed
        );
    }
    let again = plan_of(Format::Csv, EXAMPLE.as_bytes(), &known);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert!(again.steps.is_empty());
    assert_eq!((again.new, again.unchanged), (0, 10));
}

#[test]
fn an_extended_file_adds_only_its_new_rows() {
    let known = applied(&plan_of(Format::Csv, EXAMPLE.as_bytes(), &known()), known());
    let extended = format!(
        "{EXAMPLE}2023-don-doan-thanh-nien-bang-tuong,{HOST},Đón đoàn thanh niên thành phố Bằng Tường,reception,2023-06-10,2023-06-11,Thành phố Lạng Sơn,,Thành phố Bằng Tường,20,45,25,20,Giao lưu thanh niên hai bên biên giới.\n"
    );
    let plan = plan_of(Format::Csv, extended.as_bytes(), &known);
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!((plan.new, plan.unchanged), (1, 10));
    assert_eq!(
        plan.steps[0].programme,
        ids::past_programme(
            ids::organisation(HOST),
            "2023-don-doan-thanh-nien-bang-tuong"
        )
    );
}

#[test]
fn a_bad_date_a_key_used_twice_and_an_unknown_organisation_are_each_reported_at_their_row() {
    let text = format!(
        "key,host,title,kind,start,end,partners,delegation_size,attendance,vietnamese_side,partner_side\n\
         2018-a,{HOST},Giao lưu A,cultural,2018-02-30,2018-03-01,Bằng Tường,10,20,,\n\
         2018-b,{HOST},Giao lưu B,cultural,2018-03-01,2018-03-02,Bằng Tường,10,20,,\n\
         2018-b,{HOST},Giao lưu B lần hai,cultural,2018-04-01,2018-04-02,Bằng Tường,10,20,,\n\
         2018-c,hoi-huu-nghi-cao-bang,Giao lưu C,cultural,2018-05-01,2018-05-02,Bằng Tường,10,20,,\n\
         2018-d,{HOST},Giao lưu D,hoi_cho,05/06/2018,2018-06-04,Bằng Tường,mười,20,15,8\n\
         2027-e,{HOST},Giao lưu E,cultural,2027-01-01,2027-01-02,,10,20,,\n"
    );
    let plan = plan_of(Format::Csv, text.as_bytes(), &known());
    assert!(
        plan.steps.len() == 1,
        "only row 3 is right: {:?}",
        plan.steps
    );
    let found = issues_at(&plan);
    let expected = [
        (2, "start", Issue::NotADayOrDate),
        (4, "key", Issue::KeyTwice { first_line: 3 }),
        (
            5,
            "host",
            Issue::UnknownOrganisation("hoi-huu-nghi-cao-bang".into()),
        ),
        (6, "kind", Issue::NotOneOf(crate::values::PROGRAMME_KINDS)),
        (6, "delegation_size", Issue::NotANumber),
        (6, "end", Issue::Domain(Problem::EndBeforeStart)),
        (
            6,
            "partner_side",
            Issue::Domain(Problem::SidesNotTotal { total: 20 }),
        ),
        (7, "partners", Issue::Domain(Problem::Required)),
        (7, "end", Issue::Domain(Problem::NotOver)),
    ];
    for wanted in &expected {
        assert!(
            found
                .iter()
                .any(|f| (f.0, f.1.as_str(), &f.2) == (wanted.0, wanted.1, &wanted.2)),
            "{wanted:?} not in {found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    let printed = describe(FILE, &plan.problems[0]);
    assert!(
        printed.starts_with("lich-su-lang-son.csv:2: start: Ngày phải có dạng"),
        "{printed}"
    );
    assert!(printed.contains("Dates are written YYYY-MM-DD or dd/mm/yyyy"));
}

#[test]
fn a_row_changed_after_it_was_imported_is_refused_at_its_key() {
    let known = applied(&plan_of(Format::Csv, EXAMPLE.as_bytes(), &known()), known());
    let changed = EXAMPLE.replace(",40,120,40,80,", ",40,130,40,90,");
    let plan = plan_of(Format::Csv, changed.as_bytes(), &known);
    assert_eq!(
        issues_at(&plan),
        [(
            2,
            "key".to_string(),
            Issue::Domain(Problem::RecordedDifferently)
        )]
    );
    assert_eq!(plan.unchanged, 9);
}

#[test]
fn a_missing_or_unknown_column_stops_the_reading_at_the_heading() {
    let (rows, problems) = parse(
        Format::Csv,
        "key;host;title;kind;start;end;partners;so_nguoi\n".as_bytes(),
    );
    assert!(rows.is_empty());
    let at_heading: Vec<&Issue> = problems
        .iter()
        .inspect(|p| assert_eq!(p.at, Spot::new(1, "header")))
        .map(|p| &p.issue)
        .collect();
    assert_eq!(
        at_heading,
        [
            &Issue::MissingColumn("delegation_size"),
            &Issue::MissingColumn("attendance"),
            &Issue::UnknownColumn("so_nguoi".into())
        ]
    );
}

const YAML: &str = "\
programmes:
  - key: 2018-the-thao-chi-ma
    host: hoi-huu-nghi-viet-trung-lang-son
    title: Giao lưu thể thao nhân dân hai bên biên giới huyện Lộc Bình và trấn Ái Điểm
    kind: cultural
    start: 2018-05-19
    end: 20/05/2018
    place: Huyện Lộc Bình, Lạng Sơn
    border_gate: Cửa khẩu Chi Ma
    partners:
      - name: Chính quyền nhân dân trấn Ái Điểm, huyện Ninh Minh
        region: Quảng Tây
    delegation_size: 50
    attendance: 110
    vietnamese_side: 55
    partner_side: 55
    outcomes: |
      Thi đấu bóng chuyền hơi, kéo co và đẩy gậy.
      Trao cờ lưu niệm cho các đội.
  - key: 2019-sai
    host: 00000000-0000-0000-0000-0000000000aa
    title: Không rõ
    kind: other
    start: 2019-01-01
    end: 2019-01-01
    partners: []
    delegation_size: 1
    attendance: 1
";

#[test]
fn the_yaml_form_keeps_lines_and_names_the_host_by_key_or_id() {
    let (rows, problems) = parse(Format::Yaml, YAML.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows[0].end.at, Spot::new(7, "programmes[0].end"));
    assert_eq!(
        rows[0].partners[0].region.as_ref().unwrap().value,
        "Quảng Tây"
    );
    let plan = plan(&rows, "lich-su.yaml", &known(), &context());
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(
        issues_at(&plan),
        [(
            21,
            "programmes[1].host".to_string(),
            Issue::UnknownOrganisation("00000000-0000-0000-0000-0000000000aa".into())
        )]
    );
    // The host named by its id gives the same programme as by its key.
    let by_id = YAML.replace(
        "host: hoi-huu-nghi-viet-trung-lang-son",
        &format!("host: {}", ids::organisation(HOST)),
    );
    let (rows, _) = parse(Format::Yaml, by_id.as_bytes());
    let again = super::plan(&rows, "lich-su.yaml", &known(), &context());
    assert_eq!(again.steps[0], plan.steps[0]);
    let ProgrammeCommand::RecordFromHistory { outcomes, .. } = &plan.steps[0].command else {
        unreachable!()
    };
    assert!(outcomes.contains('\n'), "outcomes may have several lines");

    let broken = parse(Format::Yaml, b"programmes:\n  - key: a\n    hots: b\n");
    assert!(matches!(
        broken.1[..],
        [Located {
            issue: Issue::Malformed(_),
            ..
        }]
    ));
}

#[test]
fn a_workbook_is_read_as_the_csv_is_with_real_date_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let heading = [
        "key",
        "host",
        "title",
        "kind",
        "start",
        "end",
        "partners",
        "delegation_size",
        "attendance",
    ];
    for (column, name) in heading.iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_string(1, 0, "2020-trao-vat-tu-y-te")
        .unwrap()
        .write_string(1, 1, HOST)
        .unwrap()
        .write_string(
            1,
            2,
            "Trao tặng vật tư y tế phòng chống dịch COVID-19 cho Hội Chữ thập đỏ Quảng Tây",
        )
        .unwrap()
        .write_string(1, 3, "other")
        .unwrap()
        .write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2020, 2, 19).unwrap(), &date)
        .unwrap()
        .write_string(1, 5, "19/02/2020")
        .unwrap()
        .write_string(1, 6, "Hội Chữ thập đỏ Khu tự trị dân tộc Choang Quảng Tây")
        .unwrap()
        .write_number(1, 7, 10)
        .unwrap()
        .write_number(1, 8, 20)
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let plan = plan_of(Format::Xlsx, &bytes, &known());
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let ProgrammeCommand::RecordFromHistory {
        plan: programme,
        attendance,
        ..
    } = &plan.steps[0].command
    else {
        unreachable!()
    };
    let day = NaiveDate::from_ymd_opt(2020, 2, 19).unwrap();
    assert_eq!(
        (programme.schedule.start, programme.schedule.end),
        (day, day)
    );
    assert_eq!(programme.expected_delegation_size, 10);
    assert_eq!(attendance.total, 20);

    let (rows, problems) = parse(Format::Xlsx, b"PK not really a workbook");
    assert!(rows.is_empty());
    assert!(matches!(problems[0].issue, Issue::Malformed(_)));
}

#[test]
fn the_format_follows_the_extension() {
    assert_eq!(Format::of("lich-su-lang-son.CSV"), Some(Format::Csv));
    assert_eq!(Format::of("lich-su.xlsx"), Some(Format::Xlsx));
    assert_eq!(Format::of("lich-su.yml"), Some(Format::Yaml));
    assert_eq!(Format::of("lich-su.xls"), None);
}

#[test]
fn recorded_programmes_are_not_new_programmes_of_the_directory_import() {
    // A programme recorded from history under a row's id refuses a draft there, so that a
    // live programme can never take a past one's place.
    let known = applied(&plan_of(Format::Csv, EXAMPLE.as_bytes(), &known()), known());
    let (rows, _) = parse(Format::Csv, EXAMPLE.as_bytes());
    let id: Uuid = programme_ids(&rows)[0];
    let state: &Programme = &known.programmes[&id];
    let draft = ProgrammeCommand::Draft {
        id,
        plan: state.record().unwrap().plan.clone(),
    };
    assert!(state.decide(&draft, &context()).is_err());
}
