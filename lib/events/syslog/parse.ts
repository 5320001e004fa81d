import { decodeSyslogBytes } from './decode';
import type { SyslogMessage } from './message';
import { readPriority } from './priority';
import { parseRfc3164, type Rfc3164Options } from './parse-rfc3164';
import { parseRfc5424, Rfc5424Error } from './parse-rfc5424';

export type { SyslogMessage } from './message';

/**
 * Reads one syslog message (one frame or datagram, its delimiter removed). Never throws:
 * what cannot be read comes back as format 'unparsed' with the reason and the whole text,
 * so the receiver keeps it as an event instead of dropping it.
 */
export function parseSyslog(
  input: Uint8Array | string,
  options: Rfc3164Options,
): SyslogMessage & { encodingFallback: boolean } {
  const { text, fallback } =
    typeof input === 'string' ? { text: input, fallback: false } : decodeSyslogBytes(input);
  const line = text.replace(/\r?\n$/, '');
  const unparsed = (parseError: string, pri = {}) => ({
    format: 'unparsed' as const,
    ...pri,
    timestamp: null,
    structuredData: {},
    message: line,
    parseError,
    encodingFallback: fallback,
  });
  const pri = readPriority(line);
  if (!pri.ok) return unparsed(pri.reason);
  // RFC 5424 puts a version (a digit from 1) right after the PRI; RFC 3164 a month or nothing.
  if (/^[1-9]\d{0,2} /.test(pri.rest)) {
    try {
      return { ...parseRfc5424(pri.rest, pri.value), encodingFallback: fallback };
    } catch (error) {
      if (error instanceof Rfc5424Error) return unparsed(error.message, pri.value);
      throw error;
    }
  }
  return { ...parseRfc3164(pri.rest, pri.value, options), encodingFallback: fallback };
}
