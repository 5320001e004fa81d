import { describe, expect, it } from 'vitest';
import { ingestTokenFrom } from '@/lib/api/ingest-credentials';

const token = 'vgl_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('the token in an ingest request', () => {
  it('is read from each form shippers send', () => {
    expect(ingestTokenFrom(`Bearer ${token}`)).toBe(token);
    expect(ingestTokenFrom(`bearer  ${token}`)).toBe(token);
    expect(ingestTokenFrom(`ApiKey ${token}`)).toBe(token);
    // Beats, Logstash and the Elastic clients send base64("id:api_key").
    expect(ingestTokenFrom(`ApiKey ${b64(`vigil:${token}`)}`)).toBe(token);
    expect(ingestTokenFrom(`ApiKey ${b64(token)}`)).toBe(token);
    // Basic: the password is the token, whatever the user name.
    expect(ingestTokenFrom(`Basic ${b64(`rsyslog:${token}`)}`)).toBe(token);
    expect(ingestTokenFrom(`Basic ${b64(`:${token}`)}`)).toBe(token);
    // A password that itself holds a colon stays whole.
    expect(ingestTokenFrom(`Basic ${b64('user:pass:word')}`)).toBe('pass:word');
    // Some configs force the token into the user name with an empty password.
    expect(ingestTokenFrom(`Basic ${b64(`${token}:`)}`)).toBe(token);
  });

  it('is absent from a missing, empty or foreign header', () => {
    expect(ingestTokenFrom(null)).toBeNull();
    expect(ingestTokenFrom('')).toBeNull();
    expect(ingestTokenFrom('Bearer')).toBeNull();
    expect(ingestTokenFrom(`Digest ${token}`)).toBeNull();
    expect(ingestTokenFrom(`Basic ${b64('no-colon')}`)).toBeNull();
    expect(ingestTokenFrom(`Basic ${b64('user:')}`)).toBeNull();
    expect(ingestTokenFrom('Basic ***')).toBeNull();
  });
});
