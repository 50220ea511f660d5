import { describe, expect, it } from 'vitest';
import { parseStageTimings } from './generate.js';

describe('parseStageTimings', () => {
  it('reads the stage timings line of miro-generate --timings', () => {
    const stdout = [
      'miro-generate: 197 operations, 399 schemas -> /tmp/x (4 files)',
      'miro-generate: read 13 ms, parse 4 ms, overlay 33 ms, validate 466 ms, ir 26 ms, emit 788 ms, write 15 ms; total 1345 ms',
    ].join('\n');
    expect(parseStageTimings(stdout)).toEqual({
      read: 13,
      parse: 4,
      overlay: 33,
      validate: 466,
      ir: 26,
      emit: 788,
      write: 15,
      total: 1345,
    });
  });

  it('gives nothing when the line is missing', () => {
    expect(parseStageTimings('miro-generate: 197 operations\n')).toEqual({});
  });
});
