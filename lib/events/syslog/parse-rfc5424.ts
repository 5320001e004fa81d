import type { SyslogMessage } from './message';
import type { Priority } from './priority';

// RFC 5424 §6: HEADER SP STRUCTURED-DATA [SP MSG], after the PRI has been read. Lengths
// beyond the RFC's maxima (255 for HOSTNAME, 48 for APP-NAME...) are accepted: devices
// exceed them, and refusing would lose the event over a cosmetic rule.

const NIL = '-';
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/i;

export class Rfc5424Error extends Error {}

/** Parses what follows "<PRI>". Throws Rfc5424Error with a reason when it is not RFC 5424. */
export function parseRfc5424(rest: string, pri: Priority): SyslogMessage {
  let at = 0;
  const token = (what: string): string => {
    const end = rest.indexOf(' ', at);
    const value = end === -1 ? rest.slice(at) : rest.slice(at, end);
    if (!value) throw new Rfc5424Error(`The ${what} is missing.`);
    at = end === -1 ? rest.length : end + 1;
    return value;
  };
  const version = token('version');
  if (!/^[1-9]\d{0,2}$/.test(version))
    throw new Rfc5424Error(`"${version}" is not a syslog version.`);
  const timestampText = token('timestamp');
  const timestamp = timestampText === NIL ? null : parseTimestamp(timestampText);
  const [hostname, appName, procId, msgId] = ['hostname', 'app name', 'process id', 'message id']
    .map(token)
    .map((v) => (v === NIL ? undefined : v));
  const { structuredData, end } = parseStructuredData(rest, at);
  let message = end >= rest.length ? '' : rest.slice(rest[end] === ' ' ? end + 1 : end);
  if (message.startsWith('\uFEFF')) message = message.slice(1);
  return {
    format: 'rfc5424',
    ...pri,
    version: Number(version),
    timestamp,
    timestampText: timestampText === NIL ? undefined : timestampText,
    hostname,
    appName,
    procId,
    msgId,
    structuredData,
    message,
  };
}

function parseTimestamp(text: string): Date {
  const m = TIMESTAMP.exec(text);
  if (!m) throw new Rfc5424Error(`"${text}" is not an RFC 5424 timestamp.`);
  const [, y, mo, d, h, mi, s, frac = '', offset] = m;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(frac.padEnd(3, '0').slice(0, 3)));
  const check = new Date(utc);
  // Date.UTC rolls 30 February over into March: refuse instead of inventing a day.
  if (
    check.getUTCMonth() !== +mo - 1 ||
    check.getUTCDate() !== +d ||
    +h > 23 ||
    +mi > 59 ||
    +s > 60
  )
    throw new Rfc5424Error(`"${text}" is not a valid date and time.`);
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== 'Z') {
    const [oh, om] = offset.slice(1).split(':').map(Number);
    if (oh > 23 || om > 59) throw new Rfc5424Error(`"${offset}" is not a time offset.`);
    offsetMinutes = (offset[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(utc - offsetMinutes * 60_000);
}

/** STRUCTURED-DATA from `start`: NILVALUE or one or more [SD-ID *(SP PARAM="VALUE")]. */
function parseStructuredData(
  text: string,
  start: number,
): { structuredData: Record<string, string | string[]>; end: number } {
  const structuredData: Record<string, string | string[]> = {};
  if (start >= text.length) return { structuredData, end: start };
  if (text[start] === '-' && (start + 1 === text.length || text[start + 1] === ' '))
    return { structuredData, end: start + 1 };
  if (text[start] !== '[')
    throw new Rfc5424Error('The structured data must be "-" or start with "[".');
  let at = start;
  const name = (what: string): string => {
    const m = /^[^= \]"]{1,}/.exec(text.slice(at, at + 256));
    if (!m) throw new Rfc5424Error(`A structured data ${what} is missing at character ${at + 1}.`);
    at += m[0].length;
    return m[0];
  };
  while (text[at] === '[') {
    at++;
    const id = name('element id');
    while (text[at] === ' ') {
      at++;
      const param = name('parameter name');
      if (text[at] !== '=' || text[at + 1] !== '"')
        throw new Rfc5424Error(`Structured data parameter "${param}" has no ="value".`);
      at += 2;
      let value = '';
      for (;;) {
        if (at >= text.length)
          throw new Rfc5424Error(`The value of "${param}" in [${id}] is not closed with a quote.`);
        const c = text[at];
        // §6.3.3: only \" \\ and \] are escapes; any other backslash is kept as sent.
        if (c === '\\' && (text[at + 1] === '"' || text[at + 1] === '\\' || text[at + 1] === ']')) {
          value += text[at + 1];
          at += 2;
        } else if (c === '"') {
          at++;
          break;
        } else {
          value += c;
          at++;
        }
      }
      const key = `syslog.sd.${id}.${param}`;
      const seen = structuredData[key];
      structuredData[key] =
        seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    if (text[at] !== ']') throw new Rfc5424Error(`Structured data element [${id}] is not closed.`);
    at++;
  }
  if (at < text.length && text[at] !== ' ')
    throw new Rfc5424Error('The structured data must be followed by a space.');
  return { structuredData, end: at };
}
