import { registerTexts } from '../../i18n/index.ts';

/**
 * Texts of Meus dados: loaded with Minha conta's pages, so the first load does not carry them.
 */
export const accountAreaPtBR = {
  myData: {
    title: 'Meus dados',
    intro:
      'Tudo o que guardamos sobre você, em {{date}}. Você pode imprimir esta página ou baixar o mesmo conteúdo em JSON.',
    print: 'Imprimir',
    view: 'Ver meus dados',
    confirmed: 'confirmado',
    unconfirmed: 'não confirmado',
    createdAt: 'Cadastrado em',
    updatedAt: 'Atualizado em',
    consent: '{{purpose}}: versão {{version}} dos termos, aceito em {{granted}}.',
    revoked: 'Revogado em {{date}}.',
    history: 'Histórico',
    byStaff: 'pela equipe',
    purposes: { terms: 'Termos de uso e aviso de privacidade', marketing: 'Novidades e ofertas por e-mail' },
    events: {
      registered: 'Cadastro',
      updated: 'Dados alterados',
      consent_granted: 'Consentimento dado',
      consent_revoked: 'Consentimento revogado',
      exported: 'Cópia dos dados',
      email_confirmed: 'E-mail confirmado',
      password_changed: 'Senha alterada',
      attachment_confirmed: 'Documento enviado',
      attachment_refused: 'Documento recusado',
      attachment_removed: 'Documento removido',
      restore_requested: 'Restauração de documento pedida',
    },
  },
};
export type AccountAreaTranslation = typeof accountAreaPtBR;

export const accountAreaEn: AccountAreaTranslation = {
  myData: {
    title: 'My data',
    intro:
      'Everything we hold about you, as of {{date}}. You can print this page or download the same content as JSON.',
    print: 'Print',
    view: 'See my data',
    confirmed: 'confirmed',
    unconfirmed: 'not confirmed',
    createdAt: 'Registered on',
    updatedAt: 'Updated on',
    consent: '{{purpose}}: terms version {{version}}, accepted on {{granted}}.',
    revoked: 'Revoked on {{date}}.',
    history: 'History',
    byStaff: 'by staff',
    purposes: { terms: 'Terms of use and privacy notice', marketing: 'News and offers by e-mail' },
    events: {
      registered: 'Registration',
      updated: 'Data changed',
      consent_granted: 'Consent given',
      consent_revoked: 'Consent revoked',
      exported: 'Copy of the data',
      email_confirmed: 'E-mail confirmed',
      password_changed: 'Password changed',
      attachment_confirmed: 'Document sent',
      attachment_refused: 'Document refused',
      attachment_removed: 'Document removed',
      restore_requested: 'Document restore requested',
    },
  },
};

registerTexts({ 'pt-BR': accountAreaPtBR, en: accountAreaEn });
