// Worker thread entry for dedupe's pair scoring (src/parallel/pair-scoring.ts): a copy of the
// match features built from the normalised values the main thread stores, and the weights of the
// pairs it is given.
import { parentPort, workerData } from 'node:worker_threads';
import { Features } from './features.js';
import { Scorer } from './scorer.js';
import { applyNicknames } from './learn-nicknames.js';
import { scorePairRange } from './pair-weights.js';
import type { PairWorkerAnswer, PairWorkerData, PairWorkerMessage } from '../parallel/pair-scoring.js';

if (!parentPort) throw new Error('pair-worker must run in a worker thread');
const port = parentPort;
const data = workerData as PairWorkerData;
const features = new Features(data.rows, data.options);
const answer = (m: PairWorkerAnswer, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', (m: PairWorkerMessage) => {
  try {
    if (m.type === 'rows') {
      for (const text of m.texts) features.addNormalised(text);
      return;
    }
    if (m.nicknames.length) {
      applyNicknames(features, m.nicknames);
      features.reclaimOwners(m.rows);
    }
    if (features.size !== m.rows) return answer({ type: 'differs', why: `the copy holds ${features.size} rows, not ${m.rows}` });
    if (features.digest(m.rows) !== m.digest) return answer({ type: 'differs', why: 'the copy of the features differs' });
    const scorer = new Scorer(features, m.model);
    const weights = new Float64Array(m.pairs.length);
    scorePairRange(scorer, m.pairs, m.rowBits, m.bound, weights, 0, m.pairs.length);
    answer({ type: 'weights', weights }, [weights.buffer as ArrayBuffer]);
  } catch (err) {
    const e = err as Error;
    answer({ type: 'error', error: e instanceof Error ? `${e.name}: ${e.message}` : String(err) });
  }
});
