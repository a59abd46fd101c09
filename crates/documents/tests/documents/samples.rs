//! One sample of each document, with the wording of the offices' own papers. The data is
//! read from JSON so that it goes through the same shapes the service stores.

use chrono::NaiveDate;
use documents::{Issuer, Kind, Review, ReviewCount, ReviewProgramme, Signing};
use domain::delegation::{AgendaItem, PersonalDetails};
use domain::directory::OrganisationKind;
use domain::followup::ReportRecord;
use domain::programme::Plan;
use serde_json::json;

/// A passport number that must never be printed.
pub const PASSPORT: &str = "C7654321";

fn plan() -> Plan {
    serde_json::from_value(json!({
        "title": "Giao lưu thanh niên biên giới Lào Cai – Hà Khẩu",
        "kind": "delegation_visit",
        "host_organisation": "Tỉnh Đoàn Lào Cai",
        "host_organisation_id": null,
        "co_organisers": ["Hội LHTN Việt Nam tỉnh Lào Cai"],
        "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}],
        "schedule": {"start": "2027-05-20", "end": "2027-05-22", "timezone": "Asia/Ho_Chi_Minh"},
        "venue": "Huyện Hà Khẩu, tỉnh Vân Nam",
        "border_gate": "Lào Cai",
        "objectives": "Tăng cường hiểu biết, tình hữu nghị giữa thanh niên hai bên; trao đổi kinh nghiệm về chuyển đổi số.",
        "expected_delegation_size": 12,
        "budget": [
            {"label": "Quà lưu niệm", "amount": "15000000", "currency": "VND"},
            {"label": "Thuê xe đưa đón", "amount": "8500000", "currency": "VND"},
            {"label": "Phí thông hành", "amount": "1200", "currency": "CNY"}
        ],
        "agreement_id": "0195a1b2-0000-7000-8000-000000000001",
        "coordinator": {"name": "Trương Thị Vân Anh", "email": "vananh@tinhdoanlaocai.example.vn"}
    }))
    .expect("a plan")
}

fn members() -> Vec<PersonalDetails> {
    let member = |name: &str, zh: Option<&str>, role: &str, gender: &str, born: &str| {
        serde_json::from_value::<PersonalDetails>(json!({
            "full_name": name,
            "chinese_name": zh,
            "role": role,
            "organisation": "Tỉnh Đoàn Lào Cai",
            "gender": gender,
            "date_of_birth": born,
            "nationality": "VN",
            "document": {"kind": "passport", "number": PASSPORT, "expires_on": "2030-01-01"}
        }))
        .expect("a member")
    };
    vec![
        member(
            "Nguyễn Thị Minh Khai",
            Some("阮氏明开"),
            "Trưởng đoàn",
            "female",
            "1998-03-08",
        ),
        member("Lò Văn Dũng", None, "Thành viên", "male", "2001-11-20"),
        member(
            "Hoàng Thị Ngọc Ánh",
            Some("黄氏玉映"),
            "Phiên dịch",
            "female",
            "1995-07-01",
        ),
    ]
}

fn agenda() -> Vec<AgendaItem> {
    serde_json::from_value(json!([
        {"id": "0195a1b2-0000-7000-8000-000000000011", "date": "2027-05-20", "starts": "08:30:00",
         "ends": "10:00:00", "timezone": "Asia/Ho_Chi_Minh", "title": "Lễ đón đoàn",
         "place": "Cửa khẩu Quốc tế Lào Cai", "responsible": ["Ban Tổ chức"]},
        {"id": "0195a1b2-0000-7000-8000-000000000012", "date": "2027-05-20", "starts": "14:00:00",
         "timezone": "Asia/Shanghai", "title": "Tọa đàm giao lưu 座谈交流",
         "place": "河口县青年活动中心", "responsible": ["河口县团委"]}
    ]))
    .expect("an agenda")
}

fn report() -> ReportRecord {
    serde_json::from_value(json!({
        "id": "0195a1b2-0000-7000-8000-000000000021",
        "programme": {
            "programme_id": "0195a1b2-0000-7000-8000-000000000022",
            "title": "Giao lưu thanh niên biên giới Lào Cai – Hà Khẩu",
            "status": "held",
            "schedule": {"start": "2027-05-20", "end": "2027-05-22", "timezone": "Asia/Ho_Chi_Minh"},
            "expected_delegation_size": 12,
            "budget": [
                {"label": "Quà lưu niệm", "amount": "15000000", "currency": "VND"},
                {"label": "Thuê xe đưa đón", "amount": "8500000", "currency": "VND"},
                {"label": "Phí thông hành", "amount": "1200", "currency": "CNY"}
            ]
        },
        "status": "accepted",
        "due_on": "2027-06-05",
        "content": {
            "outcomes": "Ký kết biên bản ghi nhớ hợp tác giai đoạn 2027–2030; trao đổi quà lưu niệm.",
            "actual_attendance": 14,
            "vietnamese_side": 9,
            "partner_side": 5,
            // Under the first line, under the line in yuan at the rate used, and beside
            // the plan; nothing said of the second line.
            "spending": [
                {"budget_line": 0, "label": "", "spent": {"amount": "14250000", "currency": "VND"}},
                {"budget_line": 2, "label": "", "spent": {"amount": "1150", "currency": "CNY", "rate_to_vnd": "3450.5"}},
                {"label": "Thuê phiên dịch", "spent": {"amount": "2000000", "currency": "VND"}}
            ],
            "gifts": [
                {"direction": "given", "description": "Tranh sơn mài Sa Pa", "quantity": "2 bức",
                 "value": {"amount": "6000000", "currency": "VND"}},
                {"direction": "received", "description": "Bộ ấm chén gốm Kiến Thủy",
                 "value": {"amount": "800", "currency": "CNY", "rate_to_vnd": "3450.5"}}
            ],
            "partners_met": ["Đoàn Thanh niên huyện Hà Khẩu"],
            "lessons": "Cần chuẩn bị phiên dịch sớm hơn.",
            "action_items": [{
                "id": "0195a1b2-0000-7000-8000-000000000023",
                "title": "Gửi ảnh tư liệu cho đối tác",
                "owner": {"name": "Trương Thị Vân Anh", "email": "vananh@tinhdoanlaocai.example.vn"},
                "due_on": "2027-06-15",
                "status": "open"
            }]
        },
        "submissions": 1
    }))
    .expect("a report")
}

fn review() -> Review {
    let count = |label: &str, programmes, delegations, delegates| ReviewCount {
        label: label.into(),
        programmes,
        delegations,
        delegates,
    };
    Review {
        year: 2027,
        totals: count("2027", 3, 4, 57),
        by_month: vec![count("03/2027", 1, 1, 27), count("05/2027", 2, 3, 30)],
        by_partner: vec![count(
            "Hội Hữu nghị Trung – Việt thành phố Bằng Tường",
            3,
            4,
            57,
        )],
        programmes: vec![ReviewProgramme {
            title: "Kết nghĩa cụm dân cư hai bên biên giới".into(),
            dates: "20/05/2027 – 22/05/2027".into(),
            partners: "Hội Hữu nghị Trung – Việt thành phố Bằng Tường".into(),
            people: 30,
        }],
    }
}

fn union() -> Issuer {
    Issuer {
        name: "Tỉnh Đoàn Lào Cai".into(),
        kind: Some(OrganisationKind::ProvincialYouthUnion),
        province: Some("Lào Cai".into()),
    }
}

fn association() -> Issuer {
    Issuer {
        name: "Hội Hữu nghị Việt Nam – Trung Quốc tỉnh Lạng Sơn".into(),
        kind: Some(OrganisationKind::FriendshipAssociation),
        province: Some("Lạng Sơn".into()),
    }
}

fn signing(number: Option<&str>, name: Option<&str>, title: Option<&str>) -> Signing {
    Signing {
        number: number.map(Into::into),
        date: NaiveDate::from_ymd_opt(2026, 12, 5).expect("a day"),
        place: None,
        signer_name: name.map(Into::into),
        signer_title: title.map(Into::into),
    }
}

/// The bytes of the sample of `kind`.
pub fn document(kind: Kind) -> Vec<u8> {
    let blank = signing(None, None, None);
    let delegation = "Đoàn công tác Tỉnh Đoàn Lào Cai";
    match kind {
        Kind::Proposal => documents::proposal(&union(), &signing(Some("15"), None, None), &plan()),
        Kind::Plan => documents::plan(&union(), &blank, &plan(), &agenda()),
        Kind::Decision => documents::decision(
            &union(),
            &signing(Some("42"), Some("Hoàng Văn Bình"), Some("Phó Bí thư")),
            &plan(),
            delegation,
            &members(),
        ),
        Kind::Report => documents::report(&union(), &blank, &report()),
        Kind::AnnualReview => documents::annual_review(&association(), &blank, &review()),
        Kind::DelegationListZh => documents::delegation_list_zh(&plan(), delegation, &members()),
        Kind::ItineraryZh => documents::itinerary_zh(&plan(), delegation, &agenda()),
        Kind::ReplyLetterZh => documents::reply_letter_zh(&union(), &blank, &plan()),
    }
    .expect("the document packs")
}

/// The report as one written before sides, spending and gifts were asked for: none given,
/// and no budget kept.
pub fn report_saying_nothing_of_money() -> Vec<u8> {
    let mut record = report();
    record.programme.budget = None;
    record.content.vietnamese_side = None;
    record.content.partner_side = None;
    record.content.spending.clear();
    record.content.gifts.clear();
    documents::report(&union(), &signing(None, None, None), &record).expect("the document packs")
}
