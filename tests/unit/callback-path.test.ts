import { describe, expect, it } from 'vitest';
import { requestedPath, safeCallbackPath, signInPath } from '@/lib/auth/callback-path';

describe('where sign-in returns to', () => {
  it('is the page the visitor asked for, with its query', () => {
    expect(safeCallbackPath('/incidents/1042')).toBe('/incidents/1042');
    expect(safeCallbackPath('/tasks?state=open&owner=me')).toBe('/tasks?state=open&owner=me');
    expect(safeCallbackPath('/incidents/1042#notes')).toBe('/incidents/1042#notes');
  });

  it('is the dashboard for anything that could leave this site', () => {
    for (const evil of [
      '//evil.example',
      '//evil.example/incidents/1',
      'https://evil.example',
      'http://evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' //evil.example',
      'javascript:alert(1)',
      'evil.example',
      '',
      undefined,
      null,
      ['/incidents/1'],
    ])
      expect(safeCallbackPath(evil), JSON.stringify(evil)).toBe('/dashboard');
  });

  it('never loops back to the sign-in page', () => {
    expect(safeCallbackPath('/sign-in?callbackUrl=/incidents/1')).toBe('/dashboard');
  });

  it('is carried by the redirect to sign in', () => {
    expect(signInPath('/incidents/1042')).toBe('/sign-in?callbackUrl=%2Fincidents%2F1042');
    expect(signInPath('/tasks?state=open')).toBe('/sign-in?callbackUrl=%2Ftasks%3Fstate%3Dopen');
    expect(signInPath('/dashboard')).toBe('/sign-in');
    expect(signInPath(null)).toBe('/sign-in');
    expect(signInPath('//evil.example')).toBe('/sign-in');
  });

  it('is the path as the visitor asked for it, without the parameter of client navigations', () => {
    const at = (url: string) => requestedPath(new URL(url));
    expect(at('http://vigil.test/incidents/1042')).toBe('/incidents/1042');
    expect(at('http://vigil.test/tasks?state=open&_rsc=1x2y')).toBe('/tasks?state=open');
    expect(at('http://vigil.test/incidents/1042?_rsc=abc')).toBe('/incidents/1042');
  });
});
