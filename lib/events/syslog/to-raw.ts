import type { SyslogMessage } from './message';

export type SyslogPeer = { ip: string | null; transport: 'tcp' | 'udp' };

/**
 * The raw event ingestEvents receives for one message: the header under `syslog.*`, which
 * normalisation maps onto the common fields (syslog.app_name → app_name, syslog.hostname →
 * hostname, syslog.msgid → event_id; README, "Event fields"). A message without a hostname
 * is the sender's (its address); one without a timestamp is dated when it was received.
 */
export function syslogRawEvent(
  message: SyslogMessage & { encodingFallback?: boolean },
  peer: SyslogPeer,
  receivedAt: Date,
): Record<string, unknown> {
  const raw: Record<string, unknown> = {
    '@timestamp': (message.timestamp ?? receivedAt).toISOString(),
    message: message.message,
    'syslog.format': message.format,
    'syslog.transport': peer.transport,
  };
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') raw[key] = value;
  };
  set('syslog.priority', message.priority);
  set('syslog.facility', message.facility);
  set('syslog.severity', message.severity);
  set('syslog.version', message.version);
  set('syslog.timestamp', message.timestampText);
  set('syslog.hostname', message.hostname);
  set('syslog.app_name', message.appName);
  set('syslog.procid', message.procId);
  set('syslog.msgid', message.msgId);
  set('syslog.peer_ip', peer.ip);
  set('syslog.parse_error', message.parseError);
  if (message.encodingFallback) raw['syslog.encoding'] = 'iso-8859-1';
  Object.assign(raw, message.structuredData);
  if (!message.hostname) set('hostname', peer.ip);
  return raw;
}
