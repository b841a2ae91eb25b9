// Worker thread entry for validate: runs the pure cell validator on batches from the pool.
import { workerData } from 'node:worker_threads';
import { serveCellMapper } from '../parallel/worker-host.js';
import { makeCellValidator, type ValidateSettings } from './row.js';

const validate = makeCellValidator(workerData as ValidateSettings);
serveCellMapper((cells) => cells.map(validate));
