//! The email with a one-time sign-in link. The body holds a placeholder for the link
//! (see `links`), so the queue never keeps a token.

use mailer::Recipient;

use super::links::sign_in_placeholder;
use crate::queue::NewMail;

/// A sign-in link for `to`, valid for `minutes`. The key is the nonce's, so each request
/// sends one mail.
pub fn sign_in_mail(to: Recipient, nonce: &str, minutes: i64, correlation_id: &str) -> NewMail {
    let link = sign_in_placeholder(nonce);
    let text = format!(
        "Kính gửi đồng chí {name},\n\n\
         Để đăng nhập Cầu Nối, xin mở đường liên kết dưới đây rồi bấm “Đăng nhập”. \
         Đường liên kết dùng được một lần, trong {minutes} phút.\n\n{link}\n\n\
         Nếu đồng chí không yêu cầu đăng nhập, xin bỏ qua thư này.\n\n\
         —\nTo sign in to Cầu Nối, open the link above and press “Sign in”. \
         It works once, for {minutes} minutes. If you did not ask to sign in, ignore this email.\n",
        name = to.name,
    );
    let html = format!(
        "<p>Kính gửi đồng chí {name},</p>\
         <p>Để đăng nhập Cầu Nối, xin mở đường liên kết dưới đây rồi bấm “Đăng nhập”. \
         Đường liên kết dùng được một lần, trong {minutes} phút.</p>\
         <p><a href=\"{link}\">Đăng nhập Cầu Nối</a></p>\
         <p>Nếu đồng chí không yêu cầu đăng nhập, xin bỏ qua thư này.</p>\
         <p lang=\"en\">To sign in to Cầu Nối, open the link above and press “Sign in”. \
         It works once, for {minutes} minutes. If you did not ask to sign in, ignore this email.</p>",
        name = escape(&to.name),
    );
    NewMail {
        key: format!("sign-in:{nonce}"),
        kind: "sign_in",
        to,
        subject: "Đăng nhập Cầu Nối / Sign in to Cầu Nối".into(),
        text,
        html,
        correlation_id: correlation_id.to_string(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
