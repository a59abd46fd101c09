use domain::Lang;
use domain::access::{UserAccount, account_id};
use domain::approval::{ApprovalEvent, ApprovalRound, Person, RoundRecord};
use domain::programme::{Programme, ProgrammeEvent, ProgrammeRecord};
use eventstore::{EventStore, StoredEvent};
use mailer::Recipient;
use workflow::{Handler, HandlerError};

use crate::compose::{self, Composed};
use crate::language::{account_mail_lang, mail_lang};
use crate::queue::{MailQueue, NewMail};

/// Follows the event stream and queues the emails events call for, each in the language
/// its recipient reads.
pub struct MailEnqueuer {
    store: EventStore,
    queue: MailQueue,
}

impl Handler for MailEnqueuer {
    async fn handle(&self, event: &StoredEvent) -> Result<(), HandlerError> {
        let envelope = &event.envelope;
        let id = envelope.aggregate_id;
        let event_id = envelope.event_id;
        let correlation_id = &envelope.correlation_id;
        let approval = envelope.event_of::<ApprovalRound>().transpose()?;
        let programme = envelope.event_of::<Programme>().transpose()?;
        let mails: Vec<NewMail> = match (approval, programme) {
            (
                Some(ApprovalEvent::LinksIssued {
                    stage: number,
                    links,
                }),
                _,
            ) => {
                let Some(round) = self.round(id).await? else {
                    return Ok(());
                };
                let Some(stage) = round.stages.get(number) else {
                    return Ok(());
                };
                let mut mails = Vec::new();
                for link in &links {
                    let Some(seat) = stage
                        .seats
                        .iter()
                        .find(|s| s.approver.member_id == link.member_id)
                    else {
                        continue;
                    };
                    let person = &seat.approver.person;
                    let composed = compose::approval_request(
                        &round,
                        number,
                        seat,
                        link.link_id,
                        link.expires_at,
                        mail_lang(&self.store, &person.email).await?,
                    );
                    mails.push(mail(
                        format!("approval-link:{}", link.link_id),
                        "approval_request",
                        person,
                        composed,
                        correlation_id,
                    ));
                }
                mails
            }
            (
                Some(ApprovalEvent::DecisionRecorded {
                    stage,
                    decision,
                    at,
                    by,
                    on_behalf_of,
                    ..
                }),
                _,
            ) => {
                let Some(round) = self.round(id).await? else {
                    return Ok(());
                };
                let composed = compose::decision_receipt(
                    &round,
                    stage,
                    &decision,
                    at,
                    &by,
                    on_behalf_of.as_ref(),
                    mail_lang(&self.store, &by.email).await?,
                );
                vec![mail(
                    format!("decision-receipt:{event_id}"),
                    "decision_receipt",
                    &by,
                    composed,
                    correlation_id,
                )]
            }
            (Some(ApprovalEvent::RoundResolved { outcome }), _) => {
                let Some(round) = self.round(id).await? else {
                    return Ok(());
                };
                let Some(programme) = self.programme(round.programme_id).await? else {
                    return Ok(());
                };
                self.told(&programme)
                    .await?
                    .into_iter()
                    .map(|(person, lang)| {
                        let composed = compose::round_result(&round, &outcome, &person.name, lang);
                        mail(
                            format!("round-result:{event_id}:{}", person.email.to_lowercase()),
                            "round_result",
                            &person,
                            composed,
                            correlation_id,
                        )
                    })
                    .collect()
            }
            (_, Some(ProgrammeEvent::SubmissionRefused(refused))) => {
                let Some(programme) = self.programme(id).await? else {
                    return Ok(());
                };
                self.told(&programme)
                    .await?
                    .into_iter()
                    .map(|(person, lang)| {
                        let composed = compose::submission_refused(
                            &programme.plan.title,
                            &refused.reason,
                            &person.name,
                            lang,
                        );
                        mail(
                            format!(
                                "submission-refused:{event_id}:{}",
                                person.email.to_lowercase()
                            ),
                            "submission_refused",
                            &person,
                            composed,
                            correlation_id,
                        )
                    })
                    .collect()
            }
            _ => return Ok(()),
        };
        if !mails.is_empty() {
            self.queue.enqueue(&mails).await?;
        }
        Ok(())
    }
}

impl MailEnqueuer {
    pub fn new(store: EventStore, queue: MailQueue) -> Self {
        Self { store, queue }
    }

    async fn round(&self, id: uuid::Uuid) -> Result<Option<RoundRecord>, HandlerError> {
        let loaded = self.store.load::<ApprovalRound>(id).await?;
        Ok(loaded.state.record().cloned())
    }

    /// [`told`], each with the language they read, and greeted by the name on their
    /// account when the plan does not name them (a planner who submitted for a
    /// coordinator): never by their bare address.
    async fn told(&self, programme: &ProgrammeRecord) -> Result<Vec<(Person, Lang)>, HandlerError> {
        let mut people = Vec::new();
        for mut person in told(programme) {
            let account = self
                .store
                .load::<UserAccount>(account_id(&person.email))
                .await?
                .state;
            let lang = account_mail_lang(&account);
            if person.name == person.email && !account.name.trim().is_empty() {
                person.name = account.name;
            }
            people.push((person, lang));
        }
        Ok(people)
    }

    async fn programme(&self, id: uuid::Uuid) -> Result<Option<ProgrammeRecord>, HandlerError> {
        let loaded = self.store.load::<Programme>(id).await?;
        Ok(loaded.state.record().cloned())
    }
}

/// Who hears how a submission went: whoever submitted it (or drafted it) when that is an
/// email address, and the coordinator; each once.
fn told(programme: &ProgrammeRecord) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let planner = programme
        .submitted_by
        .as_ref()
        .or(programme.planner.as_ref())
        .filter(|actor| actor.contains('@') && !actor.contains(' '));
    if let Some(email) = planner {
        people.push(Person {
            name: programme
                .plan
                .coordinator
                .as_ref()
                .filter(|c| c.email.eq_ignore_ascii_case(email))
                .map_or_else(|| email.clone(), |c| c.name.clone()),
            email: email.clone(),
        });
    }
    if let Some(coordinator) = &programme.plan.coordinator
        && !people
            .iter()
            .any(|p| p.email.eq_ignore_ascii_case(&coordinator.email))
    {
        people.push(Person {
            name: coordinator.name.clone(),
            email: coordinator.email.clone(),
        });
    }
    people
}

fn mail(
    key: String,
    kind: &'static str,
    to: &Person,
    composed: Composed,
    correlation_id: &str,
) -> NewMail {
    NewMail {
        key,
        kind,
        to: Recipient {
            name: to.name.clone(),
            email: to.email.clone(),
        },
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        correlation_id: correlation_id.to_string(),
    }
}
