// Syslog carries bytes: RFC 5424 asks for UTF-8 only when MSG starts with a BOM, and older
// devices send Latin-1 or Windows-1252. Valid UTF-8 is read as such; anything else is read
// as ISO-8859-1 (Latin-1), which maps every byte to a character, so nothing the device sent is lost and
// the event says so (`syslog.encoding`). PostgreSQL text and JSONB cannot hold U+0000.

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSyslogBytes(bytes: Uint8Array): { text: string; fallback: boolean } {
  let text: string;
  let fellBack = false;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    fellBack = true;
  }
  return { text: text.replace(/\u0000/g, '\uFFFD'), fallback: fellBack };
}
