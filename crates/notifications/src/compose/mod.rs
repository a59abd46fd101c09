//! The emails. Each mail has a plain-text and an HTML part, in the language its recipient
//! reads (the caller finds it out and passes it in), and says why it was sent.

mod links;
mod receipt;
mod refused;
mod request;
mod result;
mod sign_in;
mod summary;
mod words;

#[cfg(test)]
mod fixtures;

use askama::Template;

pub use links::{fill_links, link_placeholder};
pub use receipt::decision_receipt;
pub use refused::submission_refused;
pub use request::approval_request;
pub use result::round_result;
pub use sign_in::sign_in_mail;

/// A mail's subject and its two parts.
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn render(template: &impl Template) -> String {
    template
        .render()
        .expect("mail templates only format plain values")
}
