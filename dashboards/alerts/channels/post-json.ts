import type { ChannelId } from '../../../config/delivery-schema.ts';
import { ChannelDeliveryError } from './channel-message.ts';

/** POSTs a JSON body and returns the parsed JSON answer; network errors, timeouts, 429 and 5xx are retryable failures. */
export async function postJson(channel: ChannelId, url: string, body: string, options: { timeoutSeconds: number; headers?: Record<string, string> }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      body,
      signal: AbortSignal.timeout(options.timeoutSeconds * 1000),
    });
  } catch (error) {
    throw new ChannelDeliveryError(channel, `request failed: ${(error as Error).message}`, true);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new ChannelDeliveryError(channel, `HTTP ${response.status}: ${text.slice(0, 300)}`, response.status === 429 || response.status >= 500);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ChannelDeliveryError(channel, `answer is not JSON: ${text.slice(0, 300)}`, false);
  }
}
