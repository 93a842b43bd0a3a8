/**
 * Delivery of messages to applicant organisations beyond the portal (e-mail, SMS …). The
 * message itself is a row written in the transition's transaction (the portal's inbox); the
 * notifier is told after that transaction commits, so a failure to deliver never undoes a
 * transition. The default only logs; a deployment supplies its own through `buildApp`.
 */
import type { FastifyBaseLogger } from 'fastify';

export interface Notification {
  orgId: string;
  applicationId: string | null;
  text: string;
}

export interface Notifier {
  send(m: Notification): Promise<void>;
}

/** Logs each message (pino, info) and delivers nothing else. */
export function loggingNotifier(log: FastifyBaseLogger | undefined): Notifier {
  return {
    async send(m) {
      log?.info({ notification: { orgId: m.orgId, applicationId: m.applicationId } }, 'message to applicant');
    },
  };
}

/** Sends each notification, logging (never throwing) a failure. */
export async function deliver(
  notifier: Notifier,
  log: FastifyBaseLogger | undefined,
  list: readonly Notification[],
): Promise<void> {
  for (const m of list) {
    try {
      await notifier.send(m);
    } catch (err) {
      log?.warn({ err, applicationId: m.applicationId }, 'notification not delivered');
    }
  }
}
