//! Official documents over HTTP: each route answers the DOCX (or the PDF) to a person of
//! the organisation, refuses a person of another one, and names the documents there are
//! when asked for one that is not.

use domain::access::AccessRole;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::delegations::leader;
use super::followups::report_with_money;
use super::{App, client_of, start};

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The status, the content type, the disposition and the body of a GET by `client`.
async fn fetch(
    app: &App,
    client: &reqwest::Client,
    path: &str,
) -> (StatusCode, String, String, Vec<u8>) {
    let response = client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    let status = response.status();
    (
        status,
        content_type,
        disposition,
        response.bytes().await.unwrap().to_vec(),
    )
}

/// A DOCX (a zip) with both file names.
async fn assert_docx(app: &App, path: &str, ascii_name: &str) {
    let (status, content_type, disposition, body) = fetch(app, &app.client, path).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{path}: {}",
        String::from_utf8_lossy(&body)
    );
    assert_eq!(content_type, DOCX, "{path}");
    assert!(body.starts_with(b"PK"), "{path}: a zip");
    assert!(
        disposition.starts_with(&format!(
            "attachment; filename=\"{ascii_name}.docx\"; filename*=UTF-8''"
        )),
        "{path}: {disposition}"
    );
}

/// The text of a DOCX's body, as Word stores it (runs may split words, not these).
fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or(Value::Null)
}

/// Someone holding every role in Tỉnh Đoàn Điện Biên, which organises none of it.
async fn outsider(app: &App) -> reqwest::Client {
    let organisation = testkit::people::organisation(&app.store, "Tỉnh Đoàn Điện Biên").await;
    let email = "lo.vt@tinhdoandienbien.example.vn";
    testkit::people::grant(
        &app.store,
        email,
        "Lò Văn Thắng",
        organisation,
        &[
            AccessRole::Administrator,
            AccessRole::Planner,
            AccessRole::Coordinator,
        ],
    )
    .await;
    client_of(&testkit::people::bearer(&app.pool, email).await)
}

#[tokio::test]
async fn a_programme_gives_its_documents_to_its_own_organisation_only() {
    let app = start().await;
    let id = app.create().await;
    for (slug, name) in [
        ("proposal", "to-trinh"),
        ("plan", "ke-hoach"),
        ("reply-letter-zh", "fuhan"),
    ] {
        assert_docx(&app, &format!("/api/programmes/{id}/documents/{slug}?number=15&signer=N%C3%B4ng%20Th%E1%BB%8B%20Hoa"), name).await;
    }
    let (_, _, disposition, _) = fetch(
        &app,
        &app.client,
        &format!("/api/programmes/{id}/documents/proposal"),
    )
    .await;
    assert!(
        disposition.contains("T%E1%BB%9D%20tr%C3%ACnh"),
        "Tờ trình, in UTF-8: {disposition}"
    );

    // No report yet: nothing to report on.
    let (status, _, _, body) = fetch(
        &app,
        &app.client,
        &format!("/api/programmes/{id}/documents/report"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json_of(&body)["code"], "not_found");

    // A document that does not exist here, or only under a delegation: named clearly.
    for slug in ["memo", "decision"] {
        let (status, _, _, body) = fetch(
            &app,
            &app.client,
            &format!("/api/programmes/{id}/documents/{slug}"),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{slug}");
        let body = json_of(&body);
        assert_eq!(body["code"], "unknown_document", "{slug}");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("proposal, plan, report, reply-letter-zh"),
            "{body}"
        );
    }
    let (status, _, _, body) = fetch(
        &app,
        &app.client,
        &format!("/api/programmes/{id}/documents/plan?format=odt&date=5/12/2026"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json_of(&body)["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["date", "format"]);

    let other = outsider(&app).await;
    let (status, _, _, body) = fetch(
        &app,
        &other,
        &format!("/api/programmes/{id}/documents/proposal"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "{}",
        String::from_utf8_lossy(&body)
    );
}

#[tokio::test]
async fn a_pdf_comes_through_libreoffice() {
    let app = start().await;
    let id = app.create().await;
    let (status, content_type, disposition, body) = fetch(
        &app,
        &app.client,
        &format!("/api/programmes/{id}/documents/plan?format=pdf"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(content_type, "application/pdf");
    assert!(body.starts_with(b"%PDF"));
    assert!(
        disposition.starts_with("attachment; filename=\"ke-hoach.pdf\""),
        "{disposition}"
    );
}

#[tokio::test]
async fn a_delegation_gives_its_documents_to_who_may_read_its_roster() {
    let app = start().await;
    let delegation = app.delegation().await;
    let base = format!("/api/delegations/{delegation}");
    let (status, body) = app
        .post(&format!("{base}/members"), leader("B7654321"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = app
        .post(
            &format!("{base}/itinerary"),
            json!({"date": "2024-06-01", "starts": "09:00:00", "timezone": "Asia/Shanghai",
                   "title": "Giao lưu văn nghệ", "place": "Quảng trường huyện Hà Khẩu"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // The decision lists the member by name and year of birth, never by passport; the
    // list for the partner gives her name in Hanzi too.
    let (_, _, _, decision) = fetch(&app, &app.client, &format!("{base}/documents/decision")).await;
    let text = document_xml(&decision);
    assert!(
        text.contains("Trương Thị Vân Anh") && text.contains("1988"),
        "{text}"
    );
    assert!(!text.contains("B7654321"), "no passport number");
    let (_, _, _, list) = fetch(
        &app,
        &app.client,
        &format!("{base}/documents/delegation-list-zh"),
    )
    .await;
    assert!(document_xml(&list).contains("张氏云英"));
    // The programme's kế hoạch carries the delegation's itinerary.
    let programme = app.get(&format!("/api/delegations/{delegation}")).await.1["programme"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, _, _, plan) = fetch(
        &app,
        &app.client,
        &format!("/api/programmes/{programme}/documents/plan"),
    )
    .await;
    assert!(document_xml(&plan).contains("Giao lưu văn nghệ"));
    for (slug, name) in [
        ("decision", "quyet-dinh-cu-doan"),
        ("delegation-list-zh", "daibiaotuan-mingdan"),
        ("itinerary-zh", "xingcheng-anpai"),
    ] {
        assert_docx(&app, &format!("{base}/documents/{slug}"), name).await;
    }
    let (status, _, _, body) =
        fetch(&app, &app.client, &format!("{base}/documents/proposal")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json_of(&body)["code"], "unknown_document");

    let other = outsider(&app).await;
    for slug in ["decision", "delegation-list-zh", "itinerary-zh"] {
        let (status, _, _, body) = fetch(&app, &other, &format!("{base}/documents/{slug}")).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{slug}: {}",
            String::from_utf8_lossy(&body)
        );
    }
}

#[tokio::test]
async fn the_report_and_the_annual_review_become_documents() {
    let app = start().await;
    let programme = app.approved_programme(json!({})).await;
    let (status, body) = app
        .post(
            &format!("/api/programmes/{programme}/follow-up"),
            report_with_money(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let path = format!("/api/programmes/{programme}/documents/report");
    assert_docx(&app, &path, "bao-cao-ket-qua").await;
    // The sides, the spending against the plan's one budget line of 15 000 000 đồng with
    // the rate of the line in dollars, the totals in đồng, and the gifts both ways.
    let (_, _, _, report) = fetch(&app, &app.client, &path).await;
    let text = document_xml(&report);
    for wanted in [
        "phía Việt Nam 40 người; phía đối tác 12 người",
        "Thuê đường truyền dự phòng",
        "120,00 US$",
        "3.048.030 ₫ (tỷ giá 25.400,25 ₫)",
        "17.298.030 ₫",
        "15.000.000 ₫",
        "Vật tư y tế trao tặng Hội Chữ thập đỏ Quảng Tây",
        "500.000.000 ₫",
        "3.000,00 ¥ (tỷ giá 3.450 ₫) ≈ 10.350.000 ₫",
    ] {
        assert!(text.contains(wanted), "the report lacks {wanted:?}: {text}");
    }

    let review = format!(
        "/api/organisations/{}/annual-review/2023/document",
        app.host
    );
    assert_docx(&app, &review, "bao-cao-tong-ket").await;
    let (status, _, _, body) = fetch(
        &app,
        &app.client,
        &format!(
            "/api/organisations/{}/annual-review/3000/document",
            app.host
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json_of(&body)["code"], "validation_failed");

    let other = outsider(&app).await;
    let (status, _, _, _) = fetch(&app, &other, &review).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _, _) = fetch(
        &app,
        &other,
        &format!("/api/programmes/{programme}/documents/report"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
