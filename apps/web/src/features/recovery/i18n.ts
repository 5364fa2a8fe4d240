import { registerTexts } from '../../i18n/index.ts';

/** Texts of the pages reached from an e-mailed link or "Esqueci minha senha": loaded with those pages. */
export const recoveryPtBR = {
  recovery: {
    title: 'Esqueci minha senha',
    intro: 'Informe o CPF ou o e-mail do seu cadastro. Enviaremos um link para criar uma nova senha.',
    submit: 'Enviar link',
    sent: 'Se houver um cadastro com esse CPF ou e-mail, enviamos um link para o e-mail cadastrado. Ele vale por 30 minutos e funciona uma única vez.',
    resetTitle: 'Criar nova senha',
    resetIntro: 'Escolha uma senha nova. As outras sessões abertas da sua conta serão encerradas.',
    newPassword: 'Nova senha',
    resetSubmit: 'Salvar nova senha',
    done: 'Senha alterada. Você já está conectado.',
    badLink: 'Este link está incompleto. Abra o link do e-mail de novo ou peça outro.',
    askAgain: 'Pedir um novo link',
    confirmTitle: 'Confirmação de e-mail',
    confirming: 'Confirmando seu e-mail…',
    confirmed: 'E-mail confirmado. Obrigado!',
    toAccount: 'Ir para Minha conta',
  },
};
export type RecoveryTranslation = typeof recoveryPtBR;

export const recoveryEn: RecoveryTranslation = {
  recovery: {
    title: 'Forgot my password',
    intro: 'Enter the CPF or e-mail of your registration. We will send a link to create a new password.',
    submit: 'Send link',
    sent: 'If a registration has that CPF or e-mail, we sent a link to its e-mail address. It works for 30 minutes, once.',
    resetTitle: 'Create a new password',
    resetIntro: 'Choose a new password. Your account’s other open sessions will be ended.',
    newPassword: 'New password',
    resetSubmit: 'Save new password',
    done: 'Password changed. You are signed in.',
    badLink: 'This link is incomplete. Open the link in the e-mail again or ask for another.',
    askAgain: 'Ask for a new link',
    confirmTitle: 'E-mail confirmation',
    confirming: 'Confirming your e-mail…',
    confirmed: 'E-mail confirmed. Thank you!',
    toAccount: 'Go to My account',
  },
};

registerTexts({ 'pt-BR': recoveryPtBR, en: recoveryEn });
