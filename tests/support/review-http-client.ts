/** A signed-in HTTP client of the review app: keeps the session cookie and sends the CSRF token. */
export interface ReviewHttpClient {
  username: string;
  cookie: string;
  csrfToken: string;
  /** Sends a request; JSON bodies are encoded; `csrf: false` leaves the token out. */
  send(method: string, path: string, options?: { body?: unknown; csrf?: boolean; headers?: Record<string, string> }): Promise<{ status: number; body: unknown; text: string; headers: Headers }>;
}

/** Signs in through POST /api/session. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<ReviewHttpClient> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }), redirect: 'manual',
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  const body = await response.json() as { csrfToken: string };
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  return {
    username, cookie, csrfToken: body.csrfToken,
    async send(method, path, options = {}) {
      const headers: Record<string, string> = { cookie, ...(options.csrf === false ? {} : { 'x-csrf-token': body.csrfToken }), ...options.headers };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const result = await fetch(`${baseUrl}${path}`, { method, headers, redirect: 'manual', ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
      const text = await result.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // HTML or CSV: keep the text.
      }
      return { status: result.status, body: parsed, text, headers: result.headers };
    },
  };
}
