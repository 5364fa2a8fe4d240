import { TERMS_VERSION } from '@cadastro/contracts';

/** One section of a legal text: a heading and its paragraphs or list items. */
export interface LegalSection {
  heading: string;
  paragraphs?: string[];
  items?: string[];
}
interface LegalText {
  title: string;
  sections: LegalSection[];
}
type Localised = { 'pt-BR': LegalText; en: LegalText };

/** Who answers for the data (LGPD Art. 5 VI) and its data protection officer (encarregado, Art. 41). */
const CONTROLLER = {
  name: 'Cadastro Serviços Digitais Ltda.',
  address: 'Av. Paulista, 1578, Bela Vista, São Paulo/SP, 01310-200',
  email: 'privacidade@cadastro.example',
  dpo: 'Ana Beatriz Moura',
  dpoEmail: 'encarregado@cadastro.example',
};

/**
 * The texts of each version, kept side by side: a version, once accepted by someone, never changes. A new text
 * is a new entry here and a new TERMS_VERSION in the contracts.
 */
export const LEGAL_TEXTS: Record<string, { effective: string; terms: Localised; privacy: Localised }> = {
  '2026-11': {
    effective: '2026-11-01',
    terms: {
      'pt-BR': {
        title: 'Termos de uso',
        sections: [
          {
            heading: 'O serviço',
            paragraphs: [
              `O Cadastro, oferecido por ${CONTROLLER.name}, permite criar e manter o seu cadastro de cliente, enviar documentos e consultar, corrigir, baixar ou excluir os seus dados.`,
            ],
          },
          {
            heading: 'Sua conta',
            items: [
              'Informe dados verdadeiros e mantenha-os atualizados em Minha conta.',
              'A senha é pessoal; se suspeitar que alguém a conhece, troque-a em "Esqueci minha senha".',
              'É preciso ter 18 anos ou mais para se cadastrar.',
            ],
          },
          {
            heading: 'Documentos',
            paragraphs: [
              'Envie apenas documentos seus, em PDF, JPEG ou PNG. Documentos com mais de 90 dias são arquivados e podem levar algumas horas para ficar disponíveis de novo.',
            ],
          },
          {
            heading: 'Encerramento',
            paragraphs: [
              'Você pode excluir sua conta a qualquer momento em Minha conta. O tratamento dos seus dados segue o Aviso de privacidade da mesma versão.',
            ],
          },
        ],
      },
      en: {
        title: 'Terms of use',
        sections: [
          {
            heading: 'The service',
            paragraphs: [
              `Cadastro, offered by ${CONTROLLER.name}, lets you create and keep your customer registration, send documents, and see, correct, download or delete your data.`,
            ],
          },
          {
            heading: 'Your account',
            items: [
              'Give true data and keep it up to date under My account.',
              'Your password is personal; if you suspect someone knows it, change it under "Forgot my password".',
              'You must be 18 or older to register.',
            ],
          },
          {
            heading: 'Documents',
            paragraphs: [
              'Send only your own documents, as PDF, JPEG or PNG. Documents older than 90 days are archived and may take a few hours to be available again.',
            ],
          },
          {
            heading: 'Closing your account',
            paragraphs: [
              'You can delete your account at any time under My account. Your data is processed as the Privacy notice of the same version describes.',
            ],
          },
        ],
      },
    },
    privacy: {
      'pt-BR': {
        title: 'Aviso de privacidade',
        sections: [
          {
            heading: 'Quem trata os seus dados (LGPD, art. 9º, III e IV)',
            paragraphs: [
              `Controlador: ${CONTROLLER.name}, ${CONTROLLER.address}, ${CONTROLLER.email}.`,
              `Encarregado pelo tratamento de dados pessoais (art. 41): ${CONTROLLER.dpo}, ${CONTROLLER.dpoEmail}.`,
            ],
          },
          {
            heading: 'O que coletamos',
            items: [
              'Nome, CPF, data de nascimento, e-mail, telefone e endereço, informados por você no cadastro.',
              'Os documentos que você enviar.',
              'Os registros de aceite dos termos e dos consentimentos, e o histórico de alterações do cadastro.',
              'Registros técnicos de acesso (data, hora, endereço IP), sem CPF, e-mail, telefone ou senha.',
            ],
          },
          {
            heading: 'Para quê e com que base legal (art. 9º, I, e art. 7º)',
            items: [
              'Identificar você e manter o seu cadastro: execução do contrato (art. 7º, V).',
              'Cumprir obrigações legais e regulatórias: art. 7º, II.',
              'Segurança e prevenção a fraudes, com os registros de acesso: legítimo interesse (art. 7º, IX).',
              'Enviar novidades e ofertas, só se você marcar essa opção: consentimento (art. 7º, I), revogável em Minha conta.',
            ],
          },
          {
            heading: 'Por quanto tempo (art. 9º, II)',
            items: [
              'Dados do cadastro e documentos: enquanto a conta existir. Ao excluí-la, são apagados na hora; fica apenas o registro de que a exclusão ocorreu e quando.',
              'Cópias de segurança: até o fim do prazo de retenção dos backups; uma restauração nunca traz de volta uma conta excluída.',
              'Registros de acesso: 14 dias.',
            ],
          },
          {
            heading: 'Com quem compartilhamos (art. 9º, V)',
            paragraphs: [
              'Os dados ficam na Amazon Web Services, que presta o serviço de infraestrutura ao controlador. Não vendemos nem cedemos os seus dados.',
            ],
          },
          {
            heading: 'Seus direitos (art. 9º, VII, e art. 18)',
            paragraphs: [
              'Em Minha conta você confirma, acessa, corrige, baixa (em JSON ou página para imprimir) e exclui os seus dados, e revoga consentimentos. Para qualquer outro pedido, escreva ao encarregado. Você também pode reclamar à ANPD.',
            ],
          },
        ],
      },
      en: {
        title: 'Privacy notice',
        sections: [
          {
            heading: 'Who processes your data (LGPD Art. 9 III and IV)',
            paragraphs: [
              `Controller: ${CONTROLLER.name}, ${CONTROLLER.address}, ${CONTROLLER.email}.`,
              `Data protection officer (encarregado, Art. 41): ${CONTROLLER.dpo}, ${CONTROLLER.dpoEmail}.`,
            ],
          },
          {
            heading: 'What we collect',
            items: [
              'Name, CPF, date of birth, e-mail, phone and address, as you give them when registering.',
              'The documents you send.',
              'Records of your acceptance of the terms and of consents, and the history of changes to your registration.',
              'Technical access records (date, time, IP address), without CPF, e-mail, phone or password.',
            ],
          },
          {
            heading: 'Why, and on what legal basis (Art. 9 I and Art. 7)',
            items: [
              'To identify you and keep your registration: performance of a contract (Art. 7 V).',
              'To meet legal and regulatory obligations: Art. 7 II.',
              'Security and fraud prevention, with the access records: legitimate interest (Art. 7 IX).',
              'To send news and offers, only if you tick that option: consent (Art. 7 I), revocable under My account.',
            ],
          },
          {
            heading: 'For how long (Art. 9 II)',
            items: [
              'Registration data and documents: while the account exists. When you delete it they are erased at once; only the record that the deletion happened, and when, remains.',
              'Backups: until the end of the backup retention period; a restore never brings a deleted account back.',
              'Access records: 14 days.',
            ],
          },
          {
            heading: 'Who we share with (Art. 9 V)',
            paragraphs: [
              'The data is stored at Amazon Web Services, which provides the infrastructure to the controller. We neither sell nor give away your data.',
            ],
          },
          {
            heading: 'Your rights (Art. 9 VII and Art. 18)',
            paragraphs: [
              'Under My account you confirm, see, correct, download (as JSON or as a printable page) and delete your data, and revoke consents. For anything else, write to the data protection officer. You may also complain to the ANPD.',
            ],
          },
        ],
      },
    },
  },
};

/** The version customers accept now: the one the pages show and the registration form sends. */
export const CURRENT_LEGAL = { version: TERMS_VERSION, ...LEGAL_TEXTS[TERMS_VERSION]! };
