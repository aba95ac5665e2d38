import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './page-layout.ts';

/** A duration as people read it: 45 分钟, 3 小时 20 分, 2 天 (English: 45 min, 3 h 20 min, 2 d). */
export function durationText(minutes: number, english: boolean): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return english ? `${total} min` : `${total} 分钟`;
  if (total < 48 * 60) {
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    return english ? `${hours} h${rest ? ` ${rest} min` : ''}` : `${hours} 小时${rest ? ` ${rest} 分` : ''}`;
  }
  return english ? `${Math.round(total / 1440)} d` : `${Math.round(total / 1440)} 天`;
}

/**
 * The remaining time to a post's handling deadline, or how long it is overdue (red); `data-deadline` carries the
 * deadline itself for scripts and tests.
 */
export function slaBadge(deadline: Date, context: PageContext, now = new Date()): SafeHtml {
  const minutes = (deadline.getTime() - now.getTime()) / 60_000;
  const english = context.language === 'en';
  const isOverdue = minutes < 0;
  return html`<span class="sla ${isOverdue ? 'sla-overdue' : minutes < 30 ? 'sla-soon' : 'sla-ok'}" data-deadline="${deadline.toISOString()}">${isOverdue ? context.t.sla.overdue(durationText(-minutes, english)) : context.t.sla.remaining(durationText(minutes, english))}</span>`;
}
