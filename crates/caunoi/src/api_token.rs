//! `caunoi api-token create|list|revoke`: API tokens from the command line, for scripts
//! and for a first client before anyone has signed in.

use anyhow::{Context, Result, bail};
use chrono::Utc;
use domain::access::{UserAccount, account_id};
use uuid::Uuid;

use crate::infra::Infrastructure;

#[derive(clap::Subcommand)]
pub enum ApiTokenCommand {
    /// Make a token for a person who holds a role; it is printed once and acts with that
    /// person's roles, e.g. `caunoi api-token create --email a@b.vn --label "báo cáo đêm"`.
    Create {
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long)]
        label: String,
        /// Days until it stops working (1 to 366).
        #[arg(long, default_value_t = app::tokens::DEFAULT_DAYS)]
        days: u64,
    },
    /// A person's tokens, without the tokens themselves.
    List {
        #[arg(long)]
        email: String,
    },
    /// Stop a token from working.
    Revoke {
        #[arg(long)]
        email: String,
        #[arg(long)]
        id: Uuid,
    },
}

pub async fn run(command: ApiTokenCommand, infra: &Infrastructure) -> Result<()> {
    projector::migrate(&infra.pool)
        .await
        .context("applying migrations")?;
    match command {
        ApiTokenCommand::Create { email, label, days } => {
            let email = email.trim().to_lowercase();
            let account = infra
                .store
                .load::<UserAccount>(account_id(&email))
                .await
                .context("reading the person's roles")?
                .state;
            if !account.is_active() {
                bail!(
                    "{email} holds no role (chưa có vai trò nào): grant one with `caunoi grant-role` first"
                );
            }
            let new = app::tokens::check(&label, days, Utc::now()).map_err(|problems| {
                let said: Vec<String> = problems
                    .iter()
                    .map(|p| format!("--{}: {}", p.field, p.problem.message(domain::Lang::En)))
                    .collect();
                anyhow::anyhow!("{}", said.join("; "))
            })?;
            let made = identity::tokens::create(
                &infra.pool,
                Uuid::now_v7(),
                &email,
                &new.label,
                new.expires_at,
            )
            .await
            .context("keeping the token")?;
            eprintln!(
                "token {} for {email}, valid until {} (shown once; keep it secret):",
                made.id,
                new.expires_at.format("%Y-%m-%d %H:%M UTC")
            );
            println!("{}", made.secret);
        }
        ApiTokenCommand::List { email } => {
            let tokens = identity::tokens::list(&infra.pool, email.trim())
                .await
                .context("reading the tokens")?;
            for token in tokens {
                let state = match (token.revoked_at, token.expires_at < Utc::now()) {
                    (Some(_), _) => "revoked",
                    (None, true) => "expired",
                    (None, false) => "live",
                };
                let used = token.last_used_at.map_or_else(
                    || "never used".into(),
                    |t| format!("last used {}", t.format("%Y-%m-%d %H:%M UTC")),
                );
                println!(
                    "{}  {state}  {}  until {}  {used}",
                    token.id,
                    token.label,
                    token.expires_at.format("%Y-%m-%d")
                );
            }
        }
        ApiTokenCommand::Revoke { email, id } => {
            if !identity::tokens::revoke(&infra.pool, email.trim(), id)
                .await
                .context("revoking the token")?
            {
                bail!("no live token {id} of {email}");
            }
            println!("revoked {id}");
        }
    }
    Ok(())
}
