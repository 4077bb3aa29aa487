// The one way pages talk to the services. `query` calls the query side's routes on this origin;
// `command` calls the command side's through this origin's pass-through, /console/command/...
// (docs/routes.md says which side serves a route). Both add the bearer token, turn JSON in and out,
// and turn every refusal into an ApiError whose `message` is fit to show: a localized text for
// the problem's code when strings.js has one ('problem.<code>'), the server's own detail for
// rule breaks (400, 409, 410), and friendly texts for 403, 404, 429, 5xx. A 401 is never shown:
// the session ends and the console asks to sign in again (see session.js).
import { token, end } from './session.js';
import { t, has } from './strings.js';
import { readNdjson } from './ndjson.js';

/** A refused or failed request. */
export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem || {};
    /** The stable problem code (the end of the problem type), e.g. 'email-taken'. */
    this.code = (this.problem.type || '').split(':').pop() || null;
    /** Field errors: [{ field, message }] from a validation problem. */
    this.fields = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** Tagged template for paths: every interpolated value is URL-encoded (path`/api/x/${id}`). */
export function path(strings, ...values) {
  return strings.reduce((built, part, i) => built + part + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}

function withQuery(url, params) {
  if (!params) return url;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of [value].flat()) query.append(name, String(one));
  }
  const text = query.toString();
  return text ? url + (url.includes('?') ? '&' : '?') + text : url;
}

function message(status, problem, retryAfter) {
  const code = (problem && problem.type || '').split(':').pop();
  if (code && has('problem.' + code)) return t('problem.' + code, { seconds: retryAfter || 1 });
  if (status === 403) return t('error.forbidden');
  if (status === 404) return t('error.notFound');
  if (status === 429) return t('error.throttled', { seconds: retryAfter || 1 });
  if (status === 503) return t('error.busy');
  if (status >= 500) return t('error.server');
  return (problem && (problem.detail || problem.title)) || t('error.generic');
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch (e) {
      return null;
    }
  }
  return null;
}

/**
 * One request. options: { params, body (JSON), raw (a Blob/File/string sent as is), contentType,
 * accept, signal, anonymous (no token, for sign-in) }. Resolves to the Response when ok.
 */
async function send(base, method, url, options = {}) {
  const headers = {};
  if (!options.anonymous) {
    const bearer = token();
    if (!bearer) throw new ApiError(401, null, t('signIn.expired'));
    headers.Authorization = 'Bearer ' + bearer;
  }
  let body;
  if (options.raw !== undefined) {
    body = options.raw;
    headers['Content-Type'] = options.contentType || 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  headers.Accept = options.accept || 'application/json, application/problem+json';
  let response;
  try {
    response = await fetch(withQuery(base + url, options.params), { method, headers, body, signal: options.signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null, t('error.network'));
  }
  if (response.ok) return response;
  const problem = await problemOf(response);
  if (response.status === 401 && !options.anonymous) end('expired');
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  const error = new ApiError(response.status, problem, message(response.status, problem, retryAfter));
  error.retryAfter = retryAfter;
  throw error;
}

async function json(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

function uploadWithProgress(url, file, contentType, onProgress) {
  const bearer = token();
  if (!bearer) return Promise.reject(new ApiError(401, null, t('signIn.expired')));
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Authorization', 'Bearer ' + bearer);
    request.setRequestHeader('Content-Type', contentType);
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    request.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
    request.addEventListener('error', () => reject(new ApiError(0, null, t('error.network'))));
    request.addEventListener('load', () => {
      let body = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch (e) {
        body = null;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(body);
        return;
      }
      if (request.status === 401) end('expired');
      const retryAfter = Number(request.getResponseHeader('Retry-After')) || null;
      const error = new ApiError(request.status, body, message(request.status, body, retryAfter));
      error.retryAfter = retryAfter;
      reject(error);
    });
    request.send(file);
  });
}

function side(base) {
  return {
    /** GET → parsed JSON. */
    get: async (url, params, options = {}) => json(await send(base, 'GET', url, { ...options, params })),
    post: async (url, body, options = {}) => json(await send(base, 'POST', url, { ...options, body })),
    put: async (url, body, options = {}) => json(await send(base, 'PUT', url, { ...options, body })),
    delete: async (url, options = {}) => json(await send(base, 'DELETE', url, options)),
    /**
     * POSTs a file as it is (e.g. a CSV upload with contentType 'text/csv') → parsed JSON.
     * onProgress(sent, total) hears the upload's progress (fetch cannot tell it; XMLHttpRequest can).
     */
    upload: (url, file, contentType, onProgress = () => {}) => uploadWithProgress(base + url, file, contentType, onProgress),
    /** The raw Response, for callers that read headers or stream the body. */
    send: (method, url, options) => send(base, method, url, options),
    /**
     * Downloads a file the server names (Content-Disposition) and saves it: a link cannot carry the
     * bearer token, so the file is fetched, then saved from a Blob. → the file name.
     */
    download: async (url, params, fallbackName) => {
      const response = await send(base, 'GET', url, { params, accept: '*/*' });
      const blob = await response.blob();
      const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = named ? named[1] : fallbackName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      return link.download;
    },
    /**
     * Follows an NDJSON stream: onMessage(object) per line until signal aborts; reconnects after a
     * drop or a 503 (waiting Retry-After). onState('live' | 'reconnecting' | error) reports the state.
     */
    stream: async (url, params, onMessage, onState, signal) => {
      while (!signal.aborted) {
        try {
          const response = await send(base, 'GET', url, { params: typeof params === 'function' ? params() : params,
            accept: 'application/x-ndjson', signal });
          onState('live');
          await readNdjson(response, onMessage);
        } catch (e) {
          if (signal.aborted) return;
          if (e instanceof ApiError && e.status !== 503 && e.status !== 0) {
            onState(e);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, ((e.retryAfter || 1) * 1000)));
        }
        if (!signal.aborted) onState('reconnecting');
      }
    },
  };
}

/** The query side's routes (this origin). */
export const query = side('');
/** The command side's routes, through the query side's pass-through. */
export const command = side('/console/command');
