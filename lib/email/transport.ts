/** A message ready to hand to a provider. */
export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
};

export type SendContext = {
  /** Stable per outbox row: a provider that honours it turns a redelivery into a no-op. */
  idempotencyKey: string;
  outboxId: number;
};

export type EmailTransport = {
  name: 'resend' | 'smtp' | 'dev-mailbox' | 'none';
  /** Throws on failure; the outbox retries with backoff and parks it after the last attempt. */
  send(email: OutgoingEmail, context: SendContext): Promise<void>;
  close(): Promise<void>;
};
