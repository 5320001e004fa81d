import { getDb } from '@/db/client';
import type { UserActor } from '@/lib/auth/actor';
import { log } from '@/lib/log';
import { parseBulkBody } from './bulk-lines';
import { runBulk } from './bulk';
import {
  catHealth,
  clusterHealth,
  clusterInfo,
  clusterStateVersion,
  licenseInfo,
  nodesInfo,
  xpackInfo,
} from './cluster-info';
import { indexDocument } from './documents';
import { indexResponse, settingResponse, SETTING_FAMILIES, type Method } from './index-settings';
import { readBulkBody } from './read-bulk-body';
import { elasticError, elasticHead, elasticJson } from './responses';

// One entry for every path under /api/ingest/es: the bulk endpoint, single documents, and the
// handshake shippers make before they write. Anything else is answered as Elasticsearch
// answers a path it has no handler for, and logged, so an operator can see what a shipper
// asked for.

const READS: Method[] = ['GET', 'HEAD'];
const WRITES: Method[] = ['PUT', 'POST'];

function read(method: Method, body: () => unknown): Response {
  return method === 'HEAD' ? elasticHead(200) : elasticJson(body());
}

function noHandler(method: string, path: string): Response {
  log('info', 'Elasticsearch-compatible endpoint: no handler', { method, path });
  return elasticError(
    400,
    `no handler found for uri [${path}] and method [${method}]: Vigil answers the bulk API and the calls shippers make before it.`,
  );
}

/** The name inside a settings family's path (`/_ilm/policy/{name}` vs `/_template/{name}`). */
function settingName(family: string, rest: string[]): string | null | undefined {
  const nested = family === '_ilm' || family === '_ingest';
  const parts = nested ? rest.slice(1) : rest;
  if (nested && rest[0] !== (family === '_ilm' ? 'policy' : 'pipeline')) return undefined;
  if (parts.length > 1) return undefined;
  return parts[0] ?? null;
}

export async function handleElasticRequest(
  request: Request,
  actor: UserActor,
  segments: string[],
): Promise<Response> {
  const method = request.method.toUpperCase() as Method;
  const url = new URL(request.url);
  const path = `/${segments.join('/')}`;
  const [first, second, third] = segments;
  const isRead = READS.includes(method);
  const isWrite = WRITES.includes(method);

  if (!segments.length) {
    if (isRead) return read(method, clusterInfo);
    return noHandler(method, path);
  }

  const bulkIndex = first === '_bulk' ? null : second === '_bulk' ? first : undefined;
  if (bulkIndex !== undefined && segments.length === (bulkIndex === null ? 1 : 2)) {
    if (!isWrite)
      return elasticError(
        405,
        `Incorrect HTTP method for uri [${path}] and method [${method}], allowed: [POST, PUT]`,
      );
    const operations = parseBulkBody(await readBulkBody(request), bulkIndex);
    return elasticJson(await runBulk(getDb(), actor, operations));
  }

  if (!first.startsWith('_')) {
    if (segments.length === 1) return indexResponse(method, first);
    const single =
      (second === '_doc' && segments.length <= 3) ||
      (second === '_create' && segments.length === 3);
    if (single && isWrite)
      return indexDocument(getDb(), actor, await readBulkBody(request), first, third ?? null);
    if (['_mapping', '_settings', '_alias', '_aliases'].includes(second)) {
      if (isWrite) return elasticJson({ acknowledged: true });
      if (isRead) return read(method, () => ({ [first]: {} }));
    }
    if (second === '_refresh' && isWrite)
      return elasticJson({ _shards: { total: 1, successful: 1, failed: 0 } });
    return noHandler(method, path);
  }

  if (first in SETTING_FAMILIES) {
    const name = settingName(first, segments.slice(1));
    if (name !== undefined && (isRead || isWrite || method === 'DELETE'))
      return settingResponse(method, first, name);
    return noHandler(method, path);
  }

  if (isRead) {
    if (first === '_license' && segments.length === 1) return read(method, licenseInfo);
    if (first === '_xpack' && segments.length === 1) return read(method, xpackInfo);
    if (first === '_cluster' && second === 'health') return read(method, clusterHealth);
    if (first === '_cluster' && second === 'state') return read(method, clusterStateVersion);
    if (first === '_nodes') return read(method, nodesInfo);
    if (first === '_cat' && second === 'health')
      return method === 'HEAD'
        ? elasticHead(200)
        : catHealth(url.searchParams.get('format') === 'json');
  }
  return noHandler(method, path);
}
