// The worker thread of body-converter.ts's createWorkerConverter: answers each request it is sent.
import { parentPort } from 'node:worker_threads';
import { answerBodyWorkerRequest } from './body-conversion.js';
import type { BodyWorkerRequest } from './body-converter.js';

parentPort?.on('message', (request: BodyWorkerRequest) => {
  parentPort?.postMessage(answerBodyWorkerRequest(request));
});
