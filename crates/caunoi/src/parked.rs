//! `caunoi parked list|retry`: the events the read models set aside.

use anyhow::{Context, Result};
use clap::Subcommand;

use crate::infra::Infrastructure;

#[derive(Subcommand)]
pub enum ParkedCommand {
    /// Lists the parked events with the reason each was set aside.
    List,
    /// Applies them again, after the cause was fixed: rebuilds the read models, which
    /// replays every event in stream order; those that still cannot be taken stay parked.
    Retry,
}

pub async fn run(command: ParkedCommand, infra: &Infrastructure) -> Result<()> {
    crate::migrate(infra).await?;
    if let ParkedCommand::Retry = command {
        crate::rebuild(infra).await?;
    }
    let parked = projector::queries::parked_events(&infra.pool)
        .await
        .context("reading the parked events")?;
    if parked.is_empty() {
        println!("Không có sự kiện nào bị gác lại. / No event is parked.");
        return Ok(());
    }
    println!(
        "{} sự kiện bị gác lại (chưa vào dữ liệu đọc) / {} events parked:",
        parked.len(),
        parked.len()
    );
    for event in parked {
        println!(
            "#{} {} {} {} ({}): {}",
            event.sequence,
            event.aggregate_type,
            event.aggregate_id,
            event.event_type,
            event.parked_at.format("%Y-%m-%d %H:%M:%S UTC"),
            event.reason
        );
    }
    Ok(())
}
