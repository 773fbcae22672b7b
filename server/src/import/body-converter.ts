import { Worker } from 'node:worker_threads';
import type { ConvertedBody } from './body-conversion.js';
import type { ImportComment } from './import-item.js';

/**
 * Converts source bodies, and makes converted bodies' trees (body-tree.ts's column), a batch at a
 * time, in this thread or in a worker beside it.
 */
export interface BodyConverter {
  /** The bodies of `sources`, in their order; rejects when converting failed. */
  convert(sources: readonly ImportComment['body'][]): Promise<ConvertedBody[]>;
  /** The tree column of each of `bodies` (Hearth markdown), in their order. */
  makeTrees(bodies: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Converts in this thread, as each batch is asked for. The converter (turndown and its HTML
 * parser) loads now: with a worker, this thread never holds it in memory.
 */
export async function createInlineConverter(): Promise<BodyConverter> {
  const { convertBody, toBodyTreeColumn } = await import('./body-conversion.js');
  return {
    convert: async (sources) => sources.map(convertBody),
    makeTrees: async (bodies) => bodies.map(toBodyTreeColumn),
    close: async () => undefined,
  };
}

/** What body-worker.ts is sent: a batch to convert, or bodies to make trees of. */
export type BodyWorkerRequest =
  { id: number; sources: readonly ImportComment['body'][] } | { id: number; bodies: readonly string[] };
/** What it answers: the request's id and its results, in order. */
export interface BodyWorkerAnswer {
  id: number;
  results: ConvertedBody[] | string[];
}

/**
 * The young generation of the worker's heap, in MB: V8's default lets it grow to 48 MB, and
 * with it the import's peak memory; at 12 the worker converts as fast (docs/benchmarks.md).
 */
const workerYoungGenerationMb = 12;

/**
 * Converts in a worker thread running `workerUrl` (body-worker.ts, bundled), so the thread that
 * parses the file and writes the database does not also convert and make trees: on two cores
 * the import runs at the pace of the slower of the two. A worker that fails fails every batch
 * still waiting.
 */
export function createWorkerConverter(workerUrl: URL): BodyConverter {
  const worker = new Worker(workerUrl, {
    resourceLimits: { maxYoungGenerationSizeMb: workerYoungGenerationMb },
  });
  const waiting = new Map<
    number,
    { resolve: (results: BodyWorkerAnswer['results']) => void; reject: (error: Error) => void }
  >();
  let failure: Error | null = null;
  let nextId = 0;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  worker.on('message', ({ id, results }: BodyWorkerAnswer) => {
    waiting.get(id)?.resolve(results);
    waiting.delete(id);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The import's body converter stopped (exit code ${code}).`)));
  const ask = (request: BodyWorkerRequest): Promise<BodyWorkerAnswer['results']> => {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      waiting.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  };
  return {
    convert: (sources) => ask({ id: nextId++, sources }) as Promise<ConvertedBody[]>,
    makeTrees: (bodies) => ask({ id: nextId++, bodies }) as Promise<string[]>,
    async close() {
      await worker.terminate();
    },
  };
}
