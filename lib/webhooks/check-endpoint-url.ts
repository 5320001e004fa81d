import { ValidationError } from '@/lib/errors';
import { assertPublicHost, BlockedAddressError } from './address-guard';

/**
 * Refuses, when an endpoint is saved, a URL whose host is or resolves to an internal address
 * (delivery checks again: DNS can change). Runs before the transaction: a slow resolver must
 * not hold row locks.
 */
export async function checkEndpointUrl(url: string, allowPrivateAddresses: boolean): Promise<void> {
  const parsed = new URL(url);
  if (parsed.username || parsed.password)
    throw new ValidationError({
      url: 'Leave the user name and password out of the URL; receivers verify the signature instead.',
    });
  if (allowPrivateAddresses) return;
  try {
    await assertPublicHost(parsed);
  } catch (error) {
    if (error instanceof BlockedAddressError)
      throw new ValidationError({
        url: `${error.message}. Webhooks go to public addresses only, unless an administrator allows private addresses for this endpoint.`,
      });
    throw new ValidationError({
      url: `Could not find ${parsed.hostname} (${(error as NodeJS.ErrnoException).code ?? 'no answer'}); check the address.`,
    });
  }
}
