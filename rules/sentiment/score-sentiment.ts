import type { Token } from '../segmentation/segmenter.ts';
import type { Sentiment, SentimentEvidence, SentimentLabel, SentimentModifier } from './sentiment-result.ts';

/** Which post field evidence comes from. */
export type SentimentField = SentimentEvidence['field'];
import type { SentimentLexicon, StructureMarkerRole } from './sentiment-lexicon.ts';
import { analyseSentenceStructure, type SentenceStructure } from './sentence-structure.ts';
import { findAttributeBefore, splitFusedAttribute } from './attribute-values.ts';

/** Tunable constants of the scorer (documented in rules/README.md). */
export interface SentimentScoringOptions {
  /** |score| below this is labelled neutral. Default 0.1. */
  neutralBand?: number;
  /** Squashing constant: score = S / sqrt(S² + saturation) for the summed weight S. Default 4. */
  saturation?: number;
}

// Factors of the clause rules; named so the README and the evidence agree on them.
const negatedPositiveFactor = -0.8; // 不好 is clearly negative …
const negatedNegativeFactor = -0.5; // … but 不差 is only mildly positive
const negatedDegreeFactor = 0.5; // 不很好: a negated intensifier softens instead
const adversativeLaterFactor = 1.5;
const adversativeEarlierFactor = 0.5;
// 美中不足的是… / 唯一的缺点是… / 小问题: the writer frames the complaint that follows as minor.
const minorFlawFactor = 0.5;
const concessiveFactor = 0.6;
const counterExpectationFactor = 0.3;
// 如果服务再好一点 / 要是有早餐就好了: a hypothetical describes what is not the case, so its words count
// little (irrealis blocking, Taboada et al. 2011); the condition and its consequence share the sentence.
const irrealisFactor = 0.3;
const summaryFactor = 1.5;
// The details before a verdict (…，总的来说还不错) count less, as before 但是.
const summaryEarlierFactor = 0.5;
// A negator that negates no sentiment word (没有热水, 不能上网, 等不到) still leans negative: negation is
// marked, and complaints describe what is missing or does not work (README, "Bare negation").
const bareNegationWeight = -0.3;
// 不用 / 不必 ("no need") reassure rather than complain.
const bareNegationExceptions = new Set(['不用', '不必']);
const exclamationFactors = [1, 1.3, 1.5] as const;
const repeatedSymbolFactor = 0.5;
const rhetoricalMarkerWeight = -0.8;
const emphaticQuestionWeight = -0.6;
// Weibo typography: a trailing tilde is playful (好的~), an ellipsis sighs or trails off (唉……, 算了。。。).
// Both lean the same way in all three tuning corpora (see README, "Punctuation cues").
const tildeWeight = 0.5;
const ellipsisWeight = -0.8;
const notEvenFactor = 1.5;
const cannotBeMoreFactor = 1.6;
const cannotBeMoreNegators = new Set(['不能', '没法', '无法']);
const cannotBeMoreAdverbs = new Set(['更', '再']);
const minimalQuantityCues = new Set(['一点', '一点儿', '一点点', '一丁点', '丝毫']);
const notEvenParticles = new Set(['也', '都']);
const cueLookbackTokens = 3;
const cueBridgeWords = new Set(['是', '那么', '这么', '那样', '这样', '都', '也', '还', '就', '再', '会', '能', '得', '算', '怎么', '一点', '一点儿', '很']);
// A rhetorical marker must sit near the question mark that ends its sentence to turn it around.
const rhetoricalReachTokens = 20;

const variationSelectorsPattern = /[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;
const repeatedCharsPattern = /(.)\1{2,}/gu;
// 好吃啊, 太棒了, 真好呀: sentence-final particles that jieba glues onto the word.
const trailingParticlesPattern = /[了啦呀啊哦的吧呢嘛哈]+$/u;
const aNotAPattern = /^(\p{Script=Han})[不没]\1/u;
/** 开 + 不 + 开心 (the word repeats the token before the negator) or 会 + 不会 (the negator repeats it). */
function isQuestionPair(before: string | undefined, negator: string, word: string): boolean {
  if (!before) return false;
  const negated = negator.slice(1);
  return word.startsWith(before) || (negated !== '' && before.endsWith(negated));
}

// Laughing emoticons and emoji, and 哈哈… / hhh / 233… written out.
const laughterSymbols = new Set(['😂', '🤣', '[笑cry]', '[二哈]', '[doge]', '[允悲]', '[偷笑]', '[哈哈]', '[笑哈哈]']);
const laughterWordPattern = /^(?:哈{2,}|h{3,}|23{2,})$/iu;
const laughterFactor = 0.5;
const isLaughter = (evidence: SentimentEvidence): boolean =>
  evidence.source === 'word' ? laughterWordPattern.test(evidence.text) : laughterSymbols.has(evidence.text.replace(variationSelectorsPattern, ''));
const inlineNegatorChars = new Set(['不', '没', '无', '未', '别']);
const inlineNegatorPattern = /[不没无未别非]/u;
const compoundPredicateMinWeight = 1;

interface WordHit {
  firstToken: number;
  lastToken: number;
  evidence: SentimentEvidence;
}

const isMatchable = (token: Token): boolean => token.kind === 'word' || token.kind === 'number';

/** Longest lexicon entry starting at token `first`, joining up to the entry length in characters. */
function matchLongestEntry(tokens: readonly Token[], first: number, lexicon: SentimentLexicon, structure: SentenceStructure): [number, number] | undefined {
  let joined = '';
  let best: [number, number] | undefined;
  for (let index = first; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token || !isMatchable(token) || structure.clauseOfToken[index] !== structure.clauseOfToken[first]) break;
    joined += token.text;
    if (joined.length > lexicon.longestEntryChars) break;
    const weight = lexicon.weightByWord.get(joined);
    if (weight !== undefined) best = [index, weight];
  }
  return best;
}

/**
 * A fused cue of one or two characters before a word: 不爽 → 不 + 爽, 超好 → 超 + 好, 不太好 → 不太
 * (softened negation) + 好. `weightOf` says what the rest weighs (a lexicon word, or a value under its attribute).
 */
function readFusedCue(text: string, lexicon: SentimentLexicon, weightOf: (rest: string) => number | undefined): { weight: number; modifiers: SentimentModifier[] } | undefined {
  for (const headLength of [2, 1]) {
    const head = text.slice(0, headLength);
    const restWeight = text.length > headLength ? weightOf(text.slice(headLength)) : undefined;
    if (restWeight === undefined) continue;
    const degree = lexicon.degreeByAdverb.get(head);
    const isNegator = lexicon.negators.has(head) || inlineNegatorChars.has(head);
    if (degree === undefined && !isNegator) continue;
    const modifiers: SentimentModifier[] = [];
    let weight = restWeight;
    if (degree !== undefined) {
      weight *= degree;
      modifiers.push({ rule: 'degree', cue: head, factor: degree });
    }
    if (isNegator) {
      const factor = restWeight > 0 ? negatedPositiveFactor : negatedNegativeFactor;
      weight *= factor;
      modifiers.push({ rule: 'negation', cue: head, factor });
    }
    return { weight, modifiers };
  }
  return undefined;
}

/** Fallbacks for one unknown token: 哈哈哈哈 → 哈哈, and fused cues such as 不爽 / 超好 split into cue + word. */
function matchInsideToken(text: string, lexicon: SentimentLexicon): { weight: number; modifiers: SentimentModifier[] } | undefined {
  const collapsed = text.replace(repeatedCharsPattern, '$1$1');
  const trimmed = collapsed.replace(trailingParticlesPattern, '');
  for (const candidate of [collapsed, trimmed]) {
    const weight = candidate !== text && candidate !== '' ? lexicon.weightByWord.get(candidate) : undefined;
    if (weight !== undefined) return { weight, modifiers: [] };
  }
  // 好不好 / 美不美 ask a question (A-not-A); they are not 好 + 不好.
  if (aNotAPattern.test(trimmed)) return undefined;
  const fused = readFusedCue(trimmed, lexicon, (rest) => lexicon.weightByWord.get(rest));
  if (fused) return fused;
  // 态度恶劣 / 服务周到 / 交通便利: jieba keeps some subject–predicate phrases whole; the predicate at the
  // end carries the opinion. Only clear words (|weight| ≥ 1) are read this way, so a noun that happens to
  // end a compound (人员 in 医护人员) is not, and never across a negator (了不起, 从不迟到).
  for (let length = trimmed.length - 1; length >= 2; length -= 1) {
    const head = trimmed.slice(0, trimmed.length - length);
    if (inlineNegatorPattern.test(head)) break;
    const suffix = trimmed.slice(-length);
    const weight = inlineNegatorPattern.test(suffix[0] ?? '') ? undefined : lexicon.weightByWord.get(suffix);
    if (weight !== undefined && Math.abs(weight) >= compoundPredicateMinWeight) return { weight, modifiers: [] };
  }
  return undefined;
}

/**
 * An attribute-dependent value at token `index` (价格 … 高, 房间 … 小, or fused: 价格便宜, 房间太小), with
 * the weight its attribute gives it (lexicon/attribute-values.tsv).
 */
function matchAttributeValue(tokens: readonly Token[], index: number, lexicon: SentimentLexicon, structure: SentenceStructure): { weight: number; modifiers: SentimentModifier[] } | undefined {
  const text = tokens[index]?.text ?? '';
  const table = lexicon.attributeValues;
  if (!table.valueEndings.has(text.at(-1) ?? '')) return undefined;
  const fused = splitFusedAttribute(text, table);
  const attribute = fused?.attribute ?? findAttributeBefore(tokens, index, table, (a, b) => structure.clauseOfToken[a] === structure.clauseOfToken[b]);
  if (attribute === undefined) return undefined;
  const valueText = fused?.rest ?? text;
  const weightOf = (value: string): number | undefined => table.weightByValue.get(value)?.get(attribute);
  const exact = weightOf(valueText);
  const value = exact === undefined ? readFusedCue(valueText, lexicon, weightOf) : { weight: exact, modifiers: [] };
  return value && { weight: value.weight, modifiers: [{ rule: 'attribute', cue: attribute, factor: 1 }, ...value.modifiers] };
}

/** Negators and degree adverbs in the few tokens before a word, nearest first, within its clause. */
function applyCues(hit: WordHit, tokens: readonly Token[], lexicon: SentimentLexicon, structure: SentenceStructure, previousHitEnd: number): void {
  const clause = structure.clauseOfToken[hit.firstToken];
  let negations = 0;
  let degreeFactor = 1;
  let sawIntensifier = false;
  const modifiers: SentimentModifier[] = [];
  for (let index = hit.firstToken - 1; index >= 0 && index > previousHitEnd && hit.firstToken - index <= cueLookbackTokens; index -= 1) {
    if (structure.clauseOfToken[index] !== clause) break;
    const cue = tokens[index]?.text ?? '';
    let degree = lexicon.degreeByAdverb.get(cue);
    // 一点也不好 / 一点都不喜欢: "not even a little" strengthens the negation instead of softening it.
    if (degree !== undefined && minimalQuantityCues.has(cue) && notEvenParticles.has(tokens[index + 1]?.text ?? '')) degree = notEvenFactor;
    const isNegator = lexicon.negators.has(cue);
    // Cues reach the word only across other cues and light words (不 是 很 好, 没有 那么 好);
    // in 不能比我喜欢 the pronoun stops 不能 from negating 喜欢.
    if (degree === undefined && !isNegator) {
      if (cueBridgeWords.has(cue)) continue;
      break;
    }
    if (degree !== undefined) {
      degreeFactor *= degree;
      sawIntensifier ||= degree > 1;
      modifiers.push({ rule: 'degree', cue, factor: degree });
    }
    // 不能更好 / 不能再好了: "could not be more" is a superlative, not a negation.
    if (isNegator && cannotBeMoreNegators.has(cue) && cannotBeMoreAdverbs.has(tokens[index + 1]?.text ?? '')) {
      degreeFactor *= cannotBeMoreFactor;
      modifiers.push({ rule: 'degree', cue, factor: cannotBeMoreFactor });
      break;
    }
    // 开不开心 / 会不会更好 / 是不是很好: A-not-A asks a question; its 不 negates nothing.
    if (isNegator && isQuestionPair(tokens[index - 1]?.text, cue, hit.evidence.text)) break;
    if (isNegator) {
      negations += 1;
      if (sawIntensifier) {
        // 不很好 / 不是非常满意: the negation bites the intensifier, leaving a softened word.
        degreeFactor = negatedDegreeFactor;
        modifiers.push({ rule: 'degree', cue, factor: negatedDegreeFactor });
      }
      modifiers.push({ rule: 'negation', cue, factor: 0 });
    }
  }
  const evidence = hit.evidence;
  let weight = evidence.weight * degreeFactor;
  if (negations % 2 === 1) {
    const factor = evidence.weight > 0 ? negatedPositiveFactor : negatedNegativeFactor;
    weight *= factor;
    for (const modifier of modifiers) if (modifier.rule === 'negation') modifier.factor = factor;
  } else {
    for (const modifier of modifiers) if (modifier.rule === 'negation') modifier.factor = 1;
  }
  evidence.weight = weight;
  evidence.modifiers.push(...modifiers.reverse());
}

function scale(evidence: SentimentEvidence, modifier: SentimentModifier): void {
  evidence.weight *= modifier.factor;
  evidence.modifiers.push(modifier);
}

/** A structure marker (但是, 虽然, 难道 …) spelled by one to three tokens starting at `index`. */
function matchMarker(tokens: readonly Token[], index: number, last: number, lexicon: SentimentLexicon): { role: StructureMarkerRole; text: string } | undefined {
  let joined = '';
  let found: { role: StructureMarkerRole; text: string } | undefined;
  for (let next = index; next <= last && next < index + 3; next += 1) {
    joined += tokens[next]?.text ?? '';
    const role = lexicon.roleByMarker.get(joined);
    if (role) found = { role, text: joined };
  }
  return found;
}

/** Sentence-level rules: adversative/concessive clauses, rhetorical questions, exclamations. */
function applySentenceRules(hits: WordHit[], tokens: readonly Token[], lexicon: SentimentLexicon, structure: SentenceStructure, extra: SentimentEvidence[], fieldOfExtra: SentimentField): void {
  structure.ranges.forEach(([first, last], sentence) => {
    const inSentence = hits.filter((hit) => structure.sentenceOfToken[hit.firstToken] === sentence && hit.evidence.source === 'word');
    let adversativeAt = -1;
    let mildAdversativeAt = -1;
    let minorFlawAt = -1;
    let concessiveAt = -1;
    let rhetoricalAt = -1;
    const counterExpectationAt: number[] = [];
    let irrealisAt = -1;
    let summaryAt = -1;
    const markerText = new Map<number, string>();
    for (let index = first; index <= last; index += 1) {
      const marker = matchMarker(tokens, index, last, lexicon);
      if (!marker) continue;
      markerText.set(index, marker.text);
      if (marker.role === 'adversative') adversativeAt = index;
      else if (marker.role === 'mild-adversative') mildAdversativeAt = index;
      else if (marker.role === 'minor-flaw' && minorFlawAt < 0) minorFlawAt = index;
      else if (marker.role === 'concessive' && concessiveAt < 0) concessiveAt = index;
      else if ((marker.role === 'rhetorical' || marker.role === 'indignant') && rhetoricalAt < 0) rhetoricalAt = index;
      else if (marker.role === 'counter-expectation') counterExpectationAt.push(index);
      else if (marker.role === 'irrealis' && irrealisAt < 0) irrealisAt = index;
      else if (marker.role === 'summary' && summaryAt < 0) summaryAt = index;
    }
    // 本以为很好吃 / 还以为是好消息: what was expected did not happen, so its words count little.
    for (const at of counterExpectationAt) {
      const cue = markerText.get(at) ?? '';
      const clause = structure.clauseOfToken[at];
      for (const hit of inSentence) if (hit.firstToken > at && structure.clauseOfToken[hit.firstToken] === clause) scale(hit.evidence, { rule: 'counter-expectation', cue, factor: counterExpectationFactor });
    }
    if (irrealisAt >= 0) {
      const cue = markerText.get(irrealisAt) ?? '';
      for (const hit of inSentence) if (hit.firstToken > irrealisAt) scale(hit.evidence, { rule: 'irrealis', cue, factor: irrealisFactor });
    }
    // 总之 / 总的来说 / 总体感觉 open the verdict of a review or post: it outweighs the details before it.
    if (summaryAt >= 0) {
      const cue = markerText.get(summaryAt) ?? '';
      for (const hit of inSentence) if (hit.firstToken > summaryAt) scale(hit.evidence, { rule: 'summary', cue, factor: summaryFactor });
      for (const hit of hits) {
        if (hit.lastToken < summaryAt && hit.evidence.source === 'word' && !hit.evidence.modifiers.some((modifier) => modifier.rule === 'summary-earlier')) {
          scale(hit.evidence, { rule: 'summary-earlier', cue, factor: summaryEarlierFactor });
        }
      }
    }
    // 不过 / 只是 are the light adversatives of Chinese grammar (轻转): alone they add a reservation to
    // what came before (环境不错，不过有点贵) and both sides keep their weight; after 虽然 (虽然…不过…)
    // they complete a full turn like 但是.
    const turnAt = adversativeAt >= 0 ? adversativeAt : concessiveAt >= 0 && mildAdversativeAt > concessiveAt ? mildAdversativeAt : -1;
    if (turnAt >= 0) {
      const cue = markerText.get(turnAt) ?? '';
      const before = hits.filter((hit) => hit.lastToken < turnAt && (structure.sentenceOfToken[hit.firstToken] === sentence
        // A sentence that opens with 但是 turns against the sentence before it.
        || (turnAt - first <= 1 && structure.sentenceOfToken[hit.firstToken] === sentence - 1)));
      for (const hit of before) scale(hit.evidence, { rule: 'adversative-earlier', cue, factor: adversativeEarlierFactor });
      for (const hit of inSentence) if (hit.firstToken > turnAt) scale(hit.evidence, { rule: 'adversative-later', cue, factor: adversativeLaterFactor });
    } else if (concessiveAt >= 0) {
      const cue = markerText.get(concessiveAt) ?? '';
      const clause = structure.clauseOfToken[concessiveAt];
      for (const hit of inSentence) if (structure.clauseOfToken[hit.firstToken] === clause) scale(hit.evidence, { rule: 'concessive', cue, factor: concessiveFactor });
    }
    // 美中不足的是早餐品种少 / 唯一的缺点是隔音差: the complaints the frame introduces count as minor.
    if (minorFlawAt >= 0) {
      const cue = markerText.get(minorFlawAt) ?? '';
      for (const hit of inSentence) if (hit.firstToken >= minorFlawAt && hit.evidence.weight < 0) scale(hit.evidence, { rule: 'minor-flaw', cue, factor: minorFlawFactor });
    }
    const ending = structure.endings[sentence];
    if (ending?.isQuestion && rhetoricalAt >= 0 && last - rhetoricalAt <= rhetoricalReachTokens) {
      const cue = markerText.get(rhetoricalAt) ?? '';
      const start = tokens[rhetoricalAt]?.start ?? 0;
      // 难道…吗？ asserts the opposite of what it asks, so its words flip; 凭什么…？ / 有什么用？ protest
      // whatever follows them, so their words keep their sign and the marker itself counts.
      const isIndignant = lexicon.roleByMarker.get(cue) === 'indignant';
      const questioned = isIndignant ? [] : inSentence.filter((hit) => hit.firstToken > rhetoricalAt);
      if (questioned.length === 0) {
        extra.push({ text: cue, field: fieldOfExtra, start, end: start + cue.length, source: 'rhetorical-marker', baseWeight: rhetoricalMarkerWeight, weight: rhetoricalMarkerWeight, modifiers: [{ rule: 'rhetorical-question', cue, factor: 1 }] });
      }
      for (const hit of questioned) scale(hit.evidence, { rule: 'rhetorical-question', cue, factor: -1 });
    }
    // ？？ / ？！ / ！？ end an indignant or incredulous sentence far more often than a neutral one.
    if (ending && (ending.questions >= 2 || (ending.isQuestion && ending.exclamations > 0))) {
      const mark = tokens[ending.endToken];
      if (mark) extra.push({ text: mark.text, field: fieldOfExtra, start: mark.start, end: mark.end, source: 'punctuation', baseWeight: emphaticQuestionWeight, weight: emphaticQuestionWeight, modifiers: [{ rule: 'emphatic-question', cue: mark.text, factor: 1 }] });
    }
    const exclamations = Math.min(ending?.exclamations ?? 0, exclamationFactors.length - 1);
    if (exclamations > 0) {
      for (const hit of hits) {
        if (structure.sentenceOfToken[hit.firstToken] === sentence) scale(hit.evidence, { rule: 'exclamation', cue: '！'.repeat(exclamations), factor: exclamationFactors[exclamations] ?? 1 });
      }
    }
  });
}

/** The punctuation cue a run of punctuation tokens starting at `index` spells, with the run's last token. */
function matchPunctuationCue(tokens: readonly Token[], index: number): { rule: 'tilde' | 'ellipsis'; last: number } | undefined {
  const text = tokens[index]?.text ?? '';
  let last = index;
  while (tokens[last + 1]?.kind === 'punctuation' && tokens[last + 1]?.text === text) last += 1;
  if (text === '~' || text === '～') return { rule: 'tilde', last };
  if (text === '…' || text === '...' || text === '⋯' || (text === '。' && last > index)) return { rule: 'ellipsis', last };
  return undefined;
}

/** True when a sentiment word starts within the cue window after `index`, across light words only. */
function isFollowedByWord(tokens: readonly Token[], index: number, lexicon: SentimentLexicon, structure: SentenceStructure): boolean {
  for (let next = index + 1; next < tokens.length && next - index <= cueLookbackTokens; next += 1) {
    const token = tokens[next];
    if (!token || !isMatchable(token) || structure.clauseOfToken[next] !== structure.clauseOfToken[index]) return false;
    if (matchLongestEntry(tokens, next, lexicon, structure) || matchInsideToken(token.text, lexicon) || matchAttributeValue(tokens, next, lexicon, structure)) return true;
    if (!cueBridgeWords.has(token.text) && !lexicon.degreeByAdverb.has(token.text)) return false;
  }
  return false;
}

/** A negator that negates no sentiment word (没有热水, 不能上网), outside an A-not-A question (去不去). */
function isBareNegation(tokens: readonly Token[], index: number, lexicon: SentimentLexicon, structure: SentenceStructure): boolean {
  const text = tokens[index]?.text ?? '';
  if (!lexicon.negators.has(text) || bareNegationExceptions.has(text)) return false;
  if (isQuestionPair(tokens[index - 1]?.text, text, tokens[index + 1]?.text ?? '')) return false;
  return !isFollowedByWord(tokens, index, lexicon, structure);
}

function findHits(tokens: readonly Token[], lexicon: SentimentLexicon, structure: SentenceStructure, field: SentimentField): WordHit[] {
  const hits: WordHit[] = [];
  const symbolSeen = new Map<string, number>();
  let previousHitEnd = -1;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token) continue;
    if (token.kind === 'punctuation') {
      const cue = matchPunctuationCue(tokens, index);
      if (!cue) continue;
      const lastToken = tokens[cue.last] ?? token;
      const text = tokens.slice(index, cue.last + 1).map((t) => t.text).join('');
      const baseWeight = cue.rule === 'tilde' ? tildeWeight : ellipsisWeight;
      const evidence: SentimentEvidence = { text, field, start: token.start, end: lastToken.end, source: 'punctuation', baseWeight, weight: baseWeight, modifiers: [{ rule: cue.rule, cue: text, factor: 1 }] };
      const seen = symbolSeen.get(cue.rule) ?? 0;
      symbolSeen.set(cue.rule, seen + 1);
      if (seen > 0) scale(evidence, { rule: 'repetition', cue: text, factor: repeatedSymbolFactor ** seen });
      hits.push({ firstToken: index, lastToken: cue.last, evidence });
      index = cue.last;
      continue;
    }
    if (token.kind === 'emoticon' || token.kind === 'emoji') {
      const key = token.kind === 'emoji' ? token.text.replace(variationSelectorsPattern, '') : token.text;
      const baseWeight = lexicon.weightByWord.get(key) ?? lexicon.weightByWord.get(token.text);
      if (baseWeight === undefined) continue;
      const seen = symbolSeen.get(key) ?? 0;
      symbolSeen.set(key, seen + 1);
      const evidence: SentimentEvidence = { text: token.text, field, start: token.start, end: token.end, source: token.kind, baseWeight, weight: baseWeight, modifiers: [] };
      // [泪][泪][泪] is sadder than [泪], but not three times as sad.
      if (seen > 0) scale(evidence, { rule: 'repetition', cue: token.text, factor: repeatedSymbolFactor ** seen });
      hits.push({ firstToken: index, lastToken: index, evidence });
      continue;
    }
    if (!isMatchable(token)) continue;
    const longest = matchLongestEntry(tokens, index, lexicon, structure);
    // 不够 is a word (钱不够) and a negator (不够好): before another sentiment word it acts as the cue.
    if (longest?.[0] === index && lexicon.negators.has(token.text) && isFollowedByWord(tokens, index, lexicon, structure)) continue;
    let hit: WordHit | undefined;
    // 价格很高 / 房间太小: a value word reads by its attribute, unless a longer lexicon entry starts here.
    const attributeValue = longest && longest[0] > index ? undefined : matchAttributeValue(tokens, index, lexicon, structure);
    if (attributeValue) {
      hit = { firstToken: index, lastToken: index, evidence: { text: token.text, field, start: token.start, end: token.end, source: 'word', baseWeight: attributeValue.weight, weight: attributeValue.weight, modifiers: attributeValue.modifiers } };
    } else if (longest) {
      const [lastToken, baseWeight] = longest;
      const end = tokens[lastToken]?.end ?? token.end;
      hit = { firstToken: index, lastToken, evidence: { text: tokens.slice(index, lastToken + 1).map((t) => t.text).join(''), field, start: token.start, end, source: 'word', baseWeight, weight: baseWeight, modifiers: [] } };
    } else {
      const inner = matchInsideToken(token.text, lexicon);
      if (inner) hit = { firstToken: index, lastToken: index, evidence: { text: token.text, field, start: token.start, end: token.end, source: 'word', baseWeight: inner.weight, weight: inner.weight, modifiers: inner.modifiers } };
    }
    if (!hit) {
      if (isBareNegation(tokens, index, lexicon, structure)) {
        const evidence: SentimentEvidence = { text: token.text, field, start: token.start, end: token.end, source: 'word', baseWeight: bareNegationWeight, weight: bareNegationWeight, modifiers: [{ rule: 'bare-negation', cue: token.text, factor: 1 }] };
        const seen = symbolSeen.get('bare-negation') ?? 0;
        symbolSeen.set('bare-negation', seen + 1);
        // Like a repeated emoticon: a post full of negations is not several times as negative (and long
        // news texts, which negate facts in passing, do not pile up negativity).
        if (seen > 0) scale(evidence, { rule: 'repetition', cue: token.text, factor: repeatedSymbolFactor ** seen });
        hits.push({ firstToken: index, lastToken: index, evidence });
      }
      continue;
    }
    applyCues(hit, tokens, lexicon, structure, previousHitEnd);
    hits.push(hit);
    previousHitEnd = hit.lastToken;
    index = hit.lastToken;
  }
  return hits;
}

/** Maps a score to a label with a neutral band around zero. */
export function labelSentimentScore(score: number, neutralBand: number): SentimentLabel {
  if (score >= neutralBand) return 'positive';
  if (score <= -neutralBand) return 'negative';
  return 'neutral';
}

/** Evidence for one field's tokens: every contributing word with its final weight and modifiers. */
export function collectSentimentEvidence(tokens: readonly Token[], lexicon: SentimentLexicon, field: SentimentField = 'content'): SentimentEvidence[] {
  const structure = analyseSentenceStructure(tokens);
  const hits = findHits(tokens, lexicon, structure, field);
  const extra: SentimentEvidence[] = [];
  applySentenceRules(hits, tokens, lexicon, structure, extra, field);
  // 加班到半夜，头发又掉了一把😂: a laugh turns the complaints of its post into a joke at one's own expense.
  const laugh = hits.find((hit) => isLaughter(hit.evidence));
  if (laugh) {
    for (const hit of hits) {
      if (hit.evidence.source === 'word' && hit.evidence.weight < 0) scale(hit.evidence, { rule: 'laughter', cue: laugh.evidence.text, factor: laughterFactor });
    }
  }
  return [...hits.map((hit) => hit.evidence), ...extra].sort((a, b) => a.start - b.start);
}

/** Sums evidence into a score in [-1, 1] (S / sqrt(S² + saturation)) and a label. */
export function summariseSentiment(evidence: SentimentEvidence[], options: SentimentScoringOptions = {}): Sentiment {
  const total = evidence.reduce((sum, item) => sum + item.weight, 0);
  const score = Math.round((total / Math.sqrt(total * total + (options.saturation ?? 4))) * 1e4) / 1e4;
  for (const item of evidence) item.weight = Math.round(item.weight * 1e4) / 1e4;
  return { score, label: labelSentimentScore(score, options.neutralBand ?? 0.1), evidence };
}

/** Scores one tokenised text with the lexicon and clause rules; returns score, label and evidence. */
export function scoreSentiment(tokens: readonly Token[], lexicon: SentimentLexicon, options: SentimentScoringOptions = {}): Sentiment {
  return summariseSentiment(collectSentimentEvidence(tokens, lexicon), options);
}
