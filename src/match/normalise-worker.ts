// Worker thread entry for dedupe's match values (prenormalise.ts): rows' cells in, their normalised texts out.
import { workerData } from 'node:worker_threads';
import { serveCellMapper } from '../parallel/worker-host.js';
import { normaliseCellMapper, type NormaliseWorkerData } from './prenormalise.js';

serveCellMapper(normaliseCellMapper(workerData as NormaliseWorkerData));
