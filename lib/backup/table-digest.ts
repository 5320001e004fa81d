import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

export type TableDigest = { rows: number; sha256: string };

/**
 * Passes COPY text through while hashing it and counting rows: COPY's text format ends every
 * row with a newline and escapes newlines inside values, so newlines are rows.
 */
export function createDigestStream(): Transform & { digest: () => TableDigest } {
  const hash = createHash('sha256');
  let rows = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
      callback(null, chunk);
    },
  });
  let result: TableDigest | undefined;
  return Object.assign(stream, {
    digest: () => (result ??= { rows, sha256: hash.digest('hex') }),
  });
}
