//! The local outbox: with no SMTP server configured, mail is kept as files, and a person
//! reads it here, links included.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use domain::Lang;
use domain::labels::format_time_in_vietnam;
use mailer::{Outbox, ParsedMail};
use tracing::warn;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::lang::PageLang;
use crate::pages::PageError;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};

struct Row {
    id: Uuid,
    sent: String,
    to: String,
    subject: String,
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct ListPage {
    t: &'static Texts,
    heading: &'static str,
    intro: &'static str,
    empty: &'static str,
    rows: Vec<Row>,
    folder: String,
}

#[derive(Template)]
#[template(path = "outbox_mail.html")]
struct MailPage {
    t: &'static Texts,
    id: Uuid,
    mail: ParsedMail,
    sent: String,
    back: &'static str,
    html_link: &'static str,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    t: &'static Texts,
    heading: &'static str,
    body: &'static str,
}

fn not_here(lang: Lang) -> Response {
    let t = texts(lang);
    let (heading, body) = match lang {
        Lang::Vi => (
            "Không có hộp thư đi",
            "Thư được gửi qua máy chủ SMTP đã cấu hình, nên không lưu ở đây.",
        ),
        Lang::En => (
            "No outbox here",
            "Mail goes to the configured SMTP server, so none is kept here.",
        ),
    };
    page(StatusCode::NOT_FOUND, &MessagePage { t, heading, body })
}

fn unreadable(lang: Lang, error: impl std::fmt::Display) -> Response {
    warn!(%error, "the outbox could not be read");
    let t = texts(lang);
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        &MessagePage {
            t,
            heading: t.unavailable_title,
            body: match lang {
                Lang::Vi => "Không đọc được hộp thư đi. Xin thử lại sau ít phút.",
                Lang::En => "The outbox could not be read. Please try again in a few minutes.",
            },
        },
    )
}

async fn read<T: Send + 'static>(
    outbox: Outbox,
    job: impl FnOnce(&Outbox) -> Result<T, mailer::MailError> + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(move || job(&outbox))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
}

pub async fn list(State(state): State<WebState>, PageLang(lang): PageLang) -> Response {
    let Some(outbox) = state.outbox.clone() else {
        return not_here(lang);
    };
    let folder = outbox.dir().display().to_string();
    let entries = match read(outbox, |o| o.list()).await {
        Ok(entries) => entries,
        Err(error) => return unreadable(lang, error),
    };
    let t = texts(lang);
    let (heading, intro, empty) = match lang {
        Lang::Vi => (
            "Hộp thư đi",
            "Chưa cấu hình máy chủ SMTP, nên mọi thư được lưu tại thư mục dưới đây thay vì gửi đi. Mới nhất ở trên cùng.",
            "Chưa có thư nào.",
        ),
        Lang::En => (
            "Outbox",
            "No SMTP server is configured, so every mail is kept in the folder below instead of being sent. Newest first.",
            "No mail yet.",
        ),
    };
    let rows = entries
        .into_iter()
        .map(|e| Row {
            id: e.id,
            sent: format_time_in_vietnam(e.sent_at, lang),
            to: e.to,
            subject: e.subject,
        })
        .collect();
    page(
        StatusCode::OK,
        &ListPage {
            t,
            heading,
            intro,
            empty,
            rows,
            folder,
        },
    )
}

async fn find(state: &WebState, lang: Lang, id: &str) -> Result<ParsedMail, Response> {
    let Some(outbox) = state.outbox.clone() else {
        return Err(not_here(lang));
    };
    let Ok(id) = Uuid::parse_str(id) else {
        return Err(missing(lang));
    };
    match read(outbox, move |o| o.read(id)).await {
        Ok(Some(mail)) => Ok(mail),
        Ok(None) => Err(missing(lang)),
        Err(error) => Err(unreadable(lang, error)),
    }
}

fn missing(lang: Lang) -> Response {
    let t = texts(lang);
    let (heading, body) = match lang {
        Lang::Vi => ("Không tìm thấy thư", "Không có thư này trong hộp thư đi."),
        Lang::En => ("No such mail", "This mail is not in the outbox."),
    };
    page(StatusCode::NOT_FOUND, &MessagePage { t, heading, body })
}

/// The links in a mail that are someone's credentials: a sign-in link, an approval link,
/// a signed reminder-choice link.
const CREDENTIAL_PATHS: [&str; 3] = ["/sign-in/", "/approve/", "/reminders/preferences/"];

/// `text` with the token of every credential link cut off, for an administrator reading
/// someone else's mail: the outbox shows what was sent, never a way in as its recipient.
fn redact_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, marker)) = CREDENTIAL_PATHS
        .iter()
        .filter_map(|m| rest.find(m).map(|at| (at, *m)))
        .min_by_key(|(at, _)| *at)
    {
        let after = at + marker.len();
        out.push_str(&rest[..after]);
        let token_len = rest[after..]
            .find(|c: char| c.is_whitespace() || "\"'<>)".contains(c))
            .unwrap_or(rest.len() - after);
        out.push_str("[…]");
        rest = &rest[after + token_len..];
    }
    out.push_str(rest);
    out
}

/// Whether `viewer` is among the mail's recipients.
fn addressed_to(mail: &ParsedMail, viewer: &str) -> bool {
    mail.to
        .to_lowercase()
        .contains(&format!("<{}>", viewer.to_lowercase()))
        || mail.to.eq_ignore_ascii_case(viewer)
}

/// An administrator sees other people's mail without their links' tokens.
fn as_seen_by(mut mail: ParsedMail, viewer: &str) -> ParsedMail {
    if !addressed_to(&mail, viewer) {
        mail.text = redact_credentials(&mail.text);
        mail.html = mail.html.as_deref().map(redact_credentials);
    }
    mail
}

pub async fn show(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let mail = as_seen_by(find(&state, lang, &id).await?, &user.email);
    let (back, html_link) = match lang {
        Lang::Vi => ("← Hộp thư đi", "Xem bản trình bày (HTML) của thư"),
        Lang::En => ("← Outbox", "See the mail as formatted (HTML)"),
    };
    Ok(page(
        StatusCode::OK,
        &MailPage {
            t: texts(lang),
            id: Uuid::parse_str(&id).unwrap_or_default(),
            sent: format_time_in_vietnam(mail.date, lang),
            mail,
            back,
            html_link,
        },
    ))
}

/// The mail's HTML part as sent. It is shown in a sandbox: no script runs and nothing
/// loads from elsewhere, but its inline styles apply and its links work.
pub async fn html(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let mail = as_seen_by(find(&state, lang, &id).await?, &user.email);
    let Some(html) = mail.html else {
        return Ok(missing(lang));
    };
    let mut response = Html(html).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
             frame-ancestors 'none'; sandbox allow-popups allow-top-navigation-by-user-activation",
        ),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_links_lose_their_tokens_and_nothing_else() {
        let text = "Mở http://x.vn/sign-in/abcDEF_123-xyz để đăng nhập.\n\
                    <a href=\"http://x.vn/approve/0190/tok_en\">Duyệt</a> \
                    http://x.vn/programmes/42";
        let redacted = redact_credentials(text);
        assert_eq!(
            redacted,
            "Mở http://x.vn/sign-in/[…] để đăng nhập.\n\
             <a href=\"http://x.vn/approve/[…]\">Duyệt</a> \
             http://x.vn/programmes/42"
        );
    }
}
