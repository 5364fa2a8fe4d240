/// <reference path="./types/pino-roll.d.ts" />
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import pino, { type Logger, type LoggerOptions } from 'pino';
import pinoRoll from 'pino-roll';

/**
 * Never written in clear. Personal data (CPF, e-mail, phone), secrets (passwords, cookies, API keys) and procedure
 * input wherever they would appear in a log object; on top of that, no code logs them (see `requestSerializer`).
 */
const PERSONAL_KEYS = [
  'cpf',
  'email',
  'phone',
  'password',
  'passwordHash',
  'name',
  'birthDate',
  'address',
  'input',
];
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'req.body',
  'req.query',
  ...PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`]),
];

/** The request as logged: no query string (tRPC GET calls carry their input there), no headers but a few. */
export function requestSerializer(req: FastifyRequest) {
  return {
    method: req.method,
    url: req.url.split('?')[0],
    remoteAddress: req.ip,
    userAgent: req.headers['user-agent'],
  };
}

export interface LoggerSettings {
  level: LoggerOptions['level'];
  /** Rolled log files go here (DATA_DIR/logs); omitted: stdout only. */
  dir?: string;
  fileSize?: string;
  retainedFiles?: number;
  /**
   * Where the stdout copy goes; tests pass a capture stream. `false`: none, the files are the only writer (under
   * systemd, where stdout is the journal and a second copy of every line would be a second log to rotate).
   */
  stdout?: Writable | false;
}

/**
 * pino JSON lines to stdout and, when `dir` is given, to daily- and size-rolled files with retention: pino-roll
 * is the one rotation of DATA_DIR/logs.
 */
export async function createLogger(
  settings: LoggerSettings,
): Promise<{ logger: Logger; close(): Promise<void> }> {
  const streams: pino.StreamEntry[] =
    settings.stdout === false ? [] : [{ stream: settings.stdout ?? process.stdout }];
  let file: Awaited<ReturnType<typeof pinoRoll>> | undefined;
  if (settings.dir) {
    file = await pinoRoll({
      file: join(settings.dir, 'cadastro'),
      extension: '.log',
      frequency: 'daily',
      dateFormat: 'yyyy-MM-dd',
      size: settings.fileSize ?? '10m',
      limit: { count: settings.retainedFiles ?? 14 },
      mkdir: true,
    });
    streams.push({ stream: file });
  }
  const logger = pino(
    {
      level: settings.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: requestSerializer as never,
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    // One destination (the unit's case: files only) is written to directly, without multistream's fan-out.
    streams.length === 1 ? streams[0]!.stream : pino.multistream(streams),
  );
  return {
    logger,
    async close() {
      if (!file) return;
      const stream = file;
      await new Promise<void>((resolve) => {
        stream.flush?.(() => resolve());
      }).catch(() => {});
      if (stream.destroyed) return;
      // Resolved once the file is closed: a roll still reopening the next file finishes first (pino-roll's
      // SonicBoom waits for it), so nothing writes to DATA_DIR/logs after close() returns.
      const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
      stream.end();
      await closed;
    },
  };
}
