import type { Logger } from 'pino';
import type { Config } from '../../../config/config-schema.ts';
import { configuredChannels } from '../../alerts/channels/configured-channels.ts';
import type { ChannelMessage } from '../../alerts/channels/channel-message.ts';
import type { UserDirectory } from '../user-directory.ts';
import type { ReviewNotification } from './notification-store.ts';

/** Titles of the chat message per kind (the in-app texts are in the UI catalogue). */
const titles: Record<ReviewNotification['kind'], string> = {
  approval_requested: '【待审批】', returned: '【回应退回】', approved: '【回应已通过】', escalated: '【上报】', assigned: '【指派】',
  taken_over: '【被接手】', published: '【回应已发布】',
};

/**
 * Sends the notifications of one review change to `review.notificationChannels` as one chat message (the
 * recipients by display name, a link to the post). Failures are logged, never thrown: the in-app notification
 * is already stored, and a chat outage must not fail the reviewer's action.
 */
export async function notifyChannels(notifications: ReviewNotification[], options: { config: Config; directory: UserDirectory; appUrl: string; logger: Logger }): Promise<void> {
  const { config, directory, logger } = options;
  const first = notifications[0];
  if (!first || config.review.notificationChannels.length === 0) return;
  const channels = configuredChannels(config.delivery, { to: [] });
  const link = `${options.appUrl}/posts/${encodeURIComponent(first.postId)}`;
  const facts = [
    { label: '操作人', value: directory.nameOf(first.actor) },
    { label: '通知', value: notifications.map((item) => directory.nameOf(item.recipient)).join('、') },
    ...(first.details?.stage ? [{ label: '环节', value: first.details.stage }] : []),
    ...(first.details?.comment ? [{ label: '意见', value: first.details.comment }] : []),
  ];
  const message: ChannelMessage = {
    kind: 'alert', title: `${titles[first.kind]}${first.postTitle}`.slice(0, 120),
    items: [{ heading: first.postTitle, url: link, facts, actions: [{ label: '在工作台打开', url: link, isPrimary: true }] }],
  };
  await Promise.all(config.review.notificationChannels.map(async (id) => {
    const channel = channels.get(id);
    if (!channel) {
      logger.warn({ channel: id }, 'review.notificationChannels names a channel that is not configured under delivery');
      return;
    }
    try {
      await channel.send(message);
    } catch (error) {
      logger.warn({ channel: id, err: (error as Error).message }, 'could not send a review notification to chat');
    }
  }));
}
