//! An agreement's own page, where the reminders of its reviews lead: the MOU of Cao Bằng
//! and Guangxi for 2023–2027 signed, put into force and reviewed after one year (on
//! 22/3/2024), all from the page's forms; wrong input comes back with its message and
//! records nothing; another organisation's people do not see it.

use domain::access::AccessRole;
use serde_json::json;

use super::coordinator::accepted;
use super::people::Visitor;
use super::serve;

const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const STRANGER: &str = "an@tinhdoanlaocai.example.vn";

fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} on the page: {page}"));
    let rest = &page[at + marker.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[tokio::test]
async fn an_agreement_is_signed_put_into_force_and_reviewed_from_its_page() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "bi@tinhdoanlaocai.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    site.grant(STRANGER, other, AccessRole::Planner).await;
    let mut api = site.setup_api(host).await;
    let drafted = accepted(
        &mut api,
        "/api/agreements",
        json!({
            "title": "Biên bản ghi nhớ hợp tác giữa Tỉnh Đoàn Cao Bằng và Đoàn Thanh niên Quảng Tây giai đoạn 2023 – 2027",
            "parties": [
                {"name": "Tỉnh Đoàn Cao Bằng", "country": "VN", "organisation_id": host},
                {"name": "Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây", "country": "CN", "region": "Quảng Tây"}
            ],
            "areas": ["Chuyển đổi số", "Sản phẩm OCOP"],
            "period": {"start": "2023-11-21", "end": "2027-11-20"},
            "review_cadence": {"every": 1, "unit": "year", "before_expiry_days": 30},
            "coordinator": {"name": "Nông Thị Hoa", "email": PLANNER}
        }),
    )
    .await;
    let id = drafted["id"].as_str().unwrap().to_owned();
    let page = format!("/agreements/{id}");

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let register = hoa.get("/agreements").await;
    assert!(
        register.body.contains(&format!("href=\"{page}\"")),
        "{}",
        register.body
    );
    let shown = hoa.get(&page).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    for expected in [
        "giai đoạn 2023 – 2027",
        "Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây",
        "Quảng Tây, Trung Quốc",
        "21/11/2023 – 20/11/2027",
        "Chuyển đổi số; Sản phẩm OCOP",
        "Ghi nhận ký kết",
    ] {
        assert!(shown.body.contains(expected), "{expected}: {}", shown.body);
    }

    // A signing without its place comes back with the message, and nothing is recorded.
    let form = hoa.get(&format!("{page}/sign")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let csrf = Visitor::csrf(&form.body);
    let version = hidden(&form.body, "version");
    let before = site.events().await;
    let wrong = hoa
        .post(
            &format!("{page}/sign"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("signed_on", "2023-11-21"),
                ("place", ""),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(wrong.body.contains("aria-invalid"), "{}", wrong.body);
    assert_eq!(site.events().await, before);
    let signed = hoa
        .post(
            &format!("{page}/sign"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("signed_on", "2023-11-21"),
                ("place", "Cao Bằng"),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(signed.location(), page);

    let shown = hoa.get(&page).await;
    assert!(
        shown.body.contains("21/11/2023 tại Cao Bằng"),
        "{}",
        shown.body
    );
    let activated = hoa
        .post(
            &format!("{page}/activate"),
            &[
                ("csrf", &csrf),
                ("version", &hidden(&shown.body, "version")),
            ],
        )
        .await;
    assert_eq!(activated.status, 303, "{}", activated.body);

    let shown = hoa.get(&page).await;
    let opened = hoa
        .post(
            &format!("{page}/reviews"),
            &[
                ("csrf", &csrf),
                ("version", &hidden(&shown.body, "version")),
            ],
        )
        .await;
    assert_eq!(opened.status, 303, "{}", opened.body);
    let shown = hoa.get(&page).await;
    // A review open already: a refusal of the business, on a page of its own, 422.
    let again = hoa
        .post(&format!("{page}/reviews"), &[("csrf", &csrf)])
        .await;
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(again.body.contains("<h1>"), "{}", again.body);
    assert!(shown.body.contains("Đến hạn: 21/11/2024"), "{}", shown.body);
    let complete = shown
        .body
        .split("href=\"")
        .find_map(|part| {
            let link = &part[..part.find('"')?];
            link.ends_with("/complete").then(|| link.to_owned())
        })
        .unwrap_or_else(|| panic!("a link to record the review: {}", shown.body));
    let form = hoa.get(&complete).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let reviewed = hoa
        .post(
            &complete,
            &[
                ("csrf", &csrf),
                ("version", &hidden(&form.body, "version")),
                ("held_on", "2024-03-22"),
                (
                    "findings",
                    "Sau một năm, hai bên đã tổ chức 3 hoạt động giao lưu thanh niên.\nThống nhất tiếp tục hợp tác về chuyển đổi số.",
                ),
            ],
        )
        .await;
    assert_eq!(reviewed.status, 303, "{}", reviewed.body);
    let shown = hoa.get(&page).await;
    for expected in [
        "Đã rà soát ngày 22/03/2024",
        "tổ chức 3 hoạt động giao lưu thanh niên.\nThống nhất",
        "Chấm dứt thỏa thuận",
    ] {
        assert!(shown.body.contains(expected), "{expected}: {}", shown.body);
    }

    // A stale version is refused with words, not lost.
    let stale = hoa
        .post(
            &format!("{page}/terminate"),
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("terminated_on", "2024-04-01"),
                ("reason", "Thử"),
            ],
        )
        .await;
    assert_eq!(stale.status, 422, "{}", stale.body);

    let mut an = site.visitor();
    an.sign_in(&site, STRANGER).await;
    assert_eq!(an.get(&page).await.status, 403);
    let forged = an
        .post(
            &format!("{page}/terminate"),
            &[("terminated_on", "2024-04-01"), ("reason", "x")],
        )
        .await;
    assert_eq!(forged.status, 403);
}

const APPROVER: &str = "bi@tinhdoancaobang.example.vn";

/// The MOU of Cao Bằng and Guangxi for 2023–2027 as typed into the form (dates as people
/// write them), but for our organisation.
const TERMS: [(&str, &str); 12] = [
    (
        "title",
        "Biên bản ghi nhớ hợp tác giữa Tỉnh Đoàn Cao Bằng và Đoàn Thanh niên Quảng Tây giai đoạn 2023 – 2027",
    ),
    (
        "partner_name",
        "Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây",
    ),
    ("partner_country", "CN"),
    ("partner_region", "Quảng Tây"),
    ("areas", "Chuyển đổi số\r\nSản phẩm OCOP\r\n"),
    ("start", "21/11/2023"),
    ("end", "20/11/2027"),
    ("review_every", "1"),
    ("review_unit", "year"),
    ("before_expiry", "30"),
    ("coordinator_name", "Nông Thị Hoa"),
    ("coordinator_email", PLANNER),
];

/// `TERMS` with the fields of `changes` replaced (or added).
fn terms_with<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut typed: Vec<(&str, &str)> = TERMS
        .iter()
        .filter(|(name, _)| !changes.iter().any(|(n, _)| n == name))
        .copied()
        .collect();
    typed.extend_from_slice(changes);
    typed
}

/// Cao Bằng with its planner Hoa signed in; answers the site, Cao Bằng's id and Hoa.
async fn cao_bang() -> (super::Site, uuid::Uuid, Visitor) {
    let site = serve(None).await;
    let host = site.organisation("Tỉnh Đoàn Cao Bằng", APPROVER).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    (site, host, hoa)
}

/// Registers the MOU of `host` through the form; answers its page's path.
async fn registered(hoa: &mut Visitor, host: uuid::Uuid) -> String {
    let form = hoa.get("/agreements/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    let csrf = Visitor::csrf(&form.body);
    let host = host.to_string();
    let created = hoa
        .post(
            "/agreements",
            &terms_with(&[("csrf", &csrf), ("our_party", &host)]),
        )
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    created.location().to_owned()
}

fn error_of(page: &str, field: &str) -> String {
    let marker = format!("id=\"{field}-error\">");
    let at = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no message beside {field}: {page}"));
    let rest = &page[at + marker.len()..];
    rest[..rest.find('<').unwrap()].to_string()
}

#[tokio::test]
async fn an_agreement_is_registered_from_its_form_and_shown_on_its_page() {
    let (site, host, mut hoa) = cao_bang().await;
    let register = hoa.get("/agreements").await;
    assert!(
        register
            .body
            .contains("href=\"/agreements/new\">Đăng ký thỏa thuận"),
        "{}",
        register.body
    );
    let form = hoa.get("/agreements/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("Tỉnh Đoàn Cao Bằng"), "{}", form.body);
    let csrf = Visitor::csrf(&form.body);
    let ours = host.to_string();

    // No title, no partner and a day no calendar has: each said beside its field, what
    // was typed kept, nothing recorded.
    let before = site.events().await;
    let wrong = hoa
        .post(
            "/agreements",
            &terms_with(&[
                ("csrf", &csrf),
                ("our_party", &ours),
                ("title", " "),
                ("partner_name", ""),
                ("start", "31/02/2023"),
            ]),
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    for field in ["title", "partner_name"] {
        assert_eq!(error_of(&wrong.body, field), "Trường này là bắt buộc.");
    }
    assert_eq!(error_of(&wrong.body, "start"), "Xin chọn một ngày.");
    assert!(wrong.body.contains("value=\"Quảng Tây\""), "{}", wrong.body);
    assert!(
        wrong.body.contains("value=\"2027-11-20\""),
        "{}",
        wrong.body
    );
    assert_eq!(site.events().await, before, "nothing recorded");

    let page = registered(&mut hoa, host).await;
    assert!(page.starts_with("/agreements/"), "{page}");
    let shown = hoa.get(&page).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    for expected in [
        "giai đoạn 2023 – 2027",
        "Tỉnh Đoàn Cao Bằng",
        "Quảng Tây, Trung Quốc",
        "21/11/2023 – 20/11/2027",
        "Chuyển đổi số; Sản phẩm OCOP",
        "1 năm một lần",
        "Nông Thị Hoa · hoa@tinhdoancaobang.example.vn",
        "Ghi nhận ký kết",
        "Sửa điều khoản",
    ] {
        assert!(shown.body.contains(expected), "{expected}: {}", shown.body);
    }
    let register = hoa.get("/agreements").await;
    assert!(
        register.body.contains(&format!("href=\"{page}\"")),
        "the register lists it: {}",
        register.body
    );
}

#[tokio::test]
async fn only_those_who_keep_agreements_register_them_and_only_for_their_own_organisation() {
    let (site, host, mut hoa) = cao_bang().await;
    let page = registered(&mut hoa, host).await;
    site.grant(APPROVER, host, AccessRole::Approver).await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "bi@tinhdoanlaocai.example.vn")
        .await;
    site.grant(STRANGER, other, AccessRole::Planner).await;
    let mut script = site.setup_api(other).await;
    let mut bi = site.visitor();
    bi.sign_in(&site, APPROVER).await;
    let mut an = site.visitor();
    an.sign_in(&site, STRANGER).await;
    let before = site.events().await;

    // An approver of Cao Bằng keeps no agreements.
    let register = bi.get("/agreements").await;
    assert!(
        !register.body.contains("/agreements/new"),
        "{}",
        register.body
    );
    let csrf = Visitor::csrf(&register.body);
    assert_eq!(bi.get("/agreements/new").await.status, 403);
    let refused = bi
        .post("/agreements", &terms_with(&[("csrf", &csrf)]))
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(bi.get(&format!("{page}/edit")).await.status, 403);
    let refused = bi
        .post(
            &format!("{page}/documents"),
            &[
                ("csrf", &csrf),
                ("document_title", "Bản ký"),
                ("document_reference", "https://example.vn/a.pdf"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    // A planner of Lào Cai naming Cao Bằng as their own organisation.
    let form = an.get("/agreements/new").await;
    assert!(!form.body.contains("Tỉnh Đoàn Cao Bằng"), "{}", form.body);
    let csrf = Visitor::csrf(&form.body);
    let host = host.to_string();
    let refused = an
        .post(
            "/agreements",
            &terms_with(&[("csrf", &csrf), ("our_party", &host)]),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        error_of(&refused.body, "our_party"),
        "Trường này là bắt buộc."
    );
    // Nor through the API: one of the parties must be an organisation of one's own.
    let drafted = script
        .post_json(
            "/api/agreements",
            &json!({
                "title": "Biên bản ghi nhớ",
                "parties": [
                    {"name": "Tỉnh Đoàn Cao Bằng", "country": "VN", "organisation_id": host},
                    {"name": "Đoàn Thanh niên Quảng Tây", "country": "CN"}
                ],
                "period": {"start": "2023-11-21", "end": "2027-11-20"},
                "review_cadence": {"every": 1, "unit": "year"},
                "coordinator": {"name": "Nông Thị Hoa", "email": PLANNER}
            }),
        )
        .await;
    assert_eq!(drafted.status, 422, "{}", drafted.body);
    assert!(drafted.body.contains("\"parties\""), "{}", drafted.body);
    assert_eq!(site.events().await, before, "nothing recorded");
}

#[tokio::test]
async fn terms_are_changed_until_the_agreement_is_signed() {
    let (site, host, mut hoa) = cao_bang().await;
    let page = registered(&mut hoa, host).await;
    let ours = host.to_string();
    let form = hoa.get(&format!("{page}/edit")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body
            .contains("value=\"Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây\""),
        "the form is filled in: {}",
        form.body
    );
    assert_eq!(hidden(&form.body, "start"), "2023-11-21");
    let csrf = Visitor::csrf(&form.body);
    let version = hidden(&form.body, "version");
    let revised = hoa
        .post(
            &format!("{page}/edit"),
            &terms_with(&[
                ("csrf", &csrf),
                ("our_party", &ours),
                ("version", &version),
                ("areas", "Chuyển đổi số\nSản phẩm OCOP\nDu lịch biên giới"),
                ("review_every", "6"),
                ("review_unit", "month"),
            ]),
        )
        .await;
    assert_eq!(revised.status, 303, "{}", revised.body);
    assert_eq!(revised.location(), page);
    let shown = hoa.get(&page).await;
    for expected in ["Du lịch biên giới", "6 tháng một lần"] {
        assert!(shown.body.contains(expected), "{expected}: {}", shown.body);
    }

    // The version edited before: someone else's change is said, not overwritten.
    let before = site.events().await;
    let stale = hoa
        .post(
            &format!("{page}/edit"),
            &terms_with(&[("csrf", &csrf), ("our_party", &ours), ("version", &version)]),
        )
        .await;
    assert_eq!(stale.status, 422, "{}", stale.body);
    assert_eq!(
        error_of(&stale.body, "title"),
        "Thỏa thuận vừa được người khác thay đổi. Xin xem lại rồi làm lại."
    );
    assert_eq!(site.events().await, before);

    let signed = hoa
        .post(
            &format!("{page}/sign"),
            &[
                ("csrf", &csrf),
                ("signed_on", "2023-11-21"),
                ("place", "Cao Bằng"),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    let shown = hoa.get(&page).await;
    assert!(!shown.body.contains("Sửa điều khoản"), "{}", shown.body);
    let late = hoa.get(&format!("{page}/edit")).await;
    assert_eq!(late.status, 422, "{}", late.body);
    assert!(late.body.contains("Không thể chỉnh sửa"), "{}", late.body);
    let before = site.events().await;
    let refused = hoa
        .post(
            &format!("{page}/edit"),
            &terms_with(&[
                ("csrf", &csrf),
                ("our_party", &ours),
                ("title", "Biên bản ghi nhớ sửa sau khi ký"),
            ]),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        error_of(&refused.body, "title").starts_with("Không thể chỉnh sửa thỏa thuận"),
        "{}",
        refused.body
    );
    assert_eq!(site.events().await, before, "nothing recorded");
}

#[tokio::test]
async fn a_renewal_drafts_the_next_agreement_and_marks_this_one_renewed() {
    let (site, host, mut hoa) = cao_bang().await;
    let page = registered(&mut hoa, host).await;
    let ours = host.to_string();
    let shown = hoa.get(&page).await;
    let csrf = Visitor::csrf(&shown.body);
    for (step, form) in [
        (
            "sign",
            vec![("signed_on", "2023-11-21"), ("place", "Cao Bằng")],
        ),
        ("activate", vec![]),
    ] {
        let mut form = form;
        form.push(("csrf", csrf.as_str()));
        let done = hoa.post(&format!("{page}/{step}"), &form).await;
        assert_eq!(done.status, 303, "{step}: {}", done.body);
    }
    let shown = hoa.get(&page).await;
    assert!(
        shown.body.contains(&format!(
            "href=\"{page}/renew\">Gia hạn bằng thỏa thuận mới"
        )),
        "{}",
        shown.body
    );

    let form = hoa.get(&format!("{page}/renew")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert_eq!(hidden(&form.body, "start"), "2027-11-21");
    assert_eq!(hidden(&form.body, "end"), "2031-11-20");
    let version = hidden(&form.body, "version");

    // A renewal dated ahead is refused before anything is stored: no stray draft.
    let before = site.events().await;
    let ahead = hoa
        .post(
            &format!("{page}/renew"),
            &terms_with(&[
                ("csrf", &csrf),
                ("our_party", &ours),
                ("version", &version),
                ("renewed_on", "01/01/2030"),
                ("start", "21/11/2027"),
                ("end", "20/11/2031"),
            ]),
        )
        .await;
    assert_eq!(ahead.status, 422, "{}", ahead.body);
    assert_eq!(error_of(&ahead.body, "renewed_on"), "Ngày này chưa đến.");
    assert_eq!(site.events().await, before, "nothing recorded");

    let renewed = hoa
        .post(
            &format!("{page}/renew"),
            &terms_with(&[
                ("csrf", &csrf),
                ("our_party", &ours),
                ("version", &version),
                ("renewed_on", "20/05/2026"),
                ("note", "Ký lại tại hội nghị giao ban"),
                (
                    "title",
                    "Biên bản ghi nhớ hợp tác giữa Tỉnh Đoàn Cao Bằng và Đoàn Thanh niên Quảng Tây giai đoạn 2027 – 2031",
                ),
                ("start", "21/11/2027"),
                ("end", "20/11/2031"),
            ]),
        )
        .await;
    assert_eq!(renewed.status, 303, "{}", renewed.body);
    let successor = renewed.location().to_owned();
    assert_ne!(successor, page);
    let next = hoa.get(&successor).await;
    assert_eq!(next.status, 200, "{}", next.body);
    for expected in [
        "giai đoạn 2027 – 2031",
        "21/11/2027 – 20/11/2031",
        "Ghi nhận ký kết",
    ] {
        assert!(next.body.contains(expected), "{expected}: {}", next.body);
    }
    let old = hoa.get(&page).await;
    assert!(
        old.body.contains(&format!(
            "<a href=\"{successor}\">Được thay bằng thỏa thuận</a>"
        )),
        "{}",
        old.body
    );
    assert!(old.body.contains("20/05/2026"), "{}", old.body);
    assert!(!old.body.contains("/renew\""), "renewed once: {}", old.body);
}

#[tokio::test]
async fn documents_are_attached_from_the_page_and_listed_there() {
    let (site, host, mut hoa) = cao_bang().await;
    let page = registered(&mut hoa, host).await;
    let shown = hoa.get(&page).await;
    assert!(
        shown.body.contains("Chưa có văn bản nào."),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("Đính kèm văn bản"), "{}", shown.body);
    let csrf = Visitor::csrf(&shown.body);
    let link = "https://tailieu.tinhdoancaobang.example.vn/thoa-thuan/mou-2023-quang-tay.pdf";
    for (title, reference) in [
        ("Bản ký kết (tiếng Việt và tiếng Trung)", link),
        ("Biên bản hội đàm", "Tủ hồ sơ Ban Quốc tế, ngăn 3"),
    ] {
        let attached = hoa
            .post(
                &format!("{page}/documents"),
                &[
                    ("csrf", &csrf),
                    ("document_title", title),
                    ("document_reference", reference),
                ],
            )
            .await;
        assert_eq!(attached.status, 303, "{}", attached.body);
        assert_eq!(attached.location(), format!("{page}#documents"));
    }
    let shown = hoa.get(&page).await;
    for expected in [
        "Bản ký kết (tiếng Việt và tiếng Trung)",
        &format!("<a href=\"{link}\" rel=\"noopener noreferrer\">"),
        "Biên bản hội đàm",
        "Tủ hồ sơ Ban Quốc tế, ngăn 3",
    ] {
        assert!(shown.body.contains(expected), "{expected}: {}", shown.body);
    }
    assert!(
        !shown.body.contains("Chưa có văn bản nào."),
        "{}",
        shown.body
    );

    // The same reference again, or no title: said beside the field, nothing recorded.
    let before = site.events().await;
    let again = hoa
        .post(
            &format!("{page}/documents"),
            &[
                ("csrf", &csrf),
                ("document_title", "Bản ký kết"),
                ("document_reference", link),
            ],
        )
        .await;
    assert_eq!(again.status, 422, "{}", again.body);
    assert_eq!(
        error_of(&again.body, "document_reference"),
        "Mục này đã có rồi."
    );
    assert!(
        again.body.contains("value=\"Bản ký kết\""),
        "{}",
        again.body
    );
    let untitled = hoa
        .post(
            &format!("{page}/documents"),
            &[
                ("csrf", &csrf),
                ("document_title", ""),
                ("document_reference", "Ổ chung/thoa-thuan"),
            ],
        )
        .await;
    assert_eq!(untitled.status, 422, "{}", untitled.body);
    assert_eq!(
        error_of(&untitled.body, "document_title"),
        "Trường này là bắt buộc."
    );
    assert_eq!(site.events().await, before, "nothing recorded");
}
