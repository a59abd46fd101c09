//! `caunoi grant-role` and `caunoi revoke-role`: roles from the command line, for the
//! first administrator (who then can sign in) and for scripts.

use anyhow::{Context, Result, bail};
use domain::access::{AccessCommand, AccessRole, UserAccount, account_id};
use domain::directory::Directory;
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;
use workflow::links::{random_hex, sign_in_url};

use crate::infra::Infrastructure;
use crate::settings::Settings;

#[derive(clap::Args)]
pub struct RoleArgs {
    /// The person's email address: the one their sign-in links go to.
    #[arg(long)]
    email: String,
    /// The person's name, as mails greet them (needed when granting).
    #[arg(long, default_value = "")]
    name: String,
    /// The organisation: its id (from `GET /api/organisations`) or its `key` in an imported
    /// directory file (`tinh-doan-cao-bang`).
    #[arg(long)]
    organisation: String,
    /// planner, coordinator, approver or administrator.
    #[arg(long, value_parser = parse_role)]
    role: AccessRole,
}

/// A key of an imported file names the same id as the import made from it, so the first
/// administrator can be named before anyone can read the directory.
fn organisation_id(text: &str) -> Uuid {
    let text = text.trim();
    Uuid::parse_str(text).unwrap_or_else(|_| importer::ids::organisation(text))
}

fn parse_role(text: &str) -> Result<AccessRole, String> {
    AccessRole::parse(text)
        .ok_or_else(|| "one of: planner, coordinator, approver, administrator".to_string())
}

/// Grants or revokes the role. A grant prints a one-time sign-in link for the person, so
/// that the first administrator gets in from the console, without any mail.
pub async fn run(
    settings: &Settings,
    infra: &Infrastructure,
    args: RoleArgs,
    grant: bool,
) -> Result<()> {
    let store = &infra.store;
    let organisation_id = organisation_id(&args.organisation);
    let directory = store
        .load::<Directory>(organisation_id)
        .await
        .context("reading the organisation")?;
    let Some(organisation) = directory.state.record() else {
        bail!(
            "no organisation with id or key {:?} in the directory (không có tổ chức này)",
            args.organisation
        );
    };
    let command = if grant {
        AccessCommand::Grant {
            email: args.email.clone(),
            name: args.name.clone(),
            organisation_id,
            role: args.role,
        }
    } else {
        AccessCommand::Revoke {
            organisation_id,
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
            if grant {
                let link = console_sign_in_link(settings, infra, &args.email).await?;
                println!(
                    "one-time sign-in link (đường liên kết đăng nhập dùng một lần), valid {} minutes:\n{link}",
                    settings.sign_in_link_minutes.max(1)
                );
            }
            Ok(())
        }
        Err(ExecuteError::Rejected(error)) => bail!("{}", error.message(domain::Lang::Vi)),
        Err(other) => Err(other).context("appending the role"),
    }
}

/// A sign-in link made at the console: bound to no browser, used once, expiring as the
/// mailed ones do.
async fn console_sign_in_link(
    settings: &Settings,
    infra: &Infrastructure,
    email: &str,
) -> Result<String> {
    projector::migrate(&infra.pool)
        .await
        .context("applying migrations")?;
    let secret = crate::secrets::link_secret(settings)?;
    let token = secret.sign_in_token(&random_hex());
    let ttl = std::time::Duration::from_secs(settings.sign_in_link_minutes.max(1) * 60);
    let email = email.trim().to_lowercase();
    identity::sessions::store_link(&infra.pool, &token, &email, None, ttl)
        .await
        .context("keeping the sign-in link")?;
    Ok(sign_in_url(&settings.public_url(), &token))
}
