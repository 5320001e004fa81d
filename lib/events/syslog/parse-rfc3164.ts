import { TZDate } from '@date-fns/tz';
import type { SyslogMessage } from './message';
import type { Priority } from './priority';

// RFC 3164 (BSD syslog): "<PRI>Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG". Its timestamp has
// no year and no zone, so both are decided here (README, "Syslog receiver"): the wall time
// is read in the receiver's zone (VIGIL_SYSLOG_ZONE, UTC by default), in the latest year
// that does not put it more than a day in the future (a line from 31 December that arrives
// on 1 January belongs to the year before; a day allows for device clocks running ahead).
// Also read: a year after the day ("Oct 11 2026 22:14:15", Cisco and others), a fraction
// of a second, and RFC 3339 instead of the BSD form (rsyslog's forwarding format).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const BSD_TIME =
  /^([A-Za-z]{3}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: |$)/;
const ISO_TIME =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}))(?: |$)/i;
// TAG is alphanumeric up to 32 characters in the RFC; real ones carry "-", "_", ".", "/".
const TAG = /^([\w./@-]{1,64})(?:\[([^\]\s]{1,128})\])?: ?/;
const TAG_WORD = /^[\w./@-]{1,64}(?:\[[^\]\s]{1,128}\])?:$/;
const FUTURE_TOLERANCE_MS = 86_400_000;

export type Rfc3164Options = { timeZone: string; now: Date };

export function parseRfc3164(rest: string, pri: Priority, options: Rfc3164Options): SyslogMessage {
  let timestamp: Date | null = null;
  let timestampText: string | undefined;
  let body = rest;
  const bsd = BSD_TIME.exec(rest);
  const iso = bsd ? null : ISO_TIME.exec(rest);
  if (bsd) {
    timestamp = bsdTimestamp(bsd, options);
    if (timestamp) {
      timestampText = bsd[0].trimEnd();
      body = rest.slice(bsd[0].length);
    }
  } else if (iso) {
    const at = new Date(iso[1]);
    if (!Number.isNaN(at.getTime())) {
      timestamp = at;
      timestampText = iso[1];
      body = rest.slice(iso[0].length);
    }
  }
  let hostname: string | undefined;
  let appName: string | undefined;
  let procId: string | undefined;
  // Without a header (RFC 3164 §4.3.3) the whole rest is the message.
  if (timestamp) {
    // Some devices leave the hostname out: then the first word is already the tag ("su[12]:").
    const first = /^(\S+)(?: |$)/.exec(body);
    if (first && !TAG_WORD.test(first[1])) {
      hostname = first[1];
      body = body.slice(first[0].length);
    }
    const tag = TAG.exec(body);
    if (tag) {
      appName = tag[1];
      procId = tag[2];
      body = body.slice(tag[0].length);
    }
  }
  return {
    format: 'rfc3164',
    ...pri,
    timestamp,
    timestampText,
    hostname,
    appName,
    procId,
    structuredData: {},
    message: body,
  };
}

function bsdTimestamp(m: RegExpExecArray, { timeZone, now }: Rfc3164Options): Date | null {
  const month = MONTHS.indexOf(m[1].toLowerCase());
  const day = Number(m[2]);
  const [hour, minute, second] = [m[4], m[5], m[6]].map(Number);
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (month === -1 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const at = (year: number) => {
    const date = new TZDate(year, month, day, hour, minute, second, ms, timeZone);
    // 31 April or 29 February in a common year would roll over: not a date that year.
    return date.getMonth() === month && date.getDate() === day ? new Date(date.getTime()) : null;
  };
  if (m[3]) return at(Number(m[3]));
  const thisYear = new TZDate(now.getTime(), timeZone).getFullYear();
  for (const year of [
    thisYear + 1,
    thisYear,
    thisYear - 1,
    thisYear - 2,
    thisYear - 3,
    thisYear - 4,
  ]) {
    const candidate = at(year);
    if (candidate && candidate.getTime() <= now.getTime() + FUTURE_TOLERANCE_MS) return candidate;
  }
  return null;
}
