/** Plain HTTP calls to tRPC, to assert on status codes and raw error bodies. */
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
  return { status: res.status, body: (await res.json()) as TrpcBody };
}

export async function trpcQuery(
  baseUrl: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers,
  });
  return { status: res.status, body: (await res.json()) as TrpcBody };
}

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
