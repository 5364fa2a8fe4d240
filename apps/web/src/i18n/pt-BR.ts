import type { ErrorReason, ValidationMessage } from '@cadastro/contracts';

/** Every message key the API and the shared schemas can produce has a text here: the types enforce it. */
const validation: Record<ValidationMessage, string> = {
  required: 'Preencha este campo.',
  too_short: 'Texto curto demais.',
  too_long: 'Texto longo demais.',
  name_full_required: 'Informe nome e sobrenome.',
  name_invalid_chars: 'Use apenas letras, espaços, apóstrofo, ponto ou hífen.',
  cpf_invalid: 'CPF inválido. Confira os 11 números.',
  email_invalid: 'E-mail inválido. Exemplo: nome@exemplo.com.br',
  phone_invalid: 'Telefone inválido. Informe o DDD e o número.',
  cep_invalid: 'CEP inválido. Informe os 8 números.',
  uf_invalid: 'Selecione o estado.',
  date_invalid: 'Data inválida.',
  underage: 'É preciso ter 18 anos ou mais para se cadastrar.',
  birth_date_too_old: 'Confira o ano de nascimento.',
  consent_required: 'Para continuar, aceite os termos de uso.',
  terms_outdated: 'Os termos de uso mudaram. Recarregue a página e aceite a versão atual.',
};

const reasons: Record<ErrorReason, string> = {
  VALIDATION: 'Alguns dados estão inválidos. Confira os campos destacados.',
  CPF_TAKEN: 'CPF já cadastrado',
  EMAIL_TAKEN: 'E-mail já cadastrado',
  NOT_FOUND: 'Não encontrado.',
  UNAUTHENTICATED: 'Entre na sua conta para continuar.',
  FORBIDDEN: 'Você não tem permissão para isso.',
  INVALID_CURSOR: 'A lista mudou. Recarregue a página.',
  VERSION_CONFLICT: 'Estes dados foram alterados em outro lugar. Recarregue a página.',
  RATE_LIMITED: 'Muitas tentativas seguidas. Aguarde um pouco e tente de novo.',
  ARCHIVED: 'Este arquivo está arquivado e precisa ser restaurado antes do download.',
};

export const ptBR = {
  app: {
    name: 'Cadastro',
    skipToContent: 'Pular para o conteúdo',
    languageLabel: 'Idioma',
    footer: 'Seus dados são tratados de acordo com a Lei Geral de Proteção de Dados (LGPD).',
  },
  register: {
    title: 'Crie seu cadastro',
    intro: 'Leva só alguns minutos. Todos os campos são obrigatórios, exceto os marcados como opcionais.',
    sections: {
      personal: 'Dados pessoais',
      contact: 'Contato',
      address: 'Endereço',
      consent: 'Termos de uso',
    },
    fields: {
      name: 'Nome completo',
      cpf: 'CPF',
      birthDate: 'Data de nascimento',
      email: 'E-mail',
      phone: 'Celular ou telefone',
      address: {
        cep: 'CEP',
        street: 'Rua, avenida',
        number: 'Número',
        complement: 'Complemento',
        district: 'Bairro',
        city: 'Cidade',
        uf: 'Estado (UF)',
      },
      consent: { accepted: 'Aceite dos termos' },
    },
    hints: {
      cpf: 'Só os números; a pontuação aparece sozinha.',
      phone: 'Com DDD.',
      cep: '8 números.',
      complement: 'Apartamento, bloco, sala…',
    },
    optional: 'opcional',
    ufPlaceholder: 'Selecione',
    consent: 'Li e aceito os termos de uso e a política de privacidade (versão {{version}}).',
    consentHint: 'Usamos seus dados só para o cadastro e você pode pedir a exclusão quando quiser.',
    submit: 'Cadastrar',
    submitting: 'Enviando…',
  },
  errorSummary: {
    title: 'Não foi possível enviar o cadastro',
    fields: 'Corrija os campos abaixo:',
  },
  done: {
    title: 'Cadastro concluído',
    thanks: 'Obrigado, {{name}}! Seu cadastro foi recebido.',
    protocol: 'Protocolo',
    registeredAt: 'Data',
    keep: 'Guarde o número do protocolo caso precise falar com a gente.',
    again: 'Voltar ao início',
  },
  notFound: {
    title: 'Página não encontrada',
    text: 'O endereço pode estar errado ou a página mudou de lugar.',
    home: 'Ir para o cadastro',
  },
  errors: {
    unexpected: 'Não foi possível concluir agora. Verifique sua conexão e tente de novo.',
  },
  validation,
  reasons,
};

export type Translation = typeof ptBR;
