use std::any::Any;
use std::sync::Arc;

use domain::Aggregate;
use uuid::Uuid;

use crate::Loaded;

/// The newest known state of recently used aggregates, so that most commands need no read
/// from the stream. It is only a guess: an append still states the sequence it expects,
/// so a stale entry (another instance wrote meanwhile) is caught by JetStream and the
/// command is decided again from the stream.
#[derive(Clone)]
pub(crate) struct StateCache {
    entries: Arc<quick_cache::sync::Cache<Key, Entry>>,
}

/// An aggregate type and id.
type Key = (&'static str, Uuid);
/// A `Loaded<A>` of whichever aggregate type the key names.
type Entry = Arc<dyn Any + Send + Sync>;

impl StateCache {
    pub fn new(capacity: usize) -> Self {
        Self {
            entries: Arc::new(quick_cache::sync::Cache::new(capacity.max(1))),
        }
    }

    pub fn get<A: Aggregate>(&self, id: Uuid) -> Option<Loaded<A>> {
        self.entries
            .get(&(A::TYPE, id))
            .and_then(|entry| entry.downcast_ref::<Loaded<A>>().cloned())
    }

    pub fn put<A: Aggregate>(&self, id: Uuid, loaded: Loaded<A>) {
        self.entries.insert((A::TYPE, id), Arc::new(loaded));
    }

    pub fn forget<A: Aggregate>(&self, id: Uuid) {
        self.entries.remove(&(A::TYPE, id));
    }
}
