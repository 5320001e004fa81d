import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { ingestEvents } from '@/lib/events/ingest';

// The demo's log events: thirty days of what a small bank's SIEM sees, so the Events page,
// the schedules' review evidence and the triggers have something to show. Windows security
// auditing as Winlogbeat ships it (ECS and winlog.*), the agent's heartbeats, an edge
// firewall, Bro DNS, a few alerts. Deterministic: one seeded generator, times counted back
// from `now`. Among the everyday noise are the stories the library's queries look for: a
// burst of failed logons on a server, accounts created and enabled, privileged group
// changes, an audit log cleared, legacy 624/626 events from an old server's agent.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Chicago, the demo organization's zone: office hours are 13:00–01:00 UTC in winter. */
const OFFICE_UTC_OFFSET_H = -6;
const DOMAIN = 'CORP';

const SERVERS = ['srv-dc-01', 'srv-dc-02', 'srv-fin-01', 'srv-file-01', 'srv-sql-01', 'srv-web-01'];
const WORKSTATIONS = ['wks-0142', 'wks-0187', 'wks-0203', 'wks-0311', 'wks-0356', 'wks-0420'];
const USERS = [
  'sara',
  'justin',
  'dana',
  'marcus',
  'priya',
  'mwilson',
  'aprice',
  'tnguyen',
  'kpatel',
];
const SERVICE_ACCOUNTS = ['svc_backup', 'svc_sql', 'svc_scan'];
const AGENT_HOSTS = ['srv-dc-01', 'srv-fin-01', 'srv-file-01', 'srv-legacy-01'];
const INTERNAL_DNS = '10.10.0.53';
const DOMAINS = [
  'login.microsoftonline.com',
  'outlook.office365.com',
  'update.microsoft.com',
  'www.fdic.gov',
  'corebanking.example-vendor.com',
  'cdn.jsdelivr.net',
  'github.com',
  'api.docusign.net',
];
const COUNTRIES = [
  'United States',
  'United States',
  'United States',
  'Ireland',
  'Germany',
  'Netherlands',
  'Canada',
  'China',
  'Russia',
];

export type DemoEvent = Record<string, unknown>;

/** mulberry32: small, fast, and the same sequence on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

/** The demo's events for the 30 days before `now`, oldest first. */
export function demoEvents(now: Date, seed = 20_261_201): DemoEvent[] {
  const rnd = generator(seed);
  const end = now.getTime();
  const start = end - 30 * DAY;
  const out: DemoEvent[] = [];
  let recordId = 480_000;

  const anyTime = () => start + Math.floor(rnd.next() * (end - start - MINUTE));
  /** Mostly office hours on weekdays, some evenings. */
  const officeTime = () => {
    for (;;) {
      const day = Math.floor(start / DAY) * DAY + rnd.int(0, 30) * DAY;
      const localHour = rnd.next() < 0.85 ? rnd.int(7, 18) : rnd.int(0, 23);
      const at =
        day +
        (localHour - OFFICE_UTC_OFFSET_H) * HOUR +
        rnd.int(0, 59) * MINUTE +
        rnd.int(0, 59) * 1000;
      const weekday = new Date(at + OFFICE_UTC_OFFSET_H * HOUR).getUTCDay();
      if (at > start && at < end && (weekday !== 0 && weekday !== 6 ? true : rnd.next() < 0.15))
        return at;
    }
  };
  const internalIp = (subnet: number) => `10.20.${subnet}.${rnd.int(10, 250)}`;
  const publicIp = () =>
    `${rnd.pick([23, 52, 104, 140, 151, 185, 203])}.${rnd.int(1, 254)}.${rnd.int(1, 254)}.${rnd.int(1, 254)}`;

  const windows = (
    at: number,
    host: string,
    eventId: number,
    message: string,
    eventData: Record<string, string>,
    extra: {
      action: string;
      outcome?: 'success' | 'failure';
      category: string;
      user?: string;
      sourceIp?: string;
    },
  ) => {
    const raw: DemoEvent = {
      '@timestamp': new Date(at).toISOString(),
      message,
      event: {
        code: String(eventId),
        provider: 'Microsoft-Windows-Security-Auditing',
        action: extra.action,
        outcome: extra.outcome ?? 'success',
        kind: 'event',
        module: 'security',
      },
      winlog: {
        channel: 'Security',
        provider_name: 'Microsoft-Windows-Security-Auditing',
        event_id: String(eventId),
        computer_name: `${host}.corp.example.com`,
        record_id: String(recordId++),
        event_data: eventData,
      },
      host: { name: host, os: { family: 'windows', name: 'Windows Server 2022 Standard' } },
      agent: { type: 'winlogbeat', version: '8.15.3' },
      ...(extra.sourceIp ? { source: { ip: extra.sourceIp } } : {}),
      ...(extra.user ? { user: { name: extra.user, domain: DOMAIN } } : {}),
      // Hostname, event id, user and source address come from the ECS and winlog fields
      // above (normalisation maps them); app name and category are given the way the
      // product names them (lower-case provider, its own categories).
      app_name: 'microsoft-windows-security-auditing',
      category: extra.category,
    };
    out.push(raw);
  };

  // 4624 successful logons: people at their desks, service accounts on servers.
  for (let i = 0; i < 1400; i++) {
    const service = rnd.next() < 0.2;
    const user = service ? rnd.pick(SERVICE_ACCOUNTS) : rnd.pick(USERS);
    const host = service || rnd.next() < 0.4 ? rnd.pick(SERVERS) : rnd.pick(WORKSTATIONS);
    const ip = internalIp(rnd.int(1, 6));
    const logonType = service ? '5' : host.startsWith('srv') ? '3' : '2';
    windows(
      service ? anyTime() : officeTime(),
      host,
      4624,
      `An account was successfully logged on.\n\nNew Logon:\n\tAccount Name:\t${user}\n\tAccount Domain:\t${DOMAIN}\n\tLogon Type:\t${logonType}\n\tSource Network Address:\t${ip}`,
      {
        TargetUserName: user,
        TargetDomainName: DOMAIN,
        LogonType: logonType,
        IpAddress: ip,
        LogonProcessName: 'NtLmSsp',
        AuthenticationPackageName: 'NTLM',
      },
      { action: 'logged-in', category: 'authentication', user, sourceIp: ip },
    );
  }

  // 4625 failed logons: typos all month, and one burst against the finance server.
  const failed = (at: number, host: string, user: string, ip: string, status = '0xc000006d') =>
    windows(
      at,
      host,
      4625,
      `An account failed to log on.\n\nAccount For Which Logon Failed:\n\tAccount Name:\t${user}\n\tAccount Domain:\t${DOMAIN}\n\nFailure Information:\n\tFailure Reason:\tUnknown user name or bad password.\n\tStatus:\t${status}\n\tSource Network Address:\t${ip}`,
      {
        TargetUserName: user,
        TargetDomainName: DOMAIN,
        LogonType: '3',
        IpAddress: ip,
        Status: status,
        SubStatus: '0xc000006a',
      },
      {
        action: 'logon-failed',
        outcome: 'failure',
        category: 'authentication',
        user,
        sourceIp: ip,
      },
    );
  for (let i = 0; i < 160; i++)
    failed(
      officeTime(),
      rnd.pick([...SERVERS, ...WORKSTATIONS]),
      rnd.pick(USERS),
      internalIp(rnd.int(1, 6)),
    );
  const burstAt = end - 3 * DAY - 5 * HOUR;
  const attacker = '10.20.9.66';
  for (let i = 0; i < 22; i++)
    failed(
      burstAt + Math.floor((i * 4 * MINUTE) / 22) + rnd.int(0, 5000),
      'srv-fin-01',
      rnd.pick(['administrator', 'admin', 'finance', 'sara', 'backup']),
      attacker,
    );

  // Account lifecycle and privileged groups: the reviews' subject matter.
  const admin = 'justin';
  const accountEvent = (
    at: number,
    eventId: number,
    what: string,
    target: string,
    action: string,
    category = 'iam',
  ) =>
    windows(
      at,
      rnd.pick(['srv-dc-01', 'srv-dc-02']),
      eventId,
      `${what}\n\nSubject:\n\tAccount Name:\t${admin}\n\tAccount Domain:\t${DOMAIN}\n\nTarget Account:\n\tAccount Name:\t${target}\n\tAccount Domain:\t${DOMAIN}`,
      {
        SubjectUserName: admin,
        SubjectDomainName: DOMAIN,
        TargetUserName: target,
        TargetDomainName: DOMAIN,
      },
      { action, category, user: admin },
    );
  const newHires = ['lchen', 'rgarcia', 'bmorris', 'eokafor', 'hsato', 'jdiaz'];
  for (const hire of newHires) {
    const at = officeTime();
    accountEvent(at, 4720, 'A user account was created.', hire, 'added-user-account');
    accountEvent(
      at + rnd.int(1, 20) * MINUTE,
      4722,
      'A user account was enabled.',
      hire,
      'enabled-user-account',
    );
  }
  // Created outside the joiners process and flagged by the SIEM as an alert.
  accountEvent(
    end - 6 * DAY - 2 * HOUR,
    4720,
    'A user account was created.',
    'helpdesk2',
    'added-user-account',
    'alert',
  );
  for (const leaver of ['oldcontractor', 'pwhite'])
    accountEvent(officeTime(), 4726, 'A user account was deleted.', leaver, 'deleted-user-account');
  // The external auditor's temporary account, for the three weeks of the audit.
  accountEvent(
    end - 22 * DAY + 2 * HOUR,
    4720,
    'A user account was created.',
    'temp_audit',
    'added-user-account',
  );
  accountEvent(
    end - 22 * DAY + 2 * HOUR + 5 * MINUTE,
    4722,
    'A user account was enabled.',
    'temp_audit',
    'enabled-user-account',
  );
  accountEvent(
    end - DAY - 3 * HOUR,
    4726,
    'A user account was deleted.',
    'temp_audit',
    'deleted-user-account',
  );
  for (const [eventId, group] of [
    [4728, 'Domain Admins'],
    [4728, 'Enterprise Admins'],
    [4732, 'Administrators'],
    [4732, 'Remote Desktop Users'],
    [4756, 'Universal Finance Admins'],
    [4756, 'Universal Wire Approvers'],
  ] as const) {
    const member = rnd.pick([...USERS, ...newHires]);
    windows(
      officeTime(),
      rnd.pick(['srv-dc-01', 'srv-dc-02']),
      eventId,
      `A member was added to a security-enabled ${eventId === 4728 ? 'global' : eventId === 4732 ? 'local' : 'universal'} group.\n\nSubject:\n\tAccount Name:\t${admin}\n\nMember:\n\tAccount Name:\t${DOMAIN}\\${member}\n\nGroup:\n\tGroup Name:\t${group}`,
      {
        SubjectUserName: admin,
        MemberName: `CN=${member},OU=Staff,DC=corp,DC=example,DC=com`,
        TargetUserName: group,
        TargetDomainName: DOMAIN,
      },
      { action: 'added-member-to-group', category: 'iam', user: admin },
    );
  }
  for (const target of ['mwilson', 'aprice', 'svc_sql', 'tnguyen'])
    accountEvent(
      officeTime(),
      4724,
      "An attempt was made to reset an account's password.",
      target,
      'reset-password',
    );
  for (const target of ['kpatel', 'rgarcia', 'sara'])
    windows(
      officeTime(),
      'srv-dc-01',
      4740,
      `A user account was locked out.\n\nAccount That Was Locked Out:\n\tAccount Name:\t${target}`,
      { TargetUserName: target, TargetDomainName: DOMAIN },
      { action: 'locked-out-user-account', category: 'iam', user: target },
    );
  // The audit log cleared: once by the admin after a migration, once on the finance server
  // shortly after the burst of failed logons.
  for (const [at, host, who] of [
    [end - 19 * DAY + 3 * HOUR, 'srv-file-01', admin],
    [burstAt + 40 * MINUTE, 'srv-fin-01', 'administrator'],
  ] as const)
    out.push({
      '@timestamp': new Date(at).toISOString(),
      message: `The audit log was cleared.\nSubject:\n\tAccount Name:\t${who}\n\tDomain Name:\t${DOMAIN}`,
      event: {
        code: '1102',
        provider: 'Microsoft-Windows-Eventlog',
        action: 'audit-log-cleared',
        kind: 'event',
      },
      winlog: {
        channel: 'Security',
        provider_name: 'Microsoft-Windows-Eventlog',
        event_id: '1102',
        computer_name: `${host}.corp.example.com`,
        record_id: String(recordId++),
        user_data: { SubjectUserName: who, SubjectDomainName: DOMAIN },
      },
      host: { name: host },
      agent: { type: 'winlogbeat', version: '8.15.3' },
      user: { name: who, domain: DOMAIN },
      app_name: 'microsoft-windows-eventlog',
      category: 'audit',
    });

  // The old core-banking server still runs Windows Server 2003: its agent forwards the
  // legacy event ids (624 account created, 626 enabled).
  for (const legacy of ['corebatch', 'corerpt', 'teller_ops']) {
    const at = officeTime();
    for (const [eventId, what] of [
      [624, 'User Account Created'],
      [626, 'User Account Enabled'],
    ] as const)
      out.push({
        '@timestamp': new Date(at + (eventId === 626 ? 2 * MINUTE : 0)).toISOString(),
        message: `${what}:\n\tNew Account Name:\t${legacy}\n\tNew Domain:\tCOREBANK\n\tCaller User Name:\tAdministrator`,
        app_name: 'DefenseStorm Agent',
        hostname: 'srv-legacy-01',
        event_id: String(eventId),
        category: 'iam',
        user: 'Administrator',
        winlog: {
          channel: 'Security',
          event_id: String(eventId),
          event_data: { TargetUserName: legacy, TargetDomainName: 'COREBANK' },
        },
        agent: { type: 'defensestorm', version: '2.9.14' },
      });
  }

  // The agent's heartbeat every two hours from each host it runs on.
  for (const host of AGENT_HOSTS) {
    const phase = rnd.int(0, 119) * MINUTE;
    for (let at = start + phase; at < end; at += 2 * HOUR) {
      // The legacy server's agent was silent for a day and a half: what log-source health finds.
      if (host === 'srv-legacy-01' && at > end - 12 * DAY && at < end - 10.5 * DAY) continue;
      out.push({
        '@timestamp': new Date(at + rnd.int(0, 20_000)).toISOString(),
        message: `Agent heartbeat: ${rnd.int(800, 9000)} events forwarded since the last heartbeat`,
        app_name: 'DefenseStorm Agent',
        hostname: host,
        category: 'heartbeat',
        agent: {
          type: 'defensestorm',
          version: host === 'srv-legacy-01' ? '2.9.14' : '3.4.2',
          status: 'running',
        },
      });
    }
  }

  // The edge firewall: mostly allowed web traffic, some denies, a few odd destinations.
  for (let i = 0; i < 900; i++) {
    const deny = rnd.next() < 0.18;
    const country = rnd.pick(COUNTRIES);
    const src = internalIp(rnd.int(1, 6));
    const dst = publicIp();
    const port = rnd.pick([443, 443, 443, 80, 53, 22, 3389, 8443]);
    const action = deny ? 'deny' : 'allow';
    out.push({
      '@timestamp': new Date(officeTime()).toISOString(),
      message: `${action} tcp ${src}:${rnd.int(49152, 65535)} -> ${dst}:${port} rule ${deny ? 'block-untrusted-geo' : 'allow-web-out'}`,
      app_name: 'firewall-edge',
      hostname: 'fw-edge-01',
      category: 'network',
      source_ip: src,
      dest_ip: dst,
      event: { action, outcome: deny ? 'failure' : 'success' },
      destination: { port },
      network: { transport: 'tcp' },
      rule: { name: deny ? 'block-untrusted-geo' : 'allow-web-out' },
      geo_dest: { country },
      observer: { vendor: 'Palo Alto Networks', product: 'PA-3220' },
    });
  }
  for (const [at, change] of [
    [end - 23 * DAY, 'config change committed by dana: rule allow-vendor-sftp added'],
    [end - 9 * DAY, 'config change committed by dana: rule block-untrusted-geo updated'],
    [end - 2 * DAY, 'config change committed by admin: NAT policy edited'],
  ] as const)
    out.push({
      '@timestamp': new Date(at).toISOString(),
      message: change,
      app_name: 'firewall-edge',
      hostname: 'fw-edge-01',
      category: 'config',
    });

  // Bro (Zeek) DNS from the network sensor, in Bro's own field names.
  for (let i = 0; i < 600; i++) {
    const src = internalIp(rnd.int(1, 6));
    const name = rnd.next() < 0.02 ? 'x7fq2k9d.duckdns.org' : rnd.pick(DOMAINS);
    const qtype = rnd.pick(['A', 'A', 'AAAA', 'CNAME']);
    out.push({
      '@timestamp': new Date(officeTime()).toISOString(),
      message: `DNS ${qtype} ${name}`,
      app_name: 'bro_dns',
      hostname: 'sensor-01',
      category: 'network',
      source_ip: src,
      dest_ip: INTERNAL_DNS,
      query: name,
      qtype_name: qtype,
      rcode_name: name.endsWith('duckdns.org') ? 'NXDOMAIN' : 'NOERROR',
      'id.orig_h': src,
      'id.resp_h': INTERNAL_DNS,
      'id.resp_p': 53,
      proto: 'udp',
    });
  }

  // Windows Search on the file server: everyday noise with its own app name.
  for (let i = 0; i < 90; i++)
    out.push({
      '@timestamp': new Date(anyTime()).toISOString(),
      message:
        rnd.next() < 0.7
          ? 'The Windows Search Service started.'
          : 'The indexer has reached the maximum size of the property cache.',
      app_name: 'microsoft-windows-search',
      hostname: rnd.pick(['srv-file-01', ...WORKSTATIONS]),
      event_id: rnd.next() < 0.7 ? '1003' : '3036',
      category: 'application',
    });

  // Nightly backups, two of which failed; and the SIEM's own alerts.
  for (let day = 1; day <= 30; day++) {
    const failedNight = day === 12 || day === 4;
    out.push({
      '@timestamp': new Date(end - day * DAY + 2 * HOUR).toISOString(),
      message: failedNight
        ? 'Backup job "Nightly file servers" failed: target repository unreachable'
        : 'Backup job "Nightly file servers" completed successfully',
      app_name: 'veeam-backup',
      hostname: 'srv-backup-01',
      category: 'backup',
      user: 'svc_backup',
    });
  }
  for (const [at, message, host, ip] of [
    [
      burstAt + 3 * MINUTE,
      'Failed logon burst: 20+ failures from 10.20.9.66 on srv-fin-01 within 5 minutes',
      'srv-fin-01',
      attacker,
    ],
    [burstAt + 41 * MINUTE, 'Security audit log cleared on srv-fin-01', 'srv-fin-01', attacker],
    [
      end - 6 * DAY - 2 * HOUR + MINUTE,
      'Account created outside the joiners process: helpdesk2',
      'srv-dc-01',
      null,
    ],
    [
      end - 14 * DAY,
      'Outbound connection to a country on the watch list (Russia) allowed',
      'fw-edge-01',
      '10.20.4.17',
    ],
    [
      end - 1 * DAY - 7 * HOUR,
      'DNS lookup of a dynamic DNS domain: x7fq2k9d.duckdns.org',
      'sensor-01',
      '10.20.3.88',
    ],
  ] as const)
    out.push({
      '@timestamp': new Date(at).toISOString(),
      message,
      app_name: 'DefenseStorm',
      hostname: host,
      category: 'alert',
      ...(ip ? { source_ip: ip } : {}),
      alert: { severity: 'high', rule: message.split(':')[0] },
    });

  return out.sort((a, b) => String(a['@timestamp']).localeCompare(String(b['@timestamp'])));
}

/** Seeds the demo events once: a store that already has seeded events is left alone. */
export async function seedDemoEvents(db: Db, now = new Date()): Promise<{ inserted: number }> {
  // Bounded by the seed's own 30 days, so the check reads only those partitions.
  const [existing] = await db
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        eq(events.source, 'seed'),
        gte(events.occurredAt, new Date(now.getTime() - 31 * DAY)),
        lte(events.occurredAt, new Date(now.getTime() + DAY)),
      ),
    )
    .limit(1);
  if (existing) return { inserted: 0 };
  const raws = demoEvents(now);
  const actor = systemActor('seed');
  let inserted = 0;
  for (let i = 0; i < raws.length; i += 2000) {
    const result = await ingestEvents(db, actor, raws.slice(i, i + 2000), 'seed');
    if (result.rejected.length)
      throw new Error(
        `demo event ${i + result.rejected[0].index} was refused: ${result.rejected[0].reason}`,
      );
    inserted += result.accepted;
  }
  return { inserted };
}
