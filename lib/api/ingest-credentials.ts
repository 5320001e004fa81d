import { looksLikeApiToken } from '@/lib/auth/api-tokens';

// Log shippers cannot all send a bearer token: Beats, Logstash, Fluent Bit, Vector and
// rsyslog send a user name and password, or an Elasticsearch API key. A Vigil token fits
// each form unchanged, so a shipper's config needs no Vigil-specific plugin:
// - `Authorization: Bearer <token>`
// - `Authorization: ApiKey <token>`, or ApiKey base64("<any id>:<token>") as Elastic
//   clients send an `api_key: "id:key"` setting (the key is the token)
// - `Authorization: Basic base64("<any user>:<token>")`: the password is the token (a token
//   given as the user name with an empty password is taken too, as some configs force a user)

export const INGEST_CHALLENGE =
  'Bearer realm="Vigil", ApiKey, Basic realm="Vigil", charset="UTF-8"';

export const MISSING_INGEST_TOKEN =
  'Send an ingest token as "Authorization: Bearer <token>", "Authorization: ApiKey <token>" ' +
  'or HTTP basic authentication with any user name and the token as the password.';

function decodeBase64(value: string): string | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  return Buffer.from(value, 'base64').toString('utf8');
}

/** The token an Authorization header carries in any of the accepted forms, or null. */
export function ingestTokenFrom(header: string | null): string | null {
  const match = /^(Bearer|ApiKey|Basic)\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const [, scheme, value] = match;
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return value;
    case 'apikey': {
      if (looksLikeApiToken(value)) return value;
      const decoded = decodeBase64(value);
      if (decoded === null) return value;
      const colon = decoded.indexOf(':');
      return colon === -1 ? decoded : decoded.slice(colon + 1);
    }
    default: {
      const decoded = decodeBase64(value);
      if (decoded === null) return null;
      const colon = decoded.indexOf(':');
      if (colon === -1) return null;
      const user = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      if (!password && looksLikeApiToken(user)) return user;
      return password || null;
    }
  }
}
