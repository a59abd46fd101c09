//! Recording past programmes from a file on the administrator's page: a file is checked,
//! then recorded, and recording it again changes nothing; a file with mistakes lists them;
//! a file with another organisation's programmes, a forged form and a person who
//! administers nothing are refused, and none of them appends anything.

use domain::access::AccessRole;
use uuid::Uuid;

use super::admin_import::{base64_of, hidden, upload_to};
use super::people::Visitor;
use super::serve;

const ADMIN: &str = "quantri@hhnlangson.example.vn";
const PLANNER: &str = "hoa@hhnlangson.example.vn";

const HEADING: &str = "key,host,title,kind,start,end,timezone,place,border_gate,co_organisers,partners,delegation_size,attendance,vietnamese_side,partner_side,outcomes,agreement";

/// Two past delegations of `host`, as an office would write them.
fn file(host: Uuid) -> String {
    format!(
        "{HEADING}\n\
         2017-bang-tuong,{host},Đoàn đại biểu thăm thị xã Bằng Tường,delegation_visit,2017-04-12,2017-04-13,Asia/Shanghai,\"Bằng Tường, Quảng Tây\",Cửa khẩu Hữu Nghị,,Hội Hữu nghị Trung – Việt thị xã Bằng Tường,60,60,,,Trao đổi kinh nghiệm công tác hữu nghị.,\n\
         2023-long-chau,{host},Tọa đàm hữu nghị với huyện Long Châu,seminar,15/06/2023,15/06/2023,Asia/Ho_Chi_Minh,Lạng Sơn,,,Hội Hữu nghị Trung – Việt huyện Long Châu,40,95,55,40,Ký kết biên bản thỏa thuận hợp tác.,\n"
    )
}

#[tokio::test]
async fn an_administrator_checks_then_records_past_programmes_once() {
    let site = serve(None).await;
    let own = site
        .organisation(
            "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn (thử)",
            "chu.tich@hhnlangson.example.vn",
        )
        .await;
    site.grant(ADMIN, own, AccessRole::Administrator).await;
    let mut admin = site.visitor();
    admin.sign_in(&site, ADMIN).await;
    let admin_page = admin.get("/admin").await;
    assert!(
        admin_page.body.contains("href=\"/admin/history\""),
        "{}",
        admin_page.body
    );
    let form = admin.get("/admin/history").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let csrf = Visitor::csrf(&form.body);
    let content = file(own);

    let before = site.events().await;
    let checked = upload_to(&admin, "/admin/history", &csrf, "lich-su.csv", &content).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert!(checked.body.contains("Mới: 2"), "{}", checked.body);
    assert!(
        checked
            .body
            .contains("Đoàn đại biểu thăm thị xã Bằng Tường")
    );
    assert!(
        checked.body.contains("12/04/2017 – 13/04/2017"),
        "{}",
        checked.body
    );
    assert!(checked.body.contains("action=\"/admin/history/apply\""));
    assert_eq!(site.events().await, before, "checking records nothing");

    let recorded = admin
        .post(
            "/admin/history/apply",
            &[
                ("csrf", &csrf),
                ("file_name", &hidden(&checked.body, "file_name")),
                ("content", &hidden(&checked.body, "content")),
            ],
        )
        .await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    assert!(recorded.body.contains("Đã ghi nhận"), "{}", recorded.body);
    assert_eq!(site.events().await, before + 2, "one event per programme");
    let programmes = admin.get("/api/programmes").await;
    assert!(
        programmes
            .body
            .contains("Tọa đàm hữu nghị với huyện Long Châu"),
        "{}",
        programmes.body
    );
    let figures = admin.get("/api/figures?from=2017&to=6/2023").await;
    assert!(
        figures.body.contains("\"delegates\":155"),
        "{}",
        figures.body
    );

    let again = upload_to(&admin, "/admin/history", &csrf, "lich-su.csv", &content).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert!(again.body.contains("không có gì để ghi"), "{}", again.body);
    assert!(!again.body.contains("/admin/history/apply"));
}

#[tokio::test]
async fn mistakes_other_organisations_forgeries_and_non_administrators_record_nothing() {
    let site = serve(None).await;
    let own = site
        .organisation(
            "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn (thử)",
            "chu.tich@hhnlangson.example.vn",
        )
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Cao Bằng (thử)", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(ADMIN, own, AccessRole::Administrator).await;
    site.grant(PLANNER, own, AccessRole::Planner).await;
    let mut admin = site.visitor();
    admin.sign_in(&site, ADMIN).await;
    let csrf = Visitor::csrf(&admin.get("/admin/history").await.body);
    let before = site.events().await;

    let wrong = file(own).replacen(",60,60,", ",60,sáu mươi,", 1).replacen(
        "15/06/2023,15/06/2023",
        "31/02/2023,31/02/2023",
        1,
    );
    let mistakes = upload_to(&admin, "/admin/history", &csrf, "lich-su.csv", &wrong).await;
    assert_eq!(mistakes.status, 422, "{}", mistakes.body);
    assert!(
        mistakes.body.contains("id=\"mistakes\""),
        "{}",
        mistakes.body
    );
    assert!(mistakes.body.contains("Dòng 2"), "{}", mistakes.body);
    assert!(mistakes.body.contains("Dòng 3"), "{}", mistakes.body);
    assert!(!mistakes.body.contains("/admin/history/apply"));

    let foreign = upload_to(&admin, "/admin/history", &csrf, "lich-su.csv", &file(other)).await;
    assert_eq!(foreign.status, 403, "{}", foreign.body);
    assert!(
        foreign.body.contains("không phải quản trị viên"),
        "{}",
        foreign.body
    );
    let foreign_apply = admin
        .post(
            "/admin/history/apply",
            &[
                ("csrf", &csrf),
                ("file_name", "lich-su.csv"),
                ("content", &base64_of(&file(other))),
            ],
        )
        .await;
    assert_eq!(foreign_apply.status, 403, "{}", foreign_apply.body);

    let forged = upload_to(&admin, "/admin/history", "", "lich-su.csv", &file(own)).await;
    assert_eq!(forged.status, 403);
    let wrong_kind = upload_to(&admin, "/admin/history", &csrf, "lich-su.docx", &file(own)).await;
    assert_eq!(wrong_kind.status, 422, "{}", wrong_kind.body);
    let big = "#".repeat(1024 * 1024 + 1);
    let too_large = upload_to(&admin, "/admin/history", &csrf, "lich-su.csv", &big).await;
    assert_eq!(too_large.status, 413, "{}", too_large.body);

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    assert_eq!(hoa.get("/admin/history").await.status, 403);
    let csrf = Visitor::csrf(&hoa.get("/home").await.body);
    let apply = hoa
        .post(
            "/admin/history/apply",
            &[
                ("csrf", &csrf),
                ("file_name", "lich-su.csv"),
                ("content", &base64_of(&file(own))),
            ],
        )
        .await;
    assert_eq!(apply.status, 403);
    assert_eq!(site.events().await, before, "nothing was recorded");
}
