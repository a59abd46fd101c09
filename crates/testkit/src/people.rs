//! People with roles, for tests that act as someone: every route but a few answers only to
//! a signed-in person or an API token, so tests make a person, give them roles and a token,
//! as an administrator would with `caunoi grant-role` and `caunoi api-token create`.

use chrono::{Duration, Utc};
use domain::access::{AccessCommand, AccessRole, UserAccount, account_id};
use domain::directory::{Directory, DirectoryCommand, OrganisationKind};
use eventstore::{CommandMeta, EventStore};
use sqlx::PgPool;
use uuid::Uuid;

fn meta() -> CommandMeta {
    CommandMeta {
        now: crate::scenario_now(),
        actor: "test-setup".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

/// Registers an organisation in the directory, as an import would; its id.
pub async fn organisation(store: &EventStore, name: &str) -> Uuid {
    let id = Uuid::now_v7();
    let command = DirectoryCommand::Register {
        id,
        name: name.into(),
        kind: OrganisationKind::ProvincialYouthUnion,
        province: None,
    };
    store
        .execute::<Directory>(id, None, &command, &meta())
        .await
        .expect("registering a test organisation");
    id
}

/// Gives `email` each of `roles` in `organisation_id`.
pub async fn grant(
    store: &EventStore,
    email: &str,
    name: &str,
    organisation_id: Uuid,
    roles: &[AccessRole],
) {
    for role in roles {
        let command = AccessCommand::Grant {
            email: email.into(),
            name: name.into(),
            organisation_id,
            role: *role,
        };
        store
            .execute::<UserAccount>(account_id(email), None, &command, &meta())
            .await
            .expect("granting a test role");
    }
}

/// An API token of `email`, valid for a year of the system's clock (tokens expire by
/// PostgreSQL's `now()`).
pub async fn api_token(pool: &PgPool, email: &str) -> String {
    identity::tokens::create(
        pool,
        Uuid::now_v7(),
        email,
        "test",
        Utc::now() + Duration::days(365),
    )
    .await
    .expect("making a test API token")
    .secret
}

/// The value of an `Authorization` header with `email`'s new API token.
pub async fn bearer(pool: &PgPool, email: &str) -> String {
    format!("Bearer {}", api_token(pool, email).await)
}
