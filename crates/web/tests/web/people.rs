//! Organisations, people with roles, and a visitor who keeps cookies and signs in through
//! the emailed link.

use std::time::Duration;

use chrono::NaiveDate;
use domain::access::{AccessCommand, AccessRole, UserAccount, account_id};
use domain::approval::{Committee, DecisionRule, Member, Person, Role};
use domain::directory::{Directory, DirectoryCommand, OrganisationKind, Route, RouteStage};
use eventstore::CommandMeta;
use reqwest::header::HeaderMap;
use uuid::Uuid;

use super::Site;

fn meta() -> CommandMeta {
    CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "admin@example.vn".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

impl Site {
    /// An organisation whose standing committee (one chair, `approver`) approves every
    /// kind of programme.
    pub async fn organisation(&self, name: &str, approver: &str) -> Uuid {
        let (id, committee) = (Uuid::now_v7(), Uuid::now_v7());
        let commands = [
            DirectoryCommand::Register {
                id,
                name: name.into(),
                kind: OrganisationKind::ProvincialYouthUnion,
                province: None,
            },
            DirectoryCommand::AddCommittee {
                committee: Committee {
                    id: committee,
                    name: format!("Ban Thường vụ {name}"),
                    rule: DecisionRule::AnyOne,
                    members: vec![Member {
                        id: Uuid::now_v7(),
                        person: Person {
                            name: "Nông Văn Bí".into(),
                            email: approver.into(),
                        },
                        role: Role::Chair,
                        serves_from: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
                        serves_until: None,
                    }],
                    substitutions: vec![],
                },
            },
            DirectoryCommand::DefineRoute {
                route: Route {
                    id: Uuid::now_v7(),
                    name: "Quy trình chung".into(),
                    kinds: vec![],
                    stages: vec![RouteStage {
                        committee_id: committee,
                        organisation_id: None,
                        advisory: false,
                    }],
                },
            },
        ];
        for command in &commands {
            self.store
                .execute::<Directory>(id, None, command, &meta())
                .await
                .unwrap();
        }
        id
    }

    pub async fn grant(&self, email: &str, organisation_id: Uuid, role: AccessRole) {
        let command = AccessCommand::Grant {
            email: email.into(),
            name: "Nông Thị Hoa".into(),
            organisation_id,
            role,
        };
        self.store
            .execute::<UserAccount>(account_id(email), None, &command, &meta())
            .await
            .unwrap();
    }

    /// The newest link to `path_part` mailed to `email`, waiting for it to arrive.
    pub async fn mailed_link(&self, email: &str, path_part: &str) -> String {
        self.mailed_link_after(email, path_part, 0).await
    }

    /// How many mails reached `email` so far.
    pub fn mails_to(&self, email: &str) -> usize {
        self.smtp
            .messages()
            .iter()
            .filter(|m| m.envelope_to.iter().any(|to| to == email))
            .count()
    }

    /// The newest link to `path_part` among the mails to `email` after the first `seen`,
    /// waiting for it to arrive: a person signing in again must not be given the link
    /// they used before.
    pub async fn mailed_link_after(&self, email: &str, path_part: &str, seen: usize) -> String {
        for _ in 0..200 {
            let found = self
                .smtp
                .messages()
                .into_iter()
                .filter(|m| m.envelope_to.iter().any(|to| to == email))
                .skip(seen)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .find_map(|m| {
                    let text = m.text?;
                    text.split_whitespace()
                        .find(|w| w.starts_with("http") && w.contains(path_part))
                        .map(String::from)
                });
            if let Some(link) = found {
                return link;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no mail with a {path_part} link reached {email}");
    }

    pub fn visitor(&self) -> Visitor {
        Visitor {
            base: self.base.clone(),
            client: self.client.clone(),
            cookies: Vec::new(),
            bearer: None,
        }
    }

    /// A script with an API token of an administrator of `host`, to set up what a test
    /// needs through the API, as an office's own tools would.
    pub async fn setup_api(&self, host: Uuid) -> Visitor {
        const SETUP: &str = "thiet-lap@caunoi.example.vn";
        self.grant(SETUP, host, AccessRole::Administrator).await;
        Visitor {
            bearer: Some(testkit::people::bearer(&self.pool, SETUP).await),
            ..self.visitor()
        }
    }
}

/// A browser without JavaScript: keeps cookies, follows no redirects.
pub struct Visitor {
    pub base: String,
    client: reqwest::Client,
    pub cookies: Vec<(String, String)>,
    /// An `Authorization` header for every request, when the visitor is a script.
    pub bearer: Option<String>,
}

pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl Visitor {
    /// The cookies, and the token of a script.
    fn headers(&self) -> reqwest::header::HeaderMap {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("cookie", self.cookie_header().parse().unwrap());
        if let Some(bearer) = &self.bearer {
            headers.insert("authorization", bearer.parse().unwrap());
        }
        headers
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn keep(&mut self, response: reqwest::Response) -> Answer {
        for value in response.headers().get_all("set-cookie") {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(k, _)| k != name);
            if !text.contains("Max-Age=0") {
                self.cookies.push((name.into(), value.into()));
            }
        }
        Answer {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        }
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        let response = self
            .client
            .get(self.url(path))
            .headers(self.headers())
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let response = self
            .client
            .post(self.url(path))
            .headers(self.headers())
            .form(form)
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }

    pub async fn post_json(&mut self, path: &str, body: &serde_json::Value) -> Answer {
        let response = self
            .client
            .post(self.url(path))
            .headers(self.headers())
            .json(body)
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }

    pub async fn delete(&mut self, path: &str) -> Answer {
        let response = self
            .client
            .delete(self.url(path))
            .headers(self.headers())
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }

    pub fn has_cookie(&self, name: &str) -> bool {
        self.cookies.iter().any(|(k, _)| k == name)
    }

    /// The CSRF token of the first form on a page.
    pub fn csrf(page: &str) -> String {
        let at = page
            .find("name=\"csrf\" value=\"")
            .expect("a form with a CSRF token");
        let rest = &page[at + "name=\"csrf\" value=\"".len()..];
        rest[..rest.find('"').unwrap()].to_string()
    }

    /// Signs in through the emailed link, as a person would.
    pub async fn sign_in(&mut self, site: &Site, email: &str) {
        let form = self.get("/sign-in").await;
        let csrf = Visitor::csrf(&form.body);
        let seen = site.mails_to(email);
        let sent = self
            .post("/sign-in", &[("csrf", &csrf), ("email", email)])
            .await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let link = site.mailed_link_after(email, "/sign-in/", seen).await;
        let confirm = self.get(&link).await;
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        assert!(
            confirm
                .body
                .contains(&format!("id=\"signing-in-as\">{email}</strong>")),
            "the page names the account it signs in: {}",
            confirm.body
        );
        assert!(
            !self.has_cookie("caunoi_session"),
            "opening the link signs nobody in"
        );
        let done = self.post(&link, &[]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert!(self.has_cookie("caunoi_session"));
    }
}
