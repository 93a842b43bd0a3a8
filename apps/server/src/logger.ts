/**
 * The server's structured log: pino JSON lines with the request id. Secrets never reach it —
 * cookies, CSRF tokens, authorisation headers and passwords are redacted wherever they appear.
 */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers["x-csrf-token"]',
  'body.password',
  'password',
  'csrfToken',
  'token',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { pid: process.pid } },
    destination,
  );
}
