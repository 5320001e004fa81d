// A stored development-mailbox message keeps where each link pointed but not the secret in it:
// set-password, unsubscribe and any other signed link carries its token in the query string,
// and the mailbox is readable by every administrator and by anyone holding a backup.

const URL_WITH_QUERY = /(https?:\/\/[^\s"'<>?#]*\?)([^\s"'<>#]*)/g;

export const REDACTED = 'redacted';

/** `https://x/set-password?token=abc` → `https://x/set-password?token=redacted`. */
export function redactLinks(text: string): string {
  return text.replace(URL_WITH_QUERY, (_match, base: string, query: string) => {
    const separator = query.includes('&amp;') ? '&amp;' : '&';
    const names = query.split(separator).map((pair) => pair.split('=')[0]);
    return base + names.map((name) => `${name}=${REDACTED}`).join(separator);
  });
}
