//! Rosters uploaded as the Excel workbooks offices keep them in: 30 children with their
//! guardians, dates as real Excel dates, a phone typed as a number; and workbooks that are
//! not, or would not fit in memory once unpacked.

use std::io::Write;

use domain::delegation::{DocumentKind, Gender};
use logistics::{IMPORT_COLUMNS, ImportError};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::{day, now};

/// A sheet with the template's heading and `children` rows, as an office fills it in.
fn children_workbook(children: u16) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (column, heading) in IMPORT_COLUMNS.iter().enumerate() {
        sheet.write_string(0, column as u16, *heading).unwrap();
    }
    for n in 1..=children {
        let row = u32::from(n);
        let text = |column: u16, value: &str| (column, value.to_owned());
        for (column, value) in [
            text(0, &format!("Nguyễn Thị Mai {n}")),
            text(1, if n % 2 == 0 { "Nam" } else { "Nữ" }),
            text(3, "Việt Nam"),
            text(4, "Học sinh"),
            text(5, "阮氏梅"),
            text(6, "Trường Tiểu học Kim Tân"),
            text(7, "Giấy thông hành"),
            text(8, &format!("T{:07}", 1_000 + n)),
            text(15, &format!("Trần Văn Hùng {n}")),
            text(16, "Bố"),
            text(17, "0912 345 678"),
        ] {
            sheet.write_string(row, column, value).unwrap();
        }
        let born = ExcelDateTime::from_ymd(2014, 3, (n % 28 + 1) as u8).unwrap();
        sheet
            .write_datetime_with_format(row, 2, &born, &date)
            .unwrap();
        let issued = ExcelDateTime::from_ymd(2026, 1, 10).unwrap();
        sheet
            .write_datetime_with_format(row, 9, &issued, &date)
            .unwrap();
        let expires = ExcelDateTime::from_ymd(2028, 1, 10).unwrap();
        sheet
            .write_datetime_with_format(row, 10, &expires, &date)
            .unwrap();
        // Typed as a number, the leading zero lost, as spreadsheets do.
        sheet
            .write_number(row, 11, 912_000_000.0 + f64::from(n))
            .unwrap();
        sheet.write_boolean(row, 18, true).unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn thirty_children_with_their_guardians_upload_from_a_workbook() {
    let members = logistics::parse_roster_xlsx(&children_workbook(30), now()).unwrap();
    assert_eq!(members.len(), 30);
    let first = &members[0];
    assert_eq!(first.full_name, "Nguyễn Thị Mai 1");
    assert_eq!(first.gender, Gender::Female);
    assert_eq!(first.date_of_birth, day(2014, 3, 2));
    assert_eq!(first.nationality, "VN");
    assert_eq!(first.chinese_name.as_deref(), Some("阮氏梅"));
    assert_eq!(first.phone.as_deref(), Some("912000001"));
    let document = first.document.as_ref().unwrap();
    assert_eq!(document.kind, DocumentKind::BorderPass);
    assert_eq!(document.number, "T0001001");
    assert_eq!(document.expires_on, day(2028, 1, 10));
    let guardian = first.guardian.as_ref().unwrap();
    assert_eq!(guardian.full_name, "Trần Văn Hùng 1");
    assert_eq!(guardian.relationship.as_deref(), Some("Bố"));
    assert!(first.parental_consent);
}

#[test]
fn a_wrong_row_of_a_workbook_is_reported_by_its_line_and_column() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, heading) in [
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Quốc tịch",
        "Chức vụ",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, column as u16, *heading).unwrap();
    }
    for (column, value) in ["Lê Văn Nam", "Nam", "31/02/2014", "VN", "Học sinh"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, column as u16, *value).unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let Err(ImportError::Rows(problems)) = logistics::parse_roster_xlsx(&bytes, now()) else {
        panic!("a day no calendar has was accepted");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 2);
    assert_eq!(problems[0].column, Some("Ngày sinh"));
}

#[test]
fn what_is_not_a_workbook_or_unpacks_too_large_is_refused_before_it_is_read() {
    assert_eq!(
        logistics::parse_roster_xlsx(b"Ho va ten,Gioi tinh\n", now()),
        Err(ImportError::NotAWorkbook)
    );
    // A zip of 100 MiB of zeros: small to upload, too large to unpack.
    let mut bomb = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bomb));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..100 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    assert_eq!(
        logistics::parse_roster_xlsx(&bomb, now()),
        Err(ImportError::NotAWorkbook)
    );
}
