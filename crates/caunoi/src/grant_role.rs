//! `caunoi grant-role` and `caunoi revoke-role`: roles from the command line, for the
//! first administrator (who then can sign in) and for scripts.

use anyhow::{Context, Result, bail};
use domain::access::{AccessCommand, AccessRole, UserAccount, account_id};
use domain::directory::Directory;
use eventstore::{CommandMeta, EventStore, ExecuteError};
use uuid::Uuid;

#[derive(clap::Args)]
pub struct RoleArgs {
    /// The person's email address: the one their sign-in links go to.
    #[arg(long)]
    email: String,
    /// The person's name, as mails greet them (needed when granting).
    #[arg(long, default_value = "")]
    name: String,
    /// The organisation's id (from `GET /api/organisations`).
    #[arg(long)]
    organisation: Uuid,
    /// planner, coordinator, approver or administrator.
    #[arg(long, value_parser = parse_role)]
    role: AccessRole,
}

fn parse_role(text: &str) -> Result<AccessRole, String> {
    AccessRole::parse(text)
        .ok_or_else(|| "one of: planner, coordinator, approver, administrator".to_string())
}

pub async fn run(store: &EventStore, args: RoleArgs, grant: bool) -> Result<()> {
    let directory = store
        .load::<Directory>(args.organisation)
        .await
        .context("reading the organisation")?;
    let Some(organisation) = directory.state.record() else {
        bail!(
            "no organisation {} in the directory (không có tổ chức này)",
            args.organisation
        );
    };
    let command = if grant {
        AccessCommand::Grant {
            email: args.email.clone(),
            name: args.name.clone(),
            organisation_id: args.organisation,
            role: args.role,
        }
    } else {
        AccessCommand::Revoke {
            organisation_id: args.organisation,
            role: args.role,
        }
    };
    let meta = CommandMeta {
        now: chrono::Utc::now(),
        actor: "caunoi-cli".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    };
    match store
        .execute::<UserAccount>(account_id(&args.email), None, &command, &meta)
        .await
    {
        Ok(outcome) => {
            let verb = if grant { "granted" } else { "revoked" };
            println!(
                "{} {} {} for {} ({} event(s) appended)",
                args.role.as_str(),
                verb,
                args.email.trim().to_lowercase(),
                organisation.name,
                outcome.appended.len()
            );
            Ok(())
        }
        Err(ExecuteError::Rejected(error)) => bail!("{}", error.message(domain::Lang::Vi)),
        Err(other) => Err(other).context("appending the role"),
    }
}
