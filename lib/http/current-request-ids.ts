import { headers } from 'next/headers';
import { newRequestIds, requestIdsFrom, type RequestIds } from './request-id';

/** The ids of the request a server action or page runs for; new ones outside a request. */
export async function currentRequestIds(): Promise<RequestIds> {
  let incoming: Headers;
  try {
    incoming = await headers();
  } catch {
    return newRequestIds(); // called outside a request (a script, a test)
  }
  return requestIdsFrom(incoming);
}
