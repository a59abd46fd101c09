//! Every rule walked for every role, with a person of the organisation concerned and one of
//! another: each route about a programme, delegation, report, agreement, organisation or
//! approval round (and each "somewhere" route) must let in exactly those the rule table
//! allows: every route of the JSON API, and every page that is read (GET).

use app::access::{Relation, permits};
use compose::rules::{Guard, ROUTES, Thing};
use domain::access::AccessRole;
use domain::approval::{ApprovalCommand, ApprovalRound, Approver, DecisionRule, Person, StagePlan};
use domain::followup::report_id_for;
use domain::programme::Plan;
use eventstore::CommandMeta;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{App, client_of, start};

/// The things the routes are tried on, all hosted by (or party to) the app's host, except
/// the delegation, which is Lào Cai's.
struct Things {
    programme: String,
    round: String,
    report: String,
    agreement: String,
    delegation: String,
    organisation: String,
}

impl Things {
    fn id_of(&self, thing: Thing) -> Option<&str> {
        match thing {
            Thing::Programme => Some(&self.programme),
            Thing::Report => Some(&self.report),
            Thing::Agreement => Some(&self.agreement),
            Thing::Delegation => Some(&self.delegation),
            Thing::Organisation => Some(&self.organisation),
            Thing::ApprovalRound => Some(&self.round),
        }
    }
}

async fn things(app: &App) -> Things {
    let programme = app.approved_programme(json!({})).await;
    let (status, report) = app
        .post(
            &format!("/api/programmes/{programme}/follow-up"),
            super::followups::report(json!({"name": "Nông Thị Hoa", "email": "hoa@example.vn"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    let (status, agreement) = app
        .post("/api/agreements", super::followups::mou(&app.host))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{agreement}");
    Things {
        round: round_of(app, programme.parse().unwrap()).await.to_string(),
        report: report_id_for(programme.parse().unwrap()).to_string(),
        programme,
        agreement: agreement["id"].as_str().unwrap().to_owned(),
        delegation: app.delegation().await,
        organisation: app.host.clone(),
    }
}

/// A round of the programme before a committee of its host, opened as the approval
/// process opens one (these tests do not run that process).
async fn round_of(app: &App, programme_id: Uuid) -> Uuid {
    let round = Uuid::now_v7();
    let plan: Plan = serde_json::from_value(super::plan_for(&app.host)).unwrap();
    let open = ApprovalCommand::Open {
        id: round,
        programme_id,
        round: 1,
        stages: vec![StagePlan {
            committee_id: Uuid::now_v7(),
            committee_name: "Ban Thường vụ Tỉnh Đoàn Cao Bằng".into(),
            rule: DecisionRule::Majority,
            advisory: false,
            approvers: vec![Approver {
                member_id: Uuid::now_v7(),
                person: Person {
                    name: "Nông Văn Bí".into(),
                    email: "bi@tinhdoancaobang.example.vn".into(),
                },
                chair: true,
                on_behalf_of: None,
            }],
        }],
        first_stage: 0,
        plan: Box::new(plan),
        changes: None,
    };
    let meta = CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "caunoi-approvals".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    };
    app.store
        .execute::<ApprovalRound>(round, None, &open, &meta)
        .await
        .unwrap();
    round
}

/// `path` with `thing_param` (if any) set to `id`, `{email}` to `email`, `{year}` to a
/// year, and every other parameter to an id that names nothing.
fn concrete(path: &str, thing_param: Option<(&str, &str)>, email: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').unwrap() + open;
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        out.push_str(match (name, thing_param) {
            (_, Some((param, id))) if param == name => id,
            ("email", _) => email,
            ("year", _) => "2023",
            _ => "0193a5c0-0000-7000-8000-0000000000ff",
        });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether the guard let the request through: its handler answered, whatever it said. A
/// page is refused with a page, and no page handler answers 403 to a GET.
fn let_through(page: bool, status: StatusCode, body: &Value) -> bool {
    if page {
        return !matches!(
            status,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::SEE_OTHER
        );
    }
    let refused_by_guard = status == StatusCode::UNAUTHORIZED
        || (status == StatusCode::FORBIDDEN
            && matches!(
                body["code"].as_str(),
                Some("forbidden" | "not_your_organisation" | "cross_site_request")
            ));
    !refused_by_guard
}

#[tokio::test]
async fn every_rule_lets_in_exactly_the_roles_it_names_for_their_own_organisation_only() {
    let app = start().await;
    let things = things(&app).await;
    let host: Uuid = app.host.parse().unwrap();
    let lao_cai: Uuid = super::delegations::LAO_CAI.parse().unwrap();
    let elsewhere = testkit::people::organisation(&app.store, "Tỉnh Đoàn Điện Biên").await;
    let mut mistakes = Vec::new();
    let mut tried = 0;
    for role in AccessRole::ALL {
        let own_email = format!("own-{}@example.vn", role.as_str());
        let other_email = format!("other-{}@example.vn", role.as_str());
        testkit::people::grant(&app.store, &own_email, "Người thử", host, &[role]).await;
        testkit::people::grant(&app.store, &own_email, "Người thử", lao_cai, &[role]).await;
        testkit::people::grant(&app.store, &other_email, "Người thử", elsewhere, &[role]).await;
        let own = client_of(&testkit::people::bearer(&app.pool, &own_email).await);
        let other = client_of(&testkit::people::bearer(&app.pool, &other_email).await);
        for (method, path, guard) in ROUTES {
            // Pages are walked by what they show: their forms want the page's own token
            // first, and refuse without it whoever sends them.
            if !path.starts_with("/api/") && *method != "GET" {
                continue;
            }
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            // (client, path, whether it should pass)
            let cases: Vec<(&reqwest::Client, String, bool, &str)> = match *guard {
                Guard::On(thing, param, action) => {
                    let Some(id) = things.id_of(thing) else {
                        continue;
                    };
                    vec![
                        (
                            &own,
                            concrete(path, Some((param, id)), &own_email),
                            permits(role, action, Relation::Own),
                            "own organisation",
                        ),
                        (
                            &other,
                            concrete(path, Some((param, id)), &other_email),
                            false,
                            "another organisation",
                        ),
                    ]
                }
                Guard::Somewhere(action) => vec![(
                    &own,
                    concrete(path, None, &own_email),
                    permits(role, action, Relation::Own),
                    "a role somewhere",
                )],
                Guard::Itself(_) => vec![
                    (&own, concrete(path, None, &own_email), true, "oneself"),
                    (
                        &own,
                        concrete(path, None, &other_email),
                        false,
                        "someone else",
                    ),
                ],
                Guard::Open | Guard::SignedIn => continue,
            };
            for (client, url_path, should_pass, case) in cases {
                let response = client
                    .request(method.clone(), format!("{}{url_path}", app.base))
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap();
                let status = response.status();
                let body: Value = response.json().await.unwrap_or(Value::Null);
                tried += 1;
                if let_through(!path.starts_with("/api/"), status, &body) != should_pass {
                    mistakes.push(format!(
                        "{} {method} {url_path} ({case}): {status} {body}",
                        role.as_str()
                    ));
                }
            }
        }
    }
    assert!(tried > 400, "the walk tried {tried} requests");
    assert!(mistakes.is_empty(), "{}", mistakes.join("\n"));
}
