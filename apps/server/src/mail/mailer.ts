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
