import { registerTexts } from '../../i18n/index.ts';

/**
 * Texts of Meus dados: loaded with Minha conta's pages, so the first load does not carry them.
 */
export const accountAreaPtBR = {
  accessLogLink: 'Quem acessou meus dados',
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
    purposes: { terms: 'Termos de uso e aviso de privacidade', marketing: 'Novidades e ofertas por e-mail' },
  },
};
export type AccountAreaTranslation = typeof accountAreaPtBR;

export const accountAreaEn: AccountAreaTranslation = {
  accessLogLink: 'Who accessed my data',
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
    purposes: { terms: 'Terms of use and privacy notice', marketing: 'News and offers by e-mail' },
  },
};

registerTexts({ 'pt-BR': accountAreaPtBR, en: accountAreaEn });
