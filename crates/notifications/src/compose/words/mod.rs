//! The words of the mails, in Vietnamese and English: a struct per mail with a constant
//! per language, so that neither language can miss a word. A sentence that holds a value
//! is split around it, so that both languages fill the same template; the two languages
//! put the values of every such sentence in the same order.

pub(super) mod receipt;
pub(super) mod refused;
pub(super) mod request;
pub(super) mod result;
pub(super) mod sign_in;

use domain::Lang;

/// What every mail says.
pub struct MailWords {
    /// The HTML part's `lang`.
    pub code: &'static str,
    /// Before the recipient's name, which is followed by a comma.
    pub dear: &'static str,
    /// Under the HTML part.
    pub footer: &'static str,
}

const VI: MailWords = MailWords {
    code: "vi",
    dear: "Kính gửi đồng chí",
    footer: "Cầu Nối — hệ thống lập kế hoạch giao lưu, hợp tác qua biên giới. Thư này được gửi tự động; vui lòng không trả lời.",
};

const EN: MailWords = MailWords {
    code: "en",
    dear: "Dear",
    footer: "Cầu Nối — planning cross-border exchanges and cooperation. This email was sent automatically; please do not reply.",
};

pub fn mail_words(lang: Lang) -> &'static MailWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
