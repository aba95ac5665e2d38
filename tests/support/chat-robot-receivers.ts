import { createHmac } from 'node:crypto';
import { startRecordingHttpServer, type RecordedRequest, type RecordingHttpServer } from './recording-http-server.ts';

/**
 * Local stand-ins for the chat platforms that check what the real ones check, computed here from the platforms'
 * documented algorithms (not from the code under test): 钉钉 and 飞书 signatures, the JSON webhook signature, and
 * each platform's message shape and size limit. A failed check is answered the way the platform answers it.
 */

const json = (request: RecordedRequest) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export function startWecomReceiver(): Promise<RecordingHttpServer> {
  return startRecordingHttpServer((request) => {
    const body = json(request) as { msgtype?: string; markdown?: { content?: unknown } };
    if (!new URL(request.url, 'http://x').searchParams.get('key')) return { body: { errcode: 93000, errmsg: 'invalid webhook url' } };
    if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string') return { body: { errcode: 40008, errmsg: 'invalid message type' } };
    if (bytes(body.markdown.content) > 4096) return { body: { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' } };
    return { body: { errcode: 0, errmsg: 'ok' } };
  });
}

export function startDingtalkReceiver(secret: string): Promise<RecordingHttpServer> {
  return startRecordingHttpServer((request) => {
    const query = new URL(request.url, 'http://x').searchParams;
    const timestamp = query.get('timestamp') ?? '';
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    if (query.get('sign') !== expected || Math.abs(Date.now() - Number(timestamp)) > 3_600_000) return { body: { errcode: 310000, errmsg: 'sign not match' } };
    const body = json(request) as {
      msgtype?: string; markdown?: { title?: unknown; text?: unknown };
      actionCard?: { title?: unknown; text?: unknown; btnOrientation?: unknown; btns?: { title?: unknown; actionURL?: unknown }[]; singleTitle?: unknown; singleURL?: unknown };
    };
    // markdown: {title, text}; 独立跳转 actionCard: {title, text (markdown), btnOrientation "0"|"1", btns: [{title, actionURL}]}.
    const content = body.msgtype === 'markdown' ? body.markdown : body.msgtype === 'actionCard' ? body.actionCard : undefined;
    if (!content || typeof content.title !== 'string' || typeof content.text !== 'string') return { body: { errcode: 40035, errmsg: 'missing parameter' } };
    if (body.msgtype === 'actionCard') {
      const card = body.actionCard!;
      const buttons = Array.isArray(card.btns) ? card.btns : [];
      const isSingle = typeof card.singleTitle === 'string' && typeof card.singleURL === 'string';
      if (!isSingle && (buttons.length === 0 || !['0', '1'].includes(String(card.btnOrientation))
        || buttons.some((button) => typeof button.title !== 'string' || typeof button.actionURL !== 'string' || !/^https?:\/\//.test(button.actionURL)))) {
        return { body: { errcode: 40035, errmsg: 'invalid actionCard' } };
      }
    }
    if (bytes(content.text) > 20_000) return { body: { errcode: 460101, errmsg: 'message too long' } };
    return { body: { errcode: 0, errmsg: 'ok' } };
  });
}

export function startFeishuReceiver(secret: string): Promise<RecordingHttpServer> {
  return startRecordingHttpServer((request) => {
    if (request.body.length > 20 * 1024) return { body: { code: 9499, msg: 'request body too large' } };
    const body = json(request) as {
      timestamp?: string; sign?: string; msg_type?: string; content?: { post?: { zh_cn?: { title?: unknown; content?: unknown } } };
      card?: { header?: { title?: { tag?: unknown; content?: unknown } }; elements?: Record<string, unknown>[] };
    };
    const expected = createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64');
    if (body.sign !== expected || Math.abs(Date.now() / 1000 - Number(body.timestamp)) > 3600) return { body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
    const isPost = body.msg_type === 'post' && typeof body.content?.post?.zh_cn?.title === 'string' && Array.isArray(body.content.post.zh_cn.content);
    // interactive: card.header.title is plain_text; elements are div (text or fields), hr, note, action (buttons with url).
    const isCard = body.msg_type === 'interactive' && body.card?.header?.title?.tag === 'plain_text' && typeof body.card.header.title.content === 'string'
      && Array.isArray(body.card.elements) && body.card.elements.every((element) => ['div', 'hr', 'note', 'action', 'markdown'].includes(String(element.tag))
        && (element.tag !== 'action' || (Array.isArray(element.actions) && (element.actions as { tag?: unknown; url?: unknown; text?: { tag?: unknown } }[])
          .every((button) => button.tag === 'button' && typeof button.url === 'string' && /^https?:\/\//.test(button.url) && button.text?.tag === 'plain_text'))));
    if (!isPost && !isCard) return { body: { code: 9499, msg: 'Bad Request' } };
    return { body: { code: 0, msg: 'success', data: {} } };
  });
}

export function startWebhookReceiver(secret: string, port = 0): Promise<RecordingHttpServer> {
  return startRecordingHttpServer((request) => {
    const timestamp = String(request.headers['x-yuqing-timestamp'] ?? '');
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body.toString('utf8')}`).digest('hex')}`;
    if (request.headers['x-yuqing-signature'] !== expected) return { status: 401, body: { error: 'bad signature' } };
    return { status: 204, body: '' };
  }, port);
}
