import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_LENGTH, safeFileName } from '@/lib/reports/bundle/safe-file-name';

describe('safeFileName (names of attachments inside an evidence bundle)', () => {
  it.each([
    ['../../etc/passwd', '_._etc_passwd'],
    ['..\\..\\Windows\\win.ini', '_._Windows_win.ini'],
    ['/absolute/path.txt', '_absolute_path.txt'],
    ['C:\\boot.ini', 'C__boot.ini'],
    ['report..final.pdf', 'report.final.pdf'],
    ['..', 'file'],
    ['.', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['.hidden', 'hidden'],
    ['trailing. . ', 'trailing'],
    ['tab\there\nnew\rline\u0000nul\u007fdel.log', 'tabherenewlinenuldel.log'],
    ['evil\u202Efdp.exe', 'evilfdp.exe'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['Café résumé.pdf', 'Café résumé.pdf'],
    ['firewall-review Q3.xlsx', 'firewall-review Q3.xlsx'],
  ])('%j becomes %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it('never yields a separator, a "..", a control character or an over-long name', () => {
    const hostile = [
      `${'../'.repeat(100)}x`,
      `${'é'.repeat(400)}.pdf`,
      `${'😀'.repeat(200)}`,
      `${'a'.repeat(300)}.${'b'.repeat(40)}`,
      String.fromCharCode(...Array.from({ length: 160 }, (_, i) => i)),
    ];
    for (const name of hostile) {
      const safe = safeFileName(name);
      expect(safe).not.toMatch(/[/\\]|\.\.|[\u0000-\u001f\u007f-\u009f]/);
      expect(Array.from(safe).length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
      expect(safe.length).toBeGreaterThan(0);
      expect(safe).toBe(safe.normalize('NFC'));
      expect(safe).not.toMatch(/[\uD800-\uDBFF]$/); // never half an emoji
    }
  });

  it('keeps the extension when it cuts a long name', () => {
    const safe = safeFileName(`${'x'.repeat(500)}.pdf`);
    expect(safe).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(safe.endsWith('.pdf')).toBe(true);
  });
});
