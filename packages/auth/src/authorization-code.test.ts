import { describe, expect, it } from 'vitest';
import { callbackUrl, codeForState, parseAuthorizationCode } from './authorization-code.js';
import { MiroAuthorizationDeniedError, MiroInvalidArgumentError, MiroStateMismatchError } from './errors.js';

describe('parseAuthorizationCode', () => {
  it('reads the code from a full redirect URL', () => {
    expect(parseAuthorizationCode('https://app.example/cb?code=abc123&state=xyz&client_id=1')).toBe('abc123');
  });

  it('takes a bare code as it is', () => {
    expect(parseAuthorizationCode('eyJtaXJvLm9yaWdpbiI6ImV1MDEifQ_abc-123')).toBe(
      'eyJtaXJvLm9yaWdpbiI6ImV1MDEifQ_abc-123',
    );
  });

  it('reads the code from a path with a query', () => {
    expect(parseAuthorizationCode('/auth/callback?code=c%2Bd')).toBe('c+d');
  });

  it('throws a denied error when the redirect carries error=', () => {
    const run = () =>
      parseAuthorizationCode('https://app.example/cb?error=access_denied&error_description=User%20said%20no');
    expect(run).toThrow(MiroAuthorizationDeniedError);
    expect(run).toThrow(/access_denied \(User said no\)/);
  });

  it('names the missing code parameter', () => {
    expect(() => parseAuthorizationCode('https://app.example/cb?state=1')).toThrow(/no "code" query parameter/);
  });

  it('refuses an empty value', () => {
    expect(() => parseAuthorizationCode('  ')).toThrow(MiroInvalidArgumentError);
  });
});

describe('codeForState', () => {
  const redirect = (query: string) => `https://app.example/cb?${query}`;

  it('returns the code when the state is the one expected', () => {
    expect(codeForState(redirect('code=c1&state=expected-state'), 'expected-state')).toBe('c1');
  });

  it('refuses a callback without a state, and a bare code', () => {
    for (const input of [redirect('code=c1'), redirect('code=c1&state='), 'bare-code']) {
      const run = () => codeForState(input, 'expected-state');
      expect(run).toThrow(MiroStateMismatchError);
      expect(run).toThrow(/carries no "state"/);
    }
  });

  it('refuses another state, longer or shorter or differing in one character', () => {
    for (const state of ['expected-statf', 'expected-state-and-more', 'expected']) {
      expect(() => codeForState(redirect(`code=c1&state=${state}`), 'expected-state')).toThrow(
        expect.objectContaining({ kind: 'MIRO_AUTH_STATE_MISMATCH', reason: 'different' }),
      );
    }
  });

  it('checks the state before reading a denial', () => {
    expect(() => codeForState(redirect('error=access_denied&state=forged'), 'expected-state')).toThrow(
      MiroStateMismatchError,
    );
    expect(() => codeForState(redirect('error=access_denied&state=s'), 's')).toThrow(MiroAuthorizationDeniedError);
  });

  it('asks for the expected state when none is given', () => {
    expect(() => codeForState(redirect('code=c1&state=s'), '')).toThrow(/expectedState must be/);
  });
});

describe('callbackUrl', () => {
  it('reads a Node request whose url is a path, and a Fetch Request', () => {
    expect(codeForState(callbackUrl({ url: '/callback?code=node-code&state=s' }), 's')).toBe('node-code');
    expect(codeForState(callbackUrl(new Request('https://app.example/callback?code=fetch-code&state=s')), 's')).toBe(
      'fetch-code',
    );
  });

  it('names the missing url', () => {
    expect(() => callbackUrl({})).toThrow(/no url/);
  });
});
