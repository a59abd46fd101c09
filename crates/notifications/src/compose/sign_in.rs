//! The email with a one-time sign-in link. The body holds a placeholder for the link
//! (see `links`), so the queue never keeps a token.

use domain::Lang;
use mailer::Recipient;

use super::links::sign_in_placeholder;
use super::words::sign_in::sign_in_words;
use crate::queue::NewMail;

/// A sign-in link for `to`, valid for `minutes`, in `lang`. The key is the nonce's, so
/// each request sends one mail.
pub fn sign_in_mail(
    to: Recipient,
    nonce: &str,
    minutes: i64,
    lang: Lang,
    correlation_id: &str,
) -> NewMail {
    let link = sign_in_placeholder(nonce);
    let w = sign_in_words(lang);
    NewMail {
        key: format!("sign-in:{nonce}"),
        kind: "sign_in",
        subject: w.subject.into(),
        text: (w.text)(&to.name, minutes, &link),
        html: (w.html)(&escape(&to.name), minutes, &link),
        to,
        correlation_id: correlation_id.to_string(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::Composed;
    use crate::compose::fixtures::{ASCII, Data, VIETNAMESE, assert_english, snapshot};

    fn mail(d: &Data, lang: Lang) -> Composed {
        let to = Recipient {
            name: d.approver.into(),
            email: "thu@example.vn".into(),
        };
        let mail = sign_in_mail(to, &"ab".repeat(32), 30, lang, "c");
        Composed {
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
        }
    }

    #[test]
    fn in_vietnamese_it_is_word_for_word_as_before() {
        assert_eq!(
            snapshot(&mail(&VIETNAMESE, Lang::Vi)),
            include_str!("golden/sign_in.vi.txt")
        );
    }

    #[test]
    fn in_english_it_says_everything_in_english() {
        let mail = mail(&ASCII, Lang::En);
        assert_english(&mail);
        assert_eq!(mail.subject, "Sign in to Cầu Nối");
        assert!(mail.text.starts_with("Dear Pham Thi Thu,\n"));
        assert!(mail.text.contains("It works once, for 30 minutes."));
        assert!(mail.html.contains(">Sign in to Cầu Nối</a>"));
    }
}
