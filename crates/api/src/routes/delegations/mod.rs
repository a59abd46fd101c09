//! Delegations of approved programmes: the roster with its personal data protected, the
//! logistics, the checklist, and the exports. See `docs/logistics.md`.

mod command;
mod exports;
pub(super) mod items;
pub(super) mod members;
pub(super) mod read;

pub use exports::{itinerary_html, itinerary_ics, roster_csv, roster_xlsx};
pub use items::{prefill_checklist, remove_item, replace_item, save_item, set_task_status};
pub use members::{
    MAX_UPLOAD, add_member, forget_member, import_members, remove_member, update_member,
};
pub use read::{border_gates, checklist_board, detail, history, list_for_programme, open};
