import http from 'node:http';
import https from 'node:https';
import { publicOnlyLookup } from './address-guard';

/** Kept of each response's body: enough to read an error message, never a whole page. */
export const RESPONSE_EXCERPT_CHARS = 1000;
const READ_AT_MOST_BYTES = 16 * 1024;

export type WebhookResponse = { status: number; excerpt: string };

/**
 * POSTs once, following no redirect (a 3xx is an answer like any other, so a public URL
 * cannot bounce the request to an internal one). node:http rather than fetch, because its
 * `lookup` option lets the address check run on the address actually connected to.
 */
export function postWebhook(
  url: URL,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivateAddresses: boolean; timeoutMs: number },
): Promise<WebhookResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        timeout: options.timeoutMs,
        ...(options.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < READ_AT_MOST_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= READ_AT_MOST_BYTES) response.destroy();
        });
        const finish = () =>
          resolve({
            status: response.statusCode ?? 0,
            excerpt: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_EXCERPT_CHARS),
          });
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)),
    );
    request.on('error', reject);
    request.end(body);
  });
}
