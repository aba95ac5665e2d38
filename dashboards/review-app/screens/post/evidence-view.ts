import type { Config } from '../../../../config/config-schema.ts';
import type { PostDocument } from '../../../../pipeline/post-document.ts';
import { html, type SafeHtml } from '../../view/html.ts';
import { badge, type PageContext } from '../../view/page-layout.ts';
import type { StoredRuleHit } from '../rules/stored-rule-hit.ts';
import { explainRisk, hitsBySeverity, readableTerm, type ScoreContribution } from './risk-explanation.ts';
import type { StoredEvidence } from './stored-analysis.ts';

const formatNumber = (value: number) => value.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
const signed = (value: number, digits = 1) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;

/** The legend of the two highlight styles in the post text. */
export function highlightLegend(context: PageContext): SafeHtml {
  const { t } = context;
  return html`<div class="legend small" aria-label="${t.evidence.legend}"><span class="muted">${t.evidence.legend}：</span>
    <mark class="hit">${t.evidence.legendHit}</mark> <span class="sent-neg">${t.evidence.legendNeg}</span> <span class="sent-pos">${t.evidence.legendPos}</span></div>`;
}

/** A bar of `points` on a scale of `max` (inline SVG: the CSP allows no inline styles, and SVG attributes are not styles). */
function bar(points: number, max: number, kind: string): SafeHtml {
  const width = Math.max(0.5, Math.min(100, (Math.abs(points) / Math.max(1, max)) * 100));
  return html`<svg class="contribution-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="bar-${points < 0 ? 'minus' : kind}" x="0" y="0" width="${width.toFixed(1)}" height="10"></rect></svg>`;
}

function contributionLabel(part: ScoreContribution, context: PageContext): string {
  const { t } = context;
  switch (part.kind) {
    case 'base': return part.input ? t.evidence.base(t.levels[String(part.input)] ?? String(part.input)) : t.evidence.baseNegative;
    case 'extra': return t.evidence.extra;
    case 'negativity': return `${t.evidence.boostNegativity}（${Number(part.input).toFixed(2)}）`;
    case 'engagement': return `${t.evidence.boostEngagement}（${Number(part.input).toFixed(2)}）`;
    case 'growth': return `${t.evidence.boostGrowth}（${Number(part.input).toFixed(2)}）`;
    case 'other': return t.evidence.otherFactors;
    default: return t.post.breakdownLabels[part.kind] ?? part.kind;
  }
}

/** A matched term; a single character is shown inside its context (…被骗八「万」元…), never alone. */
function termChip(text: string, match: StoredRuleHit['matches'][number], className: string): SafeHtml {
  const readable = readableTerm(text, match.term, match.start, match.end);
  return readable.before || readable.after
    ? html`<span class="word ${className} word-context">…${readable.before}<b>${readable.term}</b>${readable.after}…</span>`
    : html`<span class="word ${className}">${readable.term}</span>`;
}

/** The risk panel: one sentence that says why, the score taken apart with bars, the rules with their terms, ids tucked away. */
export function renderRiskPanel(post: PostDocument, hits: StoredRuleHit[], context: PageContext, weights: Config['analysis']['riskWeights']): SafeHtml {
  const { t } = context;
  const risk = post.risk;
  if (!risk) return html`<section class="panel" id="risk"><h2>${t.post.riskTitle}</h2><p class="muted">—</p></section>`;
  const explanation = explainRisk(risk, weights);
  const ordered = hitsBySeverity(hits);
  const interactions = post.engagementTotal ?? Object.values(post.engagement ?? {}).reduce((sum, value) => sum + (value ?? 0), 0);
  const summary = [
    ordered.length ? t.evidence.summaryRules(ordered[0]!.ruleName ?? ordered[0]!.ruleId, new Set(ordered.map((hit) => hit.ruleId)).size) : t.evidence.summaryNoRules,
    t.evidence.negativity(explanation.negativity),
    t.evidence.engagement(formatNumber(interactions)),
    ...(explanation.ceiling ? [t.evidence.ceiling(t.levels[explanation.ceiling] ?? explanation.ceiling)] : []),
    ...(explanation.isCapped && !explanation.ceiling ? [t.evidence.capped] : []),
  ].join('；');
  const text = `${post.title ?? ''}\n${post.content}`;
  const textOf = (field: string | undefined) => (field === 'title' ? post.title ?? '' : field === 'content' ? post.content : text);
  const scale = Math.max(100, explanation.uncapped);
  const rows = explanation.contributions.map((part) => html`<tr data-kind="${part.kind}"><th scope="row">${contributionLabel(part, context)}</th>
    <td class="bar-cell">${bar(part.points, scale, part.kind)}</td><td class="num">${signed(part.points)}</td></tr>`);
  const hitItems = ordered.map((hit) => html`<li data-rule-id="${hit.ruleId}">
    <div><span class="hit-name">${hit.ruleName ?? hit.ruleId}</span> ${hit.severity ? badge('level', hit.severity, t.levels[hit.severity] ?? hit.severity) : ''}
      <span class="muted small">${t.categories[hit.category ?? ''] ?? hit.category ?? ''}</span></div>
    <div class="evidence">${dedupeMatches(hit.matches).map((match) => termChip(textOf(match.field), match, 'word-hit'))}</div>
  </li>`);
  return html`<section class="panel" id="risk">
    <h2>${t.post.riskTitle}</h2>
    <p class="risk-summary"><b class="score-${risk.level}">${Math.round(risk.score)}</b> ${badge('level', risk.level, t.levels[risk.level] ?? risk.level)} <span class="risk-reason">${summary}</span></p>
    <h3>${t.evidence.formulaTitle}</h3>
    <p class="small muted">${t.evidence.formula}</p>
    <table class="contributions"><tbody>${rows}
      <tr class="total"><th scope="row">${t.evidence.total}</th><td></td><td class="num">${formatNumber(explanation.uncapped)}</td></tr>
      ${explanation.isCapped ? html`<tr class="total capped"><th scope="row">${explanation.ceiling ? t.evidence.ceiling(t.levels[explanation.ceiling] ?? explanation.ceiling) : t.evidence.cappedAt}</th><td></td><td class="num">${formatNumber(risk.score)}</td></tr>` : ''}
    </tbody></table>
    ${explanation.extra.length ? html`<dl class="kv small">${explanation.extra.map((entry) => html`<dt>${t.post.breakdownLabels[entry.key] ?? entry.key}</dt><dd>${typeof entry.value === 'number' ? formatNumber(entry.value) : entry.value}</dd>`)}</dl>` : ''}
    <h3>${t.post.hits} <span class="count">${ordered.length}</span></h3>
    ${hitItems.length ? html`<ul class="hit-list">${hitItems}</ul>` : html`<p class="muted">${t.post.noHits}</p>`}
    ${ordered.length ? html`<details class="disclosure ids"><summary>${t.evidence.details}</summary><ul class="small mono">${ordered.map((hit) => html`<li>${hit.ruleId}${hit.packVersion ? ` · ${hit.packId ?? ''}@${hit.packVersion}` : ''}</li>`)}</ul></details>` : ''}
  </section>`;
}

function dedupeMatches(matches: StoredRuleHit['matches']): StoredRuleHit['matches'] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const key = match.term ?? '';
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The sentiment panel: a summary (label, score, how many expressions, the strongest), then every item generically —
 * its kind, its text (in context when it is one character), its weight, and the rules that changed it by name.
 */
export function renderSentimentPanel(post: PostDocument, evidence: StoredEvidence[], context: PageContext): SafeHtml {
  const { t } = context;
  const sentiment = post.sentiment;
  if (!sentiment) return html`<section class="panel" id="sentiment"><h2>${t.post.sentimentTitle}</h2><p class="muted">—</p></section>`;
  const weightOf = (item: StoredEvidence) => item.weight ?? item.contribution ?? 0;
  const items = [...evidence].sort((a, b) => Math.abs(weightOf(b)) - Math.abs(weightOf(a)));
  const strongest = items[0];
  const fieldText = (item: StoredEvidence) => (item.field === 'title' ? post.title ?? '' : post.content);
  return html`<section class="panel" id="sentiment">
    <h2>${t.post.sentimentTitle}</h2>
    <p class="risk-summary">${badge('sentiment', sentiment.label, t.sentiments[sentiment.label] ?? sentiment.label)}
      <span class="risk-reason">${t.evidence.sentimentSummary(t.sentiments[sentiment.label] ?? sentiment.label, signed(sentiment.score, 2), items.length)}${strongest ? `；${t.evidence.strongest}：${strongest.text ?? strongest.label ?? ''} ${signed(weightOf(strongest), 2)}` : ''}</span></p>
    ${items.length ? html`<ul class="evidence-list">${items.map((item) => {
      const kind = item.source ?? item.kind ?? '';
      const readable = readableTerm(fieldText(item), item.text ?? item.label, item.start, item.end);
      return html`<li data-kind="${kind}"><span class="muted small evidence-kind">${t.evidence.sources[kind] ?? kind}</span>
        <span class="word ${weightOf(item) < 0 ? 'word-neg' : 'word-pos'}">${readable.before ? html`…${readable.before}<b>${readable.term}</b>${readable.after}…` : readable.term}</span>
        <span class="num">${signed(weightOf(item), 2)}</span>
        ${item.modifiers.length ? html`<span class="small muted">${item.modifiers.map((modifier) => `${t.evidence.rules[modifier.rule ?? ''] ?? modifier.rule ?? ''}${modifier.cue ? `「${modifier.cue}」` : ''}${modifier.factor !== undefined ? ` ×${modifier.factor}` : ''}`).join('，')}</span>` : ''}
      </li>`;
    })}</ul>` : html`<p class="muted">${t.post.noEvidence}</p>`}
  </section>`;
}
