//! The page, linked from every reminder email, where a person chooses a digest or single
//! emails and turns off the reminders they do not need. The link is signed for their
//! address, so nobody else can change their choices.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::Lang;
use domain::reminders::{Delivery, ReminderPreferences, Rule, preferences_id};
use eventstore::CommandMeta;
use tracing::warn;

use crate::lang::PageLang;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};

struct Choice {
    value: &'static str,
    label: &'static str,
    off: bool,
    fixed: bool,
}

#[derive(Template)]
#[template(path = "preferences.html")]
struct PreferencesPage {
    t: &'static Texts,
    w: &'static Words,
    email: String,
    single: bool,
    choices: Vec<Choice>,
    saved: bool,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    t: &'static Texts,
    heading: &'static str,
    body: &'static str,
}

struct Words {
    heading: &'static str,
    delivery: &'static str,
    digest: &'static str,
    single: &'static str,
    rules: &'static str,
    always: &'static str,
    save: &'static str,
    saved: &'static str,
}

const VI: Words = Words {
    heading: "Tùy chọn nhắc việc",
    delivery: "Cách nhận nhắc việc",
    digest: "Gộp mọi nhắc việc của một lần gửi vào một thư",
    single: "Mỗi nhắc việc một thư",
    rules: "Nhận các loại nhắc việc sau",
    always: "(luôn nhận, vì người khác đang chờ)",
    save: "Lưu lựa chọn",
    saved: "Đã lưu lựa chọn của đồng chí.",
};

const EN: Words = Words {
    heading: "Reminder choices",
    delivery: "How reminders come",
    digest: "All reminders of one run in one email",
    single: "One email per reminder",
    rules: "Reminders you receive",
    always: "(always, since others are waiting)",
    save: "Save my choices",
    saved: "Your choices were saved.",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The address the link was signed for, if the signature holds.
fn verified(state: &WebState, encoded: &str, signature: &str) -> Option<String> {
    let email = String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).ok()?).ok()?;
    state
        .approvals
        .secret
        .verify(reminders::PREFERENCES_PURPOSE, &email, signature)
        .then_some(email)
}

fn refused(lang: Lang) -> Response {
    let t = texts(lang);
    let (heading, body) = match lang {
        Lang::Vi => (
            "Đường liên kết không hợp lệ",
            "Xin mở lại đường liên kết “tùy chọn nhắc việc” trong một thư nhắc việc gần đây.",
        ),
        Lang::En => (
            "This link is not valid",
            "Open the “reminder choices” link from a recent reminder email again.",
        ),
    };
    page(StatusCode::NOT_FOUND, &MessagePage { t, heading, body })
}

fn unavailable(lang: Lang) -> Response {
    let t = texts(lang);
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        &MessagePage {
            t,
            heading: t.unavailable_title,
            body: match lang {
                Lang::Vi => "Chưa lưu được lựa chọn. Xin thử lại sau ít phút.",
                Lang::En => "Your choices were not saved. Please try again in a few minutes.",
            },
        },
    )
}

fn render(lang: Lang, email: String, current: &ReminderPreferences, saved: bool) -> Response {
    let choices = Rule::ALL
        .into_iter()
        .map(|rule| Choice {
            value: rule.as_str(),
            label: rule.label(lang),
            off: current.opted_out.contains(&rule),
            fixed: !rule.can_opt_out(),
        })
        .collect();
    page(
        StatusCode::OK,
        &PreferencesPage {
            t: texts(lang),
            w: words(lang),
            email,
            single: current.delivery == Delivery::Single,
            choices,
            saved,
        },
    )
}

pub async fn show(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    Path((encoded, signature)): Path<(String, String)>,
) -> Response {
    let Some(email) = verified(&state, &encoded, &signature) else {
        return refused(lang);
    };
    match state
        .store
        .load::<ReminderPreferences>(preferences_id(&email))
        .await
    {
        Ok(loaded) => render(lang, email, &loaded.state, false),
        Err(error) => {
            warn!(%error, "reminder choices could not be read");
            unavailable(lang)
        }
    }
}

pub async fn save(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((encoded, signature)): Path<(String, String)>,
    body: String,
) -> Response {
    let Some(email) = verified(&state, &encoded, &signature) else {
        return refused(lang);
    };
    // Checkboxes repeat their name, which a plain form extractor does not keep.
    let Some(pairs) = url_pairs(&body) else {
        return refused(lang);
    };
    let mut delivery = Delivery::Digest;
    let mut wanted: Vec<Rule> = Vec::new();
    for (key, value) in pairs {
        match (key.as_str(), value.as_str()) {
            ("delivery", "single") => delivery = Delivery::Single,
            ("rule", rule) => wanted.extend(Rule::parse(rule)),
            _ => {}
        }
    }
    let opted_out: Vec<Rule> = Rule::ALL
        .into_iter()
        .filter(|r| r.can_opt_out() && !wanted.contains(r))
        .collect();
    let meta = CommandMeta {
        now: state.clock.now(),
        actor: email.clone(),
        correlation_id: correlation.0.clone(),
        causation_id: Some(format!("http:{}", correlation.0)),
    };
    match state
        .commands
        .set_reminder_preferences(&meta, &email, None, delivery, opted_out)
        .await
    {
        Ok(ran) => render(lang, email, &ran.outcome.state, true),
        Err(error) => {
            warn!(%error, "reminder choices could not be saved");
            unavailable(lang)
        }
    }
}

/// The pairs of an `application/x-www-form-urlencoded` body, in order, repeats kept.
fn url_pairs(body: &str) -> Option<Vec<(String, String)>> {
    serde_urlencoded::from_str(body).ok()
}
