import { describe, expect, it } from 'vitest';
import { codeFromRequest, parseAuthorizationCode } from './authorization-code.js';
import { MiroAuthorizationDeniedError, MiroInvalidArgumentError } from './errors.js';

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

describe('codeFromRequest', () => {
  it('reads a Node request whose url is a path', () => {
    expect(codeFromRequest({ url: '/callback?code=node-code' })).toBe('node-code');
  });

  it('reads a Fetch Request', () => {
    expect(codeFromRequest(new Request('https://app.example/callback?code=fetch-code'))).toBe('fetch-code');
  });

  it('names the missing code when the request has no query', () => {
    expect(() => codeFromRequest({ url: '/callback' })).toThrow(/no "code" query parameter/);
  });
});
