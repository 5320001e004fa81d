import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

// A real OpenID provider (oidc-provider, the certified implementation) on loopback, for the
// single sign-on tests. Its login and consent screens are replaced by one step that signs in
// whoever the test put in `nextPerson`, so a browser or a fetch loop passes straight through.

export type IdpPerson = {
  sub: string;
  email: string;
  email_verified: boolean | string;
  name?: string;
  groups?: string[];
};

export type TestIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorization request. */
  nextPerson: IdpPerson | undefined;
  close(): Promise<void>;
};

const CLIENT_ID = 'vigil-test';
const CLIENT_SECRET = 'vigil-test-secret-0123456789abcdef';

export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  const people = new Map<string, IdpPerson>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // Many providers (Keycloak, Okta, Entra) put the granted claims in the ID token; Vigil
    // reads them there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ ...person }) };
    },
    cookies: { keys: ['vigil-test-idp-cookie-key-0123456789'] },
  });
  // Quiet: a refused request is part of some tests.
  provider.on('server_error', () => {});

  const idp: TestIdp = {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    nextPerson: undefined,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void (async () => {
      const person = idp.nextPerson;
      if (!person) {
        res.statusCode = 500;
        return void res.end('the test named nobody to sign in');
      }
      people.set(person.sub, person);
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({
        accountId: person.sub,
        clientId: String(details.params.client_id),
      });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: person.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return idp;
}
