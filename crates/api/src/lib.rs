//! The HTTP API of Cầu Nối. Handlers turn requests into commands for the event store and
//! answer reads from the PostgreSQL read models; they hold no business rules of their own.

mod json_body;
mod routes;

// The HTTP edge shared with the pages, under the names the handlers use.
use http_common::{error, request_meta};

/// The handlers' state: the one the pages share.
mod state {
    pub use http_common::HttpState as AppState;
}

pub use routes::{no_route, routes};
