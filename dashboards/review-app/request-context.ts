import type { FastifyRequest } from 'fastify';
import type { Messages } from './i18n/messages-zh-cn.ts';
import { isUiLanguage, messagesFor, type UiLanguage } from './i18n/ui-language.ts';
import type { ReviewServices } from './review-services.ts';
import type { PageContext } from './view/page-layout.ts';
import type { Actor } from './posts/review-actions.ts';
import { alertChannelStatus } from '../alerts/channel-status.ts';
import { checkChainStaffing } from './posts/approval-chain.ts';
import type { PublicUser } from './auth/review-user.ts';

/** Cookie that remembers the language chosen before signing in. */
export const languageCookieName = 'yuqing_lang';

/** The UI language of a request: the user's choice, else the language cookie, else the configured default. */
export function requestLanguage(request: FastifyRequest, services: ReviewServices): UiLanguage {
  const fromUser = request.viewer?.user.language;
  if (isUiLanguage(fromUser)) return fromUser;
  const fromCookie = request.cookies[languageCookieName];
  return isUiLanguage(fromCookie) ? fromCookie : services.config.review.language;
}

/** The text catalogue for a request. */
export function requestMessages(request: FastifyRequest, services: ReviewServices): Messages {
  return messagesFor(requestLanguage(request, services));
}

/** The signed-in user of a request (access control has run, so it is always there on non-public routes). */
export function viewerOf(request: FastifyRequest): NonNullable<FastifyRequest['viewer']> {
  if (!request.viewer) throw new Error('route reached without a signed-in user');
  return request.viewer;
}

/** The actor of a request, for review actions and audit entries. */
export function actorOf(request: FastifyRequest): Actor {
  const { user } = viewerOf(request);
  return { username: user.username, role: user.role };
}

/** The chain staffing problems as sentences (empty when every level's chain can be completed). */
export function chainStaffingProblems(services: ReviewServices, t: Messages, english: boolean): string[] {
  const stageName = (stage: { name: string; nameEn: string }) => (english ? stage.nameEn : stage.name);
  return checkChainStaffing(services.directory.active(), services.config.review).filter((chain) => !chain.isStaffed).map((chain) => t.chain.staffingProblem(
    t.levels[chain.level] ?? chain.level, chain.stages.map(stageName).join(' → '), chain.needed,
    chain.unfilled.map((slot) => (slot.kind === 'author' ? t.chain.author : stageName(slot.stage))).join('、'),
  ));
}

/** Warnings shown on every page: alerts that reach nobody (to those on duty), an approval chain nobody can finish (to admins). */
function pageBanners(user: PublicUser, services: ReviewServices, t: Messages, english: boolean): string[] {
  const banners: string[] = [];
  const { config } = services;
  if (user.role !== 'commentator' && user.role !== 'analyst' && config.alerts.enabled && !alertChannelStatus(config).some((channel) => channel.isConfigured)) {
    banners.push(t.alertsScreen.noChannel);
  }
  if (user.role === 'admin') banners.push(...chainStaffingProblems(services, t, english));
  return banners;
}

/** Everything a signed-in page needs to render. */
export function pageContextOf(request: FastifyRequest, services: ReviewServices): PageContext {
  const viewer = viewerOf(request);
  const language = requestLanguage(request, services);
  const t = messagesFor(language);
  return {
    t, language, user: viewer.user, csrfToken: viewer.session.csrfToken,
    review: services.config.review, timeZone: services.config.pipeline.timeZone, path: request.url,
    nameOf: (username) => services.directory.nameOf(username), screens: services.screens,
    banners: pageBanners(viewer.user, services, t, language === 'en'),
  };
}

/** The client address and request id recorded in audit entries. */
export function auditOrigin(request: FastifyRequest): { clientAddress: string; requestId: string } {
  return { clientAddress: request.ip, requestId: String(request.id) };
}
