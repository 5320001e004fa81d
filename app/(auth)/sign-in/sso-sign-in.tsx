import Link from 'next/link';
import type { ReactNode } from 'react';
import { SsoButton } from '@/components/auth/sso-button';
import { Alert } from '@/components/ui/alert';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { ssoMessage } from '@/lib/auth/sso-messages';
import type { SsoSettings } from '@/lib/auth/sso-env';

/**
 * The sign-in page's single sign-on part around the password form (`children`): the button,
 * why the last attempt came back, and the password form only when it can be used. With
 * password sign-in off it stays reachable for the break-glass administrator behind a link
 * (the server refuses everyone else: lib/auth/next-auth.ts).
 */
export function SsoSignIn({
  settings,
  params,
  callbackUrl,
  children,
}: {
  settings: SsoSettings;
  params: { sso?: string; error?: string; password?: string };
  callbackUrl?: string;
  children: ReactNode;
}) {
  const safeCallback = callbackUrl && safeCallbackPath(callbackUrl);
  const message = settings.oidc ? ssoMessage(params.sso, params.error) : undefined;
  const showPassword = settings.passwordSignIn || params.password === 'break-glass';
  const breakGlassHref = `/sign-in?${new URLSearchParams({
    password: 'break-glass',
    ...(safeCallback ? { callbackUrl: safeCallback } : {}),
  })}`;
  return (
    <>
      {message && <Alert tone="error">{message}</Alert>}
      {settings.oidc && <SsoButton name={settings.oidc.name} callbackUrl={safeCallback} />}
      {settings.oidc && showPassword && (
        <p className="text-center text-xs text-slate-500">or with your Vigil password</p>
      )}
      {showPassword && children}
      {!showPassword && settings.breakGlassEmail && (
        <p className="text-center text-xs">
          <Link href={breakGlassHref} className="text-slate-500 underline">
            Emergency administrator sign-in
          </Link>
        </p>
      )}
    </>
  );
}
