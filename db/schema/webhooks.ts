import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { severityEnum } from './incidents';
import { users } from './users';

export const webhookFormatEnum = pgEnum('webhook_format', ['standard', 'slack', 'teams']);
export const webhookDeliveryStatusEnum = pgEnum('webhook_delivery_status', [
  'pending',
  'delivered',
  'failed',
  'skipped',
]);

// Where Vigil tells another system what happened: a SOAR, a paging service, a chat channel.
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid().primaryKey().defaultRandom(),
    url: text().notNull(),
    description: text().notNull().default(''),
    // Event type names (lib/webhooks/event-types.ts) this endpoint is sent.
    eventTypes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    format: webhookFormatEnum().notNull().default('standard'),
    // Incident events below this severity are not sent (a pager wants Medium and High only);
    // null sends them all.
    minimumSeverity: severityEnum(),
    // The Standard Webhooks signing secret, `whsec_` and base64. Kept readable: every delivery
    // signs with it, and administrators may reveal it to configure a receiver.
    secret: text().notNull(),
    active: boolean().notNull().default(true),
    // Lets the endpoint reach loopback, private and link-local addresses. Only an
    // administrator sets it, and each change has its own activity row.
    allowPrivateAddresses: boolean().notNull().default(false),
    createdById: uuid().references(() => users.id),
    updatedById: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Removed endpoints keep their row, so their deliveries stay readable.
    deletedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('webhook_endpoints_live_idx')
      .on(t.createdAt)
      .where(sql`${t.deletedAt} is null`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

// One message to one endpoint. Its outbox row carries the retries; `messageId` is the
// `webhook-id` header, the same on every attempt so a receiver can drop repeats.
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id),
    eventType: text().notNull(),
    messageId: text().notNull().unique(),
    // The event as queued ({type, timestamp, data}); the body sent is this in the endpoint's format.
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatusEnum().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastStatusCode: integer(),
    // The start of the last response's body, capped (lib/webhooks/deliver-webhook-message.ts).
    responseExcerpt: text(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id)],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

// Every attempt at a delivery and what the receiver answered.
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    deliveryId: bigint({ mode: 'number' })
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer().notNull(),
    statusCode: integer(),
    responseExcerpt: text(),
    error: text(),
    durationMs: integer().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

export type WebhookDeliveryAttempt = typeof webhookDeliveryAttempts.$inferSelect;
