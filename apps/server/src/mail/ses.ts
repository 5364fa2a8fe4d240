import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, MailMessage } from './mailer.ts';

export interface SesSettings {
  region: string;
  /** Only for an emulator (moto in the tests); on AWS the SDK's default (or AWS_ENDPOINT_URL_SESV2). */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Sends through Amazon SES v2 (`ses:SendEmail`, declared in aws-actions.ts) from a verified address. */
export function createSesMailer(settings: SesSettings, from: string): Mailer & { client: SESv2Client } {
  const client = new SESv2Client({
    region: settings.region,
    endpoint: settings.endpoint,
    ...(settings.credentials && { credentials: settings.credentials }),
  });
  return {
    client,
    async send(message: MailMessage) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
  };
}
