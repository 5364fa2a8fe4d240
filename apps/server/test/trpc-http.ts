/** Plain HTTP calls to tRPC, to assert on status codes, headers and raw error bodies. */
export async function trpcMutation(
  baseUrl: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as TrpcBody };
}

export async function trpcQuery(
  baseUrl: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${baseUrl}/trpc/${path}${query}`, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as TrpcBody };
}

/**
 * A client that keeps the session cookie like a browser and sends its own Origin on mutations, as a same-site
 * page would.
 */
export function cookieClient(baseUrl: string) {
  let cookie: string | null = null;
  const remember = (headers: Headers) => {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      if (!pair) continue;
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(line);
      cookie = expired ? null : pair;
    }
  };
  const headers = () => (cookie ? { cookie } : ({} as Record<string, string>));
  return {
    get cookie() {
      return cookie;
    },
    set cookie(value: string | null) {
      cookie = value;
    },
    async mutation(path: string, input: unknown, extra: Record<string, string> = {}) {
      const res = await trpcMutation(baseUrl, path, input, { origin: baseUrl, ...headers(), ...extra });
      remember(res.headers);
      return res;
    },
    async query(path: string, input?: unknown) {
      const res = await trpcQuery(baseUrl, path, input, headers());
      remember(res.headers);
      return res;
    },
  };
}
export type CookieClient = ReturnType<typeof cookieClient>;

export interface TrpcBody {
  result?: { data: unknown };
  error?: {
    message: string;
    code: number;
    data: {
      code: string;
      httpStatus: number;
      reason?: string;
      fieldErrors?: Record<string, string[]> | null;
      conflicts?: Array<{ reason: string; field: string }>;
    };
  };
}
