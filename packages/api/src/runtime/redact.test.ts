import { describe, expect, it } from 'vitest';
import { redact, REDACTED } from './redact.js';

describe('redact', () => {
  it('removes secret query parameters from URLs and form bodies', () => {
    expect(redact('https://x.test/cb?code=abc&state=s1&access_token=t0k')).toBe(
      `https://x.test/cb?code=${REDACTED}&state=s1&access_token=${REDACTED}`,
    );
    expect(redact(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r1', client_secret: 'cs' }))).toBe(
      `grant_type=refresh_token&refresh_token=${REDACTED}&client_secret=${REDACTED}`,
    );
  });

  it('removes the Authorization header from Headers and header objects', () => {
    const headers = new Headers({ Authorization: 'Bearer abc', Accept: 'application/json' });
    expect(redact(headers)).toEqual({ authorization: REDACTED, accept: 'application/json' });
    expect(redact({ Authorization: 'Bearer abc' })).toEqual({ Authorization: REDACTED });
  });

  it('removes tokens and secrets from nested bodies, without touching the input', () => {
    const body = {
      user: { access_token: 'a', refreshToken: 'r', clientSecret: 's', name: 'ok' },
      list: [{ id_token: 'i' }],
    };
    expect(redact(body)).toEqual({
      user: { access_token: REDACTED, refreshToken: REDACTED, clientSecret: REDACTED, name: 'ok' },
      list: [{ id_token: REDACTED }],
    });
    expect(body.user.access_token).toBe('a');
  });

  it("redacts an OAuth request's code but keeps Miro's error code readable", () => {
    expect(redact({ grant_type: 'authorization_code', code: 'one-time' })).toEqual({
      grant_type: 'authorization_code',
      code: REDACTED,
    });
    expect(redact({ status: 404, code: 'notFound' })).toEqual({ status: 404, code: 'notFound' });
  });

  it('removes bearer tokens, JSON token fields and listed secrets from free text', () => {
    const text = 'sent Bearer abc.def-ghi with {"access_token":"zzz","x":1} for sk-live-1234';
    expect(redact(text, ['sk-live-1234'])).toBe(
      `sent Bearer ${REDACTED} with {"access_token":"${REDACTED}","x":1} for ${REDACTED}`,
    );
  });

  it('survives cycles and summarises binary data', () => {
    const looped: Record<string, unknown> = { blob: new Blob(['abc']) };
    looped['self'] = looped;
    expect(redact(looped)).toEqual({ blob: '[Blob 3 bytes]', self: '[Circular]' });
  });

  it('removes listed secrets in raw, URL-encoded, form-encoded and JSON-escaped form', () => {
    const secret = 'sk/live+1 "q"&=\\x';
    const text = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ].join(' | ');
    expect(redact(text, [secret])).toBe([REDACTED, REDACTED, REDACTED, REDACTED].join(' | '));
    expect(redact({ detail: JSON.stringify({ echoed: secret }) }, [secret])).toEqual({
      detail: `{"echoed":"${REDACTED}"}`,
    });
  });

  it('leaves secrets shorter than four characters alone', () => {
    expect(redact('a b c abc', ['abc'])).toBe('a b c abc');
  });
});
