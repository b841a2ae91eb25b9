// Worker thread entry for classify: the stage's row writer on batches of cells from the pool.
import { workerData } from 'node:worker_threads';
import { serveCellMapper } from '../parallel/worker-host.js';
import { rowCellMapper } from '../parallel/row-stage.js';
import { createStageWriter, type ClassifyWorkerData } from './classify-row.js';

const d = workerData as ClassifyWorkerData;
serveCellMapper(rowCellMapper(d, createStageWriter(d.config, d.asOf, d.readings)));
