import { destination, pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** The process logger: readable lines on stderr for people, JSON lines when YUQING_LOG_FORMAT=json for machines. */
export function createLogger(level: string): Logger {
  if (process.env.YUQING_LOG_FORMAT === 'json') return pino({ level }, destination(2));
  return pino({ level }, pretty({ destination: 2, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true, colorize: process.stderr.isTTY }));
}
