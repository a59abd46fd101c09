//! The exports and the roster upload, on a roster made in memory: the children's
//! delegation Lào Cai sent to Hekou for Children's Day, with one member forgotten.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use domain::delegation::{
    AgendaItem, DelegationRecord, Direction, Document, DocumentKind, Gender, Guardian, Moment,
    PersonalDetails, Stay, TravelLeg, TravelMode,
};
use domain::programme::{Plan, ProgrammeKind, ProgrammeRecord, Status};
use domain::values::{Contact, Partner, Schedule};
use logistics::{ImportError, Roster, RosterMember};
use projector::delegation_queries::DelegationRow;
use projector::queries::ProgrammeDetail;
use uuid::Uuid;

/// The moment uploads are checked at: fixed, so that ages and expiries read the same on
/// any day.
#[path = "exports/upload_xlsx.rs"]
mod upload_xlsx;

fn now() -> chrono::DateTime<Utc> {
    chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 6, 2, 3, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn moment(d: NaiveDate, h: u32, min: u32, timezone: &str) -> Moment {
    Moment {
        at: d.and_hms_opt(h, min, 0).unwrap(),
        timezone: timezone.into(),
    }
}

fn leader() -> PersonalDetails {
    PersonalDetails {
        full_name: "Trương Thị Vân Anh".into(),
        chinese_name: Some("张氏云英".into()),
        role: "Trưởng đoàn".into(),
        organisation: Some("Thành đoàn Lào Cai".into()),
        gender: Gender::Female,
        date_of_birth: day(1988, 9, 2),
        nationality: "VN".into(),
        document: Some(Document {
            kind: DocumentKind::OfficialPassport,
            number: "B1234567".into(),
            issued_on: Some(day(2020, 1, 10)),
            expires_on: day(2030, 1, 10),
        }),
        phone: Some("0912000111".into()),
        email: None,
        dietary_notes: None,
        medical_notes: None,
        guardian: None,
        parental_consent: false,
    }
}

fn child() -> PersonalDetails {
    PersonalDetails {
        full_name: "Nguyễn Thị Minh Khai".into(),
        chinese_name: None,
        role: "Học sinh".into(),
        organisation: Some("Trường Tiểu học Kim Tân".into()),
        gender: Gender::Female,
        date_of_birth: day(2013, 4, 12),
        nationality: "VN".into(),
        document: Some(Document {
            kind: DocumentKind::BorderPass,
            number: "LC123456".into(),
            issued_on: None,
            expires_on: day(2026, 3, 1),
        }),
        phone: None,
        email: None,
        dietary_notes: Some("Không ăn cay".into()),
        medical_notes: None,
        guardian: Some(Guardian {
            full_name: "Trần Văn Bình".into(),
            relationship: Some("Bố".into()),
            phone: Some("0988777666".into()),
        }),
        parental_consent: true,
    }
}

fn plan() -> Plan {
    Plan {
        title: "Giao lưu thiếu nhi biên giới nhân dịp Quốc tế thiếu nhi 1/6".into(),
        kind: ProgrammeKind::Childrens,
        host_organisation: "Thành đoàn Lào Cai".into(),
        host_organisation_id: None,
        co_organisers: vec![],
        partners: vec![Partner {
            name: "Đoàn Thanh niên huyện Hà Khẩu".into(),
            country: "CN".into(),
            region: Some("Vân Nam".into()),
        }],
        schedule: Schedule {
            start: day(2024, 5, 31),
            end: day(2024, 6, 1),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: None,
        border_gate: Some("Cửa khẩu quốc tế Lào Cai".into()),
        objectives: "Giao lưu văn nghệ".into(),
        expected_delegation_size: 30,
        budget: vec![],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Trương Thị Vân Anh".into(),
            email: "vananh@thanhdoanlaocai.vn".into(),
        }),
    }
}

fn roster() -> Roster {
    let record = DelegationRecord {
        id: Uuid::from_u128(0xD0),
        programme_id: Uuid::from_u128(0x1C),
        name: "Đoàn thiếu nhi thành phố Lào Cai".into(),
        direction: Direction::Outgoing,
        members: vec![],
        legs: vec![
            TravelLeg {
                id: Uuid::from_u128(0x1E6),
                from: "Thành phố Lào Cai".into(),
                to: "Hà Khẩu".into(),
                mode: TravelMode::OnFoot,
                departs: moment(day(2024, 5, 31), 7, 30, "Asia/Ho_Chi_Minh"),
                arrives: moment(day(2024, 5, 31), 8, 45, "Asia/Shanghai"),
                border_gate: Some("lao_cai".into()),
                notes: None,
            },
            TravelLeg {
                id: Uuid::from_u128(0x1E7),
                from: "Hà Khẩu".into(),
                to: "Thành phố Lào Cai".into(),
                mode: TravelMode::OnFoot,
                departs: moment(day(2024, 6, 1), 16, 0, "Asia/Shanghai"),
                arrives: moment(day(2024, 6, 1), 15, 20, "Asia/Ho_Chi_Minh"),
                border_gate: Some("lao_cai".into()),
                notes: None,
            },
        ],
        stays: vec![Stay {
            id: Uuid::from_u128(0x57),
            name: "Khách sạn Hà Khẩu".into(),
            address: Some("Đường Nhân Dân, Hà Khẩu".into()),
            check_in: day(2024, 5, 31),
            check_out: day(2024, 6, 1),
            rooms: Some(14),
            phone: None,
            notes: None,
        }],
        interpreters: vec![],
        gifts: vec![],
        agenda: vec![AgendaItem {
            id: Uuid::from_u128(0xA1),
            date: day(2024, 6, 1),
            starts: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            ends: Some(NaiveTime::from_hms_opt(11, 0, 0).unwrap()),
            timezone: "Asia/Shanghai".into(),
            title: "Giao lưu văn nghệ <Khăn hồng hữu nghị>".into(),
            place: "Quảng trường huyện Hà Khẩu".into(),
            responsible: vec!["Ban Tổ chức".into()],
            notes: None,
        }],
        tasks: vec![],
    };
    let updated_at = Utc.with_ymd_and_hms(2024, 5, 20, 3, 0, 0).unwrap();
    Roster {
        delegation: DelegationRow {
            id: record.id,
            version: 7,
            updated_at,
            record,
        },
        programme: ProgrammeDetail {
            id: Uuid::from_u128(0x1C),
            version: 5,
            drafted_at: updated_at,
            updated_at,
            record: ProgrammeRecord {
                id: Uuid::from_u128(0x1C),
                status: Status::InPreparation,
                plan: plan(),
                submissions: 1,
                postponements: 0,
                cancellation_reason: None,
                planner: None,
                submitted_by: None,
                review_round_id: None,
                follow_up_report_id: None,
                history: None,
            },
        },
        members: vec![
            RosterMember {
                person_id: Uuid::from_u128(1),
                position: 1,
                details: Some(leader()),
            },
            RosterMember {
                person_id: Uuid::from_u128(2),
                position: 2,
                details: Some(child()),
            },
            RosterMember {
                person_id: Uuid::from_u128(3),
                position: 3,
                details: None,
            },
        ],
        warnings: vec![],
    }
}

#[test]
fn the_csv_roster_has_a_bom_the_form_s_columns_and_a_redacted_row() {
    let bytes = logistics::roster_csv(&roster());
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headings: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headings, logistics::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            "1",
            "Trương Thị Vân Anh",
            "张氏云英",
            "Nữ",
            "02/09/1988",
            "Việt Nam",
            "Trưởng đoàn",
            "Thành đoàn Lào Cai",
            "Hộ chiếu công vụ",
            "B1234567",
            "10/01/2020",
            "10/01/2030",
            ""
        ]
    );
    assert_eq!(
        &rows[1][12],
        "Trẻ em (11 tuổi); người giám hộ: Trần Văn Bình (Bố)"
    );
    assert_eq!(&rows[2][0], "3");
    assert_eq!(&rows[2][1], logistics::REDACTED);
    assert!(rows[2].iter().skip(2).all(str::is_empty));
}

#[test]
fn cells_a_spreadsheet_would_run_are_written_as_text_and_read_back_as_typed() {
    let mut roster = roster();
    let mut sly = leader();
    sly.full_name = "=HYPERLINK(\"http://example.com/x\",\"Xem\")".into();
    sly.role = "@SUM(1+1)".into();
    roster.members[0].details = Some(sly);
    let bytes = logistics::roster_csv(&roster);
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[1], "'=HYPERLINK(\"http://example.com/x\",\"Xem\")");
    assert_eq!(&first[6], "'@SUM(1+1)");
    let text = String::from_utf8(bytes).unwrap();
    let kept: Vec<&str> = text.lines().take(2).collect();
    let members =
        logistics::parse_roster_csv(format!("{}\n", kept.join("\n")).as_bytes(), now()).unwrap();
    assert_eq!(
        members[0].full_name,
        "=HYPERLINK(\"http://example.com/x\",\"Xem\")"
    );
    assert_eq!(members[0].role, "@SUM(1+1)");
}

#[test]
fn the_xlsx_roster_opens_in_a_real_reader() {
    let bytes = logistics::roster_xlsx(&roster()).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("Danh sách đoàn").unwrap();
    let text = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        text(0, 0),
        "DANH SÁCH THÀNH VIÊN ĐOÀN THIẾU NHI THÀNH PHỐ LÀO CAI"
    );
    assert!(text(1, 0).contains("Cửa khẩu quốc tế Lào Cai"));
    for (c, heading) in logistics::COLUMNS.iter().enumerate() {
        assert_eq!(text(3, c as u32), *heading);
    }
    assert_eq!(text(4, 1), "Trương Thị Vân Anh");
    assert_eq!(text(4, 2), "张氏云英");
    assert_eq!(text(5, 9), "LC123456");
    assert_eq!(text(6, 1), logistics::REDACTED);
    assert_eq!(range.height(), 7);
}

/// A property's value and TZID, read by the `ical` parser.
fn time_of(
    event: &ical::parser::ical::component::IcalEvent,
    name: &str,
) -> (NaiveDateTime, String) {
    let property = event.properties.iter().find(|p| p.name == name).unwrap();
    let tzid = property
        .params
        .as_ref()
        .and_then(|params| params.iter().find(|(k, _)| k == "TZID"))
        .map(|(_, v)| v[0].clone())
        .unwrap();
    let value = property.value.as_deref().unwrap();
    (
        NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap(),
        tzid,
    )
}

fn utc(local: NaiveDateTime, tzid: &str) -> chrono::DateTime<Utc> {
    let tz: chrono_tz::Tz = tzid.parse().unwrap();
    tz.from_local_datetime(&local).unwrap().with_timezone(&Utc)
}

#[test]
fn the_ics_itinerary_parses_and_keeps_each_side_s_local_time() {
    let text = logistics::itinerary_ics(&roster());
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser.next().unwrap().unwrap();
    let zones: Vec<(String, String)> = calendar
        .timezones
        .iter()
        .map(|tz| {
            let id = tz.properties.iter().find(|p| p.name == "TZID").unwrap();
            let offset = tz.transitions[0]
                .properties
                .iter()
                .find(|p| p.name == "TZOFFSETTO")
                .unwrap();
            (id.value.clone().unwrap(), offset.value.clone().unwrap())
        })
        .collect();
    assert_eq!(
        zones,
        [
            ("Asia/Ho_Chi_Minh".to_string(), "+0700".to_string()),
            ("Asia/Shanghai".to_string(), "+0800".to_string()),
        ]
    );
    assert_eq!(calendar.events.len(), 3);
    let crossing = &calendar.events[0];
    let (departs, departs_tz) = time_of(crossing, "DTSTART");
    let (arrives, arrives_tz) = time_of(crossing, "DTEND");
    assert_eq!(
        (departs.to_string().as_str(), departs_tz.as_str()),
        ("2024-05-31 07:30:00", "Asia/Ho_Chi_Minh")
    );
    assert_eq!(
        (arrives.to_string().as_str(), arrives_tz.as_str()),
        ("2024-05-31 08:45:00", "Asia/Shanghai")
    );
    // Crossing on foot takes a quarter of an hour, not an hour and a quarter.
    assert_eq!(
        utc(arrives, &arrives_tz) - utc(departs, &departs_tz),
        chrono::Duration::minutes(15)
    );
    let performance = &calendar.events[2];
    let (starts, tz) = time_of(performance, "DTSTART");
    assert_eq!(
        utc(starts, &tz),
        Utc.with_ymd_and_hms(2024, 6, 1, 1, 0, 0).unwrap()
    );
    let summary = performance
        .properties
        .iter()
        .find(|p| p.name == "SUMMARY")
        .unwrap();
    assert_eq!(
        summary.value.as_deref(),
        Some("Giao lưu văn nghệ <Khăn hồng hữu nghị>")
    );
}

#[test]
fn the_printable_itinerary_stands_alone() {
    let page = logistics::itinerary_html(&roster()).unwrap();
    assert!(page.contains("<meta name=\"viewport\""));
    assert!(page.contains("@media print"));
    assert!(page.contains("07:30 (UTC+7)"));
    assert!(page.contains("08:45 (UTC+8)"));
    assert!(page.contains("Thứ Bảy 01/06/2024"));
    assert!(page.contains("&#60;Khăn hồng hữu nghị&#62;"));
    for external in ["src=", "href=", "http://", "https://", "@import", "url("] {
        assert!(
            !page.contains(external),
            "the page refers outside: {external}"
        );
    }
    // Personal data has no place on it.
    assert!(!page.contains("B1234567"));
}

#[test]
fn an_exported_roster_uploads_again() {
    let mut exported = logistics::roster_csv(&roster());
    // Only the members still readable.
    let text = String::from_utf8(exported.clone()).unwrap();
    let kept: Vec<&str> = text.lines().take(3).collect();
    exported = format!("{}\n", kept.join("\n")).into_bytes();
    let members = logistics::parse_roster_csv(&exported, now()).unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0].full_name, "Trương Thị Vân Anh");
    assert_eq!(members[0].chinese_name.as_deref(), Some("张氏云英"));
    assert_eq!(members[0].document, leader().document);
    assert_eq!(members[1].date_of_birth, day(2013, 4, 12));
    assert_eq!(
        members[1].document.as_ref().unwrap().kind,
        DocumentKind::BorderPass
    );
}

#[test]
fn broken_rows_are_reported_row_by_row() {
    let file = "Ho va ten;Gioi tinh;Ngay sinh;Quoc tich;Chuc vu;So ho chieu/giay thong hanh;Ngay cap;Ngay het han\n\
        Nguyễn Văn An;Nam;01/02/2012;VN;Học sinh;C1111111;01/01/2024;01/01/2029\n\
        Lê Thị Bình;Không rõ;31/02/2012;VN;Học sinh;C2222222;;01/01/2029\n\
        Phạm Văn Cường;Nam;01/02/2099;VN;Học sinh;C3333333;01/01/2024;01/01/2020\n\
        Hoàng Văn Dũng;Nam\n";
    let Err(ImportError::Rows(problems)) = logistics::parse_roster_csv(file.as_bytes(), now())
    else {
        panic!("the broken rows were accepted");
    };
    let found: Vec<(usize, Option<&str>, String)> = problems
        .iter()
        .map(|p| {
            let code = serde_json::to_value(p).unwrap();
            let detail = code["problem"]["code"]
                .as_str()
                .unwrap_or(code["code"].as_str().unwrap());
            (p.row, p.column, detail.to_string())
        })
        .collect();
    assert_eq!(
        found,
        [
            (3, Some("Giới tính"), "unknown".to_string()),
            (3, Some("Ngày sinh"), "not_a_date".to_string()),
            (4, Some("Ngày sinh"), "in_the_future".to_string()),
            (4, Some("Ngày hết hạn"), "expires_before_issued".to_string()),
            (5, None, "wrong_column_count".to_string()),
        ]
    );
    assert_eq!(
        problems[0].message(domain::Lang::Vi),
        "Dòng 3, cột “Giới tính”: Giá trị không được hỗ trợ."
    );
    assert_eq!(
        problems[4].message(domain::Lang::En),
        "Line 5: has 2 columns where the heading has 8."
    );
}

#[test]
fn ten_thousand_rows_and_missing_columns_are_refused_whole() {
    let mut file = String::from("Họ và tên,Giới tính,Ngày sinh,Quốc tịch,Chức vụ\n");
    for n in 0..10_000 {
        file.push_str(&format!("Thành viên {n},Nam,01/01/1990,VN,Đoàn viên\n"));
    }
    assert_eq!(
        logistics::parse_roster_csv(file.as_bytes(), now()),
        Err(ImportError::TooManyRows {
            rows: 10_000,
            max: 2000
        })
    );
    assert_eq!(
        logistics::parse_roster_csv("Họ và tên,Ngày sinh\nAn,01/01/1990\n".as_bytes(), now()),
        Err(ImportError::MissingColumns(vec![
            "Giới tính",
            "Quốc tịch",
            "Chức vụ"
        ]))
    );
}
