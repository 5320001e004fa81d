import { publicUrlFrom } from '@/lib/env';

// The base of the links a feed carries and of the feed URL a person copies: the address
// Vigil is reached at, by the same rule as the links in emails (lib/env.ts, publicUrlFrom).
export function publicBaseUrl(env: Record<string, string | undefined> = process.env): string {
  return publicUrlFrom({
    VIGIL_PUBLIC_URL: env.VIGIL_PUBLIC_URL || undefined,
    AUTH_URL: env.AUTH_URL || undefined,
    PORT: Number(env.PORT) || 3000,
  });
}
