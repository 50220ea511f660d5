import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MiroConfigError, MiroWebSdkTokenError } from './errors.js';
import { MiroOAuth } from './miro-oauth.js';
import { MemoryTokenStorage } from './storage/memory.js';
import { verifyWebSdkToken } from './web-sdk-token.js';

const clientId = '3458764500000000001';
const clientSecret = 'web-sdk-client-secret-value-0001';
const nowSeconds = 1_700_000_000;
const clock = { now: () => nowSeconds * 1000 };
const claims = { user: '3458764517517819000', team: '3458764517517818867' };

/** A token as Miro makes it: HS256 with the client secret, issued now, valid for an hour. */
function sign(
  payload: Record<string, unknown> = claims,
  { secret = clientSecret, alg = 'HS256', iat = nowSeconds, exp = nowSeconds + 3600, sub = clientId } = {},
) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuer('miro')
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

async function refusal(token: string | Promise<string>, options = {}) {
  const error = await verifyWebSdkToken(await token, { clientSecret, clientId, clock, ...options }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MiroWebSdkTokenError);
  return error as MiroWebSdkTokenError;
}

describe('verifyWebSdkToken', () => {
  it('returns the typed claims of a token Miro signed for this app', async () => {
    await expect(verifyWebSdkToken(await sign(), { clientSecret, clientId, clock })).resolves.toEqual({
      ...claims,
      sub: clientId,
      iss: 'miro',
      iat: nowSeconds,
      exp: nowSeconds + 3600,
    });
  });

  it('keeps ids sent as numbers beyond 2^53 exact', async () => {
    const token = await sign({ user: 1, team: 2 });
    // Rewrite the payload's small numbers into Miro-sized ones, then sign that text as it is.
    const [, payload] = token.split('.');
    const text = Buffer.from(payload!, 'base64url')
      .toString()
      .replace('"user":1', '"user":3458764517517819001')
      .replace('"team":2', '"team":3458764517517818867');
    const { createHmac } = await import('node:crypto');
    const head = token.split('.')[0]!;
    const body = Buffer.from(text).toString('base64url');
    const mac = createHmac('sha256', clientSecret).update(`${head}.${body}`).digest('base64url');
    const result = await verifyWebSdkToken(`${head}.${body}.${mac}`, { clientSecret, clock });
    expect(result).toMatchObject({ user: '3458764517517819001', team: '3458764517517818867' });
  });

  it('refuses every algorithm but HS256, none included', async () => {
    const none = new UnsecuredJWT({ ...claims, sub: clientId })
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 60);
    for (const token of [none.encode(), sign(claims, { alg: 'HS512' }), sign(claims, { alg: 'HS384' })]) {
      expect((await refusal(token)).reason).toBe('algorithm');
    }
  });

  it('refuses a token signed with another secret', async () => {
    const error = await refusal(sign(claims, { secret: 'another-secret-another-secret-00' }));
    expect(error).toMatchObject({ reason: 'signature', kind: 'MIRO_AUTH_WEB_SDK_TOKEN_INVALID' });
    expect(error.message).toBe('Web SDK token refused (signature): the signature does not match the client secret');
  });

  it('refuses an expired token, and accepts one within the skew', async () => {
    expect((await refusal(sign(claims, { exp: nowSeconds - 31 }))).reason).toBe('expired');
    await expect(
      verifyWebSdkToken(await sign(claims, { exp: nowSeconds - 29 }), { clientSecret, clock }),
    ).resolves.toBeDefined();
    expect((await refusal(sign(claims, { exp: nowSeconds - 5 }), { clockSkewSeconds: 0 })).reason).toBe('expired');
  });

  it('refuses a token issued in the future beyond the skew', async () => {
    expect((await refusal(sign(claims, { iat: nowSeconds + 31 }))).reason).toBe('issued-in-future');
    await expect(
      verifyWebSdkToken(await sign(claims, { iat: nowSeconds + 29 }), { clientSecret, clock }),
    ).resolves.toBeDefined();
  });

  it('refuses a token made for another app', async () => {
    expect((await refusal(sign(claims, { sub: 'another-app' }))).reason).toBe('wrong-app');
  });

  it('refuses a token without the user or team claim, or with one that is not an id', async () => {
    for (const payload of [{ team: claims.team }, { user: claims.user }, { ...claims, user: { id: 1 } }]) {
      expect((await refusal(sign(payload))).reason).toBe('claims');
    }
  });

  it('refuses what is not a token', async () => {
    for (const token of ['', 'abc', 'a.b.c', `${(await sign()).slice(0, -2)}!!`]) {
      expect((await refusal(token)).reason).toBe('malformed');
    }
  });

  it('needs the client secret', async () => {
    await expect(verifyWebSdkToken(await sign(), { clientSecret: '' })).rejects.toBeInstanceOf(MiroConfigError);
  });

  it('is offered on Miro with its own client id and secret', async () => {
    const miro = new MiroOAuth({
      clientId,
      clientSecret,
      redirectUrl: 'https://app.example/cb',
      storage: new MemoryTokenStorage(),
      clock: { ...clock, sleep: async () => undefined },
    });
    await expect(miro.verifyWebSdkToken(await sign())).resolves.toMatchObject(claims);
    await expect(miro.verifyWebSdkToken(await sign(claims, { sub: 'another-app' }))).rejects.toMatchObject({
      reason: 'wrong-app',
    });
  });
});
