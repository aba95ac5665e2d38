import type { FastifyRequest } from 'fastify';
import type { Messages } from './i18n/messages-zh-cn.ts';
import { isUiLanguage, messagesFor, type UiLanguage } from './i18n/ui-language.ts';
import type { ReviewServices } from './review-services.ts';
import type { PageContext } from './view/page-layout.ts';
import type { Actor } from './posts/review-actions.ts';

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

/** Everything a signed-in page needs to render. */
export function pageContextOf(request: FastifyRequest, services: ReviewServices): PageContext {
  const viewer = viewerOf(request);
  const language = requestLanguage(request, services);
  return {
    t: messagesFor(language), language, user: viewer.user, csrfToken: viewer.session.csrfToken,
    review: services.config.review, timeZone: services.config.pipeline.timeZone, path: request.url,
  };
}

/** The client address and request id recorded in audit entries. */
export function auditOrigin(request: FastifyRequest): { clientAddress: string; requestId: string } {
  return { clientAddress: request.ip, requestId: String(request.id) };
}
