// The worker thread of body-converter.ts's createWorkerConverter: converts each batch it is sent.
import { parentPort } from 'node:worker_threads';
import { convertBody, type BodyWorkerAnswer, type BodyWorkerRequest } from './body-converter.js';

parentPort?.on('message', ({ id, sources }: BodyWorkerRequest) => {
  parentPort?.postMessage({ id, bodies: sources.map(convertBody) } satisfies BodyWorkerAnswer);
});
