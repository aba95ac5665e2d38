/** Thrown when a local server cannot be fetched, unpacked or started; the message says what was tried and what failed. */
export class ProvisionError extends Error {
  override name = 'ProvisionError';
}
