import { describe, expect, it } from 'vitest';
import {
  countByImpact,
  distinctScans,
  failingViolations,
  pageKey,
  type PageScan,
} from '../support/axe-report';

const scan = (key: string, ...violations: [string, string, number][]): PageScan => ({
  key,
  url: `http://vigil.test${key.split(' ')[0]}`,
  violations: violations.map(([id, impact, nodes]) => ({
    id,
    impact,
    help: `help for ${id}`,
    nodes: Array.from({ length: nodes }, (_, i) => ({ target: `#${id}-${i}`, summary: '' })),
  })),
});

describe('accessibility report', () => {
  it('keys a page by its path without ids, and by its state', () => {
    expect(pageKey({ path: '/incidents/1042', states: [], fields: [] })).toBe('/incidents/:id');
    expect(
      pageKey({
        path: '/schedules/ab6b85a2-6f80-4779-9c0e-a6de172561ab/edit',
        states: [],
        fields: [],
      }),
    ).toBe('/schedules/:id/edit');
    const list = pageKey({ path: '/library', states: [], fields: ['input:ids'] });
    const dialog = pageKey({
      path: '/library',
      states: ['dialog'],
      fields: ['input:ids', 'select:timeZone'],
    });
    expect(list).toMatch(/^\/library \[fields [0-9a-f]{6}\]$/);
    expect(dialog).toMatch(/^\/library \[dialog, fields [0-9a-f]{6}\]$/);
    expect(pageKey({ path: '/library', states: [], fields: ['input:ids'] })).toBe(list);
  });

  it('fails on serious and critical violations only, naming rule, page and elements', () => {
    const scans = [
      scan('/dashboard', ['region', 'moderate', 2]),
      scan('/incidents/:id', ['color-contrast', 'serious', 7], ['button-name', 'critical', 1]),
    ];
    const lines = failingViolations(scans);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'serious color-contrast (help for color-contrast) on /incidents/:id <http://vigil.test/incidents/:id>: #color-contrast-0 | #color-contrast-1 | #color-contrast-2 | #color-contrast-3 | #color-contrast-4 | … 2 more',
    );
    expect(lines[1]).toContain('critical button-name');
    expect(failingViolations([scan('/dashboard', ['region', 'moderate', 2])])).toEqual([]);
  });

  it('counts rule × page and elements per impact, each page state once across files', () => {
    const first = scan('/dashboard', ['region', 'moderate', 2]);
    const again = scan('/dashboard', ['region', 'moderate', 5]);
    const distinct = distinctScans([first, scan('/tasks', ['label', 'critical', 1]), again]);
    expect(distinct).toHaveLength(2);
    expect(countByImpact(distinct)).toEqual({
      critical: { rules: 1, nodes: 1 },
      serious: { rules: 0, nodes: 0 },
      moderate: { rules: 1, nodes: 2 },
      minor: { rules: 0, nodes: 0 },
    });
  });
});
