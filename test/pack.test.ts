import { describe, expect, it } from 'vitest';
import { packCells, unpackCells } from '../src/parallel/pack.js';

describe('packCells / unpackCells', () => {
  it('round-trips rows of any width and content, separators and NUL included', () => {
    const rows = [
      ['m.weiss@weiss-holzbau.de', '+49 (0)351 6622701', '', 'Industriestr. 40', '01067', 'Dresden', 'Deutschland'],
      [],
      ['a\u0000b', '\u0001', ';', '"quoted, with comma"', 'Zeile 1\r\nZeile 2', '😀', '\uD800'],
      ['', '', ''],
      ['x'.repeat(100_000)],
    ];
    const packed = packCells(rows);
    expect(packed.lengths).toBeInstanceOf(Int32Array);
    expect(unpackCells(packed)).toEqual(rows);
    // A worker's side: long cells copied out of the text, with the same values.
    expect(unpackCells(packed, true)).toEqual(rows);
  });

  it('survives a structured clone with the lengths transferred, as postMessage sends it', () => {
    const rows = [['Müller GmbH', 'valid', 'DE'], ['Weiß AG', 'invalid', '']];
    const packed = packCells(rows);
    const copy = structuredClone(packed, { transfer: [packed.lengths.buffer] });
    expect(packed.lengths.length).toBe(0);
    expect(unpackCells(copy)).toEqual(rows);
  });

  it('packs nothing as nothing', () => {
    expect(unpackCells(packCells([]))).toEqual([]);
  });
});
