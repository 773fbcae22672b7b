import type { IDBPDatabase, openDB as openIdb } from 'idb';

/**
 * The part of idb's promise wrapper (github.com/jakearchibald/idb) that Hearth uses, written
 * small: requests become promises, transactions gain `done` and `store`, and the database
 * gains idb's shortcuts (`db.get(store, key)`, `db.getAllFromIndex(store, index, query)`, …).
 * Typed as idb, so the storage code reads the same. idb's cursor iterators are left out (the
 * storage code opens no cursors); they were half of its 1.1 KB gzip on the critical path.
 */

const wrappers = new WeakMap<object, object>();
const originals = new WeakMap<object, object>();
const transactionsDone = new WeakMap<IDBTransaction, Promise<void>>();
const shortcutNames = /^(?:get|getKey|getAll|getAllKeys|count|put|add|delete|clear)(?:FromIndex)?$/;
const writePattern = /^(?:put|add|delete|clear)/;

function promisifyRequest(request: IDBRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(wrap(request.result));
    request.onerror = () => reject(request.error);
  });
}

function promiseDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = transaction.onabort = () =>
      reject(transaction.error ?? new DOMException('AbortError', 'AbortError'));
  });
}

type Wrapped = Record<string, (...args: unknown[]) => unknown> & { objectStoreNames: DOMStringList };

/** idb's `db.get(store, …)` and the like: one transaction on one store (or index), its result. */
function shortcut(name: string) {
  const method = name.replace(/FromIndex$/, '');
  const isWrite = writePattern.test(method);
  return async function (this: Wrapped, storeName: string, ...args: unknown[]): Promise<unknown> {
    const transaction = this.transaction!(storeName, isWrite ? 'readwrite' : 'readonly') as Wrapped & {
      store: Wrapped;
      done: Promise<void>;
    };
    const target = method === name ? transaction.store : (transaction.store.index!(args.shift()) as Wrapped);
    return (await Promise.all([target[method]!(...args), isWrite && transaction.done]))[0];
  };
}

const traps: ProxyHandler<Record<string | symbol, unknown>> = {
  get(target, property, receiver: Wrapped) {
    if (target instanceof IDBTransaction) {
      if (property === 'done') return transactionsDone.get(target);
      if (property === 'store')
        return receiver.objectStoreNames[1] ? undefined : receiver.objectStore!(receiver.objectStoreNames[0]);
    }
    if (target instanceof IDBDatabase && typeof property === 'string' && !(property in target)) {
      return shortcutNames.test(property) ? shortcut(property) : undefined;
    }
    return wrap(target[property]);
  },
};

function wrap(value: unknown): unknown {
  if (value instanceof IDBRequest) return promisifyRequest(value);
  if (!(value instanceof Object)) return value;
  let wrapper = wrappers.get(value);
  if (wrapper) return wrapper;
  if (typeof value === 'function') {
    wrapper = function (this: object, ...args: unknown[]) {
      return wrap(value.apply(originals.get(this) ?? this, args));
    };
  } else if (
    value instanceof IDBDatabase ||
    value instanceof IDBTransaction ||
    value instanceof IDBObjectStore ||
    value instanceof IDBIndex ||
    value instanceof IDBCursor
  ) {
    if (value instanceof IDBTransaction) transactionsDone.set(value, promiseDone(value));
    wrapper = new Proxy(value as unknown as Record<string | symbol, unknown>, traps);
  } else {
    return value;
  }
  wrappers.set(value, wrapper);
  originals.set(wrapper, value);
  return wrapper;
}

/** idb's `openDB`: opens a database, upgrading it first when `version` is newer. */
export const openDB = ((name, version, { upgrade, blocking } = {}) => {
  const request = indexedDB.open(name, version);
  if (upgrade) {
    request.addEventListener('upgradeneeded', (event) => {
      upgrade(
        wrap(request.result) as never,
        event.oldVersion,
        event.newVersion,
        wrap(request.transaction) as never,
        event,
      );
    });
  }
  const opened = promisifyRequest(request) as Promise<IDBPDatabase>;
  opened.then(
    (db) => {
      if (blocking) {
        db.addEventListener('versionchange', (event) => blocking(event.oldVersion, event.newVersion, event));
      }
    },
    () => undefined,
  );
  return opened;
}) as typeof openIdb;
