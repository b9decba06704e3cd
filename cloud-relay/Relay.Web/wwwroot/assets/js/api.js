// The relay's HTTP API, with the session's antiforgery token on every state-changing call.

let antiforgeryToken = null;
let onSessionLost = () => {};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Called when the relay answers 401: the session expired or the account was disabled. */
export function whenSessionLost(handler) {
  onSessionLost = handler;
}

export async function session() {
  const current = await request('GET', '/api/session');
  antiforgeryToken = current.antiforgeryToken;
  return current;
}

export async function login(user, password) {
  if (!antiforgeryToken) {
    await session();
  }
  const signedIn = await request('POST', '/api/session/login', { user, password }, { quietOn401: true });
  antiforgeryToken = signedIn.antiforgeryToken;
  return signedIn;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});

async function request(method, path, body, { quietOn401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (antiforgeryToken) {
      headers['X-CSRF-TOKEN'] = antiforgeryToken;
    }
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 204) {
    return null;
  }
  const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
  const payload = isJson ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && !quietOn401) {
      onSessionLost();
    }
    throw new ApiError(response.status, payload);
  }
  return payload;
}
