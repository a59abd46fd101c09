//! The partner-facing documents, in Simplified Chinese: the delegation list (bilingual
//! headings, Hanzi names where given), the itinerary in China's time, and the reply
//! accepting an invitation.

mod itinerary;
mod list;
mod reply;
pub mod words;

pub use itinerary::itinerary_zh;
pub use list::delegation_list_zh;
pub use reply::reply_letter_zh;

use docx_rs::{AlignmentType, Paragraph};

use crate::layout::{BODY, run};

/// A bold centred title, 16 pt.
fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run(text, 32).bold())
}

fn centred(text: impl Into<String>) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run(text, BODY))
}
