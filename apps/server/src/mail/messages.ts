import { EMAIL_CONFIRMATION_TTL_HOURS, PASSWORD_RESET_TTL_MINUTES } from '@cadastro/contracts';

/**
 * The e-mails the service sends, Portuguese first and English below: the account keeps no language preference,
 * and the link works in either (the page opens in the browser's remembered language).
 */
export type AccountMail =
  | { kind: 'password_reset'; link: string }
  | { kind: 'email_confirmation'; link: string }
  | { kind: 'password_changed' }
  | { kind: 'account_erased' };

interface Text {
  subject: string;
  body: string;
}

const ptBR = (mail: AccountMail): Text => {
  switch (mail.kind) {
    case 'password_reset':
      return {
        subject: 'Redefinição de senha',
        body: `Recebemos um pedido para redefinir a senha do seu cadastro. Para escolher uma nova senha, abra o link abaixo em até ${PASSWORD_RESET_TTL_MINUTES} minutos. Ele funciona uma única vez:\n\n${mail.link}\n\nSe você não pediu, ignore este e-mail: sua senha continua a mesma.`,
      };
    case 'email_confirmation':
      return {
        subject: 'Confirme seu e-mail',
        body: `Confirme que este endereço é seu abrindo o link abaixo em até ${EMAIL_CONFIRMATION_TTL_HOURS} horas:\n\n${mail.link}\n\nSe você não fez um cadastro ou não mudou seu e-mail, ignore esta mensagem.`,
      };
    case 'password_changed':
      return {
        subject: 'Sua senha foi alterada',
        body: 'A senha do seu cadastro acabou de ser alterada, e as outras sessões abertas foram encerradas.\n\nSe não foi você, peça uma nova senha em "Esqueci minha senha" e fale com a gente.',
      };
    case 'account_erased':
      return {
        subject: 'Sua conta foi excluída',
        body: 'Seu cadastro e seus documentos foram excluídos, como prevê a LGPD (art. 18, VI). Guardamos apenas o registro de que a exclusão ocorreu e quando.\n\nSe não foi você quem pediu, fale com a gente.',
      };
  }
};

const en = (mail: AccountMail): Text => {
  switch (mail.kind) {
    case 'password_reset':
      return {
        subject: 'Password reset',
        body: `We received a request to reset the password of your registration. To choose a new password, open the link below within ${PASSWORD_RESET_TTL_MINUTES} minutes. It works only once:\n\n${mail.link}\n\nIf you did not ask for it, ignore this e-mail: your password stays the same.`,
      };
    case 'email_confirmation':
      return {
        subject: 'Confirm your e-mail',
        body: `Confirm that this address is yours by opening the link below within ${EMAIL_CONFIRMATION_TTL_HOURS} hours:\n\n${mail.link}\n\nIf you did not register or change your e-mail, ignore this message.`,
      };
    case 'password_changed':
      return {
        subject: 'Your password was changed',
        body: 'The password of your registration was just changed, and your other open sessions were ended.\n\nIf it was not you, ask for a new password under "Forgot my password" and contact us.',
      };
    case 'account_erased':
      return {
        subject: 'Your account was deleted',
        body: 'Your registration and your documents were deleted, as Brazil’s LGPD (Art. 18 VI) provides. We keep only the record that the deletion happened and when.\n\nIf you did not ask for it, contact us.',
      };
  }
};

/** Subject and text of one e-mail, in both languages. */
export function composeAccountMail(mail: AccountMail): { subject: string; text: string } {
  const pt = ptBR(mail);
  const english = en(mail);
  return {
    subject: `Cadastro: ${pt.subject} / ${english.subject}`,
    text: `${pt.body}\n\n— English —\n\n${english.body}\n\nCadastro\n`,
  };
}
