// Worker thread entry for score: the stage's row writer on batches of cells from the pool.
import { workerData } from 'node:worker_threads';
import { serveCellMapper } from '../parallel/worker-host.js';
import { rowCellMapper } from '../parallel/row-stage.js';
import { createScoreWriter, type ScoreWorkerData } from './score-row.js';

const d = workerData as ScoreWorkerData;
serveCellMapper(rowCellMapper(d, createScoreWriter(d.config, d.asOf)));
