/**
 * The tests' one seeded random generator, so a generated list is the same on every run and
 * machine: the benchmark generator's mulberry32 (small, fast, good enough to draw test data).
 */
import { mulberry32 } from '../../bench/dedupe/generate.mjs';

export function seeded(seed: number): () => number {
  return mulberry32(seed);
}
