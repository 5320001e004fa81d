import type { CommonField } from '../fields';

// Where each common field comes from, in order of precedence: the common name itself first
// (an explicit `hostname` beats a mapped `host.name`), then Elastic Common Schema, then
// Winlogbeat's own fields, then the syslog receiver's headers. The first candidate holding a
// non-empty scalar wins; it moves into the column and leaves `fields`, the others stay there.
// README, "Event fields", documents this table.
export const FIELD_SOURCES: Record<CommonField, readonly string[]> = {
  app_name: [
    'app_name',
    'winlog.provider_name',
    'event.provider',
    'syslog.app_name',
    'process.name',
    'service.name',
    'winlog.channel',
  ],
  hostname: [
    'hostname',
    'host.name',
    'host.hostname',
    'winlog.computer_name',
    'agent.hostname',
    'syslog.hostname',
    'observer.hostname',
    // Logstash and some Fluent Bit inputs send `host` as a plain string.
    'host',
  ],
  event_id: ['event_id', 'winlog.event_id', 'event.code', 'syslog.msgid'],
  category: ['category', 'event.category', 'winlog.task', 'event.action'],
  message: ['message', 'event.original', 'log.original'],
  source_ip: ['source_ip', 'source.ip', 'client.ip', 'winlog.event_data.IpAddress'],
  dest_ip: ['dest_ip', 'destination.ip', 'server.ip'],
  user: [
    'user',
    'user.name',
    'winlog.event_data.TargetUserName',
    'winlog.event_data.SubjectUserName',
    'winlog.user.name',
  ],
};

/**
 * Each mapped name and the common field it fills (`host.name` → hostname): a query compiler
 * may treat `host.name:srv1` as `hostname:srv1`, since the mapped value left `fields`.
 */
export const FIELD_ALIASES: ReadonlyMap<string, CommonField> = new Map(
  (Object.entries(FIELD_SOURCES) as [CommonField, readonly string[]][]).flatMap(([common, names]) =>
    names.filter((name) => name !== common).map((name) => [name, common] as const),
  ),
);
