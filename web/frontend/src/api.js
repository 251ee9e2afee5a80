// The app's JSON API seen from the browser: same-origin fetch with the session cookie and the
// CSRF token, JSON in and out, and errors the pages can tell apart (offline, conflict, refused).

export class NetworkError extends Error {
  constructor(cause) {
    super(gettext("The network is not answering. Nothing was lost; try again."));
    this.name = "NetworkError";
    this.cause = cause;
  }
}

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
  }

  // 412: the version sent in If-Match is no longer the current one.
  get isConflict() {
    return this.status === 412 || this.status === 409;
  }
}

function detailOf(body) {
  if (!body) return "";
  if (typeof body.detail === "string") return body.detail;
  if (Array.isArray(body.detail)) return body.detail.map((item) => item.msg || String(item)).join(" ");
  return "";
}

export class Api {
  // `base` is the API root ("/api/v1/"), `csrfToken` the page's CSRF token.
  constructor(base, csrfToken) {
    this.base = base;
    this.csrfToken = csrfToken;
  }

  url(path) {
    return this.base + path.replace(/^\//, "");
  }

  // Sends one request; `body` is JSON unless it is FormData. Resolves to {data, etag, status}.
  async request(method, path, { body, etag, signal } = {}) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") headers["X-CSRFToken"] = this.csrfToken;
    if (etag) headers["If-Match"] = etag;
    let payload = body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers,
        body: payload,
        credentials: "same-origin",
        signal,
      });
    } catch (error) {
      if (error.name === "AbortError") throw error;
      throw new NetworkError(error);
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!response.ok) throw new ApiError(response.status, detailOf(data), data);
    return { data, etag: response.headers.get("ETag"), status: response.status };
  }

  get(path, options) {
    return this.request("GET", path, options);
  }

  post(path, body, options = {}) {
    return this.request("POST", path, { ...options, body });
  }

  put(path, body, options = {}) {
    return this.request("PUT", path, { ...options, body });
  }

  patch(path, body, options = {}) {
    return this.request("PATCH", path, { ...options, body });
  }

  delete(path, options) {
    return this.request("DELETE", path, options);
  }
}
