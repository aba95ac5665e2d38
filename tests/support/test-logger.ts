import { pino, type Logger } from 'pino';

/** A real logger that stays quiet unless TEST_LOG_LEVEL is set. */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
