import { z } from 'zod';
import { ROLES, type Role } from './roles';

// Single sign-on (OpenID Connect) and the password sign-in switch, configured by environment.
// Checked at start by lib/env.ts (webEnvSchema, launcherEnvSchema) and read again on each
// sign-in by readSsoSettings, as VIGIL_TRUSTED_PROXIES is: one definition for both.

const onOff = z
  .enum(['on', 'off', 'true', 'false'], { error: 'must be on or off' })
  .transform((v) => v === 'on' || v === 'true');

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// Auth.js reads the ID token straight from the token endpoint and, as OpenID Connect allows
// there, trusts the TLS connection rather than checking its signature: over plain HTTP anyone
// on the path could hand Vigil any identity. Loopback is allowed for tests and a local IdP.
const issuer = z
  .url({ error: 'must be the issuer URL of your identity provider, like https://idp.example.com' })
  .refine((v) => {
    const url = new URL(v);
    return url.protocol === 'https:' || isLoopback(url.hostname);
  }, 'must be an https:// URL (plain http:// only for localhost or 127.0.0.1)');

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** A dotted path into the ID token's claims: "groups", "realm_access.roles". */
const claimPath = z
  .string()
  .trim()
  .regex(
    /^[\w:/-]+(\.[\w:/-]+)*$/,
    'must be a claim name, or a dotted path like realm_access.roles',
  );

/** "vigil-admins=admin, vigil-analysts=user": identity-provider values to Vigil roles. */
export function parseRoleMap(text: string): Map<string, Role> | string {
  const map = new Map<string, Role>();
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const value = at > 0 ? entry.slice(0, at).trim() : '';
    const role = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!value || !(ROLES as readonly string[]).includes(role))
      return `entry "${entry}" must look like idp-value=role, with role one of ${ROLES.join(', ')}`;
    map.set(value, role as Role);
  }
  return map.size ? map : `must list at least one idp-value=role pair`;
}

export const ssoEnv = {
  VIGIL_OIDC_ISSUER: issuer.optional(),
  VIGIL_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  VIGIL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // What the sign-in button says after "Sign in with": your provider's name.
  VIGIL_OIDC_NAME: z.string().max(60, 'must be at most 60 characters').trim().min(1).optional(),
  VIGIL_OIDC_SCOPES: z
    .string()
    .trim()
    .refine((v) => v.split(/\s+/).includes('openid'), 'must include openid')
    .optional(),
  VIGIL_OIDC_ROLE_CLAIM: claimPath.optional(),
  VIGIL_OIDC_ROLE_MAP: z
    .string()
    .optional()
    .superRefine((value, context) => {
      if (value === undefined) return;
      const parsed = parseRoleMap(value);
      if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
    }),
  VIGIL_OIDC_TEAMS_CLAIM: claimPath.optional(),
  VIGIL_OIDC_CREATE_USERS: flag.default(false),
  // The role of an account created at first sign-in when no role claim is configured.
  VIGIL_OIDC_DEFAULT_ROLE: z
    .enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` })
    .default('read_only'),
  VIGIL_PASSWORD_SIGN_IN: onOff.default(true),
  VIGIL_BREAK_GLASS_EMAIL: z
    .email({ error: 'must be the email address of an administrator account' })
    .optional(),
};

type SsoEnvValues = z.output<z.ZodObject<typeof ssoEnv>>;

/** The rules between the variables above; lib/env.ts adds it to the schemas that spread them. */
export function checkSsoEnv(env: SsoEnvValues, context: z.RefinementCtx): void {
  const problem = (path: string, message: string) =>
    context.addIssue({ code: 'custom', path: [path], message });
  if (env.VIGIL_OIDC_ISSUER) {
    if (!env.VIGIL_OIDC_CLIENT_ID)
      problem('VIGIL_OIDC_CLIENT_ID', 'is required when VIGIL_OIDC_ISSUER is set');
    if (!env.VIGIL_OIDC_CLIENT_SECRET)
      problem('VIGIL_OIDC_CLIENT_SECRET', 'is required when VIGIL_OIDC_ISSUER is set');
  }
  if (!!env.VIGIL_OIDC_ROLE_CLAIM !== !!env.VIGIL_OIDC_ROLE_MAP)
    problem(
      env.VIGIL_OIDC_ROLE_CLAIM ? 'VIGIL_OIDC_ROLE_MAP' : 'VIGIL_OIDC_ROLE_CLAIM',
      'is required when the other of VIGIL_OIDC_ROLE_CLAIM and VIGIL_OIDC_ROLE_MAP is set',
    );
  if (!env.VIGIL_PASSWORD_SIGN_IN && !env.VIGIL_OIDC_ISSUER)
    problem(
      'VIGIL_PASSWORD_SIGN_IN',
      'can be off only when single sign-on is configured (VIGIL_OIDC_ISSUER); otherwise nobody could sign in',
    );
}

const ssoEnvSchema = z.object(ssoEnv).superRefine(checkSsoEnv);

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string;
  roleClaim?: { path: string; map: Map<string, Role> };
  teamsClaim?: string;
  createUsers: boolean;
  defaultRole: Role;
};

export type SsoSettings = {
  /** Undefined when single sign-on is not configured. */
  oidc?: OidcSettings;
  passwordSignIn: boolean;
  /** The one account that may still sign in with a password when password sign-in is off. */
  breakGlassEmail?: string;
};

/** The settings as the environment says now (empty values are unset, as in lib/env.ts). */
export function readSsoSettings(
  source: Record<string, string | undefined> = process.env,
): SsoSettings {
  const cleaned = Object.fromEntries(
    Object.keys(ssoEnv)
      .map((key) => [key, source[key]])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ssoEnvSchema.safeParse(cleaned);
  if (!parsed.success)
    throw new Error(
      `Single sign-on is misconfigured: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const env = parsed.data;
  const oidc: OidcSettings | undefined = env.VIGIL_OIDC_ISSUER
    ? {
        issuer: env.VIGIL_OIDC_ISSUER,
        clientId: env.VIGIL_OIDC_CLIENT_ID!,
        clientSecret: env.VIGIL_OIDC_CLIENT_SECRET!,
        name: env.VIGIL_OIDC_NAME ?? 'single sign-on',
        scopes: env.VIGIL_OIDC_SCOPES ?? 'openid profile email',
        roleClaim: env.VIGIL_OIDC_ROLE_CLAIM
          ? {
              path: env.VIGIL_OIDC_ROLE_CLAIM,
              map: parseRoleMap(env.VIGIL_OIDC_ROLE_MAP!) as Map<string, Role>,
            }
          : undefined,
        teamsClaim: env.VIGIL_OIDC_TEAMS_CLAIM,
        createUsers: env.VIGIL_OIDC_CREATE_USERS,
        defaultRole: env.VIGIL_OIDC_DEFAULT_ROLE,
      }
    : undefined;
  return {
    oidc,
    passwordSignIn: env.VIGIL_PASSWORD_SIGN_IN,
    breakGlassEmail: env.VIGIL_BREAK_GLASS_EMAIL?.trim().toLowerCase(),
  };
}

/** Whether `email` may sign in with a password under `settings`. */
export function passwordSignInAllowed(settings: SsoSettings, email: string): boolean {
  if (settings.passwordSignIn) return true;
  return !!settings.breakGlassEmail && email.trim().toLowerCase() === settings.breakGlassEmail;
}

/**
 * Origins a form on our pages may be redirected to: the identity provider's, when single
 * sign-on is configured (its authorization endpoint is expected on the issuer's origin).
 */
export function ssoFormActionOrigins(
  env: Record<string, string | undefined> = process.env,
): string[] {
  const issuer = env.VIGIL_OIDC_ISSUER;
  if (!issuer) return [];
  try {
    return [new URL(issuer).origin];
  } catch {
    return [];
  }
}
