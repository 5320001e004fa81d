import { Alert } from '@/components/ui/alert';
import type { ActionResult } from '@/lib/actions/action-result';

/** What a button's server action answered: its success message, if any, or its error. */
export function ActionResultAlert({ result }: { result: ActionResult<unknown> | null }) {
  if (!result) return null;
  if (!result.ok) return <Alert tone="error">{result.error}</Alert>;
  return result.message ? <Alert tone="success">{result.message}</Alert> : null;
}
