import { acknowledged, elasticError, elasticHead, elasticJson } from './responses';

// Index templates, ILM policies, ingest pipelines and indices are how a shipper prepares a
// cluster before it writes. Vigil has one event store with its own schema and retention, so
// there is nothing to prepare: it keeps none of them. A shipper that asks whether one exists
// is told it does not (templates, policies, pipelines), puts it, and is told that worked;
// an index is only a name on a document, so each one "exists" (data streams, which a cluster
// creates on first write, are "not found" and then created).

export type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

/** Families of settings a shipper puts at start-up: `/_index_template/{name}` and the like. */
export const SETTING_FAMILIES: Record<string, { noun: string; listKey?: string }> = {
  _index_template: { noun: 'index template', listKey: 'index_templates' },
  _component_template: { noun: 'component template', listKey: 'component_templates' },
  _template: { noun: 'index template' },
  _ilm: { noun: 'lifecycle policy' },
  _ingest: { noun: 'ingest pipeline' },
  _data_stream: { noun: 'data stream', listKey: 'data_streams' },
};

/** `/_index_template/{name}`, `/_template/{name}`, `/_ilm/policy/{name}`, `/_ingest/pipeline/{name}`. */
export function settingResponse(method: Method, family: string, name: string | null): Response {
  const { noun, listKey } = SETTING_FAMILIES[family];
  if (method === 'PUT' || method === 'POST' || method === 'DELETE') return acknowledged();
  if (method === 'HEAD') return elasticHead(404);
  if (!name) return elasticJson(listKey ? { [listKey]: [] } : {});
  return elasticError(
    404,
    `Vigil keeps no ${noun}s: [${name}] is not stored (putting one is accepted and has no effect).`,
  );
}

/** `/{index}`: HEAD, GET and PUT of an index (or alias or data stream) name. */
export function indexResponse(method: Method, index: string): Response {
  switch (method) {
    case 'HEAD':
      return elasticHead(200);
    case 'GET':
      return elasticJson({
        [index]: {
          aliases: {},
          mappings: {},
          settings: { index: { number_of_shards: '1', number_of_replicas: '0' } },
        },
      });
    case 'PUT':
      return acknowledged({ shards_acknowledged: true, index });
    default:
      return elasticError(
        400,
        `Vigil keeps log events as evidence: an index cannot be ${method === 'DELETE' ? 'deleted' : 'changed'}; events leave when their day passes the retention period (Settings → Organization).`,
      );
  }
}
