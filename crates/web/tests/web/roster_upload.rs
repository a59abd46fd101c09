//! The roster from the delegation page: 30 children with their guardians uploaded from
//! an Excel workbook, a file with a wrong row refused whole with the row named, and a
//! member forgotten for good after a page that asks first.

use domain::access::AccessRole;
use domain::delegation::Delegation;
use reqwest::multipart::{Form, Part};
use uuid::Uuid;

use super::coordinator::{COORDINATOR, delegation};
use super::people::{Answer, Visitor};
use super::{Site, serve};

const HEADING: [&str; 10] = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Quốc tịch",
    "Chức vụ",
    "Loại giấy tờ",
    "Số hộ chiếu/giấy thông hành",
    "Ngày hết hạn",
    "Người giám hộ",
    "Cha mẹ đồng ý",
];

/// A workbook of `children` rows under the heading; `wrong_birthday` replaces the first
/// child's date of birth.
fn workbook(children: u32, wrong_birthday: Option<&str>) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, heading) in HEADING.iter().enumerate() {
        sheet.write_string(0, column as u16, *heading).unwrap();
    }
    for n in 1..=children {
        let birthday = match wrong_birthday {
            Some(wrong) if n == 1 => wrong.to_owned(),
            _ => format!("{:02}/03/2015", n % 28 + 1),
        };
        let cells = [
            format!("Hoàng Thị Lan {n}"),
            if n % 2 == 0 { "Nam" } else { "Nữ" }.to_owned(),
            birthday,
            "Việt Nam".to_owned(),
            "Học sinh".to_owned(),
            "Giấy thông hành".to_owned(),
            format!("LC{n:06}"),
            "01/03/2029".to_owned(),
            format!("Hoàng Văn Phụ {n}"),
            "Có".to_owned(),
        ];
        for (column, cell) in cells.iter().enumerate() {
            sheet.write_string(n, column as u16, cell).unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

async fn upload(visitor: &Visitor, id: &str, csrf: &str, file: Vec<u8>) -> Answer {
    let cookies = visitor
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let form = Form::new()
        .text("csrf", csrf.to_string())
        .part("file", Part::bytes(file).file_name("danh-sach-doan.xlsx"));
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/delegations/{id}/roster", visitor.base))
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

async fn version(site: &Site, id: &str) -> u64 {
    let id: Uuid = id.parse().unwrap();
    site.store.load::<Delegation>(id).await.unwrap().version
}

#[tokio::test]
async fn a_coordinator_uploads_thirty_children_from_a_workbook_all_or_nothing() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let (_, id) = delegation(&site, host).await;
    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert!(
        page.body.contains("Tải lên danh sách đoàn"),
        "{}",
        page.body
    );
    let csrf = Visitor::csrf(&page.body);
    let before = version(&site, &id).await;

    let wrong = upload(&vananh, &id, &csrf, workbook(30, Some("31/02/2015"))).await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    for expected in [
        "Có 1 lỗi trong tệp; chưa có thành viên nào được lưu.",
        "Dòng 2, cột “Ngày sinh”: ",
    ] {
        assert!(
            wrong.body.contains(expected),
            "{expected} in {}",
            wrong.body
        );
    }
    let nothing = upload(&vananh, &id, &csrf, Vec::new()).await;
    assert_eq!(nothing.status, 422);
    assert!(nothing.body.contains("Xin chọn một tệp Excel hoặc CSV."));
    let forged = upload(&vananh, &id, "not-the-token", workbook(30, None)).await;
    assert_eq!(forged.status, 403);
    assert_eq!(version(&site, &id).await, before, "nothing was added");

    let added = upload(&vananh, &id, &csrf, workbook(30, None)).await;
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(added.location(), format!("/delegations/{id}#roster"));
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert!(page.body.contains("32 thành viên"), "{}", page.body);
    assert!(
        page.body.contains("<td>32</td><td>Hoàng Thị Lan 30"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_member_is_forgotten_for_good_only_after_the_page_that_asks() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let approver = "duyet@thanhdoanlaocai.example.vn";
    site.grant(approver, host, AccessRole::Approver).await;
    let (_, id) = delegation(&site, host).await;
    let stored = site
        .store
        .load::<Delegation>(id.parse().unwrap())
        .await
        .unwrap();
    let person = stored.state.record().unwrap().members[1].person_id;
    let path = format!("/delegations/{id}/members/{person}/forget");

    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert!(
        page.body.contains(&format!("href=\"{path}\"")),
        "{}",
        page.body
    );
    let asking = vananh.get(&path).await;
    assert_eq!(asking.status, 200, "{}", asking.body);
    for expected in [
        "Lê Minh Khôi",
        "không hoàn tác được",
        "vị trí số 2",
        "Xóa vĩnh viễn",
    ] {
        assert!(
            asking.body.contains(expected),
            "{expected} in {}",
            asking.body
        );
    }
    let csrf = Visitor::csrf(&asking.body);

    let mut duyet = site.visitor();
    duyet.sign_in(&site, approver).await;
    let home = duyet.get("/home").await;
    let refused = duyet
        .post(&path, &[("csrf", &Visitor::csrf(&home.body))])
        .await;
    assert_eq!(refused.status, 403, "an approver may not: {}", refused.body);
    let forged = vananh.post(&path, &[]).await;
    assert_eq!(forged.status, 403);
    let before = version(&site, &id).await;
    assert_eq!(
        site.store
            .load::<Delegation>(id.parse().unwrap())
            .await
            .unwrap()
            .version,
        before
    );

    let forgotten = vananh.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(forgotten.status, 303, "{}", forgotten.body);
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert!(
        page.body.contains(
            "<td>2</td><td colspan=\"4\" class=\"muted\">(thông tin cá nhân đã được xóa)</td>"
        ),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Lê Minh Khôi"));
    let again = vananh.get(&path).await;
    assert_eq!(
        again.status, 404,
        "a forgotten member has no page to forget"
    );
}
