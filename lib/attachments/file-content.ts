import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { ValidationError } from '@/lib/errors';

// What an uploaded file is and what to call it: the same rules for incidents' and tasks' evidence.

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** A name safe to store and to put in a Content-Disposition header: no path, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}

/**
 * What the bytes are, never what the upload claims: magic numbers for binary formats,
 * text/plain for valid UTF-8 without NULs, otherwise application/octet-stream.
 */
export async function detectContentType(data: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return detected.mime;
  const sample = data.subarray(0, 64 * 1024);
  if (!sample.includes(0)) {
    try {
      // A multi-byte character may be cut at the sample's end: leave the last 3 bytes out.
      const whole = data.length === sample.length ? sample : sample.subarray(0, sample.length - 3);
      new TextDecoder('utf-8', { fatal: true }).decode(whole);
      return 'text/plain';
    } catch {
      // not text
    }
  }
  return 'application/octet-stream';
}

export type PreparedAttachment = {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  data: Buffer;
};

/**
 * Checks an upload and works out what is stored with it (safe name, detected type, SHA-256),
 * before any transaction: an empty or oversized file is refused with nothing written.
 */
export async function prepareAttachment(file: {
  fileName: string;
  data: Buffer;
}): Promise<PreparedAttachment> {
  if (file.data.length === 0) throw new ValidationError({ file: 'The file is empty.' });
  if (file.data.length > MAX_ATTACHMENT_BYTES)
    throw new ValidationError({ file: 'Files can be at most 25 MB.' });
  return {
    fileName: safeFileName(file.fileName),
    contentType: await detectContentType(file.data),
    sizeBytes: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    data: file.data,
  };
}

/** How an added file reads in the activity log and the notification. */
export function attachmentChange(file: PreparedAttachment) {
  return {
    attachment: {
      old: null,
      new: `${file.fileName} (${file.sizeBytes} bytes, sha256 ${file.sha256})`,
    },
  };
}
