import type { Priority } from './priority';

/** One syslog message as read from the wire, before it becomes a raw event for ingest. */
export type SyslogMessage = Partial<Priority> & {
  format: 'rfc5424' | 'rfc3164' | 'unparsed';
  version?: number;
  /** Null when the message has none (NILVALUE, or a BSD line without a header). */
  timestamp: Date | null;
  /** The timestamp exactly as sent: microseconds, the offset, or the BSD form before its year was chosen. */
  timestampText?: string;
  hostname?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  /** `syslog.sd.<SD-ID>.<PARAM-NAME>` → value (an array when a parameter repeats). */
  structuredData: Record<string, string | string[]>;
  message: string;
  /** Set when the message could not be read; `message` is then the whole text as received. */
  parseError?: string;
};
