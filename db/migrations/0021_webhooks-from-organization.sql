-- The organization's single incident webhook becomes an endpoint with today's behaviour:
-- Medium and High incidents, when opened or escalated, unsigned-compatible JSON (the standard
-- format). It may point at an internal paging service, as it was allowed to, so private
-- addresses stay allowed; the activity row says so and an administrator can turn it off.
-- The secret is 32 random bytes from two v4 UUIDs (PostgreSQL has no gen_random_bytes
-- without pgcrypto).
with moved as (
  insert into webhook_endpoints (url, description, event_types, format, minimum_severity, secret, allow_private_addresses)
  select incident_webhook_url, 'The incident webhook of Settings → Organization',
         array['incident.opened', 'incident.escalated'], 'standard', 'medium',
         'whsec_' || encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'),
         true
  from organization
  where incident_webhook_url <> ''
  returning id, url
)
insert into activity_log (actor_label, action, entity_type, entity_id, changes)
select 'system:migration', 'webhook.created', 'webhook', id::text,
       jsonb_build_object('url', jsonb_build_object('old', null, 'new', url),
                          'allowPrivateAddresses', jsonb_build_object('old', null, 'new', true))
from moved;
--> statement-breakpoint
update organization set incident_webhook_url = '' where incident_webhook_url <> '';
