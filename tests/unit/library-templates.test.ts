import { describe, expect, it } from 'vitest';
import { LIBRARY_POLICY_CATALOGUE, POLICY_CATALOGUE } from '@/db/seed/policy-catalogue';
import { checkEventQuery } from '@/lib/events/query/check';
import { templateRow } from '@/lib/library/sync-library';
import { LIBRARY_TEMPLATES } from '@/lib/library/templates';
import { patternSchema } from '@/lib/schedules/recurrence';

describe('the schedule library', () => {
  it('has at least 40 templates with unique keys and names', () => {
    expect(LIBRARY_TEMPLATES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(LIBRARY_TEMPLATES.map((t) => t.key)).size).toBe(LIBRARY_TEMPLATES.length);
    expect(new Set(LIBRARY_TEMPLATES.map((t) => t.name)).size).toBe(LIBRARY_TEMPLATES.length);
  });

  it('maps every template to policies in the catalogue', () => {
    const catalogue = new Set(
      [...POLICY_CATALOGUE, ...LIBRARY_POLICY_CATALOGUE].map(
        (p) => `${p.framework}|${p.reference}`,
      ),
    );
    for (const t of LIBRARY_TEMPLATES) {
      expect(t.policies.length, t.key).toBeGreaterThan(0);
      for (const [framework, reference] of t.policies)
        expect(
          catalogue.has(`${framework}|${reference}`),
          `${t.key}: ${framework} ${reference}`,
        ).toBe(true);
    }
  });

  it('gives each a valid recurrence, due days and a description with steps and evidence', () => {
    for (const t of LIBRARY_TEMPLATES) {
      const row = templateRow(t);
      expect(patternSchema.safeParse(row.pattern).success, t.key).toBe(true);
      expect(row.dueInDays).toBeGreaterThanOrEqual(0);
      expect(row.dueInDays).toBeLessThanOrEqual(365);
      expect(row.description).toContain('**Steps**');
      expect(row.description).toContain('**Evidence to attach**');
    }
  });

  it('gives every template a query the event search reads (a schedule copied from it must save)', () => {
    for (const t of LIBRARY_TEMPLATES) {
      const check = checkEventQuery(t.query ?? '');
      expect(check.ok ? 'reads' : `${check.message} at ${check.position}`, t.key).toBe('reads');
    }
  });
});
