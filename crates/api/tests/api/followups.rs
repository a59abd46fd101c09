//! Agreements, follow-up reports, action items, figures and the annual review over HTTP.

use domain::followup::{FollowUpReport, ReportCommand};
use domain::programme::{Programme, ProgrammeCommand, Verdict};
use eventstore::CommandMeta;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{App, start};

/// The MOU of the four provinces with Guangxi, its first party being `host`.
pub(super) fn mou(host: &str) -> Value {
    json!({
        "title": "Biên bản ghi nhớ hợp tác giữa Đoàn TNCS Hồ Chí Minh các tỉnh Cao Bằng, Hà Giang, Lạng Sơn, Quảng Ninh và Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây giai đoạn 2023 – 2026",
        "parties": [
            {"name": "Tỉnh Đoàn Cao Bằng", "country": "VN", "organisation_id": host},
            {"name": "Tỉnh Đoàn Hà Giang", "country": "VN"},
            {"name": "Tỉnh Đoàn Lạng Sơn", "country": "VN"},
            {"name": "Tỉnh Đoàn Quảng Ninh", "country": "VN"},
            {"name": "Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây", "country": "CN", "region": "Quảng Tây"}
        ],
        "areas": [
            "Trao đổi thông tin, kinh nghiệm công tác Đoàn",
            "Chuyển đổi số",
            "Quảng bá và giao thương sản phẩm OCOP",
            "Kết nối doanh nhân trẻ, khởi nghiệp"
        ],
        "period": {"start": "2023-11-21", "end": "2026-11-20"},
        "review_cadence": {"every": 1, "unit": "year", "before_expiry_days": 30},
        "coordinator": {"name": "Nông Thị Hoa", "email": "hoa@example.vn"}
    })
}

impl App {
    async fn approve(&self, id: &str) {
        let id: Uuid = id.parse().unwrap();
        let round_id = Uuid::now_v7();
        let meta = meta();
        for command in [
            ProgrammeCommand::StartReview { round_id },
            ProgrammeCommand::RecordReview {
                round_id,
                verdict: Verdict::Approved,
            },
        ] {
            self.store
                .execute::<Programme>(id, None, &command, &meta)
                .await
                .unwrap();
        }
    }

    pub(super) async fn approved_programme(&self, changes: Value) -> String {
        let mut body = self.plan();
        for (key, value) in changes.as_object().unwrap() {
            body[key] = value.clone();
        }
        let (status, created) = self.post("/api/programmes", body).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_str().unwrap().to_string();
        let (status, _) = self
            .post(&format!("/api/programmes/{id}/submit"), json!({}))
            .await;
        assert_eq!(status, StatusCode::OK);
        self.approve(&id).await;
        id
    }

    async fn text(&self, path: &str) -> (StatusCode, String, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        (status, content_type, response.text().await.unwrap())
    }
}

fn meta() -> CommandMeta {
    CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "bch@tinhdoancaobang.vn".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

fn field_messages(body: &Value) -> Vec<(String, String)> {
    body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_agreement_lives_from_draft_to_renewal_over_http() {
    let app = start().await;
    let (status, drafted) = app.post("/api/agreements", mou(&app.host)).await;
    assert_eq!(status, StatusCode::CREATED, "{drafted}");
    assert_eq!(drafted["status"], "drafted");
    let id = drafted["id"].as_str().unwrap().to_string();
    let (status, signed) = app
        .post(
            &format!("/api/agreements/{id}/sign"),
            json!({"expected_version": 1, "signed_on": "2023-11-21", "place": "Hội nghị trực tuyến, điểm cầu Cao Bằng"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    assert_eq!(signed["status"], "active");
    assert_eq!(signed["visible"], true);

    let (_, register) = app
        .get(&format!(
            "/api/agreements?organisation={}&q=quang%20tay",
            app.host
        ))
        .await;
    assert_eq!(register["total"], 1);
    assert_eq!(register["items"][0]["next_review_on"], "2024-11-21");
    assert_eq!(register["items"][0]["expires_on"], "2026-11-20");

    let (status, opened) = app
        .post(&format!("/api/agreements/{id}/reviews"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{opened}");
    assert_eq!(opened["status"], "under_review");
    let review_id = opened["record"]["reviews"][0]["review_id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, completed) = app
        .post(
            &format!("/api/agreements/{id}/reviews/{review_id}/complete"),
            json!({"held_on": "2024-11-22", "findings": "Các bên đã triển khai trao đổi kinh nghiệm chuyển đổi số."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{completed}");
    let (_, detail) = app.get(&format!("/api/agreements/{id}")).await;
    assert_eq!(detail["next_review_on"], "2025-11-21");
    let schedule: Vec<(&str, &str)> = detail["review_schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["due_on"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        schedule,
        [
            ("2024-11-21", "done"),
            ("2025-11-21", "due"),
            ("2026-10-21", "due")
        ]
    );

    let (_, due) = app
        .get("/api/agreements/reviews-due?until=2026-12-31")
        .await;
    assert_eq!(due["items"].as_array().unwrap().len(), 2);
    assert_eq!(due["items"][0]["coordinator_email"], "hoa@example.vn");

    let (status, refused) = app
        .post(
            &format!("/api/agreements/{id}/renew"),
            json!({"successor_id": Uuid::now_v7(), "renewed_on": "2025-11-20"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    let mut next = mou(&app.host);
    next["title"] = json!("Biên bản ghi nhớ hợp tác giai đoạn 2026 – 2029");
    next["period"] = json!({"start": "2026-11-21", "end": "2029-11-20"});
    let (_, successor) = app.post("/api/agreements", next).await;
    let (status, renewed) = app
        .post(
            &format!("/api/agreements/{id}/renew"),
            json!({"successor_id": successor["id"], "renewed_on": "2025-11-20", "note": "Ký lại tại hội nghị giao ban"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    assert_eq!(renewed["status"], "renewed");
    let (status, refused) = app
        .post(&format!("/api/agreements/{id}/expire"), json!({}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(refused["code"], "not_allowed_in_status");
    assert_eq!(
        refused["message"],
        "Không thể ghi nhận hết hiệu lực thỏa thuận hợp tác khi đang ở trạng thái “đã ký lại, thay bằng thỏa thuận mới”."
    );
}

#[tokio::test]
async fn bad_agreement_input_gets_422_in_vietnamese_and_appends_nothing() {
    let app = start().await;
    let mut bad = mou(&app.host);
    bad["period"] = json!({"start": "2026-11-20", "end": "2023-11-21"});
    bad["review_cadence"]["every"] = json!(0);
    let before = app.events().await;
    let (status, body) = app.post("/api/agreements", bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(
        field_messages(&body),
        [
            (
                "period.end".to_string(),
                "Ngày kết thúc không được trước ngày bắt đầu.".to_string()
            ),
            (
                "review_cadence.every".to_string(),
                "Phải nằm trong khoảng 1–10.".to_string()
            )
        ]
    );
    assert_eq!(app.events().await, before, "nothing appended");
}

pub(super) fn report(action_owner: Value) -> Value {
    json!({
        "outcomes": "Ký kết Biên bản ghi nhớ hợp tác giai đoạn 2023 – 2026.",
        "actual_attendance": 52,
        "attendance_note": "Đại biểu tại 5 điểm cầu",
        "partners_met": ["Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây"],
        "media": [{"title": "Tiếp nối tình hữu nghị truyền thống", "url": "https://tinhdoan.caobang.gov.vn/"}],
        "lessons": "Chuẩn bị đường truyền dự phòng.",
        "action_items": [{
            "title": "Tổ chức giao lưu doanh nhân trẻ về sản phẩm OCOP",
            "owner": action_owner,
            "due_on": "2024-06-30"
        }]
    })
}

#[tokio::test]
async fn a_programme_is_followed_up_and_closed_through_its_report() {
    let app = start().await;
    let programme = app.approved_programme(json!({})).await;
    let (status, drafted) = app
        .post(
            &format!("/api/programmes/{programme}/follow-up"),
            report(json!({"name": "Nông Thị Hoa", "email": "hoa@example.vn"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{drafted}");
    assert_eq!(
        drafted["record"]["due_on"], "2023-12-06",
        "15 days after 21/11"
    );
    let id = drafted["id"].as_str().unwrap().to_string();
    let (status, again) = app
        .post(&format!("/api/programmes/{programme}/follow-up"), json!({}))
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "one report per programme: {again}"
    );

    let (status, submitted) = app
        .post(&format!("/api/follow-up-reports/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{submitted}");
    let (_, detail) = app.get(&format!("/api/programmes/{programme}")).await;
    assert_eq!(detail["status"], "followed_up");

    let (status, _) = app
        .post(
            &format!("/api/follow-up-reports/{id}/return"),
            json!({"comment": "Bổ sung số đại biểu phía Quảng Tây"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut corrected = report(json!({"name": "Nông Thị Hoa", "email": "hoa@example.vn"}));
    corrected["actual_attendance"] = json!(60);
    let (status, revised) = app
        .post(
            &format!("/api/follow-up-reports/{id}/revise"),
            json!({"content": corrected}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{revised}");
    for step in ["submit", "accept"] {
        let (status, body) = app
            .post(&format!("/api/follow-up-reports/{id}/{step}"), json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{step}: {body}");
    }
    let (_, detail) = app.get(&format!("/api/programmes/{programme}")).await;
    assert_eq!(detail["status"], "closed");
    let (_, history) = app
        .get(&format!("/api/programmes/{programme}/history"))
        .await;
    let types: Vec<&str> = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types[types.len() - 3..],
        ["ProgrammeHeld", "ProgrammeFollowedUp", "ProgrammeClosed"]
    );
    let (_, report) = app
        .get(&format!("/api/programmes/{programme}/follow-up"))
        .await;
    assert_eq!(report["status"], "accepted");
    assert_eq!(report["content"]["actual_attendance"], 60);
    assert_eq!(
        report["programme"]["status"], "closed",
        "the report shows the programme as it stands now, not as it was when drafted"
    );

    // The action item lives on after the report, and is ticked off.
    let (_, items) = app.get("/api/action-items?owner=HOA@example.vn").await;
    assert_eq!(items["total"], 1);
    let item = items["items"][0]["id"].as_str().unwrap().to_string();
    let (status, done) = app
        .post(
            &format!("/api/follow-up-reports/{id}/action-items/{item}"),
            json!({"status": "done", "note": "Đã tổ chức tại Hội chợ OCOP"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (_, items) = app.get("/api/action-items?owner=hoa@example.vn").await;
    assert_eq!(items["total"], 0);
    let (_, items) = app.get("/api/action-items?status=done").await;
    assert_eq!(items["items"][0]["note"], "Đã tổ chức tại Hội chợ OCOP");

    // Figures use the reported 60, not the expected 40.
    let (_, figures) = app
        .get(&format!(
            "/api/figures?from=2023&to=2023&organisation={}",
            app.host
        ))
        .await;
    assert_eq!(figures["totals"]["delegates"], 60);
    assert_eq!(figures["totals"]["delegations"], 0, "an online conference");
    let (status, content_type, csv) = app
        .text(&format!(
            "/api/figures.csv?from=2022&to=2023&organisation={}",
            app.host
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert_eq!(
        csv,
        "\u{feff}Năm,Số chương trình,Số đoàn,Số lượt đại biểu,Phía Việt Nam,Phía đối tác,\
         Chưa rõ phía,Chi thực tế (VND),Dự toán (VND),Quà tặng đối tác (VND),\
         Quà nhận từ đối tác (VND)\n\
         2022,0,0,0,,,0,,,,\n\
         2023,1,0,60,,,60,,15000000,,\n\
         Tổng cộng,1,0,60,,,60,,15000000,,\n"
    );
    let (status, content_type, svg) = app.text("/api/figures.svg?from=2023&to=2023&by=kind").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("image/svg+xml"));
    assert!(svg.contains(">Hội nghị trực tuyến: 60<"), "{svg}");
    let (status, content_type, page) = app
        .text(&format!("/organisations/{}/annual-review/2023", app.host))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"));
    assert!(page.contains("Báo cáo tổng kết công tác đối ngoại năm 2023"));
    assert!(page.contains("Hội nghị trực tuyến Đoàn Thanh niên 4 tỉnh biên giới"));
    // The year's chart, drawn inline: delegates month by month, 60 in November.
    assert!(page.contains("<svg"), "{page}");
    assert!(
        page.contains("Số lượt đại biểu theo tháng, năm 2023"),
        "{page}"
    );
    assert!(page.contains(">T11: 60<"), "{page}");
    let (_, review) = app
        .get(&format!(
            "/api/organisations/{}/annual-review/2023",
            app.host
        ))
        .await;
    assert_eq!(review["by_month"].as_array().unwrap().len(), 12);
    assert_eq!(review["by_month"][10]["key"], "2023-11");
    assert_eq!(review["by_month"][10]["delegates"], 60);
    for external in ["<link", "<script", "src=", "url("] {
        assert!(
            !page.contains(external),
            "no external resources: {external}"
        );
    }
}

#[tokio::test]
async fn figures_cover_any_period_of_days_and_refuse_days_nobody_could_mean() {
    let app = start().await;
    for (start, size) in [
        ("2016-12-31", 1000),
        ("2017-01-01", 30),
        ("2023-06-10", 25),
        ("2023-07-02", 999),
    ] {
        let id = app
            .approved_programme(json!({
                "schedule": {"start": start, "end": start, "timezone": "Asia/Ho_Chi_Minh"},
                "expected_delegation_size": size
            }))
            .await;
        let (status, body) = app
            .post(&format!("/api/programmes/{id}/mark-held"), json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{start}: {body}");
    }
    let host = &app.host;

    // From 2017 to 6/2023: 10/6/2023 counts, 2/7/2023 does not; a row for each year.
    // The month alone, as the articles write it, reads the same.
    for (from, to) in [
        ("2017-01-01", "2023-06-30"),
        ("01/01/2017", "30/06/2023"),
        ("2017", "6/2023"),
    ] {
        let (status, figures) = app
            .get(&format!(
                "/api/figures?from={from}&to={to}&organisation={host}"
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{figures}");
        assert_eq!(figures["from"], 2017);
        assert_eq!(figures["to"], 2023);
        assert_eq!(figures["from_date"], "2017-01-01");
        assert_eq!(figures["to_date"], "2023-06-30");
        assert_eq!(figures["totals"]["programmes"], 2, "{figures}");
        assert_eq!(figures["totals"]["delegates"], 55, "{figures}");
        let years: Vec<&str> = figures["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["key"].as_str().unwrap())
            .collect();
        assert_eq!(
            years,
            ["2017", "2018", "2019", "2020", "2021", "2022", "2023"]
        );
        assert_eq!(figures["rows"][6]["delegates"], 25);
    }
    // Years alone are whole years, as they always were.
    let (_, years) = app
        .get(&format!(
            "/api/figures?from=2017&to=2023&organisation={host}"
        ))
        .await;
    assert_eq!(years["from"], 2017);
    assert_eq!(years["to"], 2023);
    assert_eq!(years["to_date"], "2023-12-31");
    assert_eq!(years["totals"]["delegates"], 1054);

    let (_, by_host) = app
        .get("/api/figures?from=2017-01-01&to=2023-06-30&by=organisation")
        .await;
    assert_eq!(by_host["by"], "organisation");
    assert_eq!(
        by_host["rows"],
        json!([{"key": host, "label": "Tỉnh Đoàn Cao Bằng",
                "programmes": 2, "delegations": 0, "delegates": 55,
                // Sides and money nobody reported are unknown, not 0.
                "vietnamese_side": null, "partner_side": null, "side_unknown": 55,
                "spent_vnd": null, "budget_vnd": null,
                "gifts_given_vnd": null, "gifts_received_vnd": null}])
    );

    let (status, _, csv) = app
        .text(&format!(
            "/api/figures.csv?from=2017-01-01&to=2023-06-30&organisation={host}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        csv.ends_with(
            "2023,1,0,25,,,25,,,,\nTổng cộng (Từ 01/01/2017 đến 30/06/2023),2,0,55,,,55,,,,\n"
        ),
        "{csv}"
    );
    let (_, _, csv) = app
        .text("/api/figures.csv?from=2017-01-01&to=2023-06-30&by=organisation")
        .await;
    assert!(
        csv.starts_with("\u{feff}Đơn vị chủ trì (Từ 01/01/2017 đến 30/06/2023),"),
        "{csv}"
    );
    let (status, _, svg) = app
        .text("/api/figures.svg?from=2023-01-01&to=2023-06-30&by=month")
        .await;
    assert_eq!(status, StatusCode::OK, "{svg}");
    assert!(
        svg.contains("Số lượt đại biểu theo tháng, từ 01/01/2023 đến 30/06/2023"),
        "{svg}"
    );
    assert_eq!(svg.matches("<rect class=\"bar\"").count(), 6);

    let date_message = "Ngày phải có dạng NNNN-TT-NN, ví dụ 2023-11-21.";
    for (query, field, message) in [
        ("from=2023-02-30", "from", date_message.to_string()),
        ("from=2017&to=31/02/2023", "to", date_message.to_string()),
        ("from=2023-13-01", "from", date_message.to_string()),
        ("from=13/2023", "from", date_message.to_string()),
        (
            "from=2017&to=2101-01-01",
            "to",
            "Ngày phải nằm trong khoảng năm 1990–2100.".to_string(),
        ),
        (
            "from=1989",
            "from",
            "Phải nằm trong khoảng 1990–2100.".to_string(),
        ),
        (
            "from=2023-06-30&to=2023-06-01",
            "to",
            "Ngày kết thúc không được trước ngày bắt đầu.".to_string(),
        ),
    ] {
        for path in ["/api/figures", "/api/figures.csv", "/api/figures.svg"] {
            let (status, body) = app.get(&format!("{path}?{query}")).await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path}?{query}: {body}"
            );
            assert_eq!(
                field_messages(&body),
                [(field.to_string(), message.clone())],
                "{path}?{query}"
            );
        }
    }
}

#[tokio::test]
async fn bad_report_input_gets_422_in_vietnamese_and_appends_nothing() {
    let app = start().await;
    let future = app
        .approved_programme(json!({
            "schedule": {"start": "2099-05-01", "end": "2099-05-03", "timezone": "Asia/Ho_Chi_Minh"}
        }))
        .await;
    let before = app.events().await;
    let (status, body) = app
        .post(
            &format!("/api/programmes/{future}/follow-up"),
            report(json!({"name": "Nông Thị Hoa", "email": "hoa@example.vn"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_messages(&body),
        [(
            "programme.schedule.end".to_string(),
            "Chương trình kết thúc ngày 03/05/2099; chỉ lập được báo cáo kết quả từ ngày đó trở đi."
                .to_string()
        )]
    );
    let ended = app.approved_programme(json!({})).await;
    let (status, body) = app
        .post(
            &format!("/api/programmes/{ended}/follow-up"),
            report(Value::Null),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_messages(&body),
        [(
            "action_items[0].owner".to_string(),
            "Trường này là bắt buộc.".to_string()
        )]
    );
    let after_second = app.events().await;
    assert_eq!(
        after_second - before,
        4,
        "only the second programme's own four events"
    );

    // A report without attendance cannot be submitted, and the programme stays approved.
    let (status, drafted) = app
        .post(
            &format!("/api/programmes/{ended}/follow-up"),
            json!({"outcomes": "Đã tổ chức hội nghị"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{drafted}");
    let id = drafted["id"].as_str().unwrap();
    let before = app.events().await;
    let (status, body) = app
        .post(&format!("/api/follow-up-reports/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "actual_attendance");
    assert_eq!(app.events().await, before, "nothing appended");
    let (_, detail) = app.get(&format!("/api/programmes/{ended}")).await;
    assert_eq!(detail["status"], "approved");
}

#[tokio::test]
async fn a_submit_repeated_after_an_interruption_completes_the_programme_steps() {
    let app = start().await;
    let programme = app.approved_programme(json!({})).await;
    let (status, drafted) = app
        .post(
            &format!("/api/programmes/{programme}/follow-up"),
            report(json!({"name": "Nông Thị Hoa", "email": "hoa@example.vn"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let id: Uuid = drafted["id"].as_str().unwrap().parse().unwrap();
    // The report's event was appended, and the service stopped before the programme's.
    app.store
        .execute::<FollowUpReport>(id, None, &ReportCommand::Submit, &meta())
        .await
        .unwrap();
    let (_, detail) = app.get(&format!("/api/programmes/{programme}")).await;
    assert_eq!(detail["status"], "approved");
    let (status, again) = app
        .post(&format!("/api/follow-up-reports/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(
        again["appended"].as_array().unwrap().len(),
        0,
        "the report was in"
    );
    let (_, detail) = app.get(&format!("/api/programmes/{programme}")).await;
    assert_eq!(detail["status"], "followed_up");
}

/// The report of the conference with both sides, spending under the plan's one budget
/// line (15 000 000 đồng) and beside it, and gifts given and received.
pub(super) fn report_with_money() -> Value {
    let mut body = report(json!({"name": "Nông Thị Hoa", "email": "hoa@example.vn"}));
    body["vietnamese_side"] = json!(40);
    body["partner_side"] = json!(12);
    body["spending"] = json!([
        {"budget_line": 0, "spent": {"amount": "14250000", "currency": "VND"}},
        {"label": "Thuê đường truyền dự phòng",
         "spent": {"amount": "120", "currency": "USD", "rate_to_vnd": "25400.25"}}
    ]);
    body["gifts"] = json!([
        {"direction": "given", "description": "Vật tư y tế trao tặng Hội Chữ thập đỏ Quảng Tây",
         "quantity": "5.000 khẩu trang", "value": {"amount": 500000000, "currency": "VND"}},
        {"direction": "received", "description": "Tranh thêu dân tộc Choang",
         "value": {"amount": "3000", "currency": "CNY", "rate_to_vnd": "3450"}}
    ]);
    body
}

#[tokio::test]
async fn a_report_gives_sides_spending_and_gifts_which_figures_total_in_dong() {
    let app = start().await;
    let programme = app.approved_programme(json!({})).await;
    let (status, drafted) = app
        .post(
            &format!("/api/programmes/{programme}/follow-up"),
            report_with_money(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{drafted}");
    let id = drafted["id"].as_str().unwrap().to_string();
    let (status, detail) = app.get(&format!("/api/follow-up-reports/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    let content = &detail["content"];
    assert_eq!(content["vietnamese_side"], 40);
    assert_eq!(content["partner_side"], 12);
    assert_eq!(content["spending"][1]["spent"]["rate_to_vnd"], "25400.25");
    assert_eq!(content["gifts"][0]["value"]["amount"], "500000000");
    assert_eq!(content["gifts"][1]["direction"], "received");
    assert_eq!(
        detail["money"],
        json!({
            "spent_vnd": 14_250_000 + 3_048_030,
            "budget_vnd": 15_000_000,
            "gifts_given_vnd": 500_000_000,
            "gifts_received_vnd": 10_350_000
        })
    );

    // Figures count them once the report is handed in.
    let host = &app.host;
    let figures_path = format!("/api/figures?from=2023&to=2023&organisation={host}");
    let (_, before) = app.get(&figures_path).await;
    assert_eq!(before["totals"]["programmes"], 0, "not held yet: {before}");
    assert_eq!(before["totals"]["vietnamese_side"], Value::Null);
    assert_eq!(before["totals"]["spent_vnd"], Value::Null);
    let (status, body) = app
        .post(&format!("/api/follow-up-reports/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, figures) = app.get(&figures_path).await;
    let totals = &figures["totals"];
    assert_eq!(totals["delegates"], 52, "{figures}");
    assert_eq!(totals["vietnamese_side"], 40);
    assert_eq!(totals["partner_side"], 12);
    assert_eq!(totals["side_unknown"], 0);
    assert_eq!(totals["spent_vnd"], 17_298_030);
    assert_eq!(totals["budget_vnd"], 15_000_000);
    assert_eq!(totals["gifts_given_vnd"], 500_000_000);
    assert_eq!(totals["gifts_received_vnd"], 10_350_000);
    assert_eq!(figures["rows"][0]["spent_vnd"], 17_298_030);
    let (status, review) = app
        .get(&format!("/api/organisations/{host}/annual-review/2023"))
        .await;
    assert_eq!(status, StatusCode::OK, "{review}");
    assert_eq!(review["totals"]["gifts_given_vnd"], 500_000_000);
    let (status, _, page) = app
        .text(&format!("/organisations/{host}/annual-review/2023"))
        .await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        "<strong>40 / 12</strong>lượt đại biểu phía Việt Nam / phía đối tác",
        "<strong>17.298.030 ₫</strong>kinh phí thực chi",
        "<strong>500.000.000 ₫</strong>giá trị quà tặng, ủng hộ trao cho đối tác",
        "<strong>10.350.000 ₫</strong>giá trị quà tặng nhận từ đối tác",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }

    let (status, _, csv) = app
        .text(&format!(
            "/api/figures.csv?from=2023&to=2023&organisation={host}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Năm,Số chương trình,Số đoàn,Số lượt đại biểu,Phía Việt Nam,Phía đối tác,Chưa rõ phía,\
         Chi thực tế (VND),Dự toán (VND),Quà tặng đối tác (VND),Quà nhận từ đối tác (VND)"
    );
    assert_eq!(
        lines[1],
        "2023,1,0,52,40,12,0,17298030,15000000,500000000,10350000"
    );
}

#[tokio::test]
async fn bad_sides_money_and_gifts_get_422_naming_each_field() {
    let app = start().await;
    let programme = app.approved_programme(json!({})).await;
    let before = app.events().await;
    let mut body = report_with_money();
    body["partner_side"] = json!(20);
    body["spending"][0]["budget_line"] = json!(3);
    body["spending"][1]["spent"] = json!({"amount": "-120", "currency": "USD"});
    body["gifts"][0]["description"] = json!("");
    body["gifts"][1]["value"]["rate_to_vnd"] = json!("0");
    let (status, answer) = app
        .post(&format!("/api/programmes/{programme}/follow-up"), body)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["code"], "validation_failed");
    assert_eq!(
        field_messages(&answer),
        [
            (
                "partner_side",
                "Số người phía Việt Nam và phía đối tác cộng lại phải bằng tổng số 52."
            ),
            (
                "spending[0].budget_line",
                "Kế hoạch không có dòng kinh phí này."
            ),
            ("spending[1].spent.amount", "Số tiền không được âm."),
            (
                "spending[1].spent.rate_to_vnd",
                "Cần ghi tỷ giá quy đổi từ USD sang đồng (VND) đã dùng."
            ),
            ("gifts[0].description", "Trường này là bắt buộc."),
            (
                "gifts[1].value.rate_to_vnd",
                "Phải nằm trong khoảng 0–100000."
            ),
        ]
        .map(|(f, m)| (f.to_string(), m.to_string()))
    );
    let codes: Vec<&str> = answer["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "sides_not_total",
            "not_in_plan",
            "negative",
            "rate_required",
            "required",
            "out_of_range"
        ]
    );
    // A field the report does not know is refused as such.
    let mut body = report_with_money();
    body["gifts"][0]["worth"] = json!(1);
    let (status, answer) = app
        .post(&format!("/api/programmes/{programme}/follow-up"), body)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(app.events().await, before, "nothing appended");
}
