import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { parseIncidentListParams, serializeIncidentListParams } from '@/lib/incidents/list-params';
import type { KnownPolicies } from '@/lib/list/policy-filter';
import { parseScheduleListParams, scheduleListQuery } from '@/lib/schedules/list-params';
import { parseTaskListParams, serializeTaskListParams } from '@/lib/tasks/list-params';

// The filters every list shares: policy (any of), framework (case-insensitive), owner=my-teams;
// and the incident list's closing range.

const ME = '11111111-1111-4111-8111-111111111111';
const TEAM = '22222222-2222-4222-8222-222222222222';
const CSF = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const PCI = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const NOWHERE = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const policies: KnownPolicies = {
  ids: new Set([CSF, PCI]),
  frameworks: new Map([
    ['nist csf', 'NIST CSF'],
    ['pci dss', 'PCI DSS'],
  ]),
};
const viewer = { userId: ME, teamIds: [TEAM], timeZone: 'America/Chicago', policies };

const parsers = {
  incidents: (q: string) => parseIncidentListParams(new URLSearchParams(q), viewer),
  tasks: (q: string) => parseTaskListParams(new URLSearchParams(q), viewer),
  schedules: (q: string) => parseScheduleListParams(new URLSearchParams(q), viewer),
};

function refusal(parse: () => unknown): Record<string, string> {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
  throw new Error('expected a refusal');
}

describe.each(Object.entries(parsers))('%s list: policy and framework', (_name, parse) => {
  it('reads repeated and comma-separated policies as any of them, without repeats', () => {
    expect(parse(`policy=${CSF}&policy=${PCI.toUpperCase()},${CSF}`).policy).toEqual({
      policyIds: [CSF, PCI],
    });
    expect(parse('').policy).toEqual({ policyIds: [] });
    expect(parse('policy=&framework=').policy).toEqual({ policyIds: [] });
  });

  it('reads the framework case-insensitively and keeps the catalogue’s spelling', () => {
    expect(parse('framework=nist%20csf').policy).toEqual({ policyIds: [], framework: 'NIST CSF' });
    expect(parse('framework=PCI+DSS').policy?.framework).toBe('PCI DSS');
  });

  it('refuses an unknown policy or framework, naming the parameter', () => {
    expect(refusal(() => parse(`policy=${NOWHERE}`))).toEqual({
      policy: `No policy has the id ${NOWHERE}.`,
    });
    expect(refusal(() => parse('policy=PR.AA-05'))).toEqual({
      policy: '"PR.AA-05" is not a policy id.',
    });
    expect(refusal(() => parse('framework=ISO 27001'))).toEqual({
      framework: 'Unknown framework "ISO 27001"; use NIST CSF, PCI DSS.',
    });
  });

  it('refuses any policy when the viewer came without the policies to check against', () => {
    const bare = { userId: ME, teamIds: [TEAM] };
    expect(() => parseTaskListParams(new URLSearchParams(`policy=${CSF}`), bare)).toThrow(
      ValidationError,
    );
  });
});

describe('owner=my-teams', () => {
  it('means me or any of my teams on every list', () => {
    const mine = { kind: 'my-teams', userId: ME, teamIds: [TEAM] };
    expect(parsers.incidents('owner=my-teams').owner).toEqual(mine);
    expect(parsers.tasks('owner=My-Teams').owner).toEqual(mine);
    expect(parsers.schedules('owner=my-teams')).toMatchObject({
      owner: 'my-teams',
      ownerTeams: { userId: ME, teamIds: [TEAM] },
    });
  });
});

describe('incident closing range', () => {
  it('reads closedFrom/closedTo as days in the viewer’s zone and means closed ones', () => {
    const params = parsers.incidents('closedFrom=2026-03-01&closedTo=2026-03-31');
    expect(params.states).toEqual(['closed']);
    // Midnight in Chicago (UTC-6); the end is the start of April 1, exclusive.
    expect(params.closed.from?.at.toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(params.closed.to?.at.toISOString()).toBe('2026-04-01T05:00:00.000Z');
    expect(parsers.incidents('state=all&closedFrom=2026-03-01').allStates).toBe(true);
  });

  it('refuses a closing range with states that leave closed out, and an end before the start', () => {
    expect(refusal(() => parsers.incidents('state=triage&closedFrom=2026-03-01'))).toEqual({
      closedFrom: 'Only closed incidents have a closing date; add state=closed or state=all.',
    });
    expect(
      Object.keys(refusal(() => parsers.incidents('closedFrom=2026-03-02&closedTo=2026-03-01'))),
    ).toEqual(['closedTo']);
  });
});

describe('writing the filters back', () => {
  const query = `severity=high&owner=my-teams&closedFrom=2026-03-01&closedTo=2026-03-31&policy=${CSF}&policy=${PCI}&framework=nist+csf`;

  it('round-trips the incident list’s new filters', () => {
    const params = parsers.incidents(query);
    const written = serializeIncidentListParams(params);
    expect(written.getAll('policy')).toEqual([CSF, PCI]);
    expect(written.get('framework')).toBe('NIST CSF');
    expect(written.get('owner')).toBe('my-teams');
    expect(written.get('closedFrom')).toBe('2026-03-01');
    expect(written.get('state')).toBe('closed');
    expect(parsers.incidents(written.toString())).toEqual(params);
  });

  it('round-trips the task and schedule lists’ new filters', () => {
    const tasks = parsers.tasks(`owner=my-teams&policy=${CSF}&framework=PCI+DSS&overdue=true`);
    expect(parsers.tasks(serializeTaskListParams(tasks).toString())).toEqual(tasks);
    const schedules = parsers.schedules(`owner=my-teams&policy=${PCI}&framework=nist+csf`);
    expect(scheduleListQuery(schedules)).toBe(`?owner=my-teams&policy=${PCI}&framework=NIST+CSF`);
    expect(parsers.schedules(scheduleListQuery(schedules).slice(1))).toEqual(schedules);
  });
});
