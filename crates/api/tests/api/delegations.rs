//! Delegations over HTTP: the children's delegation Lào Cai sent to Hekou, its exports,
//! forgetting a member everywhere, and bad input that appends nothing.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use domain::programme::{Programme, ProgrammeCommand, Verdict};
use futures::StreamExt;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{App, TESTER, start};

fn meta() -> eventstore::CommandMeta {
    eventstore::CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "approval-process".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

/// The id the children's plans give their host, Thành đoàn Lào Cai.
pub(super) const LAO_CAI: &str = "0190a5f2-0000-7000-8000-0000000000c1";

fn childrens_plan() -> Value {
    json!({
        "title": "Giao lưu thiếu nhi biên giới nhân dịp Quốc tế thiếu nhi 1/6",
        "kind": "childrens",
        "host_organisation": "Thành đoàn Lào Cai",
        "host_organisation_id": LAO_CAI,
        "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}],
        "schedule": {"start": "2024-05-31", "end": "2024-06-01", "timezone": "Asia/Ho_Chi_Minh"},
        "border_gate": "Cửa khẩu quốc tế Lào Cai",
        "objectives": "Giao lưu văn nghệ, tăng cường kết nối thiếu nhi hai bên biên giới",
        "expected_delegation_size": 27,
        "coordinator": {"name": "Trương Thị Vân Anh", "email": "vananh@thanhdoanlaocai.vn"}
    })
}

impl App {
    async fn upload(&self, path: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn download(&self, path: &str) -> Vec<u8> {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        response.bytes().await.unwrap().to_vec()
    }

    /// A children's programme, approved by the committees.
    async fn approved_childrens_programme(&self) -> String {
        let (status, body) = self.post("/api/programmes", childrens_plan()).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let id: Uuid = body["id"].as_str().unwrap().parse().unwrap();
        let round_id = Uuid::now_v7();
        for command in [
            ProgrammeCommand::Submit,
            ProgrammeCommand::StartReview { round_id },
            ProgrammeCommand::RecordReview {
                round_id,
                verdict: Verdict::Approved,
            },
        ] {
            self.store
                .execute::<Programme>(id, None, &command, &meta())
                .await
                .unwrap();
        }
        id.to_string()
    }

    pub(super) async fn delegation(&self) -> String {
        let programme = self.approved_childrens_programme().await;
        let (status, body) = self
            .post(
                &format!("/api/programmes/{programme}/delegations"),
                json!({"name": "Đoàn thiếu nhi thành phố Lào Cai", "direction": "outgoing"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["id"].as_str().unwrap().to_string()
    }

    async fn keys(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM caunoi.person_keys")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Rows of every text or JSON column, in every schema of the test's database, that
    /// contain `needle`: a grep of the whole database.
    async fn database_rows_containing(&self, needle: &str) -> Vec<String> {
        let columns: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT table_schema, table_name, column_name FROM information_schema.columns
             JOIN information_schema.tables USING (table_schema, table_name)
             WHERE table_type = 'BASE TABLE'
               AND table_schema NOT IN ('pg_catalog', 'information_schema')
               AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap();
        assert!(columns.len() > 20, "the scan must see the read models");
        let mut found = Vec::new();
        for (schema, table, column) in columns {
            let count: i64 = sqlx::query_scalar(&format!(
                "SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE \"{column}\"::text LIKE $1"
            ))
            .bind(format!("%{needle}%"))
            .fetch_one(&self.pool)
            .await
            .unwrap();
            if count > 0 {
                found.push(format!("{schema}.{table}.{column}"));
            }
        }
        found
    }

    /// Every message of the test's stream, raw, as JetStream stores it.
    async fn raw_stream(&self) -> Vec<Vec<u8>> {
        let jetstream = async_nats::jetstream::new(self.nats.clone());
        let stream = jetstream.get_stream(&self.env.stream).await.unwrap();
        let consumer = stream
            .create_consumer(async_nats::jetstream::consumer::pull::OrderedConfig::default())
            .await
            .unwrap();
        let total = self.events().await;
        let mut messages = consumer.messages().await.unwrap();
        let mut raw = Vec::new();
        while (raw.len() as u64) < total {
            let message = messages.next().await.unwrap().unwrap();
            let mut bytes = message.subject.as_bytes().to_vec();
            if let Some(headers) = &message.headers {
                bytes.extend(format!("{headers:?}").into_bytes());
            }
            bytes.extend_from_slice(&message.payload);
            raw.push(bytes);
        }
        raw
    }
}

pub(super) fn leader(passport: &str) -> Value {
    json!({
        "full_name": "Trương Thị Vân Anh",
        "chinese_name": "张氏云英",
        "role": "Trưởng đoàn",
        "organisation": "Thành đoàn Lào Cai",
        "gender": "female",
        "date_of_birth": "1988-09-02",
        "nationality": "VN",
        "document": {"kind": "official_passport", "number": passport, "issued_on": "2020-01-10", "expires_on": "2030-01-10"},
        "phone": "0912 000 111"
    })
}

fn children_csv(count: usize) -> Vec<u8> {
    let mut file = String::from(
        "\u{feff}Họ và tên,Giới tính,Ngày sinh,Quốc tịch,Chức vụ,Đơn vị công tác,Loại giấy tờ,Số hộ chiếu/giấy thông hành,Ngày hết hạn,Người giám hộ,Quan hệ với người giám hộ,Cha mẹ đồng ý\n",
    );
    for n in 0..count {
        file.push_str(&format!(
            "Học sinh số {n},{},12/04/2013,Việt Nam,Học sinh,Trường Tiểu học Kim Tân,Giấy thông hành,LC{n:06},01/03/2026,Phụ huynh số {n},Mẹ,Có\n",
            if n % 2 == 0 { "Nữ" } else { "Nam" }
        ));
    }
    file.into_bytes()
}

fn codes(body: &Value) -> Vec<String> {
    body["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_delegation_is_prepared_with_warnings_a_board_and_every_export() {
    let app = start().await;
    let id = app.delegation().await;
    let base = format!("/api/delegations/{id}");
    let (status, body) = app
        .post(&format!("{base}/members"), leader("B1234567"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = app
        .upload(
            &format!("{base}/members/import"),
            "text/csv",
            children_csv(27),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["appended"][0]["event_type"], "DelegationMembersAdded");
    let mut without_guardian = leader("C2345678");
    without_guardian["full_name"] = "Lý Văn Phúc".into();
    without_guardian["role"] = "Học sinh".into();
    without_guardian["date_of_birth"] = "2012-08-01".into();
    without_guardian["document"]["expires_on"] = "2024-10-01".into();
    let (status, _) = app.post(&format!("{base}/members"), without_guardian).await;
    assert_eq!(status, StatusCode::CREATED);
    for (list, item) in [
        (
            "travel-legs",
            json!({"from": "Thành phố Lào Cai", "to": "Hà Khẩu", "mode": "on_foot",
            "departs": {"at": "2024-05-31T07:30:00", "timezone": "Asia/Ho_Chi_Minh"},
            "arrives": {"at": "2024-05-31T08:45:00", "timezone": "Asia/Shanghai"},
            "border_gate": "lao_cai"}),
        ),
        (
            "travel-legs",
            json!({"from": "Hà Khẩu", "to": "Thành phố Lào Cai", "mode": "on_foot",
            "departs": {"at": "2024-06-01T16:00:00", "timezone": "Asia/Shanghai"},
            "arrives": {"at": "2024-06-01T15:20:00", "timezone": "Asia/Ho_Chi_Minh"},
            "border_gate": "lao_cai"}),
        ),
        (
            "stays",
            json!({"name": "Khách sạn Hà Khẩu", "check_in": "2024-05-31", "check_out": "2024-06-01", "rooms": 15}),
        ),
        (
            "interpreters",
            json!({"side": "partner", "provided_by": "Huyện đoàn Hà Khẩu", "languages": ["zh", "vi"]}),
        ),
        (
            "gifts",
            json!({"kind": "gift", "direction": "given", "item": "Tranh thêu thổ cẩm", "quantity": 2,
            "recipient": "Huyện đoàn Hà Khẩu", "value": "1500000", "currency": "VND"}),
        ),
        (
            "itinerary",
            json!({"date": "2024-06-01", "starts": "09:00:00", "ends": "11:00:00",
            "timezone": "Asia/Shanghai", "title": "Giao lưu văn nghệ “Khăn hồng hữu nghị”",
            "place": "Quảng trường huyện Hà Khẩu", "responsible": ["Ban Tổ chức", "Huyện đoàn Hà Khẩu"]}),
        ),
        (
            "itinerary",
            json!({"date": "2024-06-03", "starts": "08:00:00", "timezone": "Asia/Ho_Chi_Minh",
            "title": "Họp rút kinh nghiệm", "place": "Thành đoàn Lào Cai"}),
        ),
    ] {
        let (status, body) = app.post(&format!("{base}/{list}"), item).await;
        assert_eq!(status, StatusCode::CREATED, "{list}: {body}");
    }
    let (status, body) = app
        .post(&format!("{base}/checklist/prefill"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .post(
            &format!("{base}/checklist"),
            json!({"kind": "task", "title": "Thuê xe đưa đón",
            "owner": {"name": "Hoàng Văn Nam", "email": "nam@thanhdoanlaocai.vn"},
            "due_on": "2024-06-05"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let late_task = body["item_id"].as_str().unwrap().to_string();

    let (status, delegation) = app.get(&base).await;
    assert_eq!(status, StatusCode::OK);
    let members = delegation["members"].as_array().unwrap();
    assert_eq!(members.len(), 29);
    assert_eq!(members[0]["details"]["document"]["number"], "B1234567");
    assert_eq!(members[1]["details"]["guardian"]["relationship"], "Mẹ");
    assert_eq!(
        codes(&delegation),
        [
            "document_expires_too_soon",
            "minor_without_guardian",
            "minor_without_consent",
            "over_approved_size",
            "agenda_outside_programme",
            "task_due_after_departure",
        ]
    );
    assert_eq!(
        delegation["warnings"][3]["message"],
        "Đoàn có 29 người, nhiều hơn số lượng được duyệt (27 người)."
    );
    let (_, status_change) = app
        .post(
            &format!("{base}/checklist/{late_task}/status"),
            json!({"status": "not_needed"}),
        )
        .await;
    assert_eq!(
        status_change["appended"][0]["event_type"],
        "DelegationTaskStatusChanged"
    );

    let (status, board) = app
        .get(&format!("/api/checklist?delegation={id}&today=2024-05-20"))
        .await;
    assert_eq!(status, StatusCode::OK, "{board}");
    let titles = |column: &str| -> Vec<String> {
        board[column]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(titles("overdue").contains(&"Giấy đồng ý của cha mẹ cho các em tham gia".to_string()));
    assert!(
        titles("due_soon").contains(&"Gửi danh sách đoàn cho Đồn Biên phòng cửa khẩu".to_string())
    );
    assert!(!titles("later").contains(&"Thuê xe đưa đón".to_string()));
    assert_eq!(
        board["by_owner"][0]["owner_email"],
        "vananh@thanhdoanlaocai.vn"
    );
    let reminders: Vec<(String, chrono::NaiveDate)> = sqlx::query_as(
        "SELECT owner_email, due_on FROM caunoi.checklist_items WHERE title LIKE 'Gửi danh sách%'",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        reminders,
        [(
            "vananh@thanhdoanlaocai.vn".to_string(),
            chrono::NaiveDate::from_ymd_opt(2024, 5, 26).unwrap()
        )]
    );

    let csv = app.download(&format!("{base}/roster.csv")).await;
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("1,Trương Thị Vân Anh,张氏云英,Nữ,02/09/1988,Việt Nam,Trưởng đoàn"));
    let xlsx = app.download(&format!("{base}/roster.xlsx")).await;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).unwrap();
    let sheet = workbook.worksheet_range("Danh sách đoàn").unwrap();
    assert_eq!(sheet.height(), 4 + 29);
    assert_eq!(sheet.get_value((5, 9)).unwrap().to_string(), "LC000000");
    let ics = app.download(&format!("{base}/itinerary.ics")).await;
    let calendar = ical::IcalParser::new(std::io::BufReader::new(&ics[..]))
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(calendar.timezones.len(), 2);
    assert_eq!(calendar.events.len(), 4);
    let html = String::from_utf8(app.download(&format!("{base}/itinerary.html")).await).unwrap();
    assert!(html.contains("Giao lưu văn nghệ “Khăn hồng hữu nghị”"));
    assert!(html.contains("08:45 (UTC+8)"));
}

/// The children's roster of `children_csv`, as the Excel workbook an office keeps it in.
fn children_workbook(count: usize) -> Vec<u8> {
    let csv = String::from_utf8(children_csv(count)).unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, line) in csv.trim_start_matches('\u{feff}').lines().enumerate() {
        for (column, cell) in line.split(',').enumerate() {
            sheet.write_string(row as u32, column as u16, cell).unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[tokio::test]
async fn a_roster_uploads_from_an_excel_workbook_all_or_nothing() {
    let app = start().await;
    let id = app.delegation().await;
    let import = format!("/api/delegations/{id}/members/import");
    let (status, body) = app.upload(&import, XLSX, b"not a workbook".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "roster_unreadable");
    let (status, body) = app.upload(&import, XLSX, children_workbook(30)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, delegation) = app.get(&format!("/api/delegations/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let members = delegation["members"].as_array().unwrap();
    assert_eq!(members.len(), 30, "the refused upload added nobody");
    assert_eq!(members[29]["details"]["full_name"], "Học sinh số 29");
    assert_eq!(
        members[29]["details"]["guardian"]["full_name"],
        "Phụ huynh số 29"
    );
}

#[tokio::test]
async fn a_forgotten_member_is_redacted_everywhere_even_after_a_rebuild() {
    let app = start().await;
    let id = app.delegation().await;
    let base = format!("/api/delegations/{id}");
    let passport = "C7654321";
    let name = "Vàng Thị Quỳnh Như";
    let mut member = leader(passport);
    member["full_name"] = name.into();
    member["chinese_name"] = "王氏琼如".into();
    let (status, body) = app.post(&format!("{base}/members"), member).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, _) = app
        .post(&format!("{base}/members"), leader("B1234567"))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, delegation) = app.get(&base).await;
    let person = delegation["members"][0]["person_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(delegation["members"][0]["details"]["full_name"], name);

    // Even before anyone is forgotten, the stream and the database hold only ciphertext.
    for bytes in app.raw_stream().await {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(passport) && !text.contains(name) && !text.contains("王氏琼如"));
    }
    assert_eq!(
        app.database_rows_containing(passport).await,
        Vec::<String>::new()
    );

    let (status, body) = app
        .post(&format!("{base}/members/{person}/forget"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["appended"][0]["event_type"],
        "DelegationPersonForgotten"
    );
    let (_, again) = app
        .post(&format!("{base}/members/{person}/forget"), json!({}))
        .await;
    assert_eq!(again["appended"], json!([]));

    let check_redacted = |delegation: &Value| {
        let first = &delegation["members"][0];
        assert_eq!(first["person_id"], person.as_str());
        assert_eq!(first["redacted"], true);
        assert!(first.get("details").is_none());
        assert_eq!(delegation["members"][1]["redacted"], false);
    };
    let (_, delegation) = app.get(&base).await;
    check_redacted(&delegation);
    projector::rebuild(&app.pool, &app.store, |_| {})
        .await
        .unwrap();
    let (_, rebuilt) = app.get(&base).await;
    check_redacted(&rebuilt);

    for export in ["roster.csv", "itinerary.ics", "itinerary.html"] {
        let text = String::from_utf8(app.download(&format!("{base}/{export}")).await).unwrap();
        assert!(!text.contains(passport) && !text.contains(name), "{export}");
    }
    let csv = String::from_utf8(app.download(&format!("{base}/roster.csv")).await).unwrap();
    assert!(csv.contains(&format!("1,{},", logistics::REDACTED)));
    let xlsx = app.download(&format!("{base}/roster.xlsx")).await;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).unwrap();
    let sheet = workbook.worksheet_range("Danh sách đoàn").unwrap();
    assert!(
        sheet
            .cells()
            .all(|(_, _, v)| !v.to_string().contains(passport))
    );
    assert_eq!(
        sheet.get_value((4, 1)).unwrap().to_string(),
        logistics::REDACTED
    );

    assert_eq!(
        app.database_rows_containing(passport).await,
        Vec::<String>::new()
    );
    assert_eq!(
        app.database_rows_containing(name).await,
        Vec::<String>::new()
    );
    let key_left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM caunoi.person_keys WHERE person_id = $1")
            .bind(Uuid::parse_str(&person).unwrap())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(key_left, 0);
    let sealed: Option<String> =
        sqlx::query_scalar("SELECT sealed FROM caunoi.delegation_members WHERE person_id = $1")
            .bind(Uuid::parse_str(&person).unwrap())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(sealed, None);
    let raw = app.raw_stream().await;
    let forgotten_in_stream = raw
        .iter()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .filter(|text| text.contains(&person))
        .collect::<Vec<_>>();
    assert_eq!(forgotten_in_stream.len(), 2, "added, then forgotten");
    assert!(forgotten_in_stream[0].contains("\"sealed\""));
    for text in raw.iter().map(|b| String::from_utf8_lossy(b)) {
        assert!(!text.contains(passport) && !text.contains(name));
    }
    // History stays: every event of the delegation is still there.
    let (_, history) = app.get(&format!("{base}/history")).await;
    assert_eq!(history["events"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_appends_nothing() {
    let app = start().await;
    let id = app.delegation().await;
    let base = format!("/api/delegations/{id}");
    let (events, keys) = (app.events().await, app.keys().await);

    let mut unborn = leader("C1111111");
    unborn["date_of_birth"] = "2090-01-01".into();
    let (status, body) = app.post(&format!("{base}/members"), unborn).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["fields"][0]["field"],
        "members[0].details.date_of_birth"
    );
    assert_eq!(
        body["fields"][0]["message"],
        "Ngày này không thể ở tương lai."
    );

    let mut expired = leader("C1111111");
    expired["document"]["expires_on"] = "2019-01-01".into();
    let (status, body) = app.post(&format!("{base}/members"), expired).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["code"], "expires_before_issued");

    let (status, body) = app
        .post(
            &format!("{base}/travel-legs"),
            json!({"from": "Lạng Sơn", "to": "Bằng Tường", "mode": "coach",
            "departs": {"at": "2024-05-31T07:30:00", "timezone": "Asia/Ho_Chi_Minh"},
            "arrives": {"at": "2024-05-31T09:00:00", "timezone": "Asia/Shanghai"},
            "border_gate": "Cửa khẩu Hữu Nghị"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "item.border_gate");
    assert_eq!(body["fields"][0]["code"], "unknown_border_gate");

    // An edit of a version someone else has since changed names the delegation.
    let (status, body) = app
        .post(
            &format!("{base}/travel-legs"),
            json!({"expected_version": 99, "from": "Lạng Sơn", "to": "Bằng Tường", "mode": "coach",
            "departs": {"at": "2024-05-31T07:30:00", "timezone": "Asia/Ho_Chi_Minh"},
            "arrives": {"at": "2024-05-31T09:00:00", "timezone": "Asia/Shanghai"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "version_conflict");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Đoàn đã được người khác thay đổi: bạn sửa phiên bản 99"),
        "{body}"
    );

    let members: Vec<Value> = (0..10_000).map(|n| leader(&format!("C{n:07}"))).collect();
    let (status, body) = app
        .upload(
            &format!("{base}/members/import"),
            "application/json",
            serde_json::to_vec(&json!({"members": members})).unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "roster_too_many_rows");
    let (status, body) = app
        .upload(
            &format!("{base}/members/import"),
            "text/csv",
            children_csv(10_000),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["message"],
        "Tệp có 10000 dòng; mỗi lần chỉ nhận tối đa 2000 thành viên. Chưa có gì được lưu."
    );

    let (status, body) = app
        .upload(
            &format!("{base}/members/import"),
            "text/csv",
            vec![b'a'; 9 * 1024 * 1024],
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["message"], "Tệp tải lên quá lớn (tối đa 8 MiB).");

    let mut broken = String::from_utf8(children_csv(5)).unwrap();
    broken = broken.replace(
        "Học sinh số 1,Nam,12/04/2013",
        "Học sinh số 1,Nam,31/13/2013",
    );
    broken.push_str("Học sinh số 6,Nữ\n");
    let (status, body) = app
        .upload(
            &format!("{base}/members/import"),
            "text/csv",
            broken.into_bytes(),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "roster_rows_invalid");
    let rows: Vec<(u64, String)> = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                3,
                "Dòng 3, cột “Ngày sinh”: Ngày phải có dạng NNNN-TT-NN, ví dụ 2023-11-21."
                    .to_string()
            ),
            (
                7,
                "Dòng 7: có 2 cột, trong khi dòng tiêu đề có 12 cột.".to_string()
            ),
        ]
    );

    // A valid upload whose roster would pass two thousand is refused whole.
    let (status, body) = app
        .upload(
            &format!("{base}/members/import"),
            "text/csv",
            children_csv(1999),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (events_after_big, keys_after_big) = (app.events().await, app.keys().await);
    let (status, body) = app
        .upload(
            &format!("{base}/members/import"),
            "text/csv",
            children_csv(2),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["code"], "too_many");
    assert_eq!(app.events().await, events_after_big);
    assert_eq!(app.keys().await, keys_after_big);
    assert_eq!(events_after_big, events + 1);
    assert_eq!(keys_after_big, keys + 1999);
}

#[tokio::test]
async fn a_programme_that_is_not_approved_has_no_delegation_yet() {
    let app = start().await;
    let (_, body) = app.post("/api/programmes", childrens_plan()).await;
    let programme = body["id"].as_str().unwrap();
    let events = app.events().await;
    let (status, body) = app
        .post(
            &format!("/api/programmes/{programme}/delegations"),
            json!({"name": "Đoàn thiếu nhi", "direction": "outgoing"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["message"],
        "Không thể lập đoàn cho chương trình khi chương trình đang ở trạng thái “bản nháp”."
    );
    assert_eq!(app.events().await, events);

    // Opening one moves an approved programme to "in preparation", but only once the
    // delegation itself is acceptable.
    let approved = app.approved_childrens_programme().await;
    let path = format!("/api/programmes/{approved}/delegations");
    let events = app.events().await;
    let (status, body) = app
        .post(&path, json!({"name": "  ", "direction": "outgoing"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"][0]["field"], "name");
    assert_eq!(app.events().await, events);
    let (status, _) = app
        .post(
            &path,
            json!({"name": "Đoàn thiếu nhi thành phố Lào Cai", "direction": "outgoing"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, programme) = app.get(&format!("/api/programmes/{approved}")).await;
    assert_eq!(programme["status"], "in_preparation");
    let (_, listed) = app.get(&path).await;
    assert_eq!(
        listed["items"][0]["name"],
        "Đoàn thiếu nhi thành phố Lào Cai"
    );

    let (status, gates) = app.get("/api/border-gates").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        gates["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["code"] == "huu_nghi")
    );
}

/// Every read of members' personal data through the API is recorded, and the host's
/// administrators see who read what, when and how.
#[tokio::test]
async fn reading_personal_data_is_recorded_for_the_hosts_administrators() {
    let app = start().await;
    let delegation = app.delegation().await;
    let (status, _) = app.get(&format!("/api/delegations/{delegation}")).await;
    assert_eq!(status, StatusCode::OK);
    app.download(&format!("/api/delegations/{delegation}/roster.xlsx"))
        .await;
    let path = format!("/api/organisations/{LAO_CAI}/personal-data-reads");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let items = loop {
        let (status, body) = app.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let items = body["items"].as_array().unwrap().clone();
        if items.len() >= 2 || std::time::Instant::now() > deadline {
            break items;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let seen: Vec<(&str, &str, &str)> = items
        .iter()
        .map(|read| {
            (
                read["reader"].as_str().unwrap(),
                read["view"].as_str().unwrap(),
                read["delegation_name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (TESTER, "roster_xlsx", "Đoàn thiếu nhi thành phố Lào Cai"),
            (TESTER, "api", "Đoàn thiếu nhi thành phố Lào Cai"),
        ],
        "newest first"
    );
    // The checklist and the itinerary hold no personal data, and are not recorded.
    app.download(&format!("/api/delegations/{delegation}/itinerary.ics"))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (_, body) = app.get(&path).await;
    assert_eq!(body["items"].as_array().unwrap().len(), 2, "{body}");
}
