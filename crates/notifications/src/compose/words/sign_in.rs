//! The words of the mail with a sign-in link. The Vietnamese one ends with an English
//! note, as it always did: it also goes to whoever never chose a language.

use domain::Lang;

pub struct SignInWords {
    pub subject: &'static str,
    /// The plain-text part, from the name, the minutes the link works, and the link.
    pub text: fn(&str, i64, &str) -> String,
    /// The HTML part, from the name (escaped), the minutes and the link.
    pub html: fn(&str, i64, &str) -> String,
}

const VI: SignInWords = SignInWords {
    subject: "Đăng nhập Cầu Nối / Sign in to Cầu Nối",
    text: |name, minutes, link| {
        format!(
            "Kính gửi đồng chí {name},\n\n\
             Để đăng nhập Cầu Nối, xin mở đường liên kết dưới đây rồi bấm “Đăng nhập”. \
             Đường liên kết dùng được một lần, trong {minutes} phút.\n\n{link}\n\n\
             Nếu đồng chí không yêu cầu đăng nhập, xin bỏ qua thư này.\n\n\
             —\nTo sign in to Cầu Nối, open the link above and press “Sign in”. \
             It works once, for {minutes} minutes. If you did not ask to sign in, ignore this email.\n"
        )
    },
    html: |name, minutes, link| {
        format!(
            "<p>Kính gửi đồng chí {name},</p>\
             <p>Để đăng nhập Cầu Nối, xin mở đường liên kết dưới đây rồi bấm “Đăng nhập”. \
             Đường liên kết dùng được một lần, trong {minutes} phút.</p>\
             <p><a href=\"{link}\">Đăng nhập Cầu Nối</a></p>\
             <p>Nếu đồng chí không yêu cầu đăng nhập, xin bỏ qua thư này.</p>\
             <p lang=\"en\">To sign in to Cầu Nối, open the link above and press “Sign in”. \
             It works once, for {minutes} minutes. If you did not ask to sign in, ignore this email.</p>"
        )
    },
};

const EN: SignInWords = SignInWords {
    subject: "Sign in to Cầu Nối",
    text: |name, minutes, link| {
        format!(
            "Dear {name},\n\n\
             To sign in to Cầu Nối, open the link below and press “Sign in”. \
             It works once, for {minutes} minutes.\n\n{link}\n\n\
             If you did not ask to sign in, ignore this email.\n"
        )
    },
    html: |name, minutes, link| {
        format!(
            "<p>Dear {name},</p>\
             <p>To sign in to Cầu Nối, open the link below and press “Sign in”. \
             It works once, for {minutes} minutes.</p>\
             <p><a href=\"{link}\">Sign in to Cầu Nối</a></p>\
             <p>If you did not ask to sign in, ignore this email.</p>"
        )
    },
};

pub fn sign_in_words(lang: Lang) -> &'static SignInWords {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
