use std::time::{Duration, Instant};

use async_nats::jetstream::context::PublishErrorKind;
use async_nats::jetstream::message::PublishMessage;
use domain::{Aggregate, CommandContext};
use tracing::{Instrument, debug, info_span, warn};
use uuid::Uuid;

use crate::{CommandMeta, Envelope, EventStore, ExecuteError, Loaded, StoreError};

/// What a command left behind.
#[derive(Debug, Clone)]
pub struct Outcome<A> {
    pub state: A,
    pub version: u64,
    /// The stream sequence of the newest event: a reader that has projected this far sees
    /// the command's effect.
    pub position: u64,
    /// The events this command appended; empty when it changed nothing.
    pub appended: Vec<Envelope>,
}

/// Whether every event of a command was appended by its own writer.
struct Complete(bool);

enum AppendError {
    /// Another writer appended first.
    Conflict,
    Store(StoreError),
}

/// How often one publish is repeated when its acknowledgement is lost. The event id makes
/// a repeat harmless: JetStream keeps the first copy only.
const PUBLISH_ATTEMPTS: u32 = 3;

/// While the servers of a cluster elect a new leader for the stream (a few seconds after
/// the leader is lost), a publish finds no server to take it: "no stream found". It is
/// repeated, a little later each time, for this long before the command fails.
const ELECTION_WAIT: Duration = Duration::from_secs(8);
const FIRST_ELECTION_PAUSE: Duration = Duration::from_millis(50);
const LAST_ELECTION_PAUSE: Duration = Duration::from_millis(400);

/// Checks the client's expected version, then lets the aggregate decide.
fn decide<A: Aggregate>(
    loaded: &Loaded<A>,
    expected_version: Option<u64>,
    command: &A::Command,
    context: &CommandContext,
) -> Result<Vec<A::Event>, ExecuteError> {
    if let Some(expected) = expected_version
        && expected != loaded.version
    {
        return Err(ExecuteError::VersionConflict {
            entity: A::ENTITY,
            expected,
            actual: loaded.version,
        });
    }
    Ok(loaded.state.decide_checked(command, context)?)
}

impl EventStore {
    /// Loads the aggregate, decides, and appends, deciding again from fresh state when
    /// another writer got there first. With `expected_version`, a change made by someone
    /// else since the client read the aggregate is a conflict, not a retry.
    pub async fn execute<A: Aggregate>(
        &self,
        id: Uuid,
        expected_version: Option<u64>,
        command: &A::Command,
        meta: &CommandMeta,
    ) -> Result<Outcome<A>, ExecuteError> {
        let started = Instant::now();
        let result = self
            .execute_once::<A>(id, expected_version, command, meta)
            .await;
        let outcome = match &result {
            Ok(outcome) if outcome.appended.is_empty() => "unchanged",
            Ok(_) => "appended",
            Err(ExecuteError::Rejected(_)) => "rejected",
            Err(ExecuteError::VersionConflict { .. }) => "version_conflict",
            Err(ExecuteError::Contention) => "contention",
            Err(ExecuteError::Store(_)) => "failed",
        };
        let labels = [
            ("aggregate", A::TYPE),
            ("command", A::command_name(command)),
            ("outcome", outcome),
        ];
        metrics::counter!("caunoi_commands_total", &labels).increment(1);
        metrics::histogram!(
            "caunoi_command_duration_seconds",
            "aggregate" => A::TYPE,
            "command" => A::command_name(command)
        )
        .record(started.elapsed().as_secs_f64());
        result
    }

    async fn execute_once<A: Aggregate>(
        &self,
        id: Uuid,
        expected_version: Option<u64>,
        command: &A::Command,
        meta: &CommandMeta,
    ) -> Result<Outcome<A>, ExecuteError> {
        let span = info_span!(
            "execute",
            aggregate = A::TYPE,
            %id,
            correlation_id = %meta.correlation_id
        );
        async {
            let context = CommandContext {
                now: meta.now,
                actor: meta.actor.clone(),
            };
            let mut trust_cache = true;
            for attempt in 1..=self.config.max_attempts {
                let cached = trust_cache.then(|| self.cache.get::<A>(id)).flatten();
                let from_cache = cached.is_some();
                let loaded = match cached {
                    Some(loaded) => loaded,
                    None => {
                        let loaded = self.load::<A>(id).await?;
                        self.cache.put(id, loaded.clone());
                        loaded
                    }
                };
                let events = match decide(&loaded, expected_version, command, &context) {
                    Ok(events) if !events.is_empty() => events,
                    // A refusal or a no-op worked out on a cached state may be out of date:
                    // only the stream's own state can justify it.
                    _ if from_cache => {
                        trust_cache = false;
                        continue;
                    }
                    Ok(_) => {
                        return Ok(Outcome {
                            state: loaded.state,
                            version: loaded.version,
                            position: loaded.last_sequence,
                            appended: Vec::new(),
                        });
                    }
                    Err(error) => return Err(error),
                };
                match self.append(id, loaded, events, meta).await {
                    Ok((outcome, Complete(true))) => {
                        self.cache.put(
                            id,
                            Loaded {
                                state: outcome.state.clone(),
                                version: outcome.version,
                                last_sequence: outcome.position,
                            },
                        );
                        return Ok(outcome);
                    }
                    Ok((outcome, Complete(false))) => {
                        self.cache.forget::<A>(id);
                        return Ok(outcome);
                    }
                    Err(AppendError::Conflict) => {
                        metrics::counter!("caunoi_command_races_total", "aggregate" => A::TYPE)
                            .increment(1);
                        self.cache.forget::<A>(id);
                        trust_cache = false;
                        debug!(attempt, "lost the race to another writer; deciding again");
                    }
                    Err(AppendError::Store(error)) => {
                        self.cache.forget::<A>(id);
                        return Err(error.into());
                    }
                }
            }
            warn!("gave up after repeated conflicts");
            Err(ExecuteError::Contention)
        }
        .instrument(span)
        .await
    }

    /// Appends a command's events in order. Another writer can only get in after the
    /// first one; then, for an aggregate whose later events follow from its first, the
    /// command has happened and its outcome holds what this writer appended.
    async fn append<A: Aggregate>(
        &self,
        id: Uuid,
        loaded: Loaded<A>,
        events: Vec<A::Event>,
        meta: &CommandMeta,
    ) -> Result<(Outcome<A>, Complete), AppendError> {
        let subject = self.subject(A::TYPE, id);
        let mut state = loaded.state;
        let mut version = loaded.version;
        let mut last_sequence = loaded.last_sequence;
        let mut appended = Vec::with_capacity(events.len());
        for (index, event) in events.iter().enumerate() {
            version += 1;
            let envelope = Envelope::new::<A>(id, version, event, meta);
            match self.publish(&subject, &envelope, last_sequence).await {
                Ok(sequence) => last_sequence = sequence,
                Err(AppendError::Conflict) if index > 0 && A::FOLLOW_UPS_ARE_DERIVED => {
                    debug!(
                        appended = index,
                        of = events.len(),
                        "another writer appended the rest of this command's consequences"
                    );
                    let outcome = Outcome {
                        state,
                        version: version - 1,
                        position: last_sequence,
                        appended,
                    };
                    return Ok((outcome, Complete(false)));
                }
                Err(AppendError::Conflict) if index > 0 => {
                    return Err(AppendError::Store(StoreError::Nats(
                        "a concurrent writer appended in the middle of a command".into(),
                    )));
                }
                Err(error) => return Err(error),
            }
            state = state.evolve(event);
            appended.push(envelope);
        }
        let outcome = Outcome {
            state,
            version,
            position: last_sequence,
            appended,
        };
        Ok((outcome, Complete(true)))
    }

    async fn publish(
        &self,
        subject: &str,
        envelope: &Envelope,
        expected_subject_sequence: u64,
    ) -> Result<u64, AppendError> {
        let payload = serde_json::to_vec(envelope).expect("envelopes always serialise");
        let started = Instant::now();
        let mut pause = FIRST_ELECTION_PAUSE;
        let mut attempts = 0;
        let mut last_error = None;
        while attempts < PUBLISH_ATTEMPTS {
            let message = PublishMessage::build()
                .payload(payload.clone().into())
                .message_id(envelope.event_id.to_string())
                .expected_last_subject_sequence(expected_subject_sequence)
                .header("Caunoi-Event-Type", envelope.event_type.as_str())
                .header("Caunoi-Correlation-Id", envelope.correlation_id.as_str());
            let result = match self
                .jetstream
                .send_publish(subject.to_string(), message)
                .await
            {
                Ok(ack) => ack.await,
                Err(error) => Err(error),
            };
            match result {
                Ok(ack) => return Ok(ack.sequence),
                Err(error) => match error.kind() {
                    PublishErrorKind::WrongLastSequence => return Err(AppendError::Conflict),
                    PublishErrorKind::StreamNotFound if started.elapsed() < ELECTION_WAIT => {
                        debug!(retry_in = ?pause, "no server leads the stream yet; waiting for one");
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(LAST_ELECTION_PAUSE);
                        last_error = Some(error);
                    }
                    PublishErrorKind::TimedOut | PublishErrorKind::BrokenPipe => {
                        warn!(%error, "publish not acknowledged; repeating it with the same event id");
                        attempts += 1;
                        last_error = Some(error);
                    }
                    _ => return Err(AppendError::Store(StoreError::nats(error))),
                },
            }
        }
        Err(AppendError::Store(StoreError::nats(
            last_error.expect("the loop ran at least once"),
        )))
    }
}
