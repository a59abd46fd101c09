//! Importing the directory from a file on the administrator's page: the example file is
//! checked, then applied; a file with mistakes lists them and appends nothing; anyone
//! who administers nothing is refused.

use domain::access::AccessRole;
use reqwest::multipart::{Form, Part};

use super::people::{Answer, Visitor};
use super::serve;

const ADMIN: &str = "quantri@tinhdoancaobang.example.vn";
const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const EXAMPLE: &str = include_str!("../../../../deploy/examples/directory.yaml");

/// Uploads `content` as `file_name` to the directory import with the session's cookies
/// and `csrf`.
async fn upload(visitor: &Visitor, csrf: &str, file_name: &str, content: &str) -> Answer {
    upload_to(visitor, "/admin/import", csrf, file_name, content).await
}

/// Uploads `content` as `file_name` to the page at `path`.
pub(super) async fn upload_to(
    visitor: &Visitor,
    path: &str,
    csrf: &str,
    file_name: &str,
    content: &str,
) -> Answer {
    let cookies = visitor
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let form = Form::new().text("csrf", csrf.to_string()).part(
        "file",
        Part::bytes(content.as_bytes().to_vec()).file_name(file_name.to_string()),
    );
    let response = reqwest::Client::new()
        .post(format!("{}{path}", visitor.base))
        .header("cookie", cookies)
        .multipart(form)
        .send()
        .await
        .unwrap();
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

pub(super) fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let rest = &page[page.find(&marker).expect(name) + marker.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[tokio::test]
async fn an_administrator_checks_then_applies_the_example_directory_file() {
    let site = serve(None).await;
    let own = site
        .organisation("Tỉnh Đoàn Cao Bằng (thử)", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(ADMIN, own, AccessRole::Administrator).await;
    let mut admin = site.visitor();
    admin.sign_in(&site, ADMIN).await;
    let page = admin.get("/admin/import").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = Visitor::csrf(&page.body);

    let before = site.events().await;
    let forged = upload(&admin, "", "directory.yaml", EXAMPLE).await;
    assert_eq!(forged.status, 403);
    let checked = upload(&admin, &csrf, "directory.yaml", EXAMPLE).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert!(checked.body.contains("Tệp hợp lệ"), "{}", checked.body);
    assert!(checked.body.contains("action=\"/admin/import/apply\""));
    assert_eq!(site.events().await, before, "checking appends nothing");

    let applied = admin
        .post(
            "/admin/import/apply",
            &[
                ("csrf", &csrf),
                ("file_name", &hidden(&checked.body, "file_name")),
                ("content", &hidden(&checked.body, "content")),
            ],
        )
        .await;
    assert_eq!(applied.status, 200, "{}", applied.body);
    assert!(
        applied.body.contains("Đã ghi vào danh mục"),
        "{}",
        applied.body
    );
    assert!(site.events().await > before);
    let organisations = admin.get("/api/organisations").await;
    assert!(
        organisations.body.contains("Tỉnh Đoàn Hà Giang"),
        "{}",
        organisations.body
    );

    // The same file again changes nothing.
    let again = upload(&admin, &csrf, "directory.yaml", EXAMPLE).await;
    assert!(again.body.contains("không có gì để ghi"), "{}", again.body);
}

#[tokio::test]
async fn a_file_with_mistakes_lists_them_and_appends_nothing_and_others_are_refused() {
    let site = serve(None).await;
    let own = site
        .organisation("Tỉnh Đoàn Cao Bằng (thử)", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(ADMIN, own, AccessRole::Administrator).await;
    site.grant(PLANNER, own, AccessRole::Planner).await;
    let mut admin = site.visitor();
    admin.sign_in(&site, ADMIN).await;
    let csrf = Visitor::csrf(&admin.get("/admin/import").await.body);
    let before = site.events().await;

    let wrong = EXAMPLE
        .replacen(
            "email: tung.nt@tinhdoancaobang.example.vn",
            "email: tung.nt",
            1,
        )
        .replacen("rule: majority", "rule: most", 1);
    let refused = upload(&admin, &csrf, "directory.yaml", &wrong).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"mistakes\""), "{}", refused.body);
    assert!(refused.body.contains("Dòng 20"), "{}", refused.body);
    assert!(refused.body.contains("Dòng 17"), "{}", refused.body);
    assert!(!refused.body.contains("/admin/import/apply"));

    let big = "#".repeat(1024 * 1024 + 1);
    let too_large = upload(&admin, &csrf, "directory.yaml", &big).await;
    assert_eq!(too_large.status, 413, "{}", too_large.body);
    assert!(
        too_large.body.contains("tối đa 1 MiB"),
        "{}",
        too_large.body
    );
    let spreadsheet = upload(&admin, &csrf, "directory.xlsx", EXAMPLE).await;
    assert_eq!(spreadsheet.status, 422);
    assert_eq!(site.events().await, before, "nothing was appended");

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    assert_eq!(hoa.get("/admin/import").await.status, 403);
    let csrf = Visitor::csrf(&hoa.get("/home").await.body);
    assert_eq!(
        upload(&hoa, &csrf, "directory.yaml", EXAMPLE).await.status,
        403
    );
    let content = base64_of(EXAMPLE);
    let apply = hoa
        .post(
            "/admin/import/apply",
            &[
                ("csrf", &csrf),
                ("file_name", "directory.yaml"),
                ("content", &content),
            ],
        )
        .await;
    assert_eq!(apply.status, 403);
    assert_eq!(site.events().await, before);
}

pub(super) fn base64_of(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}
