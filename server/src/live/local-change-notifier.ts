import type { ChangeNotifier, ThreadChangeListener, ThreadChangeNotice } from './change-notifier.js';

/** One process's listeners, by site and thread. */
export interface ListenerRegistry {
  subscribe(site: string, thread: string, listener: ThreadChangeListener, onClose?: () => void): () => void;
  /** Calls the listeners of the notice's thread. */
  deliver(notice: ThreadChangeNotice): void;
  /** Calls every listener of every thread with seq 0: "something may have changed, pull". */
  deliverToAll(): void;
  /** Forgets every listener, calling each one's `onClose`. */
  clear(): void;
}

/** The listeners of one process; a listener that throws does not keep a notice from the rest. */
export function createListenerRegistry(): ListenerRegistry {
  const listeners = new Map<string, { site: string; thread: string; set: Set<ThreadChangeListener> }>();
  const closers = new Map<ThreadChangeListener, () => void>();
  const keyOf = (site: string, thread: string) => JSON.stringify([site, thread]);
  const call = (set: Iterable<ThreadChangeListener>, notice: ThreadChangeNotice) => {
    for (const listener of [...set]) {
      try {
        listener(notice);
      } catch {
        // One broken stream must not keep the notice from the others.
      }
    }
  };

  return {
    subscribe(site, thread, listener, onClose) {
      // A wrapper per subscription: one function may subscribe twice and unsubscribe once.
      const subscription: ThreadChangeListener = (notice) => listener(notice);
      if (onClose) closers.set(subscription, onClose);
      const key = keyOf(site, thread);
      let entry = listeners.get(key);
      if (!entry) listeners.set(key, (entry = { site, thread, set: new Set() }));
      const { set } = entry;
      set.add(subscription);
      return () => {
        closers.delete(subscription);
        set.delete(subscription);
        if (set.size === 0 && listeners.get(key)?.set === set) listeners.delete(key);
      };
    },
    deliver(notice) {
      const entry = listeners.get(keyOf(notice.site, notice.thread));
      if (entry) call(entry.set, notice);
    },
    deliverToAll() {
      for (const { site, thread, set } of [...listeners.values()]) call(set, { site, thread, seq: 0 });
    },
    clear() {
      listeners.clear();
      const onCloses = [...closers.values()];
      closers.clear();
      for (const onClose of onCloses) {
        try {
          onClose();
        } catch {
          // Shutting down: one failing subscriber must not keep the others open.
        }
      }
    },
  };
}

/**
 * Fan-out inside one process: enough for the memory store, which no other process sees.
 * Processes sharing a SQLite file poll it (polling-change-notifier.ts).
 */
export function createLocalChangeNotifier(): ChangeNotifier {
  const registry = createListenerRegistry();
  return {
    publish: (notice) => registry.deliver(notice),
    subscribe: (site, thread, listener, onClose) => registry.subscribe(site, thread, listener, onClose),
    async close() {
      registry.clear();
    },
  };
}
