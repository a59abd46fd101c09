//! Who is acting, and what the thing they act on belongs to, read from the event store
//! (not the read models, which may lag behind a command just made).

use domain::access::{UserAccount, account_id};
use domain::agreement::{Agreement, Party};
use domain::approval::ApprovalRound;
use domain::delegation::Delegation;
use domain::directory::Directory;
use domain::followup::FollowUpReport;
use domain::programme::{Plan, Programme};
use eventstore::StoreError;
use uuid::Uuid;

use crate::Commands;
use crate::access::{Actor, Seat, Subject};

impl Subject {
    /// A programme's organisations, from its plan.
    pub fn of_plan(plan: &Plan) -> Subject {
        Subject {
            owners: plan.host_organisation_id.into_iter().collect(),
            owner_names: if plan.host_organisation_id.is_none() {
                vec![plan.host_organisation.clone()]
            } else {
                vec![]
            },
            co_organisers: plan.co_organisers.clone(),
        }
    }

    /// An agreement's organisations: its parties in the directory, or by name.
    pub fn of_parties(parties: &[Party]) -> Subject {
        Subject {
            owners: parties.iter().filter_map(|p| p.organisation_id).collect(),
            owner_names: parties
                .iter()
                .filter(|p| p.organisation_id.is_none())
                .map(|p| p.name.clone())
                .collect(),
            co_organisers: vec![],
        }
    }
}

impl Commands {
    /// The person with this address, with their roles and their organisations' names;
    /// `None` when they hold no role (a revoked or unknown account acts for nobody).
    pub async fn actor(&self, email: &str) -> Result<Option<Actor>, StoreError> {
        let account = self
            .store
            .load::<UserAccount>(account_id(email))
            .await?
            .state;
        if !account.is_active() {
            return Ok(None);
        }
        let mut seats = Vec::new();
        for grant in &account.grants {
            let directory = self.store.load::<Directory>(grant.organisation_id).await?;
            let organisation_name = directory
                .state
                .record()
                .map_or_else(String::new, |r| r.name.clone());
            seats.push(Seat {
                organisation_id: grant.organisation_id,
                organisation_name,
                role: grant.role,
            });
        }
        Ok(Some(Actor {
            email: email.trim().to_lowercase(),
            name: account.name,
            seats,
        }))
    }

    /// An organisation as a subject of itself; `None` when the directory has no such
    /// organisation.
    pub async fn organisation_subject(&self, id: Uuid) -> Result<Option<Subject>, StoreError> {
        let directory = self.store.load::<Directory>(id).await?;
        Ok(directory.state.record().map(|_| Subject::organisation(id)))
    }

    /// A programme's organisations; `None` when there is no such programme.
    pub async fn programme_subject(&self, id: Uuid) -> Result<Option<Subject>, StoreError> {
        let programme = self.store.load::<Programme>(id).await?;
        Ok(programme.state.record().map(|r| Subject::of_plan(&r.plan)))
    }

    /// A delegation's organisations: those of its programme.
    pub async fn delegation_subject(&self, id: Uuid) -> Result<Option<Subject>, StoreError> {
        let delegation = self.store.load::<Delegation>(id).await?;
        match delegation.state.record() {
            Some(record) => self.programme_subject(record.programme_id).await,
            None => Ok(None),
        }
    }

    /// A follow-up report's organisations: those of its programme.
    pub async fn report_subject(&self, id: Uuid) -> Result<Option<Subject>, StoreError> {
        let report = self.store.load::<FollowUpReport>(id).await?;
        match report.state.record() {
            Some(record) => self.programme_subject(record.programme.programme_id).await,
            None => Ok(None),
        }
    }

    /// An agreement's organisations: its parties in the directory, or by name.
    pub async fn agreement_subject(&self, id: Uuid) -> Result<Option<Subject>, StoreError> {
        let agreement = self.store.load::<Agreement>(id).await?;
        Ok(agreement
            .state
            .record()
            .map(|record| Subject::of_parties(&record.terms.parties)))
    }
}

impl Commands {
    /// An approval round's organisations: those of its programme.
    pub async fn round_subject(&self, id: Uuid) -> Result<Option<Subject>, StoreError> {
        let round = self.store.load::<ApprovalRound>(id).await?;
        match round.state.record() {
            Some(record) => self.programme_subject(record.programme_id).await,
            None => Ok(None),
        }
    }
}
