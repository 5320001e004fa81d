// File names in an evidence bundle come from whoever uploaded the attachment, so they are
// hostile: a name like "../../etc/passwd", "C:\\boot.ini" or one with control characters
// must not be able to escape its folder or confuse the examiner's unzip tool. The id in front
// of every name keeps two files of the same name apart, so sanitising may lose information.

export const MAX_FILE_NAME_LENGTH = 120;

/** A single path segment that is safe on Linux, macOS and Windows; never empty, never "." or "..". */
export function safeFileName(name: string, maxLength = MAX_FILE_NAME_LENGTH): string {
  let safe = name
    .normalize('NFC')
    // Control characters (C0, DEL, C1), and the bidirectional overrides that make
    // "evil\u202Efdp.exe" read as "evilexe.pdf".
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    // Separators and the characters Windows refuses in a name.
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots would hide the file or, with nothing else, mean "here" or "up".
    .replace(/^\.+/, '')
    // Windows drops trailing dots and spaces, which would make two names collide.
    .replace(/[. ]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(safe)) safe = `_${safe}`;
  if (!safe) safe = 'file';
  return truncateKeepingExtension(safe, maxLength);
}

/** Cuts by code points (never half a surrogate pair), keeping a short extension when there is one. */
function truncateKeepingExtension(name: string, maxLength: number): string {
  const chars = Array.from(name);
  if (chars.length <= maxLength) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length > 1 && extension.length <= 10) {
    const stem = chars
      .slice(0, maxLength - extension.length)
      .join('')
      .replace(/[. ]+$/, '');
    return `${stem}${extension.join('')}`;
  }
  return chars
    .slice(0, maxLength)
    .join('')
    .replace(/[. ]+$/, '');
}
