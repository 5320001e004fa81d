import type { SyslogMessage } from './message';

export type SyslogPeer = { ip: string | null; transport: 'tcp' | 'udp' };

/**
 * The raw event ingestEvents receives for one message. The syslog header is kept under
 * `syslog.*`; the common fields the queries name are filled from it here as well (app name,
 * host, MSGID as event id), so a syslog event answers `app_name:sshd` whichever
 * normalisation runs. A message without a timestamp is dated when it was received.
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
  set('app_name', message.appName);
  set('hostname', message.hostname ?? peer.ip ?? undefined);
  set('event_id', message.msgId);
  return raw;
}
