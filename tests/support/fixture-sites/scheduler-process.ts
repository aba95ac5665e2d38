// A separate process running the source scheduler the way `yuqing start` does, for the graceful
// shutdown test: SIGTERM stops the scheduler (in-flight requests finish, the segment is closed,
// state is saved) and the process exits 0. Usage: node --import tsx scheduler-process.ts <config.json>
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { parseConfig } from '../../../config/load-config.ts';
import { startSourceScheduler } from '../../../crawlers/source-scheduler.ts';

const config = parseConfig(JSON.parse(readFileSync(process.argv[2]!, 'utf8')), 'scheduler-process', {});
const scheduler = startSourceScheduler(config, {
  logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  runImmediately: true,
  onRunFinished: (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  },
});
process.once('SIGTERM', () => {
  void scheduler.stop().then(() => process.exit(0));
});
process.stdout.write('scheduler started\n');
