//! Tests of the composition root that need no server.

mod routes;
