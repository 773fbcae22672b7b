import { Worker } from 'node:worker_threads';
import { toBodyTreeColumn } from '../store/body-tree.js';
import { toHearthBody } from './import-body.js';
import type { ImportComment } from './import-item.js';

/** A source body as the store keeps it: Hearth markdown fitted to the limit, and its tree column. */
export interface ConvertedBody {
  body: string;
  truncated: boolean;
  /** body-tree.ts's column for `body`. */
  bodyTree: string;
}

/** Converts one source body (import-body.ts) and makes its tree. */
export function convertBody(source: ImportComment['body']): ConvertedBody {
  const { body, truncated } = toHearthBody(source);
  return { body, truncated, bodyTree: toBodyTreeColumn(body) };
}

/** Converts source bodies a batch at a time, in this thread or in a worker beside it. */
export interface BodyConverter {
  /** The bodies of `sources`, in their order; rejects when converting failed. */
  convert(sources: readonly ImportComment['body'][]): Promise<ConvertedBody[]>;
  close(): Promise<void>;
}

/** Converts in this thread, as each batch is asked for. */
export function createInlineConverter(): BodyConverter {
  return {
    convert: async (sources) => sources.map(convertBody),
    close: async () => undefined,
  };
}

/** What body-worker.ts is sent, and answers. */
export interface BodyWorkerRequest {
  id: number;
  sources: readonly ImportComment['body'][];
}
export interface BodyWorkerAnswer {
  id: number;
  bodies: ConvertedBody[];
}

/**
 * Converts in a worker thread running `workerUrl` (body-worker.ts, bundled), so the thread that
 * parses the file and writes the database does not also convert: on two cores the import runs
 * at the pace of the slower of the two. A worker that fails fails every batch still waiting.
 */
export function createWorkerConverter(workerUrl: URL): BodyConverter {
  const worker = new Worker(workerUrl);
  const waiting = new Map<
    number,
    { resolve: (bodies: ConvertedBody[]) => void; reject: (error: Error) => void }
  >();
  let failure: Error | null = null;
  let nextId = 0;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  worker.on('message', ({ id, bodies }: BodyWorkerAnswer) => {
    waiting.get(id)?.resolve(bodies);
    waiting.delete(id);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The import's body converter stopped (exit code ${code}).`)));
  return {
    convert(sources) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, sources } satisfies BodyWorkerRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
