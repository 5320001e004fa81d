import { z } from 'zod';
import { anchorActivityChain } from '@/lib/audit/anchor-chain';
import { systemActor } from '@/lib/auth/actor';
import { log as writeLog } from '@/lib/log';
import { defineJob } from './registry';

export const ANCHOR_AUDIT_CHAIN = 'audit.anchor-chain';

/** Daily: the activity log's head hash to the log output, the administrators' mail and the log. */
export const anchorAuditChainJob = defineJob({
  name: ANCHOR_AUDIT_CHAIN,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, log }) {
    const result = await anchorActivityChain(db, systemActor('audit'), new Date());
    if (result.anchored) {
      // At error when broken: an operator's log search for problems must find it.
      writeLog(result.broken ? 'error' : 'info', 'audit chain anchored', { ...result });
    } else {
      log('audit chain already anchored today', { day: result.day });
    }
    return result;
  },
});
