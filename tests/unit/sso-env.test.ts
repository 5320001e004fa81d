import { describe, expect, it } from 'vitest';
import { launcherEnvSchema, parseEnv, webEnvSchema } from '@/lib/env';
import { claimValues, displayName, mappedRole, verifiedEmail } from '@/lib/auth/oidc-claims';
import {
  parseRoleMap,
  passwordSignInAllowed,
  readSsoSettings,
  ssoFormActionOrigins,
} from '@/lib/auth/sso-env';
import { contentSecurityPolicy } from '@/lib/http/security-headers';

const BASE = { DATABASE_URL: 'postgres://h/db', AUTH_SECRET: 'x'.repeat(40) };
const OIDC = {
  VIGIL_OIDC_ISSUER: 'https://idp.example.com/realms/bank',
  VIGIL_OIDC_CLIENT_ID: 'vigil',
  VIGIL_OIDC_CLIENT_SECRET: 'secret',
};

describe('single sign-on environment', () => {
  it('is optional: without it, passwords work as before', () => {
    const env = parseEnv(webEnvSchema, BASE);
    expect(env.VIGIL_PASSWORD_SIGN_IN).toBe(true);
    expect(readSsoSettings(BASE)).toEqual({ passwordSignIn: true, oidc: undefined });
  });

  it('names what is missing or malformed at start', () => {
    expect(() =>
      parseEnv(webEnvSchema, { ...BASE, VIGIL_OIDC_ISSUER: OIDC.VIGIL_OIDC_ISSUER }),
    ).toThrow(
      /VIGIL_OIDC_CLIENT_ID is required when VIGIL_OIDC_ISSUER is set[\s\S]*VIGIL_OIDC_CLIENT_SECRET is required/,
    );
    expect(() =>
      parseEnv(webEnvSchema, { ...BASE, ...OIDC, VIGIL_OIDC_ISSUER: 'http://idp.example.com' }),
    ).toThrow(/VIGIL_OIDC_ISSUER must be an https:\/\/ URL/);
    expect(() =>
      parseEnv(webEnvSchema, { ...BASE, ...OIDC, VIGIL_OIDC_ROLE_CLAIM: 'groups' }),
    ).toThrow(/VIGIL_OIDC_ROLE_MAP is required/);
    expect(() =>
      parseEnv(webEnvSchema, {
        ...BASE,
        ...OIDC,
        VIGIL_OIDC_ROLE_CLAIM: 'groups',
        VIGIL_OIDC_ROLE_MAP: 'admins=superuser',
      }),
    ).toThrow(/VIGIL_OIDC_ROLE_MAP entry "admins=superuser" must look like idp-value=role/);
    expect(() => parseEnv(webEnvSchema, { ...BASE, VIGIL_PASSWORD_SIGN_IN: 'off' })).toThrow(
      /VIGIL_PASSWORD_SIGN_IN can be off only when single sign-on is configured/,
    );
    expect(() => parseEnv(launcherEnvSchema, { VIGIL_OIDC_CREATE_USERS: 'sometimes' })).toThrow(
      /VIGIL_OIDC_CREATE_USERS must be true or false/,
    );
  });

  it('accepts plain http only for a provider on this machine', () => {
    expect(() =>
      parseEnv(webEnvSchema, { ...BASE, ...OIDC, VIGIL_OIDC_ISSUER: 'http://127.0.0.1:8080' }),
    ).not.toThrow();
  });

  it('reads the settings the sign-in uses', () => {
    const settings = readSsoSettings({
      ...OIDC,
      VIGIL_OIDC_ROLE_CLAIM: 'realm_access.roles',
      VIGIL_OIDC_ROLE_MAP: 'vigil-admin=admin,vigil-analyst=user',
      VIGIL_PASSWORD_SIGN_IN: 'off',
      VIGIL_BREAK_GLASS_EMAIL: 'Root@Example.com',
    });
    expect(settings.oidc).toMatchObject({
      name: 'single sign-on',
      scopes: 'openid profile email',
      createUsers: false,
      defaultRole: 'read_only',
      roleClaim: { path: 'realm_access.roles' },
    });
    expect(passwordSignInAllowed(settings, 'root@example.com ')).toBe(true);
    expect(passwordSignInAllowed(settings, 'dana@example.com')).toBe(false);
  });
});

describe("the pages' form-action", () => {
  it("adds the provider's origin only when single sign-on is configured", () => {
    expect(ssoFormActionOrigins({})).toEqual([]);
    const origins = ssoFormActionOrigins({
      VIGIL_OIDC_ISSUER: 'https://sso.bank.example/realms/bank',
    });
    expect(origins).toEqual(['https://sso.bank.example']);
    expect(contentSecurityPolicy('n', { formActionOrigins: origins })).toContain(
      "form-action 'self' https://sso.bank.example;",
    );
    expect(contentSecurityPolicy('n')).toContain("form-action 'self';");
  });
});

describe('reading the claims', () => {
  const roleClaim = {
    path: 'realm_access.roles',
    map: parseRoleMap('vigil-analyst=user, vigil-admin=admin') as Map<string, 'admin' | 'user'>,
  };

  it('maps to the most privileged role named, whatever the order', () => {
    const claims = { realm_access: { roles: ['offline', 'vigil-analyst', 'vigil-admin'] } };
    expect(mappedRole(claims, roleClaim)).toBe('admin');
    expect(mappedRole({ realm_access: { roles: 'vigil-analyst' } }, roleClaim)).toBe('user');
    expect(mappedRole({ realm_access: { roles: ['payroll'] } }, roleClaim)).toBeUndefined();
    expect(claimValues({ groups: [1, 'a', null, ''] }, 'groups')).toEqual(['a']);
  });

  it('trusts an email address only when it is marked verified', () => {
    expect(verifiedEmail({ email: 'Dana@Example.com', email_verified: true })).toBe(
      'dana@example.com',
    );
    expect(verifiedEmail({ email: 'dana@example.com', email_verified: 'true' })).toBe(
      'dana@example.com',
    );
    expect(verifiedEmail({ email: 'dana@example.com', email_verified: false })).toBeUndefined();
    expect(verifiedEmail({ email: 'dana@example.com' })).toBeUndefined();
  });

  it('names a new account from the claims it has', () => {
    expect(displayName({ name: 'Dana Reyes' }, 'd@example.com')).toBe('Dana Reyes');
    expect(displayName({ given_name: 'Dana', family_name: 'Reyes' }, 'd@example.com')).toBe(
      'Dana Reyes',
    );
    expect(displayName({}, 'dana.reyes@example.com')).toBe('dana.reyes');
  });
});
