//! Events of different aggregates handled side by side, each aggregate's in stream order,
//! and how far the stream is handled without a gap: the position that may be saved.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use eventstore::StoredEvent;
use uuid::Uuid;

/// The events in hand: being handled, or waiting behind an earlier event of the same
/// aggregate.
#[derive(Debug)]
pub(super) struct Lanes {
    /// Sequences taken from the stream and not handled yet.
    unfinished: BTreeSet<u64>,
    /// Aggregates with an event being handled.
    busy: HashSet<Uuid>,
    /// Events waiting for the earlier event of their aggregate.
    waiting: HashMap<Uuid, VecDeque<StoredEvent>>,
    /// The newest sequence taken from the stream.
    taken: u64,
}

impl Lanes {
    /// Nothing in hand; everything up to `position` is handled.
    pub(super) fn new(position: u64) -> Self {
        Self {
            unfinished: BTreeSet::new(),
            busy: HashSet::new(),
            waiting: HashMap::new(),
            taken: position,
        }
    }

    /// Takes the next event of the stream. Returns it when it can be handled now, that is
    /// when no earlier event of its aggregate is still in hand.
    pub(super) fn take(&mut self, event: StoredEvent) -> Option<StoredEvent> {
        self.taken = event.sequence;
        self.unfinished.insert(event.sequence);
        let aggregate = event.envelope.aggregate_id;
        if self.busy.insert(aggregate) {
            Some(event)
        } else {
            self.waiting.entry(aggregate).or_default().push_back(event);
            None
        }
    }

    /// A message that needs no handling (one that cannot be read at all).
    pub(super) fn pass(&mut self, sequence: u64) {
        self.taken = sequence;
    }

    /// Notes an event as handled. Returns the next event of its aggregate, if one waits.
    pub(super) fn finish(&mut self, aggregate: Uuid, sequence: u64) -> Option<StoredEvent> {
        self.unfinished.remove(&sequence);
        let next = self
            .waiting
            .get_mut(&aggregate)
            .and_then(VecDeque::pop_front);
        if next.is_none() {
            self.waiting.remove(&aggregate);
            self.busy.remove(&aggregate);
        }
        next
    }

    /// Whether a later event of the aggregate waits in hand.
    pub(super) fn followed(&self, aggregate: Uuid) -> bool {
        self.waiting.get(&aggregate).is_some_and(|w| !w.is_empty())
    }

    /// Every event up to this sequence is handled.
    pub(super) fn handled_up_to(&self) -> u64 {
        self.unfinished
            .first()
            .map_or(self.taken, |first| first - 1)
    }

    /// How many events are in hand.
    pub(super) fn held(&self) -> usize {
        self.unfinished.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::programme::{Programme, ProgrammeEvent, Submitted};
    use eventstore::{CommandMeta, Envelope};

    fn event(sequence: u64, aggregate: Uuid) -> StoredEvent {
        let meta = CommandMeta {
            now: chrono::DateTime::UNIX_EPOCH,
            actor: "test".into(),
            correlation_id: "c".into(),
            causation_id: None,
        };
        let submitted = ProgrammeEvent::Submitted(Submitted {
            round: 1,
            submitted_by: None,
        });
        StoredEvent {
            sequence,
            pending: 0,
            envelope: Envelope::new::<Programme>(aggregate, 1, &submitted, &meta),
        }
    }

    #[test]
    fn an_aggregates_later_event_waits_for_its_earlier_one_while_others_go_ahead() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut lanes = Lanes::new(10);
        assert!(lanes.take(event(11, a)).is_some());
        assert!(lanes.take(event(12, a)).is_none(), "waits behind 11");
        assert!(
            lanes.take(event(13, b)).is_some(),
            "another aggregate goes ahead"
        );
        assert_eq!(lanes.held(), 3);

        assert!(lanes.finish(b, 13).is_none());
        assert_eq!(lanes.handled_up_to(), 10, "11 and 12 are not handled yet");
        assert!(lanes.take(event(14, a)).is_none(), "waits behind 12");
        let next = lanes.finish(a, 11).expect("12 is released");
        assert_eq!(next.sequence, 12);
        assert!(lanes.followed(a), "14 follows 12 in hand");
        assert!(!lanes.followed(b));
        assert_eq!(lanes.handled_up_to(), 11);
        let last = lanes.finish(a, 12).expect("14 is released");
        assert_eq!(last.sequence, 14);
        assert!(!lanes.followed(a), "nothing follows 14 yet");
        assert!(lanes.finish(a, 14).is_none());
        assert_eq!(lanes.handled_up_to(), 14);
        assert_eq!(lanes.held(), 0);
        assert!(lanes.take(event(15, a)).is_some(), "a is free again");
    }

    #[test]
    fn a_passed_message_moves_the_handled_position_only_once_everything_before_is_done() {
        let a = Uuid::from_u128(1);
        let mut lanes = Lanes::new(0);
        lanes.take(event(1, a));
        lanes.pass(2);
        assert_eq!(lanes.handled_up_to(), 0);
        lanes.finish(a, 1);
        assert_eq!(lanes.handled_up_to(), 2);
    }
}
