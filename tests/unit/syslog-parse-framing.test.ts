import { describe, expect, it } from 'vitest';
import { SyslogFramer } from '@/lib/events/syslog/framing';

function frames(chunks: (string | Buffer)[], maxBytes = 64) {
  const out: string[] = [];
  const bad: { prefix: string; reason: string }[] = [];
  const framer = new SyslogFramer(maxBytes, {
    onFrame: (b) => out.push(b.toString()),
    onBadFrame: (prefix, reason) => bad.push({ prefix: prefix.toString(), reason }),
  });
  for (const c of chunks) framer.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  framer.end();
  return { out, bad, framing: framer.framing };
}

describe('syslog TCP framing', () => {
  it('splits octet-counted frames however the bytes arrive, newlines inside messages kept', () => {
    const a = '<13>1 - h a - - - one\ntwo';
    const b = '<13>1 - h a - - - three';
    const stream = `${Buffer.byteLength(a)} ${a}${Buffer.byteLength(b)} ${b}`;
    for (const size of [1, 3, 7, stream.length]) {
      const chunks = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(frames(chunks)).toMatchObject({ out: [a, b], bad: [], framing: 'octet-counting' });
    }
  });

  it('counts octets, not characters', () => {
    const m = '<13>1 - h a - - - Grüße';
    expect(frames([`${Buffer.byteLength(m)} ${m}`]).out).toEqual([m]);
  });

  it('splits on LF, CRLF and NUL, and keeps a last line without a delimiter', () => {
    expect(frames(['<13>a\n<13>b\r', '\n<13>c\0<13', '>d'])).toMatchObject({
      out: ['<13>a', '<13>b', '<13>c', '<13>d'],
      framing: 'non-transparent',
    });
  });

  it('records an oversize octet-counted frame and carries on with the next', () => {
    const big = `<13>1 - h a - - - ${'x'.repeat(100)}`;
    const { out, bad } = frames([`${big.length} ${big.slice(0, 30)}`, `${big.slice(30)}5 <13>x`]);
    expect(out).toEqual(['<13>x']);
    expect(bad).toHaveLength(1);
    expect(bad[0].reason).toMatch(`${big.length} bytes is longer than the 64-byte limit`);
    expect(bad[0].prefix.startsWith('<13>1 - h a')).toBe(true);
  });

  it('records an oversize line and carries on after its delimiter', () => {
    const { out, bad } = frames(['<13>', 'y'.repeat(50), 'y'.repeat(50), 'y\n<13>next\n']);
    expect(out).toEqual(['<13>next']);
    expect(bad).toHaveLength(1);
    expect(bad[0].reason).toMatch('105 bytes is longer than the 64-byte limit');
  });

  it('reads a stray line in an octet-counted stream as a line', () => {
    expect(frames(['5 <13>a', 'garbage here\n', '5 <13>b']).out).toEqual([
      '<13>a',
      'garbage here',
      '<13>b',
    ]);
  });

  it('reports a frame the connection cut short', () => {
    const { out, bad } = frames(['30 <13>1 - h']);
    expect(out).toEqual([]);
    expect(bad[0].reason).toMatch(/closed in the middle/);
  });
});
