/** One plain-text e-mail to one address. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where e-mail goes: Amazon SES on AWS (`ses.ts`), an outbox folder on the local default (`outbox.ts`). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * A mailer made on the first message (a failed making is tried again on the next): `main.ts` loads the SES
 * client this way, so a server that sends no e-mail never evaluates it.
 */
export function lazyMailer(create: () => Promise<Mailer>): Mailer {
  let made: Promise<Mailer> | undefined;
  return {
    async send(message) {
      made ??= create().catch((error: unknown) => {
        made = undefined;
        throw error;
      });
      await (await made).send(message);
    },
  };
}
