// RFC 5424 §6.2.1: PRI = facility × 8 + severity. Names are the keywords syslog.conf and
// rsyslog use, so `syslog.severity:err` reads as an administrator would write it.

export const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;

export const SEVERITIES = [
  'emerg',
  'alert',
  'crit',
  'err',
  'warning',
  'notice',
  'info',
  'debug',
] as const;

export type Priority = { priority: number; facility: string; severity: string };

/** The PRI part at the start of `text` ("<34>"), or why it is not one. */
export function readPriority(
  text: string,
): { ok: true; value: Priority; rest: string } | { ok: false; reason: string } {
  const match = /^<(\d{1,3})>/.exec(text);
  if (!match) return { ok: false, reason: 'The message does not start with a priority like <34>.' };
  const digits = match[1];
  const priority = Number(digits);
  // "<034>" is not a PRIVAL (no leading zeros), and facilities stop at local7 (23 × 8 + 7).
  if ((digits.length > 1 && digits.startsWith('0')) || priority > 191)
    return { ok: false, reason: `<${digits}> is not a priority (0 to 191, no leading zeros).` };
  return {
    ok: true,
    value: { priority, facility: FACILITIES[priority >> 3], severity: SEVERITIES[priority & 7] },
    rest: text.slice(match[0].length),
  };
}
