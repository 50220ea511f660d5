import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(
      parseCliArgs([
        '--port',
        '4010',
        '--latency=25',
        '--no-budget',
        '--auto-approve',
        '--token',
        'a',
        '--token=b',
        '--host',
        '0.0.0.0',
      ]),
    ).toEqual({
      port: 4010,
      host: '0.0.0.0',
      latencyMs: 25,
      budget: false,
      autoApprove: true,
      tokens: ['a', 'b'],
      help: false,
    });
  });

  it('defaults to a free port on 127.0.0.1 with the budget on', () => {
    expect(parseCliArgs([])).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      latencyMs: 0,
      budget: true,
      autoApprove: false,
      tokens: [],
    });
  });

  it('names the flag that is wrong', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow('--port needs an integer from 0 to 65535, got "abc"');
    expect(() => parseCliArgs(['--port'])).toThrow('--port needs an integer from 0 to 65535, got nothing');
    expect(() => parseCliArgs(['--latency', '-1'])).toThrow(/--latency/);
    expect(() => parseCliArgs(['--colour'])).toThrow('Unknown argument "--colour"');
  });
});
