import { validateDetailed } from 'node-cron';
import { z } from 'zod';

/**
 * A schedule that node-cron — the parser the scheduler itself uses — accepts: 5 fields (minute hour day month
 * weekday) or 6 (seconds first). Impossible dates (`* * 31 2 *`), out-of-range values (`61 * * * *`) and zero
 * steps (`*\/0`) are refused here instead of when the scheduler starts.
 */
export function cronExpression(example = '*/15 * * * *') {
  return z.string().superRefine((expression, ctx) => {
    const result = validateDetailed(expression);
    if (result.valid) return;
    const reasons = result.errors.map((error) => error.message).join('; ');
    ctx.addIssue({ code: 'custom', message: `"${expression}" is not a schedule node-cron accepts (${reasons}); expected 5 or 6 fields, e.g. "${example}"` });
  });
}
