import { describe, expect, it } from 'vitest';
import { wantsDemoData } from '@/db/seed/wants-demo-data';

describe('demo data on the first start', () => {
  it('seeds the demo into the embedded database', () => {
    expect(wantsDemoData({})).toBe(true);
  });

  it('never into a configured database unless asked', () => {
    expect(wantsDemoData({ DATABASE_URL: 'postgres://db/vigil' })).toBe(false);
    expect(wantsDemoData({ DATABASE_URL: 'postgres://db/vigil', VIGIL_DEMO_DATA: true })).toBe(
      true,
    );
    expect(wantsDemoData({ VIGIL_DEMO_DATA: false })).toBe(false);
  });
});
