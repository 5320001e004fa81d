// What Vigil tells a shipper about "the cluster" it connected to. Each answer is the least a
// shipper's start-up needs, checked against the shippers' own code:
// - the version: Logstash wants >= 7.14 with X-Elastic-Product; current Beats accept any
//   version by default, and with `allow_older_versions: false` (older Beats' default) want
//   their own minor or newer, hence the last 8.x minor; the official clients accept any.
// - the build flavor "default": "serverless" would change how Beats and Logstash behave.
// - Vector (api_version auto) reads `/_cluster/state/version` and takes `version` as the major.

export const COMPATIBLE_VERSION = '8.19.0';
const MAJOR = Number(COMPATIBLE_VERSION.split('.')[0]);
const CLUSTER_NAME = 'vigil';
const CLUSTER_UUID = 'vigil-events-ingest-0001';
const BUILD_DATE = '2025-07-24T00:00:00.000Z';

export function clusterInfo() {
  return {
    name: 'vigil',
    cluster_name: CLUSTER_NAME,
    cluster_uuid: CLUSTER_UUID,
    version: {
      number: COMPATIBLE_VERSION,
      build_flavor: 'default',
      build_type: 'tar',
      build_hash: 'vigil',
      build_date: BUILD_DATE,
      build_snapshot: false,
      lucene_version: '9.12.2',
      minimum_wire_compatibility_version: '7.17.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'You Know, for Search',
  };
}

/** Logstash's license check wants an active license; basic carries no paid feature. */
export function licenseInfo() {
  return {
    license: {
      status: 'active',
      uid: CLUSTER_UUID,
      type: 'basic',
      issue_date: BUILD_DATE,
      issue_date_in_millis: Date.parse(BUILD_DATE),
      max_nodes: 1000,
      max_resource_units: null,
      issued_to: CLUSTER_NAME,
      issuer: 'elasticsearch',
      start_date_in_millis: -1,
    },
  };
}

export function xpackInfo() {
  return {
    build: { hash: 'vigil', date: BUILD_DATE },
    license: { uid: CLUSTER_UUID, type: 'basic', mode: 'basic', status: 'active' },
    features: {
      ilm: { available: true, enabled: true },
      security: { available: true, enabled: true },
    },
    tagline: 'You know, for X',
  };
}

export function clusterHealth() {
  return {
    cluster_name: CLUSTER_NAME,
    status: 'green',
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    active_primary_shards: 1,
    active_shards: 1,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: 0,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: 100,
  };
}

/** Vector's version probe reads `version` here as the API's major version. */
export function clusterStateVersion() {
  return { cluster_name: CLUSTER_NAME, cluster_uuid: CLUSTER_UUID, version: MAJOR };
}

/** No nodes to sniff: a shipper that sniffs keeps the address it was configured with. */
export function nodesInfo() {
  return { _nodes: { total: 0, successful: 0, failed: 0 }, cluster_name: CLUSTER_NAME, nodes: {} };
}

/** rsyslog's health check (`_cat/health`), as text or as JSON with `?format=json`. */
export function catHealth(json: boolean): Response {
  const epoch = Math.floor(Date.now() / 1000);
  const time = new Date().toISOString().slice(11, 19);
  const row = { epoch: String(epoch), timestamp: time, cluster: CLUSTER_NAME, status: 'green' };
  return json
    ? Response.json([row], { headers: { 'X-Elastic-Product': 'Elasticsearch' } })
    : new Response(`${epoch} ${time} ${CLUSTER_NAME} green 1 1 1 1 0 0 0 0 - 100.0%\n`, {
        headers: {
          'Content-Type': 'text/plain; charset=UTF-8',
          'X-Elastic-Product': 'Elasticsearch',
        },
      });
}
