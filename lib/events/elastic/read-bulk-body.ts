import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DomainError } from '@/lib/errors';
import { readLimitedBody } from '@/lib/http/read-limited-body';

const gunzipAsync = promisify(gunzip);

// As POST /api/v1/events: 5 MB a request. Shippers that compress (Beats, Vector, Logstash,
// Fluent Bit) are held to the same limit once decompressed, so a small gzip bomb cannot make
// the server inflate gigabytes; a too-large batch is a 413, which Beats answer by splitting it.
export const MAX_BULK_BYTES = 5 * 1024 * 1024;

function tooLarge(): DomainError {
  return new DomainError(
    `The request body is larger than ${MAX_BULK_BYTES / 1024 / 1024} MB (after decompression); send smaller batches.`,
    413,
  );
}

/** The request body as text: gunzipped when Content-Encoding says gzip, at most MAX_BULK_BYTES. */
export async function readBulkBody(request: Request): Promise<string> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'x-gzip'].includes(encoding))
    throw new DomainError(
      `Content-Encoding "${encoding}" is not supported; send the body as it is or gzip-compressed.`,
      415,
    );
  // A gzip body is never much larger than what it inflates to (headers and stored blocks).
  const raw = await readLimitedBody(request, MAX_BULK_BYTES + 64 * 1024);
  if (raw === 'too-large') throw tooLarge();
  let bytes: Uint8Array = raw;
  if (encoding !== 'identity') {
    try {
      bytes = await gunzipAsync(raw, { maxOutputLength: MAX_BULK_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new DomainError('The body says it is gzip-compressed but does not decompress.', 400);
    }
  }
  if (bytes.byteLength > MAX_BULK_BYTES) throw tooLarge();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('The body is not UTF-8 text.', 400);
  }
}
