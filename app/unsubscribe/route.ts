import { getDb } from '@/db/client';
import { clientAddressFrom } from '@/lib/auth/client-address';
import { isDomainError } from '@/lib/errors';
import { requestIdsFrom } from '@/lib/http/request-id';
import { withRequestLog } from '@/lib/http/request-log';
import { log } from '@/lib/log';
import { muteItem } from '@/lib/notifications/mute-item';
import { verifyUnsubscribeToken } from '@/lib/notifications/unsubscribe-token';

// The signed link at the foot of every notification. GET only shows a confirmation (mail
// scanners follow links and must not mute anyone); POST mutes — from that page's button, or
// straight from a mail client's one-click button (RFC 8058, List-Unsubscribe-Post).

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if (!verify(token)) return refused();
  return page(
    'Stop notifications for this item?',
    `<p>You will get no more emails about this item. You can still see it in Vigil.</p>
     <form method="post" action="/unsubscribe?token=${escapeHtml(encodeURIComponent(token))}">
       <button type="submit">Stop notifications</button>
     </form>`,
  );
}

export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const target = verify(token);
  if (!target) return refused();
  const ids = requestIdsFrom(request.headers);
  try {
    await muteItem(getDb(), target, {
      requestId: ids.requestId,
      clientAddress: clientAddressFrom(request.headers) ?? undefined,
    });
  } catch (error) {
    if (isDomainError(error))
      return page('This link no longer works', `<p>${escapeHtml(error.message)}</p>`, error.status);
    withRequestLog(ids, () => log('error', 'unsubscribe failed', { error }));
    return page('Something went wrong', '<p>Please try again in a minute.</p>', 500);
  }
  return page('Notifications stopped', '<p>You will get no more emails about this item.</p>');
}

function verify(token: string) {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return verifyUnsubscribeToken(secret, token);
}

function refused(): Response {
  return page(
    'This link is not valid',
    '<p>The unsubscribe link was changed or cut short. Use the link from the email as it is, or sign in to Vigil.</p>',
    400,
  );
}

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Vigil</title>
<style>body{font-family:system-ui,sans-serif;background:#f1f5f9;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:32px;max-width:28rem}button{background:#1d4ed8;color:#fff;border:0;border-radius:6px;padding:10px 16px;font-size:14px;cursor:pointer}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  });
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
