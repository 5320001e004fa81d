import type { DbOrTx } from '@/db/client';
import { createDevMailboxTransport } from './dev-mailbox-transport';
import type { EmailTransport } from './transport';

// The demo organization's people (db/seed/demo-people.ts) and the seed's default
// administrator have addresses at example.com, which RFC 2606 reserves for examples: no one
// reads mail there. Mailing them only hands incident titles to a relay and earns bounces,
// so whatever the transport, their mail is kept in the development mailbox, where an
// administrator can read what the demo would have sent. This covers the seed's own
// notifications and every reminder and digest the demo's items earn afterwards.
const RESERVED = /(^|\.)example\.(com|net|org)$|(^|\.)example$/;

/** An address no one can receive at: the demo's, or any other at a domain reserved for examples. */
export function isDemoAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const domain = address
    .slice(at + 1)
    .replace(/>.*$/, '')
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  return RESERVED.test(domain);
}

/** `transport` for real addresses, the development mailbox for the demo's. */
export function keepDemoMailInDevMailbox(transport: EmailTransport, db: DbOrTx): EmailTransport {
  if (transport.name === 'dev-mailbox') return transport;
  const devMailbox = createDevMailboxTransport(db);
  return {
    name: transport.name,
    send: (email, context) =>
      isDemoAddress(email.to) ? devMailbox.send(email, context) : transport.send(email, context),
    close: () => transport.close(),
  };
}
